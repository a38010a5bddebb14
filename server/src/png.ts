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
