// Icons as browsers read them: the real format and size from the bytes, whatever the file is called (kasm-format.md §11).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffImage } from '../../server/src/service/imageFormat';
import { encodePng } from '../helpers/png';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

describe('image format sniffing', () => {
  it('reads the size of PNG, JPEG (after its metadata), GIF, WebP (lossy, lossless, extended) and ICO', () => {
    assert.deepEqual(sniffImage(encodePng(64, 48, [1, 2, 3])), { format: 'PNG', width: 64, height: 48 });
    const app0 = [0xff, 0xe0, ...u16be(16), ...new Array(14).fill(0)];
    const sof0 = [0xff, 0xc0, ...u16be(17), 8, ...u16be(300), ...u16be(327), 3, ...new Array(9).fill(0)];
    assert.deepEqual(sniffImage(bytes([0xff, 0xd8], app0, sof0, [0xff, 0xd9])), { format: 'JPEG', width: 327, height: 300 });
    assert.deepEqual(sniffImage(bytes('GIF89a', u16le(20), u16le(10), new Array(8).fill(0), [0x3b])), { format: 'GIF', width: 20, height: 10 });
    const vp8 = bytes('RIFF', u32le(100), 'WEBPVP8 ', u32le(80), [0, 0, 0, 0x9d, 0x01, 0x2a], u16le(128), u16le(96), new Array(4).fill(0));
    assert.deepEqual(sniffImage(vp8), { format: 'WebP', width: 128, height: 96 });
    const bits = (255 - 1) | ((254 - 1) << 14);
    const vp8l = bytes('RIFF', u32le(100), 'WEBPVP8L', u32le(80), [0x2f], u32le(bits), new Array(8).fill(0));
    assert.deepEqual(sniffImage(vp8l), { format: 'WebP', width: 255, height: 254 });
    const vp8x = bytes('RIFF', u32le(100), 'WEBPVP8X', u32le(10), [0, 0, 0, 0], [511 & 0xff, 511 >> 8, 0], [99, 0, 0], new Array(4).fill(0));
    assert.deepEqual(sniffImage(vp8x), { format: 'WebP', width: 512, height: 100 });
    assert.deepEqual(sniffImage(bytes([0, 0, 1, 0], u16le(1), [0, 0], new Array(16).fill(0))), { format: 'ICO', width: 256, height: 256 });
    // Several frames: browsers show the largest, so its size counts (kasm-format.md §12), wherever it is listed.
    const frame = (side: number) => [side, side, ...new Array(14).fill(0)];
    assert.deepEqual(sniffImage(bytes([0, 0, 1, 0], u16le(3), frame(16), frame(64), frame(32))), { format: 'ICO', width: 64, height: 64 });
  });

  it('knows SVG by its element, after a BOM, an XML declaration and comments', () => {
    assert.deepEqual(sniffImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<svg viewBox="0 0 1 1"/>')), { format: 'SVG', width: 1, height: 1 });
    // Its proportions: viewBox, else width/height in px; a size in other units is not guessed.
    assert.deepEqual(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="100"/>')), { format: 'SVG', width: 300, height: 100 });
    assert.deepEqual(sniffImage(Buffer.from('<svg width="3cm" height="1cm"/>')), { format: 'SVG' });
    assert.equal(sniffImage(Buffer.from('<html><svg/></html>')), undefined);
  });

  it('refuses a PNG a browser refuses: a bad checksum, cut short, the header alone, 4294967295 pixels a side', () => {
    const png = encodePng(8, 8, [1, 2, 3]);
    const badCrc = Buffer.from(png);
    badCrc[29] ^= 0xff; // the IHDR checksum
    assert.equal(sniffImage(badCrc), undefined);
    assert.equal(sniffImage(png.subarray(0, png.length - 20)), undefined);
    assert.equal(sniffImage(png.subarray(0, 33)), undefined, 'signature and IHDR only');
    const huge = Buffer.from(png);
    huge.writeUInt32BE(0xffffffff, 16);
    huge.writeUInt32BE(0xffffffff, 20);
    assert.equal(sniffImage(huge), undefined);
    assert.equal(sniffImage(Buffer.alloc(0)), undefined, 'an empty file');
    assert.equal(sniffImage(bytes('GIF89a', u16le(20), u16le(10), new Array(8).fill(0))), undefined, 'a GIF without its trailer');
  });

  it('refuses what no browser shows: text, a header alone, a zero size', () => {
    assert.equal(sniffImage(Buffer.from('not an image')), undefined);
    assert.equal(sniffImage(encodePng(1, 1, [0, 0, 0]).subarray(0, 16)), undefined);
    assert.equal(sniffImage(bytes('GIF89a', u16le(0), u16le(10), new Array(8).fill(0))), undefined);
  });
});
