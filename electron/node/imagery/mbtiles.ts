// Importer of MBTiles files (raster tiles in SQLite): one scene per file, bounds and time from
// its metadata table (or its name), read-only so the user's file is never changed.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { acquiredFromName, footprintOf, ImportError, isoOrNull, readAcquired, type ScenePlan } from './common';
import { openImportedFile } from './sceneFile';
import { inspectMbtiles, mbtilesSchemaProblem, openDefensively } from './mbtilesFile';

export interface MbtilesInfo {
  name: string;
  format: string;
  bounds: [number, number, number, number] | null;
  minzoom: number | null;
  maxzoom: number | null;
  metadata: Record<string, string>;
}

/** Refuses what is not a SQLite file at all (a stray file must not be opened). */
function checkSqliteFile(file: string): void {
  const name = path.basename(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new ImportError(file, `${name}: no such file.`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\0') throw new ImportError(file, `${name} is not an MBTiles file: it is not a SQLite database.`);
}

const refusedAs = (file: string, why: string) =>
  new ImportError(file, `${path.basename(file)} was refused as MBTiles: ${why}. Export it again from your GIS (e.g. gdal_translate -of MBTILES) and import that file.`);

/**
 * Opens an MBTiles file for reading tiles: read-only, defensively (mbtilesFile.ts), and only when its
 * schema is what MBTiles files are made of (a check that reads the schema, runs none of it).
 */
export function openMbtiles(file: string): Database.Database {
  checkSqliteFile(file);
  let db: Database.Database;
  try {
    db = openDefensively(file);
  } catch (e) {
    throw new ImportError(file, `${path.basename(file)} cannot be opened (${(e as Error).message}).`);
  }
  let problem: string | null;
  try {
    problem = mbtilesSchemaProblem(db);
  } catch (e) {
    problem = `its schema cannot be read (${(e as Error).message})`;
  }
  if (problem) {
    db.close();
    throw refusedAs(file, problem);
  }
  return db;
}

/** The file's metadata, read in a worker with memory and time limits (mbtilesFile.ts): a hostile file is refused, the host untouched. */
export async function readMbtilesInfo(file: string): Promise<MbtilesInfo> {
  checkSqliteFile(file);
  let inspected;
  try {
    inspected = await inspectMbtiles(file);
  } catch (e) {
    throw refusedAs(file, (e as Error).message);
  }
  if (inspected.problem) throw refusedAs(file, inspected.problem);
  const metadata = inspected.metadata;
  const b = (metadata.bounds ?? '').split(',').map(Number);
  const bounds = b.length === 4 && b.every(Number.isFinite) ? (b as [number, number, number, number]) : null;
  const zoom = (v: string | undefined) => (v !== undefined && Number.isInteger(Number(v)) ? Number(v) : null);
  return {
    name: metadata.name ?? path.basename(file, path.extname(file)),
    format: metadata.format ?? 'png',
    bounds,
    minzoom: zoom(metadata.minzoom),
    maxzoom: zoom(metadata.maxzoom),
    metadata,
  };
}

export async function planMbtiles(file: string, opts: { acquired?: string; sourcePath: string }): Promise<ScenePlan> {
  const info = await readMbtilesInfo(file);
  // Which file this is, recorded with the scene: only it is ever read as this scene (sceneFile.ts).
  const opened = await openImportedFile(file, 'mbtiles', (message) => new ImportError(file, message));
  await opened.close();
  if (!['png', 'jpg', 'jpeg', 'webp'].includes(info.format)) {
    throw new ImportError(file, `${path.basename(file)} holds "${info.format}" tiles; Quaywatch shows raster tiles (png, jpg, webp).`);
  }
  const m = info.metadata;
  // Our own "acquired" key is refused when unreadable; "date" and "time" (other tools' words, not always
  // a time) only count when they read as one. All are read as shared/dates.ts reads instants (no zone: UTC).
  const own = m.acquired ? readAcquired(m.acquired) : null;
  if (own && typeof own !== 'string') throw new ImportError(file, `${path.basename(file)} was refused: its metadata "acquired" is not valid (${own.error}). Nothing was imported.`);
  const acquired =
    [m.acquired, m.date, m.time].map((v) => (v ? isoOrNull(v) : null)).find(Boolean) ?? acquiredFromName(file) ?? acquiredFromName(info.name) ?? opts.acquired ?? null;
  if (!acquired) {
    throw new ImportError(file, `${path.basename(file)} does not say when it was taken (no "acquired" in its metadata, no date in its name). Give its acquisition time (UTC) and import it again.`, true);
  }
  return {
    origin: file,
    scene: {
      acquired,
      provider: m.attribution ? 'MBTiles' : 'Local file',
      product: 'MBTiles',
      itemId: null,
      footprint: info.bounds ? footprintOf(info.bounds, 'EPSG:4326', 1) : null,
      cloudCover: null,
      gsd: null,
      credit: m.attribution ?? info.name,
      source: { kind: 'mbtiles', path: opts.sourcePath },
    },
    file: opened.identity,
    udm2Path: null,
    clearPercent: null,
  };
}
