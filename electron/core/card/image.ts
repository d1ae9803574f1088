import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Gray } from '../../../shared/card/preprocess';

/**
 * A card photo's pixels in the core, decoded in plain JavaScript (pngjs, jpeg-js: no native
 * build, the same in Electron, the browser host and the CLI), for the QR code printed on the
 * card (jsQR). The renderer finds the QR with html5-qrcode before it asks; the CLI and a caller
 * that sent none get it found here, so the QR wins over the text on every path.
 */
export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  data: Uint8Array;
}

/** A photo up to 40 megapixels is decoded (a 12 MP phone photo is ~48 MB of RGBA). */
const MAX_MEMORY_MB = 200;

/** The photo's pixels, or null for a type decoded only by Tesseract (WebP) or bytes that are not one. */
export function decodePixels(bytes: Uint8Array, mime: string): Pixels | null {
  try {
    if (mime === 'image/png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: png.data };
    }
    if (mime === 'image/jpeg') {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: MAX_MEMORY_MB });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch {
    // Tesseract reads what these cannot, or refuses it with card.unreadable itself.
  }
  return null;
}

/** jsQR's time grows with the pixels; a card's QR code is still ~100 px wide at this size. */
const QR_MAX_SIDE = 1600;

/** Every `step`-th pixel in each direction: enough for a QR code's modules, cheap to make. */
function shrink(p: Pixels, step: number): Pixels {
  const width = Math.floor(p.width / step);
  const height = Math.floor(p.height / step);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((y * step) * p.width + x * step) * 4;
      data.set(p.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The text of a QR code in the picture, or undefined (the usual case: most cards carry none). */
export function findQr(p: Pixels): string | undefined {
  const step = Math.max(1, Math.ceil(Math.max(p.width, p.height) / QR_MAX_SIDE));
  const small = step > 1 ? shrink(p, step) : p;
  const clamped = new Uint8ClampedArray(small.data.buffer, small.data.byteOffset, small.data.byteLength);
  const code = jsQR(clamped, small.width, small.height, { inversionAttempts: 'dontInvert' });
  return code?.data || undefined;
}

/** A grey picture as a PNG for Tesseract (fast deflate: it is read once and thrown away). */
export function grayPng(g: Gray): Buffer {
  const png = new PNG({ width: g.width, height: g.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(g.data.buffer, g.data.byteOffset, g.data.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 1 });
}
