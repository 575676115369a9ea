// Every change to a project goes through history.run with a named origin: only the analyst's own edits
// are undoable; imports, derived data and colleagues' packages are recorded as what they were.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PolygonGeometry } from '../../../shared/domain';
import { seedOpenProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { editingOf } from './editing';
import { historyOf } from './history';
import { MIGRATIONS } from './migrations';
import { APPLICATION_ID, ProjectStore, databaseOf } from './projectStore';
import { ROWS, SCENE } from './rows';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';

const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const sceneInput = (siteId: string, day: string) => ({
  siteId, acquired: `${day}T01:38:45.000Z`, provider: 'Planet', product: 'PSScene', itemId: null,
  footprint: null, cloudCover: 0, gsd: 3, credit: '', source: { kind: 'geotiff' as const, path: `${day}.tif` },
});

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('change origins', () => {
  it('an import or derived observability between two edits is recorded with its origin, and undo still reaches the edit', () => {
    const store = ProjectStore.create(path.join(tmp.dir, 'p.quaywatch'), 'P', { author: 'ana' });
    const site = store.createSite({ name: 'Port' });
    const zone = store.createZone({ siteId: site.id, name: 'Pier', kind: 'quay', geometry: square(130, 42) });
    const history = historyOf(store);
    expect(history.state().canUndo).toBe(false);

    const vessel = editingOf(store).createVessel({ kind: 'vessel', name: 'Angara', aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null });
    const scene = store.createScene(sceneInput(site.id, '2025-01-12'));
    store.setObservability({ sceneId: scene.id, zoneId: zone.id, value: 'obscured', overridden: false });

    const audit = history.list({ limit: 10 });
    expect(audit.map((e) => [e.label, e.origin])).toEqual([
      ['Set observability', 'derived'],
      ['Add scene', 'import'],
      ['Add vessel Angara', 'edit'],
      ['Add zone', 'import'],
      ['Add site', 'import'],
    ]);
    // The scene and its observability are not on the undo stack: undo takes back the analyst's edit.
    expect(history.state()).toMatchObject({ canUndo: true, undoLabel: 'Add vessel Angara' });
    history.undo();
    expect(store.vessels().map((v) => v.id)).not.toContain(vessel.id);
    expect(store.scene(scene.id)).not.toBeNull();
    expect(history.state().canUndo).toBe(false);
    store.close();
  });

  it('a change made inside another joins its step: an import of scenes with their observability is one step', () => {
    const { store, siteId, zones: [zone] } = seedOpenProject(tmp.dir, { zones: [{ name: 'Pier', geometry: square(130, 42) }], scenes: [] });
    historyOf(store).run('Import 2 scenes', () => {
      for (const day of ['2025-01-12', '2025-01-13']) {
        const s = store.createScene(sceneInput(siteId, day));
        store.setObservability({ sceneId: s.id, zoneId: zone!.id, value: 'clear', overridden: false });
      }
    }, { origin: 'import' });
    const db = databaseOf(store);
    const steps = db.prepare("SELECT label, origin, state FROM edit_step WHERE label LIKE 'Import%'").all();
    expect(steps).toEqual([{ label: 'Import 2 scenes', origin: 'import', state: null }]);
    expect(db.prepare("SELECT count(*) FROM edit WHERE label = 'Import 2 scenes'").pluck().get()).toBe(4);
    store.close();
  });

  it('each entity has one row mapping that names every column of its table (scenes: and their file identity and content hash)', () => {
    const store = ProjectStore.create(path.join(tmp.dir, 'p.quaywatch'), 'P', { author: 'ana' });
    const db = databaseOf(store);
    for (const m of Object.values(ROWS)) {
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(m.table) as string[];
      const unmapped = columns.filter((c) => !(m.columns as readonly string[]).includes(c));
      expect({ table: m.table, unmapped }).toEqual({ table: m.table, unmapped: m === SCENE ? ['source_dev', 'source_ino', 'source_size', 'source_sha256'] : [] });
      expect(m.columns.filter((c) => !columns.includes(c))).toEqual([]);
    }
    store.close();
  });
});

describe('0005-change-origins', () => {
  it('a version 4 project keeps its undo stack, and its older rows get the origin of what wrote them', () => {
    const file = path.join(tmp.dir, 'v4.quaywatch');
    const db = new Database(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS) if (m.version <= 4) m.up(db);
    db.pragma('user_version = 4');
    db.exec(`
      INSERT INTO project (id, name, created_at) VALUES ('p', 'Old', '2024-01-01T00:00:00.000Z');
      INSERT INTO vessel (id, kind, name, aliases) VALUES ('v1', 'vessel', 'Angara', '[]');
      INSERT INTO edit_step (seq, at, author, label, origin, action, state) VALUES (1, '2024-01-02T00:00:00.000Z', 'cy', 'Add vessel Angara', 'local', 'edit', 'done');
      INSERT INTO edit (at, author, label, entity, entity_id, before, after, step, origin)
        VALUES ('2024-01-02T00:00:00.000Z', 'cy', 'Add vessel Angara', 'vessel', 'v1', NULL,
                '{"id":"v1","kind":"vessel","name":"Angara","aliases":[],"imo":null,"mmsi":null,"flag":null,"lengthM":null}', 1, 'local');
      INSERT INTO edit_step (seq, at, author, label, origin, action, state) VALUES (2, '2024-01-03T00:00:00.000Z', 'bo', 'Import package from bo', 'imported', 'edit', NULL);
      INSERT INTO edit (at, author, label, entity, entity_id, before, after, step, origin) VALUES ('2024-01-03T00:00:00.000Z', 'bo', 'Mark vessel', 'sighting', 's9', NULL, '{}', NULL, 'imported');
      INSERT INTO edit (at, author, label, entity, entity_id, before, after) VALUES ('2024-01-04T00:00:00.000Z', 'cy', 'Add scene', 'scene', 'x1', NULL, '{}');
      INSERT INTO edit (at, author, label, entity, entity_id, before, after) VALUES ('2024-01-04T00:00:00.000Z', 'cy', 'Set observability', 'observability', 'x1/z1', NULL, '{}');
    `);
    db.close();

    const store = ProjectStore.open(file, { author: 'cy' });
    const history = historyOf(store);
    expect(history.list({ limit: 10 }).map((e) => [e.label, e.origin])).toEqual([
      ['Set observability', 'derived'],
      ['Add scene', 'import'],
      ['Mark vessel', 'package'],
      ['Add vessel Angara', 'edit'],
    ]);
    expect(history.state()).toMatchObject({ canUndo: true, undoLabel: 'Add vessel Angara' });
    history.undo();
    expect(store.vessels()).toEqual([]);
    expect(databaseOf(store).pragma('foreign_key_check')).toEqual([]);
    store.close();
  });
});

describe('an edit answers with every change it made', () => {
  it('drawing a zone answers with the zone and each sighting it now holds; undo answers with them back', async () => {
    const { store: seed, file, siteId, scene } = seedOpenProject(tmp.dir, { scene: { acquired: '2025-01-12T01:38:45.000Z' } });
    const inside = seed.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.005, 42.005] } });
    seed.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [131, 43] } });
    seed.close();
    const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
    session.open(file);
    try {
      const dispatch = createDispatcher(session);
      const drawn = await dispatch('zones.create', { siteId, name: 'Pier', kind: 'quay', geometry: square(130, 42) });
      if (!drawn.ok) throw new Error(drawn.error.message);
      const zone = drawn.value as { id: string };
      expect(drawn.changes?.map((c) => [c.entity, c.id])).toEqual([['zone', zone.id], ['sighting', inside.id]]);
      expect(drawn.changes?.[1]?.value).toMatchObject({ id: inside.id, zoneId: zone.id });

      const undone = await dispatch('history.undo', {});
      if (!undone.ok) throw new Error(undone.error.message);
      expect(undone.changes?.map((c) => [c.entity, c.id])).toEqual([['sighting', inside.id], ['zone', zone.id]]);
      expect(undone.changes?.[0]?.value).toMatchObject({ id: inside.id, zoneId: null });
      expect(undone.changes?.[1]?.value).toBeNull();
      // A read changes nothing and answers with no changes.
      const listed = await dispatch('sightings.list', {});
      expect(listed.ok && 'changes' in listed).toBe(false);
    } finally {
      session.close();
    }
  });
});
