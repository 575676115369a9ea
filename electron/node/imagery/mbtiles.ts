// Importer of MBTiles files (raster tiles in SQLite): one scene per file, bounds and time from
// its metadata table (or its name), read-only so the user's file is never changed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { acquiredFromName, footprintOf, ImportError, isoOrNull, type ScenePlan } from './common';
import { openImportedFile } from './sceneFile';

export interface MbtilesInfo {
  name: string;
  format: string;
  bounds: [number, number, number, number] | null;
  minzoom: number | null;
  maxzoom: number | null;
  metadata: Record<string, string>;
}

/** Opens an MBTiles file read-only after checking that it is SQLite at all (a stray file must not be opened). */
export function openMbtiles(file: string): Database.Database {
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
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new ImportError(file, `${name} cannot be opened (${(e as Error).message}).`);
  }
}

export function readMbtilesInfo(file: string): MbtilesInfo {
  const name = path.basename(file);
  const db = openMbtiles(file);
  try {
    let rows: { name: string; value: string }[];
    try {
      rows = db.prepare('SELECT name, value FROM metadata').all() as typeof rows;
      db.prepare('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1').all();
    } catch {
      throw new ImportError(file, `${name} is a SQLite database but not MBTiles (no metadata or tiles table).`);
    }
    const metadata = Object.fromEntries(rows.map((r) => [String(r.name), String(r.value)]));
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
  } finally {
    db.close();
  }
}

export async function planMbtiles(file: string, opts: { acquired?: string; sourcePath: string }): Promise<ScenePlan> {
  const info = readMbtilesInfo(file);
  // Which file this is, recorded with the scene: only it is ever read as this scene (sceneFile.ts).
  const opened = await openImportedFile(file, 'mbtiles', (message) => new ImportError(file, message));
  await opened.close();
  if (!['png', 'jpg', 'jpeg', 'webp'].includes(info.format)) {
    throw new ImportError(file, `${path.basename(file)} holds "${info.format}" tiles; Quaywatch shows raster tiles (png, jpg, webp).`);
  }
  const m = info.metadata;
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
