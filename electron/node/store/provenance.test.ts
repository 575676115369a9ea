// Provenance and examination through the API the workbench calls (the dispatcher): how each mark came
// to be, that a carried one is unverified until confirmed, and that marking examines its zone there.
import type { ApiResult, CarryForwardResult } from '../../../shared/api';
import type { PolygonGeometry, SceneZoneExamined, Sighting } from '../../../shared/domain';
import { openSession, seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const QUAY: PolygonGeometry = { type: 'Polygon', coordinates: [[[130.29, 42.24], [130.31, 42.24], [130.31, 42.26], [130.29, 42.26], [130.29, 42.24]]] };

async function setUp() {
  const seeded = seedProject(tmp.dir, { zones: [{ name: 'Pier 1', geometry: QUAY }], scenes: [{ acquired: '2025-01-12T01:00:00.000Z' }, { acquired: '2025-01-13T01:00:00.000Z' }] });
  const { session, dispatch } = openSession(tmp.dir, seeded.file);
  const ok = async <T>(name: string, req: unknown): Promise<T> => {
    const r = (await dispatch(name as never, req)) as ApiResult<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { seeded, session, ok };
}

describe('provenance', () => {
  it('a mark is marked and verified, and examines its zone on its scene in the same undo step', async () => {
    const { seeded, session, ok } = await setUp();
    try {
      const s = await ok<Sighting>('sightings.create', { sceneId: seeded.scenes[0]!.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] } });
      expect(s).toMatchObject({ origin: 'marked', originDetail: '', verified: true, zoneId: seeded.zones[0]!.id });
      expect(await ok<SceneZoneExamined[]>('examined.list', {})).toMatchObject([{ sceneId: seeded.scenes[0]!.id, zoneId: seeded.zones[0]!.id }]);
      await ok('history.undo', {});
      expect(await ok<SceneZoneExamined[]>('examined.list', {})).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('a carried copy is unverified and examines nothing; confirming it verifies it; a ghost accepted is verified', async () => {
    const { seeded, session, ok } = await setUp();
    try {
      const [first, second] = seeded.scenes;
      const s = await ok<Sighting>('sightings.create', { sceneId: first!.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] } });
      const carried = await ok<CarryForwardResult>('sightings.carryForward', { ids: [s.id] });
      const copy = carried.created[0]!;
      expect(copy).toMatchObject({ sceneId: second!.id, origin: 'carried', verified: false });
      // Carried blind: the zone on the second scene is not examined by it.
      expect((await ok<SceneZoneExamined[]>('examined.list', {})).map((e) => e.sceneId)).toEqual([first!.id]);
      const [confirmed] = await ok<Sighting[]>('sightings.verify', { ids: [copy.id] });
      expect(confirmed).toMatchObject({ id: copy.id, verified: true, origin: 'carried' });
      const state = await ok<{ undoLabel: string }>('history.state', {});
      expect(state.undoLabel).toBe('Confirm sighting');

      await ok('sightings.delete', { id: copy.id });
      const ghost = await ok<{ sighting: Sighting }>('sightings.acceptGhost', { ghostId: s.id, sceneId: second!.id });
      expect(ghost.sighting).toMatchObject({ origin: 'ghost', verified: true });
      expect((await ok<SceneZoneExamined[]>('examined.list', {})).map((e) => e.sceneId).sort()).toEqual([first!.id, second!.id].sort());
    } finally {
      session.close();
    }
  });

  it('"Done: examined" marks every zone the scene shows, as one step, and unsets per zone', async () => {
    const { seeded, session, ok } = await setUp();
    try {
      const sceneId = seeded.scenes[1]!.id;
      expect(await ok<{ changed: number }>('examined.set', { sceneIds: [sceneId], value: true })).toEqual({ changed: 1 });
      expect(await ok<{ changed: number }>('examined.set', { sceneIds: [sceneId], value: true })).toEqual({ changed: 0 }); // already: no step
      expect((await ok<{ undoLabel: string }>('history.state', {})).undoLabel).toBe('Mark scene examined');
      expect(await ok<{ changed: number }>('examined.set', { sceneIds: [sceneId], zoneIds: [seeded.zones[0]!.id], value: false })).toEqual({ changed: 1 });
      expect(await ok<SceneZoneExamined[]>('examined.list', {})).toEqual([]);
    } finally {
      session.close();
    }
  });
});
