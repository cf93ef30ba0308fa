import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
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
