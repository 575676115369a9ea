// Geometry encodings the exports write: WKT for CSV, ISO WKB inside GeoPackage binary geometry blobs.
import type { LonLat, PointGeometry, PolygonGeometry } from '../../../shared/domain';

/** An AIS track (exports only: no mark is a line). */
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: LonLat[];
}

export type ExportGeometry = PointGeometry | PolygonGeometry | LineStringGeometry;
export type Envelope = [minX: number, minY: number, maxX: number, maxY: number];

const num = (v: number) => String(Math.round(v * 1e9) / 1e9);

export function toWkt(g: ExportGeometry): string {
  if (g.type === 'Point') return `POINT (${num(g.coordinates[0])} ${num(g.coordinates[1])})`;
  if (g.type === 'LineString') return `LINESTRING (${g.coordinates.map(([x, y]) => `${num(x)} ${num(y)}`).join(', ')})`;
  return `POLYGON (${g.coordinates.map((r) => `(${r.map(([x, y]) => `${num(x)} ${num(y)}`).join(', ')})`).join(', ')})`;
}

export function envelopeOf(g: ExportGeometry): Envelope {
  const pts: LonLat[] = g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x); minY = Math.min(minY, y);
    maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

export function unionEnvelope(a: Envelope | null, b: Envelope): Envelope {
  return a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b;
}

/** ISO WKB, little-endian, 2D: 1 = Point, 2 = LineString, 3 = Polygon. */
export function toWkb(g: ExportGeometry): Buffer {
  if (g.type === 'LineString') {
    const b = Buffer.alloc(9 + g.coordinates.length * 16);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(2, 1);
    b.writeUInt32LE(g.coordinates.length, 5);
    g.coordinates.forEach(([x, y], i) => {
      b.writeDoubleLE(x, 9 + i * 16);
      b.writeDoubleLE(y, 17 + i * 16);
    });
    return b;
  }
  if (g.type === 'Point') {
    const b = Buffer.alloc(21);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(1, 1);
    b.writeDoubleLE(g.coordinates[0], 5);
    b.writeDoubleLE(g.coordinates[1], 13);
    return b;
  }
  const rings = g.coordinates;
  const size = 9 + rings.reduce((n, r) => n + 4 + r.length * 16, 0);
  const b = Buffer.alloc(size);
  b.writeUInt8(1, 0);
  b.writeUInt32LE(3, 1);
  b.writeUInt32LE(rings.length, 5);
  let o = 9;
  for (const r of rings) {
    b.writeUInt32LE(r.length, o);
    o += 4;
    for (const [x, y] of r) {
      b.writeDoubleLE(x, o);
      b.writeDoubleLE(y, o + 8);
      o += 16;
    }
  }
  return b;
}

/**
 * GeoPackage binary geometry (OGC 12-128r18 §2.1.3): 'GP', version 0, flags, srs_id, envelope, WKB.
 * Flags 0b0000_0011: little-endian header, envelope [minx, maxx, miny, maxy], standard (not extended) type.
 */
export function toGpkgGeometry(g: ExportGeometry, srsId = 4326): Buffer {
  const [minX, minY, maxX, maxY] = envelopeOf(g);
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeUInt8(0b0000_0011, 3);
  head.writeInt32LE(srsId, 4);
  head.writeDoubleLE(minX, 8);
  head.writeDoubleLE(maxX, 16);
  head.writeDoubleLE(minY, 24);
  head.writeDoubleLE(maxY, 32);
  return Buffer.concat([head, toWkb(g)]);
}
