// Deleting a scene (scenes.delete) through the dispatcher as the UI calls it: one undo step that takes
// the scene's sightings, their reviews and its observability with it, and that undo brings back whole,
// also after a restart; a scene row column this code does not map (a later migration's) survives too.
import path from 'node:path';
import type { CallName, RequestOf, ResponseOf } from '../../../shared/api';
import type { PolygonGeometry } from '../../../shared/domain';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { databaseOf } from './projectStore';

const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] as [number, number] });

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let file: string;
let ids: { pier: string; scenes: string[] };

async function api<K extends CallName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
  const r = await createDispatcher(session)(name, req);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ResponseOf<K>;
}

function open() {
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
  session.open(file);
}

beforeEach(() => {
  tmp = tempDir();
  const days = ['2025-01-12', '2025-01-13'];
  const seeded = seedProject(tmp.dir, {
    name: 'Test port',
    zones: [{ name: 'Pier 1', geometry: square(130, 42) }],
    scene: { footprint: square(129.99, 41.99, 0.05), cloudCover: 0.2 },
    scenes: days.map((d) => ({ acquired: `${d}T01:38:45.000Z`, itemId: `${d}_item`, source: { kind: 'geotiff', path: `${d}.tif` } })),
  });
  file = seeded.file;
  ids = { pier: seeded.zones[0]!.id, scenes: seeded.scenes.map((s) => s.id) };
  open();
});
afterEach(() => {
  session.close();
  tmp.cleanup();
});

/** Everything the analyst would miss if the scene did not come back whole. */
async function snapshot() {
  const store = session.requireProject();
  return {
    scenes: await api('scenes.list', {}),
    sightings: await api('sightings.list', {}),
    observability: await api('observability.list', {}),
    reviews: store.reviews(),
  };
}

describe('scenes.delete', () => {
  it('deletes a scene with its marks, reviews and observability as one step; undo brings all back, redo deletes again, across a restart', async () => {
    const [first, second] = ids.scenes as [string, string];
    const marks = await api('sightings.createMany', {
      sightings: [0, 1, 2].map((i) => ({ sceneId: first, class: 'vehicle' as const, geometry: pt(130.001 + i * 0.001, 42.005) })),
    });
    const kept = await api('sightings.create', { sceneId: second, class: 'vehicle', geometry: pt(130.002, 42.005) });
    await api('observability.set', { sceneId: first, zoneId: ids.pier, value: 'obscured' });
    await api('observability.set', { sceneId: second, zoneId: ids.pier, value: 'clear' });
    databaseOf(session.requireProject())
      .prepare("INSERT INTO review (id, sighting_id, reviewer, verdict, comment, at) VALUES ('r1', ?, 'bo', 'confirmed', 'ok', '2025-02-01T00:00:00.000Z')")
      .run(marks[0]!.id);
    const before = await snapshot();

    const deleted = await api('scenes.delete', { id: first });
    expect(deleted).toEqual({ id: first, acquired: '2025-01-12T01:38:45.000Z', sightings: 3, reviews: 1 });
    const after = await snapshot();
    expect(after.scenes.map((s) => s.id)).toEqual([second]);
    expect(after.sightings).toEqual([kept]);
    expect(after.observability.map((o) => o.sceneId)).toEqual([second]);
    expect(after.reviews).toEqual([]);
    expect(await api('history.state', {})).toMatchObject({ canUndo: true, undoLabel: 'Delete scene of 12 Jan 2025 01:38 UTC' });

    session.close();
    open();
    const undone = await api('history.undo', {});
    expect(undone.label).toBe('Delete scene of 12 Jan 2025 01:38 UTC');
    expect(undone.changes.find((c) => c.entity === 'scene')).toMatchObject({ id: first, value: before.scenes[0] });
    const restored = await snapshot();
    expect(restored.scenes).toEqual(before.scenes);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(restored.sightings)).toEqual(byId(before.sightings));
    expect(restored.observability.length).toBe(before.observability.length);
    expect(restored.reviews).toEqual(before.reviews);

    await api('history.redo', {});
    expect((await api('scenes.list', {})).map((s) => s.id)).toEqual([second]);
    expect(await api('sightings.list', {})).toEqual([kept]);
  });

  it('an unknown scene is refused and nothing changes', async () => {
    const r = await createDispatcher(session)('scenes.delete', { id: '00000000-0000-4000-8000-000000000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await api('scenes.list', {})).length).toBe(2);
    expect((await api('history.state', {})).canUndo).toBe(false);
  });

  it('undo restores scene columns this code does not map (e.g. file identity added by a later migration)', async () => {
    const db = databaseOf(session.requireProject());
    // A stand-in for a later migration's column; the real ones are added by migrations/.
    db.exec('ALTER TABLE scene ADD COLUMN file_ino INTEGER');
    db.prepare('UPDATE scene SET file_ino = 4242 WHERE id = ?').run(ids.scenes[0]);
    session.close();
    open();
    await api('scenes.delete', { id: ids.scenes[0]! });
    await api('history.undo', {});
    expect(databaseOf(session.requireProject()).prepare('SELECT file_ino FROM scene WHERE id = ?').pluck().get(ids.scenes[0])).toBe(4242);
  });
});
