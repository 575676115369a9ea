// What every imagery importer shares: CRS definitions, footprints in lon/lat, acquisition times
// from file names, the "scene plan" an importer returns, and how plans become rows in one transaction.
import path from 'node:path';
import proj4 from 'proj4';
import type { PolygonGeometry, SceneInput, SceneSource } from '../../../shared/domain';
import type { FileIdentity } from '../store/sceneFiles';
import { sceneMetadataSchema } from '../../../shared/calls/imagery';
import { describeIssue } from '../../../shared/calls/define';
import { parseIsoInstant } from '../../../shared/dates';
import { crsDefinition, isKnownCrs, knownCrsCodes } from '../../../shared/crs';

/** A bad input, named: the message says which file and why, and what to do. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** True when the only thing missing is the acquisition time: the UI then asks for it. */
    readonly needsAcquired = false,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

// Every CRS Quaywatch reads imagery in (shared/crs.ts): the same list the map defines from.
for (const code of knownCrsCodes()) proj4.defs(code, crsDefinition(code)!);

/** True when Quaywatch can place and draw imagery in the code (shared/crs.ts: one list for the importers and the map). */
export const knownCrs = isKnownCrs;

/** The footprint of a projected bounding box in lon/lat: edges densified because UTM edges curve in lon/lat. */
export function footprintOf(bbox: [number, number, number, number], crs: string, steps = 8): PolygonGeometry {
  const [x0, y0, x1, y1] = bbox;
  const toLonLat = proj4(crs, 'EPSG:4326');
  const ring: [number, number][] = [];
  const edge = (ax: number, ay: number, bx: number, by: number) => {
    for (let i = 0; i < steps; i++) {
      const t = i / steps;
      const [lon, lat] = toLonLat.forward([ax + (bx - ax) * t, ay + (by - ay) * t]) as [number, number];
      ring.push([round7(lon), round7(lat)]);
    }
  };
  edge(x0, y0, x1, y0);
  edge(x1, y0, x1, y1);
  edge(x1, y1, x0, y1);
  edge(x0, y1, x0, y0);
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Planet item ids and file names start with the acquisition time: 20250114_013845_12_2461 → 2025-01-14T01:38:45Z. */
export function acquiredFromName(name: string): string | null {
  const m = /(?:^|[^0-9])(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_|[^0-9]|$)/.exec(path.basename(name));
  return m ? isoOrNull(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null;
}

/** TIFFTAG_DATETIME is "YYYY:MM:DD HH:MM:SS" with no zone; GDAL and Planet write UTC. */
export function acquiredFromTiffDateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  return m ? isoOrNull(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null;
}

/**
 * An acquisition time as a file or flag gives it, read as shared/dates.ts reads every instant (no zone:
 * UTC, whatever this machine's zone; an offset converted), as ISO UTC with Z; or why it is refused.
 */
export function readAcquired(s: string): string | { error: string } {
  const iso = parseIsoInstant(s);
  if (typeof iso !== 'string') return iso;
  const y = Number(iso.slice(0, 4));
  return y >= 1960 && y <= 2200 ? iso : { error: `${iso} is not a time satellite imagery was taken (between 1960 and 2200)` };
}

/** readAcquired's time, or null when there is none to read. */
export function isoOrNull(s: string): string | null {
  const iso = readAcquired(s);
  return typeof iso === 'string' ? iso : null;
}

/** What an importer found, before anything is written: committed all together or not at all. */
export interface ScenePlan {
  /** The file or order the scene came from (for messages). */
  origin: string;
  scene: Omit<SceneInput, 'siteId' | 'source'> & { source: SceneSource };
  /** Absolute path of a UDM2 mask for per-zone observability, when the order has one. */
  udm2Path: string | null;
  /** Planet's scene-wide clear share 0–100, when given. */
  clearPercent: number | null;
  /** The local file's device, inode and size as read at import (none for URL templates). */
  file?: FileIdentity;
}

/** The scene fields in the words a user knows (the schema's field names are the code's). */
const FIELD_WORDS: Record<string, string> = {
  footprint: 'footprint (where it lies on the ground)',
  acquired: 'acquisition time',
  cloudCover: 'cloud cover',
  gsd: 'ground sample distance',
};

/**
 * Checks a plan's scene with the API's own scene schema (shared/calls/imagery.ts) before anything is
 * written, so no file can store a footprint, time or cloud cover the API would refuse. `file` is the
 * file the values were read from (a Planet *_metadata.json, the GeoTIFF itself, …), named in the message.
 */
export function checkScenePlan<P extends ScenePlan>(plan: P, file: string = plan.origin): P {
  const parsed = sceneMetadataSchema.safeParse(plan.scene);
  if (parsed.success) return plan;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  throw new ImportError(
    file,
    `${path.basename(file)} was refused: its ${FIELD_WORDS[field] ?? field} is not valid (${describeIssue(parsed.error)}). Nothing was imported.`,
  );
}

/**
 * How a scene names a local file: relative to the project folder when the file is inside it (so the
 * folder can be moved or copied to another machine whole), absolute otherwise (imagery on an
 * external disk stays where it is; copying it into the project would double terabytes).
 */
export function sourcePathFor(projectFile: string, file: string): string {
  const base = path.dirname(path.resolve(projectFile));
  const abs = path.resolve(file);
  const rel = path.relative(base, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  return abs;
}
