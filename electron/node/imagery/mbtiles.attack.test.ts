// Hostile MBTiles files: SQLite databases whose "tables" are views that run a query when read. A
// `metadata` view with a recursive CTE took 1.7 GB and 100 s of the event loop, then the host died.
// Now such files are refused in a second with the host's memory unchanged, while real MBTiles
// files, plain or in the deduplicated map/images layout, still import and serve their tiles.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProjectStore } from '../store/projectStore';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { makeMbtiles } from './fixtures/build';
import { closeMbtilesFiles, mbtilesTile, mbtilesZooms } from './tiles';
import { inspectMbtiles } from './mbtilesFile';

let tmp: ReturnType<typeof tempDir>;
let store: ProjectStore;
beforeEach(() => {
  tmp = tempDir('qw-mbtiles-');
  store = ProjectStore.create(path.join(tmp.dir, 'Rajin.quaywatch'), 'Rajin', { author: 'analyst' });
});
afterEach(() => {
  closeMbtilesFiles();
  store.close();
  tmp.cleanup();
});

const ACQUIRED = '2025-01-14T01:38:45Z';
const sceneRows = () => store.summary().counts.scenes;

/** A SQLite file written by `sql`, as an attacker would make it. */
function sqliteFile(name: string, sql: string): string {
  const file = path.join(tmp.dir, name);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

const PLAIN_TILES = 'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);';
const PLAIN_METADATA = "CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('name', 'Rajin'), ('format', 'png');";

it('refuses a metadata view with a recursive CTE in about a second, without the host growing or waiting', async () => {
  // Each row's value 1,000 characters longer than the last, without end: reading it all never finishes.
  const file = sqliteFile(
    'hostile-metadata.mbtiles',
    `${PLAIN_TILES} CREATE VIEW metadata AS WITH RECURSIVE r(n, v) AS (SELECT 1, 'x' UNION ALL SELECT n + 1, v || printf('%.*c', 1000, 'x') FROM r) SELECT 'name' || n AS name, v AS value FROM r;`,
  );
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const r = await importScenes(store, [file], { acquired: ACQUIRED });
  const ms = performance.now() - started;
  clearInterval(ticker);
  const grewMb = (process.memoryUsage().rss - rss) / 1e6;
  console.log(`recursive-CTE metadata view refused in ${ms.toFixed(0)} ms, memory grew ${grewMb.toFixed(0)} MB, event loop ticked ${ticks} times meanwhile: ${r.errors[0]?.message}`);
  expect(r.imported).toEqual([]);
  expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^hostile-metadata\.mbtiles was refused as MBTiles: its metadata is not a plain table \(a view or virtual table runs a query when read\)\. Export it again/)]);
  expect(sceneRows()).toBe(0);
  expect(ms).toBeLessThan(5_000);
  expect(grewMb).toBeLessThan(300);
});

describe('refuses every other way a read could run the file\'s own SQL', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a tiles view with recursion',
      `${PLAIN_METADATA} CREATE VIEW tiles AS WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r) SELECT 0 AS zoom_level, i AS tile_column, 0 AS tile_row, zeroblob(1000000) AS tile_data FROM r;`,
      /its tiles are neither a plain table nor the standard view of the map and images tables/,
    ],
    [
      'a tiles view that looks standard but reads a view',
      `${PLAIN_METADATA} CREATE TABLE images (tile_data BLOB, tile_id TEXT); CREATE VIEW map AS WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r) SELECT 0 AS zoom_level, i AS tile_column, 0 AS tile_row, 'a' AS tile_id FROM r;
       CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, map.tile_row AS tile_row, images.tile_data AS tile_data FROM map JOIN images ON images.tile_id = map.tile_id;`,
      /its tiles are neither a plain table nor the standard view/,
    ],
    ['a virtual metadata table', `${PLAIN_TILES} CREATE VIRTUAL TABLE metadata USING fts5(name, value);`, /its metadata is not a plain table/],
    ['a generated column', `${PLAIN_METADATA} CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, n INTEGER, tile_data BLOB GENERATED ALWAYS AS (zeroblob(n)) VIRTUAL);`, /its tiles are neither a plain table/],
    ['a trigger', `${PLAIN_METADATA} ${PLAIN_TILES} CREATE TABLE log (x); CREATE TRIGGER t AFTER INSERT ON tiles BEGIN INSERT INTO log VALUES (1); END;`, /it contains triggers/],
    ['no metadata at all', PLAIN_TILES, /it has no metadata or tiles table/],
  ];
  for (const [label, sql, why] of cases) {
    it(label, async () => {
      const file = sqliteFile(`${label.replace(/\W+/g, '-')}.mbtiles`, sql);
      const r = await importScenes(store, [file], { acquired: ACQUIRED });
      expect(r.imported).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.message).toMatch(why);
      expect(sceneRows()).toBe(0);
      // Nor is the file read when a project (say, a colleague's) names it as a scene's source.
      expect(() => mbtilesTile(file, 0, 0, 0)).toThrow(why);
    });
  }
});

it('keeps metadata bounded: a huge value is left out, never read', async () => {
  const file = makeMbtiles(path.join(tmp.dir, 'big-value.mbtiles'));
  const db = new Database(file);
  db.prepare("INSERT INTO metadata VALUES ('huge', ?)").run('x'.repeat(50 * 1024 * 1024));
  db.close();
  const inspected = await inspectMbtiles(file);
  expect(inspected.problem).toBeNull();
  expect(inspected.metadata.huge).toBeUndefined();
  expect(inspected.metadata.format).toBe('png');
});

it('gives up on a file still being read after the time limit, and says so', async () => {
  const file = makeMbtiles(path.join(tmp.dir, 'slow.mbtiles'));
  await expect(inspectMbtiles(file, 1)).rejects.toThrow(/reading it took more than 0.001 s \(a damaged file, or one built to hang whoever reads it\)/);
});

/** One tile of the file, as its zoom and XYZ column and row. */
function someTile(file: string): [number, number, number] {
  const db = new Database(file, { readonly: true });
  const t = db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row FROM tiles LIMIT 1').get() as { z: number; x: number; row: number };
  db.close();
  return [t.z, t.x, 2 ** t.z - 1 - t.row];
}

it('still imports a GDAL-made MBTiles and serves its tiles', async () => {
  const file = makeMbtiles(path.join(tmp.dir, 'rajin.mbtiles'));
  const r = await importScenes(store, [file], { acquired: ACQUIRED });
  expect(r.errors).toEqual([]);
  expect(r.imported).toHaveLength(1);
  const [z, x, y] = someTile(file);
  expect(mbtilesZooms(file)).toContain(z);
  expect(mbtilesTile(file, z, x, y)?.contentType).toBe('image/png');
});

it('still imports an MBTiles in the deduplicated map/images layout (tiles as the standard view) and serves its tiles', async () => {
  const file = makeMbtiles(path.join(tmp.dir, 'rajin-dedup.mbtiles'));
  const db = new Database(file);
  db.exec(`
    CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
    CREATE TABLE images (tile_data BLOB, tile_id TEXT);
    INSERT INTO images SELECT tile_data, zoom_level || '/' || tile_column || '/' || tile_row FROM tiles;
    INSERT INTO map SELECT zoom_level, tile_column, tile_row, zoom_level || '/' || tile_column || '/' || tile_row FROM tiles;
    DROP TABLE tiles;
    CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);
    CREATE UNIQUE INDEX images_id ON images (tile_id);
    CREATE VIEW tiles AS SELECT
        map.zoom_level AS zoom_level,
        map.tile_column AS tile_column,
        map.tile_row AS tile_row,
        images.tile_data AS tile_data
      FROM map JOIN images ON images.tile_id = map.tile_id;`);
  db.close();
  const r = await importScenes(store, [file], { acquired: ACQUIRED });
  expect(r.errors).toEqual([]);
  expect(r.imported).toHaveLength(1);
  const [z, x, y] = someTile(file);
  expect(mbtilesZooms(file)).toContain(z);
  expect(mbtilesTile(file, z, x, y)?.contentType).toBe('image/png');
  expect(fs.statSync(file).size).toBeGreaterThan(0);
});
