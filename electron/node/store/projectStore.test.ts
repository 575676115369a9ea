import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { ProjectStore, APPLICATION_ID, databaseOf } from './projectStore';
import { SCHEMA_VERSION } from './migrations';
import { QuaywatchError } from '../errors';
import { tempDir } from '../../testing/tmp';
import { editingOf } from './editing';

const author = { author: 'tester' };
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const square = (x: number, y: number, d = 0.01) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]] as [number, number][]],
});

function seeded(file: string) {
  const store = ProjectStore.create(file, 'Test port', author);
  const site = store.createSite({ name: 'Port' });
  const zone = store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: square(130, 42) });
  const scene = store.createScene({
    siteId: site.id, acquired: '2025-01-14T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: '20250114_013845_12_2461',
    footprint: null, cloudCover: 0.1, gsd: 3, credit: '© Planet Labs PBC', source: { kind: 'geotiff', path: 'imagery/a.tif' },
  });
  return { store, site, zone, scene };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('ProjectStore', () => {
  it('creates a STRICT, WAL, versioned Quaywatch file', () => {
    const file = path.join(tmp.dir, 'a.quaywatch');
    const { store } = seeded(file);
    expect(databaseOf(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(databaseOf(store).pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(databaseOf(store).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(databaseOf(store).pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = databaseOf(store).prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT$/);
    expect(store.summary().counts).toEqual({ sites: 1, zones: 1, scenes: 1, sightings: 0, vessels: 0, tracks: 0 });
    store.close();
  });

  it('refuses to overwrite an existing file', () => {
    const file = path.join(tmp.dir, 'a.quaywatch');
    fs.writeFileSync(file, 'precious');
    expect(() => ProjectStore.create(file, 'x', author)).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
  });

  it('marks a sighting, derives its zone by containment and records the edit', () => {
    const { store, zone, scene } = seeded(path.join(tmp.dir, 'a.quaywatch'));
    const inside = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.005, 42.005] } });
    const outside = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [131, 43] } });
    expect(inside.zoneId).toBe(zone.id);
    expect(outside.zoneId).toBeNull();
    expect(inside.author).toBe('tester');
    expect(inside.id).toMatch(/^[0-9a-f-]{36}$/);
    const edits = store.edits().filter((e) => e.entity === 'sighting');
    expect(edits.map((e) => e.label)).toEqual(['Mark vessel', 'Mark vessel']);
    expect(edits[0]!.before).toBeNull();
    expect((edits[0]!.after as { id: string }).id).toBe(inside.id);
    editingOf(store).deleteSightings([inside.id]);
    expect(store.sightings(scene.id).map((s) => s.id)).toEqual([outside.id]);
    const del = store.edits().at(-1)!;
    expect(del.label).toBe('Delete sighting');
    expect((del.before as { id: string }).id).toBe(inside.id);
    expect(del.after).toBeNull();
    store.close();
  });

  it('keeps a sighting after close and reopen', () => {
    const file = path.join(tmp.dir, 'a.quaywatch');
    const { store, scene } = seeded(file);
    const s = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.005, 42.005] } });
    store.close();
    const again = ProjectStore.open(file, author);
    expect(again.sighting(s.id)).toEqual(s);
    again.close();
  });

  it('rejects a sighting on a scene that does not exist, changing nothing', () => {
    const { store } = seeded(path.join(tmp.dir, 'a.quaywatch'));
    const before = store.edits().length;
    expect(() =>
      store.createSighting({ sceneId: '00000000-0000-4000-8000-000000000000', class: 'vessel', geometry: { type: 'Point', coordinates: [0, 0] } }),
    ).toThrow(QuaywatchError);
    expect(store.edits().length).toBe(before);
    expect(store.summary().counts.sightings).toBe(0);
    store.close();
  });
});

describe('opening bad files', () => {
  it('gives a clear error for a corrupt file and leaves it byte-for-byte unchanged', () => {
    const file = path.join(tmp.dir, 'broken.quaywatch');
    fs.writeFileSync(file, Buffer.from('this is not a database at all, just some bytes\n'.repeat(50)));
    const before = sha(file);
    expect(() => ProjectStore.open(file, author)).toThrow(/not a Quaywatch project/);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('gives a clear error for a SQLite file whose pages are damaged, leaving it unchanged', () => {
    const file = path.join(tmp.dir, 'damaged.quaywatch');
    const { store } = seeded(file);
    databaseOf(store).pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 18, 100); // header fields after the magic string
    fs.writeFileSync(file, bytes);
    const before = sha(file);
    let err: unknown;
    try {
      ProjectStore.open(file, author).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuaywatchError);
    expect((err as QuaywatchError).code).toBe('project_unreadable');
    expect(sha(file)).toBe(before);
  });

  it('refuses another application’s SQLite database', () => {
    const file = path.join(tmp.dir, 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = sha(file);
    expect(() => ProjectStore.open(file, author)).toThrow(/not a Quaywatch project/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a project from a newer Quaywatch, naming both versions, without touching it', () => {
    const file = path.join(tmp.dir, 'future.quaywatch');
    const { store } = seeded(file);
    databaseOf(store).pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    databaseOf(store).pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = sha(file);
    let err: QuaywatchError | undefined;
    try {
      ProjectStore.open(file, author);
    } catch (e) {
      err = e as QuaywatchError;
    }
    expect(err?.code).toBe('project_too_new');
    expect(err?.message).toContain(`version ${SCHEMA_VERSION + 7}`);
    expect(err?.message).toContain(`up to version ${SCHEMA_VERSION}`);
    expect(sha(file)).toBe(before);
  });

  it('explains a missing file and a folder', () => {
    expect(() => ProjectStore.open(path.join(tmp.dir, 'nope.quaywatch'), author)).toThrow(/does not exist/);
    expect(() => ProjectStore.open(tmp.dir, author)).toThrow(/is a folder/);
  });
});
