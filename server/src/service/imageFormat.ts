/**
 * The real format and pixel size of an icon, read from its first bytes as a browser sniffs them: the registry
 * storefront and Kasm's dashboard show a JPEG named `.png` fine (kasm-format.md §11).
 */

export type ImageFormat = 'PNG' | 'JPEG' | 'GIF' | 'WebP' | 'ICO' | 'SVG';

export interface ImageFacts {
  format: ImageFormat;
  /** Pixel size; undefined for SVG (a vector image) or where the header does not say. */
  width?: number;
  height?: number;
}

/** Icons are a few KB (Kasm's largest is under 1 MB): a larger file is not read, and reported. */
export const ICON_MAX_BYTES = 4 * 1024 * 1024;

/** Browsers refuse a PNG larger than the format allows (2³¹ − 1 pixels a side). */
const PNG_MAX_SIDE = 2 ** 31 - 1;

/** The extensions each format is usually saved with. */
export const FORMAT_EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  PNG: ['.png'], JPEG: ['.jpg', '.jpeg'], GIF: ['.gif'], WebP: ['.webp'], ICO: ['.ico'], SVG: ['.svg'],
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * What image the bytes of a whole file are, or undefined when they are none a browser shows: the format from the
 * first bytes, and for PNG, GIF and JPEG a complete file (a PNG's chunks and their checksums, an end marker).
 */
export function sniffImage(head: Uint8Array): ImageFacts | undefined {
  const facts = sniffHeader(head);
  return facts && isComplete(head, facts.format) ? facts : undefined;
}

function isComplete(bytes: Uint8Array, format: ImageFormat): boolean {
  switch (format) {
    case 'PNG': return pngChunksValid(bytes);
    case 'GIF': return bytes[bytes.length - 1] === 0x3b;
    case 'JPEG': return bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
    default: return true;
  }
}

/** Every chunk of a PNG whole, with its checksum right, image data present, and IEND last. */
function pngChunksValid(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let hasData = false;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return false;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return false;
    const type = ascii(bytes, at + 4, at + 8);
    if (type === 'IDAT') hasData = true;
    if (type === 'IEND') return hasData && end === bytes.length;
    at = end;
  }
  return false;
}

let crcTable: Uint32Array | undefined;

/** The CRC-32 PNG chunks carry (written out: the core runs in a browser too, without zlib). */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A format and a size, when the size is one. */
const sized = (format: ImageFormat, width: number, height: number): ImageFacts | undefined =>
  (width > 0 && height > 0 ? { format, width, height } : undefined);

/** The format and size a file's first bytes say. */
function sniffHeader(head: Uint8Array): ImageFacts | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (head.length < 24 || ascii(head, 12, 16) !== 'IHDR') return undefined;
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    return width <= PNG_MAX_SIDE && height <= PNG_MAX_SIDE ? sized('PNG', width, height) : undefined;
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return jpeg(head, view);
  if (head.length >= 10 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) {
    return sized('GIF', view.getUint16(6, true), view.getUint16(8, true));
  }
  if (head.length >= 30 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return webp(head, view);
  if (head.length >= 22 && startsWith(head, [0, 0, 1, 0]) && view.getUint16(4, true) > 0) return ico(head, view);
  return isSvg(head) ? svg(head) : undefined;
}

/**
 * An SVG's shape from its root element: `viewBox`, else `width`/`height` in plain numbers or px (drawing programs
 * write either, after XML, comment and DOCTYPE headers; §12). Only its proportions matter: it scales.
 */
function svg(head: Uint8Array): ImageFacts {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096));
  const root = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const box = attribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const [width, height] = box?.length === 4 ? [box[2], box[3]] : [attribute('width'), attribute('height')].map((v) => (/^\s*[\d.]+(px)?\s*$/.test(v ?? '') ? parseFloat(v!) : NaN));
  return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { format: 'SVG', width, height } : { format: 'SVG' };
}

/** An ICO's largest frame, which browsers show (kasm-format.md §12); 0 stands for 256. */
function ico(head: Uint8Array, view: DataView): ImageFacts | undefined {
  let largest = { width: 0, height: 0 };
  for (let i = 0, at = 6; i < view.getUint16(4, true) && at + 16 <= head.length; i++, at += 16) {
    const [width, height] = [head[at] || 256, head[at + 1] || 256];
    if (width * height > largest.width * largest.height) largest = { width, height };
  }
  return sized('ICO', largest.width, largest.height);
}

/** A JPEG's size from its first start-of-frame segment. */
function jpeg(head: Uint8Array, view: DataView): ImageFacts | undefined {
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) return undefined;
    const marker = head[at + 1];
    if (marker === 0xff) { at++; continue; }
    const length = view.getUint16(at + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      return width > 0 && height > 0 ? { format: 'JPEG', width, height } : undefined;
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  // The frame header lies past what was read: a JPEG all the same.
  return { format: 'JPEG' };
}

function webp(head: Uint8Array, view: DataView): ImageFacts | undefined {
  const chunk = ascii(head, 12, 16);
  if (chunk === 'VP8 ' && startsWith(head, [0x9d, 0x01, 0x2a], 23)) {
    return { format: 'WebP', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && head[20] === 0x2f) {
    const bits = view.getUint32(21, true);
    return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const width = 1 + (head[24] | (head[25] << 8) | (head[26] << 16));
    const height = 1 + (head[27] | (head[28] << 8) | (head[29] << 16));
    return { format: 'WebP', width, height };
  }
  return undefined;
}

/** SVG text: an `<svg` element before anything that is not a declaration, comment or whitespace. */
function isSvg(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const start = text.replace(/^(\s|<\?xml[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  return /^<svg[\s>]/i.test(start);
}
