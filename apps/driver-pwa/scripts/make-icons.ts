/**
 * Draws the driver app's icons (a pizza seen from above) as PNG files with nothing but node:zlib, so no
 * image tool or download is needed. Run `node --import tsx scripts/make-icons.ts`; the PNGs are committed
 * under public/icons/. "maskable" icons keep the pizza inside the 80% safe zone on a full-bleed background.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

type RGBA = [number, number, number, number];

const BACKGROUND: RGBA = [179, 38, 30, 255]; // theme colour #b3261e
const CRUST: RGBA = [232, 154, 44, 255];
const CHEESE: RGBA = [247, 201, 72, 255];
const PEPPERONI: RGBA = [179, 38, 30, 255];
const BASIL: RGBA = [31, 122, 58, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

/** Shapes in a unit square (0..1), painted in order: the last one containing a point wins. */
const circle = (cx: number, cy: number, r: number, color: RGBA) => ({ cx, cy, r, color });

function pizza(scale: number) {
  // Scale around the centre: 1 fills the square, 0.8 stays inside a maskable icon's safe zone.
  const s = (v: number) => 0.5 + (v - 0.5) * scale;
  const r = (v: number) => v * scale;
  return [
    circle(s(0.5), s(0.5), r(0.47), CRUST),
    circle(s(0.5), s(0.5), r(0.38), CHEESE),
    circle(s(0.37), s(0.34), r(0.075), PEPPERONI),
    circle(s(0.64), s(0.4), r(0.075), PEPPERONI),
    circle(s(0.42), s(0.65), r(0.075), PEPPERONI),
    circle(s(0.66), s(0.66), r(0.065), PEPPERONI),
    circle(s(0.53), s(0.52), r(0.03), BASIL),
    circle(s(0.28), s(0.5), r(0.03), BASIL),
    circle(s(0.55), s(0.28), r(0.03), BASIL),
  ];
}

function render(size: number, background: RGBA, shapes: ReturnType<typeof pizza>): Buffer {
  const samples = 4; // 4×4 supersampling for smooth edges
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none) + RGBA pixels
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) / size;
          const py = (y + (sy + 0.5) / samples) / size;
          let color = background;
          for (const c of shapes) if ((px - c.cx) ** 2 + (py - c.cy) ** 2 <= c.r ** 2) color = c.color;
          // Premultiplied accumulation so transparent edges do not darken.
          acc[0]! += color[0] * color[3];
          acc[1]! += color[1] * color[3];
          acc[2]! += color[2] * color[3];
          acc[3]! += color[3];
        }
      }
      const alpha = acc[3]! / samples ** 2;
      const o = 1 + x * 4;
      row[o] = alpha ? Math.round(acc[0]! / acc[3]!) : 0;
      row[o + 1] = alpha ? Math.round(acc[1]! / acc[3]!) : 0;
      row[o + 2] = alpha ? Math.round(acc[2]! / acc[3]!) : 0;
      row[o + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width: number, height: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = join(import.meta.dirname, "..", "public", "icons");
mkdirSync(out, { recursive: true });
const icons = [
  { file: "icon-192.png", size: 192, background: CLEAR, scale: 1 },
  { file: "icon-512.png", size: 512, background: CLEAR, scale: 1 },
  { file: "maskable-192.png", size: 192, background: BACKGROUND, scale: 0.78 },
  { file: "maskable-512.png", size: 512, background: BACKGROUND, scale: 0.78 },
  { file: "apple-touch-icon-180.png", size: 180, background: BACKGROUND, scale: 0.84 },
];
for (const icon of icons) {
  const data = render(icon.size, icon.background, pizza(icon.scale));
  writeFileSync(join(out, icon.file), data);
  console.log(`${icon.file} ${icon.size}x${icon.size} ${data.length} bytes`);
}
