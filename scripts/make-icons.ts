// npm run icons — draws the toolbar icons (a shield; neutral blue, or alert red with "!") as PNGs.
// Drawn in code so that every size is sharp and the files can be regenerated; run once, commit icons/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ROOT } from './lib/dataset-files';

type Rgb = [number, number, number];
const VARIANTS: Record<string, { fill: Rgb; mark: 'lens' | 'bang' }> = {
  neutral: { fill: [0x2b, 0x57, 0x8a], mark: 'lens' },
  alert: { fill: [0xc0, 0x26, 0x1d], mark: 'bang' },
};
const SIZES = [16, 32, 48, 128];

function inShield(x: number, y: number): boolean {
  if (y < 0.06 || y > 0.96) return false;
  if (y <= 0.55) return x >= 0.12 && x <= 0.88;
  const t = (y - 0.55) / 0.41;
  const half = 0.38 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 0.5) <= half;
}

function inMark(mark: 'lens' | 'bang', x: number, y: number): boolean {
  if (mark === 'bang') {
    const bar = Math.abs(x - 0.5) <= 0.075 && y >= 0.2 && y <= 0.58;
    const dot = (x - 0.5) ** 2 + (y - 0.72) ** 2 <= 0.085 ** 2;
    return bar || dot;
  }
  const r = Math.hypot(x - 0.46, y - 0.44);
  const ring = r >= 0.13 && r <= 0.22;
  // The handle: a thick segment from the ring towards the lower right.
  const u = (x - 0.6 + (y - 0.58)) / Math.SQRT2;
  const v = (x - 0.6 - (y - 0.58)) / Math.SQRT2;
  const handle = u >= 0 && u <= 0.17 && Math.abs(v) <= 0.06;
  return ring || handle;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, fill: Rgb, mark: 'lens' | 'bang'): Buffer {
  const ss = 4; // 4×4 supersampling for smooth edges
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let shield = 0;
      let white = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (inShield(x, y)) {
            shield++;
            if (inMark(mark, x, y)) white++;
          }
        }
      }
      const n = ss * ss;
      const a = shield / n;
      const w = shield ? white / shield : 0;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(fill[c]! * (1 - w) + 255 * w);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, { fill, mark }] of Object.entries(VARIANTS)) {
  for (const size of SIZES) writeFileSync(join(ROOT, 'icons', `${name}-${size}.png`), png(size, fill, mark));
}
console.log(`icons: wrote ${Object.keys(VARIANTS).length * SIZES.length} PNGs to icons/`);
