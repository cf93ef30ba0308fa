import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import yazl from 'yazl';

/** Distinct photos generated; the archive cycles through them (decoding costs the same whatever the picture). */
const DISTINCT = 50;

/** A photo-like JPEG of `size`×`size`: gradients under noise, which compresses as a camera picture does. */
async function makePhoto(size, seed) {
  const pixels = Buffer.alloc(size * size * 3);
  let noise = seed * 2654435761;
  for (let i = 0; i < pixels.length; i += 3) {
    noise = (noise * 1103515245 + 12345) >>> 0;
    const x = (i / 3) % size;
    const y = Math.floor(i / 3 / size);
    pixels[i] = ((x * 200) / size + seed * 3 + (noise & 31)) & 255;
    pixels[i + 1] = ((y * 180) / size + ((noise >> 5) & 31)) & 255;
    pixels[i + 2] = (((x + y) * 90) / size + seed * 7 + ((noise >> 10) & 31)) & 255;
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Writes `userpictures_bench.zip`: `count` JPEG photos of `size`×`size` named after the users of generateUsersFile
 * by idnumber (`ID00000001.jpg`…), deflated as archivers do.
 */
export async function generatePicturesZip(path, count, size) {
  const photos = [];
  for (let seed = 0; seed < DISTINCT; seed++) photos.push(await makePhoto(size, seed));
  const zip = new yazl.ZipFile();
  for (let i = 1; i <= count; i++) zip.addBuffer(photos[i % DISTINCT], `photos/ID${String(i).padStart(8, '0')}.jpg`);
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'finish');
}

/**
 * The same, in a child process. The measured CLI must not be forked from a process that once held the archive:
 * Linux carries a process's peak RSS across exec, and yazl keeps every compressed entry until the end.
 */
export function generatePicturesZipApart(path, count, size) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), path, String(count), String(size)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`generating ${path} failed`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, count, size] = process.argv.slice(2);
  await generatePicturesZip(path, Number(count), Number(size));
}
