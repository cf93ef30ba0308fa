import type { Sharp, SharpOptions } from 'sharp';
import { PICTURE_SIZES, PICTURE_VARIANTS, type PictureFile } from '../../platform/operations.js';

type SharpFactory = (input?: Uint8Array, options?: SharpOptions) => Sharp;
let loading: Promise<SharpFactory> | null = null;

/** sharp, loaded on the first picture: every CLI command would otherwise pay for its native library at start. */
function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // Every image is new: libvips' operation cache would only hold memory (up to 50 MB) for nothing.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

/** Images over this many pixels are refused before they are decoded (a 5000×5000 photo is the largest taken). */
export const PICTURE_PIXEL_LIMIT = 25_000_000;

/**
 * Moodle resamples with GD's imagecopyresampled (an area average). Bicubic is closer to it than sharp's default
 * lanczos3 (on the bench's photos, 48.9 against 46.2 dB PSNR at 512, both far above what JPEG q90 itself keeps,
 * 38 dB) and costs 9% fewer instructions per picture, the 512 square and the two small sizes together. Linear
 * would cost 4.7% fewer instructions again, but it moves the JPEG files 42 dB (38.5 at worst) from bicubic's at
 * 512 and no closer to GD (49.5 against 50.1 dB before JPEG), so it was not taken.
 */
const RESAMPLING = 'cubic';

/** The formats a picture archive may hold, told by their first bytes, never by the file name. */
type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** A picture made from an image, or why it could not be. */
export type Conversion =
  | { readonly ok: true; readonly files: readonly PictureFile[] }
  | { readonly ok: false; readonly code: 'USERPICTURES_FAKE_IMAGE' }
  | { readonly ok: false; readonly code: 'USERPICTURES_TOO_MANY_PIXELS'; readonly params: { width: number; height: number; limit: number } }
  | { readonly ok: false; readonly code: 'USERPICTURES_UNREADABLE'; readonly params: { reason: string } };

/**
 * Makes Moodle's three sizes of a user picture from an image (Moodle's `process_new_icon`): the centred square,
 * 512, 100 and 35 pixels wide, PNG (transparency kept), or JPEG at quality 90 for a JPEG. The image is checked
 * first: its bytes must start like a PNG, JPEG, GIF or WebP and its header must declare at most
 * PICTURE_PIXEL_LIMIT pixels, so that neither a disguised file nor a decompression bomb is decoded.
 *
 * @example
 * const picture = await convertPicture(bytes);
 * if (picture.ok) await platform.run('setUserPictures', [{ userId, files: picture.files }]);
 */
export async function convertPicture(bytes: Uint8Array): Promise<Conversion> {
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, code: 'USERPICTURES_FAKE_IMAGE' };
  const options = { limitInputPixels: PICTURE_PIXEL_LIMIT, failOn: 'error', sequentialRead: true } as const;
  const sharp = await loadSharp();
  try {
    const metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
    if (metadata.format !== format) return { ok: false, code: 'USERPICTURES_FAKE_IMAGE' };
    const width = metadata.width ?? 0;
    const height = metadata.pageHeight ?? metadata.height ?? 0;
    if (width * height > PICTURE_PIXEL_LIMIT) return { ok: false, code: 'USERPICTURES_TOO_MANY_PIXELS', params: { width, height, limit: PICTURE_PIXEL_LIMIT } };
    const largest = PICTURE_SIZES.f3;
    const square = await sharp(bytes, options).rotate().resize(largest, largest, { fit: 'cover', position: 'centre', kernel: RESAMPLING }).raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: square.info.width, height: square.info.height, channels: square.info.channels } };
    // One decoding pipeline, then one per size from its raw square (sharp wraps the raw buffer, it copies nothing).
    // Measured on the bench's photos, every other layout cost more instructions per picture: 35 from a 100 raw
    // +1.2% (a fifth pipeline), 512 encoded while decoding and the small sizes from that JPEG +4.4%, each size
    // decoded from the source (shrink-on-load) +19%.
    const files = await Promise.all(
      PICTURE_VARIANTS.map(async (variant): Promise<PictureFile> => {
        const size = PICTURE_SIZES[variant];
        const image = size === largest ? sharp(square.data, raw) : sharp(square.data, raw).resize(size, size, { kernel: RESAMPLING });
        const content = format === 'jpeg' ? await image.jpeg({ quality: 90, optimiseCoding: false }).toBuffer() : await image.png().toBuffer();
        return { variant, mimetype: format === 'jpeg' ? 'image/jpeg' : 'image/png', content };
      }),
    );
    return { ok: true, files };
  } catch (error) {
    return { ok: false, code: 'USERPICTURES_UNREADABLE', params: { reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) } };
  }
}

/** The format the bytes start like (magic numbers), or null for anything else (SVG, HTML, a script…). */
function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const starts = (signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}
