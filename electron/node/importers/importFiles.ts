// Reading analysts' files (GeoJSON, CSV) for import: clear one-line errors that name the file and the line.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { LonLat, PolygonGeometry } from '../../../shared/domain';
import { QuaywatchError } from '../errors';
import { ringSelfIntersects } from '../../../shared/geometry';

/** A problem in an input file, located so the analyst can fix that line and import again. */
export function fileError(file: string, where: string | null, message: string): QuaywatchError {
  return new QuaywatchError('invalid_request', `${path.basename(file)}${where ? ` ${where}` : ''}: ${message}. Nothing was imported.`);
}

/** Reads a whole text file (UTF-8, BOM dropped) or says plainly why it cannot. */
export function readTextFile(file: string): string {
  let buf: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new QuaywatchError('io_error', `${file} is a folder, not a file.`);
    buf = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof QuaywatchError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QuaywatchError('io_error', `No file at ${file}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new QuaywatchError('io_error', `Cannot read ${file}: permission denied.`);
    throw new QuaywatchError('io_error', `Cannot read ${file}: ${(e as Error).message}`);
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface LocatedFeature {
  /** 1-based position in the file's feature list. */
  n: number;
  /** Line where the feature starts, when the file is a FeatureCollection. */
  line: number | null;
  feature: Record<string, unknown>;
}

export const featureWhere = (f: Pick<LocatedFeature, 'n' | 'line'>) => (f.line ? `line ${f.line} (feature ${f.n})` : `feature ${f.n}`);

/**
 * Line of each element of the root object's "features" array. JSON.parse gives no positions, so a
 * small scanner (strings and nesting only) finds where each feature starts, for error messages.
 */
function featureLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let lastKey = '';
  let featuresDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (c === ':' && depth === 1) {
      lastKey = lastString;
    } else if (c === '{' || c === '[') {
      if (featuresDepth >= 0 && depth === featuresDepth) out.push(line);
      depth++;
      if (c === '[' && depth === 2 && featuresDepth < 0 && lastKey === 'features') featuresDepth = 2;
    } else if (c === '}' || c === ']') {
      depth--;
      if (featuresDepth >= 0 && depth < featuresDepth) featuresDepth = -2; // done: only the first "features" counts
    } else if (c === ',' && depth === 1) {
      lastKey = '';
    }
  }
  return out;
}

/** Parses a GeoJSON FeatureCollection (or a single Feature) into located features; lon/lat WGS84 only. */
export function readGeoJsonFeatures(file: string): LocatedFeature[] {
  const text = readTextFile(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? `line ${text.slice(0, Number(m[1])).split('\n').length}` : null;
    throw fileError(file, where, `not valid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw fileError(file, null, 'not a GeoJSON object (expected a FeatureCollection)');
  const root = doc as Record<string, unknown>;
  const crs = root.crs as { properties?: { name?: unknown } } | undefined;
  const crsName = crs?.properties?.name;
  if (crsName !== undefined && !/(CRS84|EPSG::?4326)$/i.test(String(crsName))) {
    throw fileError(file, null, `coordinates are in ${String(crsName)}; Quaywatch reads lon/lat WGS84 GeoJSON (reproject it first, e.g. ogr2ogr -t_srs EPSG:4326)`);
  }
  if (root.type === 'Feature') return [{ n: 1, line: null, feature: root }];
  if (root.type !== 'FeatureCollection' || !Array.isArray(root.features)) {
    throw fileError(file, null, `expected a GeoJSON FeatureCollection, found ${typeof root.type === 'string' ? `a ${root.type}` : 'no "type"'}`);
  }
  const lines = featureLines(text);
  const useLines = lines.length === root.features.length;
  return root.features.map((feature: unknown, i: number) => {
    const located = { n: i + 1, line: useLines ? lines[i]! : null };
    if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
      throw fileError(file, featureWhere(located), 'not a GeoJSON Feature');
    }
    return { ...located, feature: feature as Record<string, unknown> };
  });
}

/** The properties object of a feature ({} when null). */
export function propertiesOf(f: LocatedFeature): Record<string, unknown> {
  const p = f.feature.properties;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

/** A lon/lat position, or a sentence saying what is wrong with it. */
export function checkPosition(p: unknown): LonLat | string {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return 'a position must be [longitude, latitude] with finite numbers';
  }
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
    return `position [${lon}, ${lat}] is not longitude/latitude in degrees (is the file in a projected CRS such as UTM?)`;
  }
  return [lon!, lat!];
}

function ringAreaDeg2(ring: LonLat[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

/** A valid GeoJSON Polygon in lon/lat (closed rings of ≥ 4 positions), or a sentence saying what is wrong. */
export function checkPolygon(g: unknown): PolygonGeometry | string {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geom || typeof geom !== 'object') return 'the feature has no geometry';
  let rings = geom.coordinates;
  if (geom.type === 'MultiPolygon' && Array.isArray(rings) && rings.length === 1) rings = rings[0];
  else if (geom.type !== 'Polygon') return `geometry is a ${String(geom.type)}; a Polygon is needed`;
  if (!Array.isArray(rings) || rings.length === 0) return 'the polygon has no rings';
  const out: LonLat[][] = [];
  for (const [r, ring] of rings.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return `ring ${r + 1} needs at least 4 positions (a closed triangle)`;
    if (ring.length > 10_000) return `ring ${r + 1} has ${ring.length} positions; at most 10,000 are accepted (simplify it in your GIS)`;
    const pts: LonLat[] = [];
    for (const p of ring) {
      const checked = checkPosition(p);
      if (typeof checked === 'string') return checked;
      pts.push(checked);
    }
    const [a, b] = [pts[0]!, pts[pts.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) return `ring ${r + 1} is not closed (its last position must repeat the first)`;
    if (ringSelfIntersects(pts)) return `ring ${r + 1} crosses itself (a "bowtie"); fix the polygon in your GIS`;
    if (r === 0 && Math.abs(ringAreaDeg2(pts)) < 1e-18) return 'the polygon has no area (its corners lie on one line)';
    out.push(pts);
  }
  return { type: 'Polygon', coordinates: out };
}

/** Name-based UUID (RFC 4122 version 5, SHA-1): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
