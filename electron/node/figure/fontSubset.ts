// A TrueType subset of the shipped DejaVu holding only the characters a figure uses, for an SVG's @font-face (so the SVG
// looks the same where DejaVu is not installed). fontkit subsets the glyphs (glyf, loca, hmtx, head, hhea, maxp and the
// hinting tables) the way pdfkit needs them, without the tables a standalone font must have and browsers check (cmap,
// name, OS/2, post): they are added here, from the full font, and the file's directory and checksums written anew.
// Kerning comes as a 'kern' table of the pairs both in the subset (what fontkit measures with, so labels fit their
// boxes); ligatures and other OpenType features (GSUB, GPOS) are left out: figures set plain Latin text.
import fs from 'node:fs';
import type { Font } from 'fontkit';

type Tables = Map<string, Buffer>;

/** The tables of a TrueType file, by tag. */
function tablesOf(ttf: Buffer): Tables {
  const tables: Tables = new Map();
  const count = ttf.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    const offset = ttf.readUInt32BE(rec + 8);
    tables.set(ttf.toString('latin1', rec, rec + 4), ttf.subarray(offset, offset + ttf.readUInt32BE(rec + 12)));
  }
  return tables;
}

/** Code point → glyph id, as a format 4 subtable (the Basic Multilingual Plane; DejaVu has nothing beyond it that figures use). */
function cmap(map: Map<number, number>): Buffer {
  const codes = [...map.keys()].filter((c) => c <= 0xfffe).sort((a, b) => a - b);
  // One segment per code point (a figure uses a few dozen), then the 0xFFFF segment the format requires.
  const ends = [...codes, 0xffff];
  const segX2 = ends.length * 2;
  const log = Math.floor(Math.log2(ends.length));
  const sub = Buffer.alloc(16 + ends.length * 8);
  let o = 0;
  const u16 = (v: number) => (o = sub.writeUInt16BE(v & 0xffff, o));
  u16(4); // format
  u16(sub.length);
  u16(0); // language
  u16(segX2);
  u16(2 ** log * 2); // searchRange
  u16(log); // entrySelector
  u16(segX2 - 2 ** log * 2); // rangeShift
  for (const c of ends) u16(c); // endCode
  u16(0); // reservedPad
  for (const c of ends) u16(c); // startCode
  for (const c of ends) u16(c === 0xffff ? 1 : map.get(c)! - c); // idDelta: glyph = code + delta (mod 65536)
  for (let i = 0; i < ends.length; i++) u16(0); // idRangeOffset
  // The header names the subtable twice: Unicode BMP (platform 0, encoding 3) and Windows Unicode BMP (3, 1).
  const head = Buffer.alloc(4 + 2 * 8);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(2, 2);
  [[0, 3], [3, 1]].forEach(([platform, encoding], i) => {
    head.writeUInt16BE(platform!, 4 + i * 8);
    head.writeUInt16BE(encoding!, 6 + i * 8);
    head.writeUInt32BE(head.length, 8 + i * 8);
  });
  return Buffer.concat([head, sub]);
}

/** The full font's format 0 'kern' pairs between glyphs of the subset, renumbered (`ids`: full font's id → subset's); null when none. */
function kern(full: Buffer | undefined, ids: Map<number, number>): Buffer | null {
  if (!full || full.readUInt16BE(0) !== 0) return null;
  const pairs: [number, number, number][] = [];
  let at = 4;
  for (let t = full.readUInt16BE(2); t > 0; t--) {
    const length = full.readUInt16BE(at + 2);
    if (full.readUInt16BE(at + 4) >> 8 === 0) {
      for (let i = 0, p = at + 14; i < full.readUInt16BE(at + 6); i++, p += 6) {
        const left = ids.get(full.readUInt16BE(p));
        const right = ids.get(full.readUInt16BE(p + 2));
        if (left !== undefined && right !== undefined) pairs.push([left, right, full.readInt16BE(p + 4)]);
      }
    }
    at += length;
  }
  if (!pairs.length) return null;
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const log = Math.floor(Math.log2(pairs.length));
  const out = Buffer.alloc(4 + 14 + pairs.length * 6);
  out.writeUInt16BE(0, 0);
  out.writeUInt16BE(1, 2);
  out.writeUInt16BE(0, 4);
  out.writeUInt16BE(out.length - 4, 6);
  out.writeUInt16BE(0x0001, 8); // horizontal, format 0
  out.writeUInt16BE(pairs.length, 10);
  out.writeUInt16BE(2 ** log * 6, 12);
  out.writeUInt16BE(log, 14);
  out.writeUInt16BE(pairs.length * 6 - 2 ** log * 6, 16);
  pairs.forEach(([l, r, v], i) => {
    out.writeUInt16BE(l, 18 + i * 6);
    out.writeUInt16BE(r, 20 + i * 6);
    out.writeInt16BE(v, 22 + i * 6);
  });
  return out;
}

/** post version 3: the full font's metrics (italic angle, underline), no glyph names. */
function post(full: Buffer): Buffer {
  const p = Buffer.from(full.subarray(0, 32));
  p.writeUInt32BE(0x00030000, 0);
  return p;
}

const checksum = (b: Buffer) => {
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum = (sum + ((b[i]! << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;
  return sum;
};

/** A TrueType file of `tables`, each 4-byte aligned, with its directory, checksums and head's checkSumAdjustment. */
function ttfOf(tables: Tables): Buffer {
  const tags = [...tables.keys()].sort();
  const log = Math.floor(Math.log2(tags.length));
  const dir = Buffer.alloc(12 + tags.length * 16);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(tags.length, 4);
  dir.writeUInt16BE(2 ** log * 16, 6);
  dir.writeUInt16BE(log, 8);
  dir.writeUInt16BE(tags.length * 16 - 2 ** log * 16, 10);
  const head = Buffer.from(tables.get('head')!);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, counted as 0
  tables.set('head', head);
  const bodies: Buffer[] = [];
  let offset = dir.length;
  tags.forEach((tag, i) => {
    const t = tables.get(tag)!;
    const rec = 12 + i * 16;
    dir.write(tag, rec, 4, 'latin1');
    dir.writeUInt32BE(checksum(t), rec + 4);
    dir.writeUInt32BE(offset, rec + 8);
    dir.writeUInt32BE(t.length, rec + 12);
    const padded = Buffer.alloc((t.length + 3) & ~3);
    t.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([dir, ...bodies]);
  const headAt = dir.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}

const fullTables = new Map<string, Tables>();

/** `font` (opened from `file`) cut down to the characters of `text` it has: a complete TrueType file. */
export function subsetFont(font: Font, file: string, text: string): Buffer {
  const subset = font.createSubset();
  const map = new Map<number, number>();
  const ids = new Map<number, number>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    const glyph = font.glyphForCodePoint(cp);
    // A character the font lacks is left to the viewer's fallback font, as it would be without the embedding.
    if (glyph.id === 0) continue;
    ids.set(glyph.id, subset.includeGlyph(glyph.id));
    map.set(cp, ids.get(glyph.id)!);
  }
  const tables = tablesOf(Buffer.from(subset.encode()));
  if (!fullTables.has(file)) fullTables.set(file, tablesOf(fs.readFileSync(file)));
  const full = fullTables.get(file)!;
  tables.set('cmap', cmap(map));
  tables.set('OS/2', full.get('OS/2')!);
  tables.set('name', full.get('name')!);
  tables.set('post', post(full.get('post')!));
  const pairs = kern(full.get('kern'), ids);
  if (pairs) tables.set('kern', pairs);
  return ttfOf(tables);
}
