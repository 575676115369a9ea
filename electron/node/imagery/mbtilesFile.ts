// An MBTiles file from outside is a SQLite database someone else wrote: its "tables" can be views
// that run any query when read (a recursive CTE in a `metadata` view ate 1.7 GB and hung the host
// for 100 s). So only real tables are read (and `tiles` as the standard map/images view), with
// bounded queries on a read-only, defensive connection; the first look at a file happens in a
// worker thread with memory and time limits, so a hostile file can neither exhaust the host's
// memory nor hold up other calls.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Largest tile served (a 512 px PNG is well under 1 MB) and largest metadata text kept. */
export const MAX_TILE_BYTES = 8 * 1024 * 1024;
const MAX_METADATA = { rows: 500, nameBytes: 256, valueBytes: 64 * 1024, totalBytes: 1024 * 1024 };
/** A first look at a real MBTiles file takes milliseconds; a file still being read after this is refused. */
export const INSPECT_TIMEOUT_MS = 10_000;

/** Opens `file` read-only with SQLite's defences on: no writes, no functions from the file's schema, a small cache. */
export function openDefensively(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.unsafeMode(false);
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    db.pragma('cell_size_check = ON');
    db.pragma('mmap_size = 0');
    db.pragma('cache_size = -8000'); // KiB
    db.pragma('automatic_index = OFF'); // no index built over a whole table for one lookup
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

// The two functions below also run inside the inspection worker, as their source text: they
// must stay self-contained (no imports, no names from outside; only their parameters).

/**
 * Why this database cannot be read as MBTiles, or null. Reads only the schema (parsed, never run):
 * `metadata` must be a real table; `tiles` a real table, or the standard view joining the real
 * tables `map` and `images`; no triggers, virtual tables or generated columns anywhere they read.
 */
export function mbtilesSchemaProblem(db: Database.Database): string | null {
  const rows = db.prepare('SELECT type, name, sql FROM sqlite_schema LIMIT 10001').all() as { type: string; name: string; sql: string | null }[];
  if (rows.length > 10_000) return 'its schema holds more than 10,000 objects';
  if (rows.some((r) => r.type === 'trigger')) return 'it contains triggers, which an MBTiles file never needs';
  const find = (name: string) => rows.find((r) => (r.type === 'table' || r.type === 'view') && r.name.toLowerCase() === name);
  const plainTable = (name: string): boolean => {
    const r = find(name);
    if (!r || r.type !== 'table' || !/^\s*CREATE\s+TABLE\b/i.test(r.sql ?? '')) return false; // a view, or CREATE VIRTUAL TABLE
    const columns = db.prepare('SELECT hidden FROM pragma_table_xinfo(?)').all(r.name) as { hidden: number }[];
    return columns.every((c) => c.hidden === 0); // generated columns are computed when read
  };
  // The deduplicated layout (mbutil, the MBTiles spec's example): tiles = map JOIN images on tile_id.
  const standardView = (sql: string | null): boolean => {
    const s = (sql ?? '').toLowerCase().replace(/["`[\]]/g, '').replace(/\s+/g, ' ').replace(/\s*([,=()])\s*/g, '$1').replace(/;$/, '').trim();
    const col = (c: string, from: string) => `(?:${from}\\.)?${c}(?: as ${c})?`;
    const re = new RegExp(
      `^create view (?:if not exists )?tiles as select ${col('zoom_level', 'map')},${col('tile_column', 'map')},${col('tile_row', 'map')},${col('tile_data', 'images')} ` +
        `from map (?:inner |left |left outer )?join images on (?:images\\.tile_id=map\\.tile_id|map\\.tile_id=images\\.tile_id)$`,
    );
    return re.test(s);
  };
  if (!find('metadata') || !find('tiles')) return 'it has no metadata or tiles table';
  if (!plainTable('metadata')) return 'its metadata is not a plain table (a view or virtual table runs a query when read)';
  const tiles = find('tiles')!;
  if (tiles.type === 'view' ? !(standardView(tiles.sql) && plainTable('map') && plainTable('images')) : !plainTable('tiles')) {
    return 'its tiles are neither a plain table nor the standard view of the map and images tables';
  }
  return null;
}

/** The metadata rows as text, bounded in count and size (a longer value is left out, never read in full). */
export function boundedMetadata(db: Database.Database, limits: { rows: number; nameBytes: number; valueBytes: number; totalBytes: number }): Record<string, string> {
  const rows = db
    .prepare(
      'SELECT CASE WHEN octet_length(name) <= ? THEN CAST(name AS TEXT) END AS name, CASE WHEN octet_length(value) <= ? THEN CAST(value AS TEXT) END AS value FROM metadata LIMIT ?',
    )
    .iterate(limits.nameBytes, limits.valueBytes, limits.rows) as IterableIterator<{ name: string | null; value: string | null }>;
  const out: Record<string, string> = Object.create(null);
  let total = 0;
  for (const r of rows) {
    if (r.name === null || r.value === null) continue;
    total += r.name.length + r.value.length;
    if (total > limits.totalBytes) break;
    out[r.name] = r.value;
  }
  return { ...out };
}

export interface MbtilesInspection {
  /** Why it is refused, or null. */
  problem: string | null;
  metadata: Record<string, string>;
}

/** What the worker runs: open, check the schema, read the bounded metadata, touch one tile. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
${mbtilesSchemaProblem.toString()}
${boundedMetadata.toString()}
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  for (const p of workerData.pragmas) db.pragma(p);
  const problem = mbtilesSchemaProblem(db);
  if (problem) parentPort.postMessage({ problem, metadata: {} });
  else {
    const metadata = boundedMetadata(db, workerData.limits);
    db.prepare('SELECT octet_length(tile_data) FROM tiles LIMIT 1').all();
    parentPort.postMessage({ problem: null, metadata });
  }
} finally {
  db.close();
}
`;

/**
 * Looks at an MBTiles file in a worker thread (64 MB of heap, `timeoutMs`), so a hostile file
 * costs the host neither its memory nor its event loop. Rejects with the reason in a sentence.
 */
export function inspectMbtiles(file: string, timeoutMs = INSPECT_TIMEOUT_MS): Promise<MbtilesInspection> {
  const name = path.basename(file);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        sqlite: require.resolve('better-sqlite3'),
        pragmas: ['trusted_schema = OFF', 'query_only = ON', 'cell_size_check = ON', 'mmap_size = 0', 'cache_size = -8000', 'automatic_index = OFF'],
        limits: MAX_METADATA,
      },
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`reading it took more than ${timeoutMs / 1000} s (a damaged file, or one built to hang whoever reads it)`))),
      timeoutMs,
    );
    worker.once('message', (m: MbtilesInspection) => settle(() => resolve(m)));
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() => reject(new Error(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading it needed more memory than any MBTiles file does' : e.message))),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`${name} could not be read (the reader stopped with code ${code})`))));
  });
}
