// Reading analysts' files (GeoJSON, CSV) for import: clear one-line errors that name the file and the line.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { LonLat, PolygonGeometry } from '../../../shared/domain';
import { lonLatSchema } from '../../../shared/calls/define';
import { polygonSchema } from '../../../shared/calls/editing';
import { QuaywatchError } from '../errors';

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

/** A lon/lat position, or a sentence saying what is wrong with it (an altitude, GeoJSON's optional third value, is dropped). */
export function checkPosition(p: unknown): LonLat | string {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return 'a position must be [longitude, latitude] with finite numbers';
  }
  const lonLat = lonLatSchema.safeParse(p.slice(0, 2));
  if (!lonLat.success) return `position [${String(p[0])}, ${String(p[1])}] is not longitude/latitude in degrees (is the file in a projected CRS such as UTM?)`;
  return lonLat.data as LonLat;
}

/**
 * A valid GeoJSON Polygon in lon/lat, or a sentence saying what is wrong. The rules are the API's own
 * (polygonSchema: closed rings, ≤ 100 rings, ≤ 10,000 vertices, no bowtie, some area), so a file can
 * never bring in a polygon that drawing or the API would refuse; only the wording is located here.
 */
export function checkPolygon(g: unknown): PolygonGeometry | string {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geom || typeof geom !== 'object') return 'the feature has no geometry';
  let rings = geom.coordinates;
  if (geom.type === 'MultiPolygon' && Array.isArray(rings) && rings.length === 1) rings = rings[0];
  else if (geom.type !== 'Polygon') return `geometry is a ${String(geom.type)}; a Polygon is needed`;
  if (!Array.isArray(rings) || rings.length === 0) return 'the polygon has no rings';
  const withoutAltitude = rings.map((r: unknown) => (Array.isArray(r) ? r.map((p: unknown) => (Array.isArray(p) && p.length === 3 ? p.slice(0, 2) : p)) : r));
  const parsed = polygonSchema.safeParse({ type: 'Polygon', coordinates: withoutAltitude });
  if (parsed.success) return parsed.data as PolygonGeometry;
  // A position the schema refused: say it the analyst's way (a projected CRS is the usual cause).
  for (const ring of rings) for (const p of Array.isArray(ring) ? ring : []) {
    const checked = checkPosition(p);
    if (typeof checked === 'string') return checked;
  }
  const issue = parsed.error.issues[0]!;
  const ring = issue.path[0] === 'coordinates' && typeof issue.path[1] === 'number' ? `ring ${issue.path[1] + 1}: ` : '';
  return `${ring}${issue.message} (fix the polygon in your GIS)`;
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
