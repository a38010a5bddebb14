import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A PNG of one solid colour, with a lighter square in the middle, for tests (images/placeholder-icon.png was
 * made with it once). Written with node's zlib (Node 20.15+), so tests download nothing.
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
