// Icon sniffing at each of its lines, both sides (#31): the PNG side limit and chunk rules, the JPEG segment walk,
// GIF, WebP and ICO headers at their exact lengths, and SVG roots as drawing programs write them (§11, §12).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { FORMAT_EXTENSIONS, sniffImage } from '../../server/src/service/imageFormat';
import { encodePng } from '../helpers/png';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

/** A PNG chunk with its length and checksum. */
function chunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** An 8×8 PNG's chunks, with the IHDR's width and height set (and its checksum right). */
function png(width: number, height: number, chunks: (parts: Buffer[]) => Buffer[] = (parts) => parts): Buffer {
  const real = encodePng(8, 8, [9, 9, 9]);
  const header = Buffer.from(real.subarray(16, 29));
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  const idat = real.subarray(33, real.length - 12);
  return Buffer.concat([real.subarray(0, 8), ...chunks([chunk('IHDR', header), idat, chunk('IEND')])]);
}
const jpeg = (...segments: number[][]) => bytes([0xff, 0xd8], ...segments, [0xff, 0xd9]);
const sof = (marker: number, width: number, height: number) =>
  [0xff, marker, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, ...new Array(9).fill(0)];
const riff = (chunkName: string, ...rest: (number[] | string)[]) => bytes('RIFF', u32le(100), 'WEBP', chunkName, ...rest);
const ico = (count: number, ...frames: [number, number][]) =>
  bytes([0, 0, 1, 0], u16le(count), ...frames.map(([w, h]) => [w, h, ...new Array(14).fill(0)]));
const svg = (text: string) => sniffImage(Buffer.from(text));

describe('PNG', () => {
  it('takes 2³¹ − 1 pixels a side and refuses 2³¹ (with checksums right)', () => {
    assert.deepEqual(sniffImage(png(2 ** 31 - 1, 1)), { format: 'PNG', width: 2 ** 31 - 1, height: 1 });
    assert.equal(sniffImage(png(2 ** 31, 1)), undefined);
    assert.equal(sniffImage(png(1, 2 ** 31)), undefined);
    assert.equal(sniffImage(png(0, 8)), undefined, 'no width');
  });

  it('needs image data, and nothing after IEND', () => {
    assert.equal(sniffImage(png(8, 8, ([ihdr, , iend]) => [ihdr, iend])), undefined, 'no IDAT');
    assert.equal(sniffImage(png(8, 8, ([ihdr, idat, iend]) => [ihdr, chunk('tEXt', Buffer.from('a')), idat, iend])) !== undefined, true, 'other chunks are fine');
    assert.equal(sniffImage(Buffer.concat([png(8, 8), Buffer.from([0])])), undefined, 'a byte after IEND');
    assert.equal(sniffImage(png(8, 8, ([ihdr, idat]) => [ihdr, idat])), undefined, 'no IEND');
  });

  it('a header cut inside IHDR is no PNG, and reading it throws nothing', () => {
    assert.equal(sniffImage(encodePng(8, 8, [1, 1, 1]).subarray(0, 20)), undefined);
  });
});

describe('JPEG', () => {
  it('walks segments past fill bytes and tables to the first frame header, SOF0 to SOF15', () => {
    const app0 = [0xff, 0xe0, ...u16be(2)];
    const dht = [0xff, 0xc4, ...u16be(17), ...new Array(15).fill(0x11)];
    assert.deepEqual(sniffImage(jpeg(app0, [0xff, 0xff], dht, sof(0xc0, 40, 30))), { format: 'JPEG', width: 40, height: 30 });
    assert.deepEqual(sniffImage(jpeg(sof(0xcf, 41, 31))), { format: 'JPEG', width: 41, height: 31 });
    assert.deepEqual(sniffImage(jpeg(sof(0xc2, 42, 32))), { format: 'JPEG', width: 42, height: 32 });
    assert.deepEqual(sniffImage(jpeg([0xff, 0xcc, ...u16be(4), 0x22, 0x22], sof(0xc0, 43, 33))), { format: 'JPEG', width: 43, height: 33 });
  });

  it('refuses a broken walk, a zero size, a file cut before its end marker', () => {
    assert.equal(sniffImage(jpeg([0xff, 0xe0, ...u16be(4), 0, 0], new Array(12).fill(0))), undefined, 'no marker where one belongs');
    assert.equal(sniffImage(jpeg(sof(0xc0, 0, 30))), undefined);
    assert.equal(sniffImage(jpeg(sof(0xc0, 30, 0))), undefined);
    assert.equal(sniffImage(jpeg(sof(0xc0, 30, 30)).subarray(0, -1)), undefined, 'cut: ends in 0xff');
    assert.equal(sniffImage(bytes([0xff, 0xd8], sof(0xc0, 30, 30), [0x00, 0xd9])), undefined, 'ends in 0x00 0xd9');
    assert.equal(sniffImage(bytes([0xff, 0x00, 0x00, 0xff, 0xd9])), undefined, 'only the first byte of the signature');
  });

  it('is a JPEG without a size when the frame header lies past the bytes it has', () => {
    // at + 9 == length: the nine bytes of a frame header are not all there.
    assert.deepEqual(sniffImage(bytes([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0xff, 0xd9])), { format: 'JPEG' });
  });
});

describe('GIF, WebP and ICO headers', () => {
  it('GIF87a and GIF89a, from exactly ten bytes', () => {
    assert.deepEqual(sniffImage(bytes('GIF87a', u16le(5), u16le(6), [0x3b])), { format: 'GIF', width: 5, height: 6 });
    assert.deepEqual(sniffImage(bytes('GIF89a', u16le(1), [0x00, 0x3b])), { format: 'GIF', width: 1, height: 0x3b00 });
    assert.equal(sniffImage(bytes('GIF89a', u16le(5), u16le(0), [0x3b])), undefined, 'no height');
  });

  it('WebP: RIFF and WEBP both, each chunk kind only with its own header', () => {
    const vp8x = (name: string) => riff(name, u32le(10), [0, 0, 0, 0], [47, 0, 0], [23, 0, 0]);
    assert.equal(vp8x('VP8X').length, 30, 'the shortest extended WebP');
    assert.deepEqual(sniffImage(vp8x('VP8X')), { format: 'WebP', width: 48, height: 24 });
    assert.equal(sniffImage(vp8x('VP8Q')), undefined, 'an unknown chunk');
    assert.equal(sniffImage(bytes('JUNK', u32le(100), 'WEBPVP8X', u32le(10), new Array(10).fill(1))), undefined, 'not RIFF');
    assert.equal(sniffImage(bytes('RIFF', u32le(100), 'WAVEVP8X', u32le(10), new Array(10).fill(1))), undefined, 'not WEBP');
    assert.equal(sniffImage(riff('VP8 ', u32le(80), [0, 0, 0, 0, 0, 0], u16le(128), u16le(96), new Array(4).fill(0))), undefined, 'VP8 without its start code');
    assert.equal(sniffImage(riff('VP8L', u32le(80), [0x2e], u32le(0), new Array(8).fill(0))), undefined, 'VP8L without its signature byte');
  });

  it('ICO: the largest of the frames its count names, from exactly one whole entry', () => {
    assert.equal(ico(1, [16, 16]).length, 22);
    assert.deepEqual(sniffImage(ico(1, [16, 16])), { format: 'ICO', width: 16, height: 16 });
    assert.deepEqual(sniffImage(ico(1, [16, 16], [64, 64])), { format: 'ICO', width: 16, height: 16 }, 'a frame past the count');
    assert.deepEqual(sniffImage(ico(3, [16, 16])), { format: 'ICO', width: 16, height: 16 }, 'frames the file does not hold');
    assert.deepEqual(sniffImage(ico(2, [32, 16], [16, 32])), { format: 'ICO', width: 32, height: 16 }, 'the first of equal size');
    assert.equal(sniffImage(ico(0, [16, 16])), undefined, 'no frames');
  });
});

describe('SVG', () => {
  it('reads viewBox with commas and spaces, else width and height in plain numbers or px', () => {
    assert.deepEqual(svg('<svg viewBox="0, 0, 48, 32"/>'), { format: 'SVG', width: 48, height: 32 });
    assert.deepEqual(svg('<svg width=" 48px " height="32.5"/>'), { format: 'SVG', width: 48, height: 32.5 });
    assert.deepEqual(svg('<svg width="x48" height="32"/>'), { format: 'SVG' });
    assert.deepEqual(svg('<svg width="48" height="0"/>'), { format: 'SVG' });
    assert.deepEqual(svg('<svg width="0" height="48"/>'), { format: 'SVG' });
    assert.deepEqual(svg('<svg viewBox="0 0 0 10"/>'), { format: 'SVG' });
  });

  it('is an SVG still when its root element is cut or its bytes are not UTF-8', () => {
    assert.deepEqual(svg('<svg width="48" height="48"'), { format: 'SVG' });
    assert.deepEqual(sniffImage(Buffer.concat([Buffer.from('<svg viewBox="0 0 4 2"><text>'), Buffer.from([0xff, 0xfe]), Buffer.from('</text></svg>')])),
      { format: 'SVG', width: 4, height: 2 });
    assert.deepEqual(sniffImage(Buffer.concat([Buffer.from([0xff]), Buffer.from('<svg/>')])), undefined, 'a stray byte before the element');
  });

  it('after a BOM, a DOCTYPE and comments; never an <svg> inside other markup', () => {
    assert.deepEqual(svg('\uFEFF<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<!-- a -->\n<!-- b -->\n<svg viewBox="0 0 3 1"/>'),
      { format: 'SVG', width: 3, height: 1 });
    assert.equal(svg('<p><svg viewBox="0 0 3 1"/></p>'), undefined);
    assert.equal(svg('<svgx/>'), undefined);
  });
});

describe('FORMAT_EXTENSIONS', () => {
  it('names the extensions each format is saved with', () => {
    assert.deepEqual(FORMAT_EXTENSIONS, {
      PNG: ['.png'], JPEG: ['.jpg', '.jpeg'], GIF: ['.gif'], WebP: ['.webp'], ICO: ['.ico'], SVG: ['.svg'],
    });
  });
});
