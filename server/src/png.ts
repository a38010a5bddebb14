import { crc32, deflateSync } from 'node:zlib';

/** Bytes needed to read a PNG's size: the 8-byte signature and the IHDR chunk's width and height. */
export const PNG_HEADER_BYTES = 24;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the start of a PNG file, or undefined when it is not a PNG. */
export function pngSize(head: Uint8Array): { width: number; height: number } | undefined {
  if (head.length < PNG_HEADER_BYTES || SIGNATURE.some((byte, i) => head[i] !== byte)) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (String.fromCharCode(...head.subarray(12, 16)) !== 'IHDR') return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * A PNG of one solid colour, with a lighter square in the middle: enough for a placeholder icon and for
 * tests. Written with node's zlib, so nothing has to be downloaded.
 */
export function encodePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = 1 + width * 3;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    pixels[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const inner = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2) < height / 4;
      const offset = y * row + 1 + x * 3;
      for (let c = 0; c < 3; c++) pixels[offset + c] = inner ? Math.min(255, rgb[c] + 80) : rgb[c];
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
