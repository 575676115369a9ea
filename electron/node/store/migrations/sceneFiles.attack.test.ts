// Migration 4 (scene files) on a project an older Quaywatch wrote, some of it crafted: the scenes'
// real TIFF and MBTiles files get their identity recorded and are served; rows naming /etc/passwd,
// a key file dressed as .tif, a link or a FIFO get nothing recorded and are refused.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './index';
import { APPLICATION_ID, databaseOf } from '../projectStore';
import { localImageryIdentity } from '../sceneFiles';
import { ProjectSession } from '../../session';
import { createAppHandler } from '../../appHandler';
import { closeMbtilesFiles } from '../../imagery/tiles';
import { makeGeoTiff, makeMbtiles } from '../../imagery/fixtures/build';
import { tempDir } from '../../../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => {
  closeMbtilesFiles();
  tmp.cleanup();
});

/** A version-3 project (as Quaywatch wrote before scene files were recorded) with these scene sources. */
function version3Project(file: string, sources: Record<string, { kind: string; path: string }>) {
  const db = new Database(file);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS) if (m.version <= 3) m.up(db);
  db.pragma('user_version = 3');
  db.prepare("INSERT INTO project (id, name, created_at) VALUES ('p', 'Old', '2024-01-01T00:00:00.000Z')").run();
  db.prepare("INSERT INTO site (id, name) VALUES ('s', 'Port')").run();
  const add = db.prepare("INSERT INTO scene (id, site_id, acquired, provider, product, source) VALUES (?, 's', '2025-01-14T00:00:00.000Z', 'Local file', 'GeoTIFF', ?)");
  for (const [id, source] of Object.entries(sources)) add.run(id, JSON.stringify(source));
  db.close();
}

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

it('records the identity of each scene file that is a regular TIFF or MBTiles now, and of nothing else', async () => {
  const dir = path.join(tmp.dir, 'project');
  fs.mkdirSync(dir);
  const tif = makeGeoTiff(path.join(dir, 'a.tif'));
  const mb = makeMbtiles(path.join(dir, 'basemap.mbtiles'));
  const keyFile = path.join(tmp.dir, 'tile-keys.tif');
  fs.writeFileSync(keyFile, '{"tiles0.planet.com":"SECRET-KEY-123"}');
  const link = path.join(dir, 'link.tif');
  fs.symlinkSync(tif, link);
  const fifo = path.join(tmp.dir, 'pipe.tif');
  execFileSync('mkfifo', [fifo]);
  const file = path.join(dir, 'old.quaywatch');
  version3Project(file, {
    [ID(1)]: { kind: 'geotiff', path: 'a.tif' },
    [ID(2)]: { kind: 'mbtiles', path: 'basemap.mbtiles' },
    [ID(3)]: { kind: 'geotiff', path: '/etc/passwd' },
    [ID(4)]: { kind: 'geotiff', path: keyFile },
    [ID(5)]: { kind: 'geotiff', path: 'link.tif' },
    [ID(6)]: { kind: 'geotiff', path: fifo },
    [ID(7)]: { kind: 'mbtiles', path: 'a.tif' }, // a TIFF is not an MBTiles
  });

  const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
  try {
    session.open(file);
    const store = session.current!;
    expect(store.project().schemaVersion).toBeGreaterThanOrEqual(4);
    const rows = databaseOf(store).prepare('SELECT id, source_dev AS dev, source_ino AS ino, source_size AS size FROM scene ORDER BY id').all() as { id: string; dev: string | null; ino: string; size: number }[];
    const recorded = Object.fromEntries(rows.map(({ id, ...identity }) => [id, identity.dev === null ? null : identity]));
    expect(recorded).toEqual({
      [ID(1)]: localImageryIdentity(tif, 'geotiff'),
      [ID(2)]: localImageryIdentity(mb, 'mbtiles'),
      [ID(3)]: null,
      [ID(4)]: null,
      [ID(5)]: null,
      [ID(6)]: null,
      [ID(7)]: null,
    });

    const handler = createAppHandler({ rendererDir: tmp.dir, session });
    const served = await handler(new Request(`http://127.0.0.1/imagery/scene/${ID(1)}`));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(fs.readFileSync(tif))).toBe(true);
    for (const n of [3, 4, 5, 6]) {
      const res = await handler(new Request(`http://127.0.0.1/imagery/scene/${ID(n)}`));
      const body = await res.text();
      expect({ n, status: res.status }).toEqual({ n, status: 409 });
      expect(body).toMatch(/import it again/);
      expect(body).not.toMatch(/root:|SECRET-KEY/);
    }
  } finally {
    session.close();
  }
});
