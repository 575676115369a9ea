// Editing commands and the undo history on real project files, through the dispatcher as the UI calls them.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CallName, RequestOf, ResponseOf } from '../../../shared/api';
import type { PolygonGeometry, Sighting, Zone } from '../../../shared/domain';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { APPLICATION_ID, databaseOf } from './projectStore';
import { MIGRATIONS } from './migrations';
import { historyOf } from './history';

const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
/** A 5-position closed ring: an oriented box about 200 m × 30 m. */
const box = (x: number, y: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 0.0024, y + 0.0001], [x + 0.00239, y + 0.00037], [x - 0.00001, y + 0.00027], [x, y]]],
});
const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] as [number, number] });

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let file: string;
let ids: { site: string; pier1: string; pier2: string; scenes: string[] };

/** Calls as the renderer does; fails the test with the server's message on an error. */
async function api<K extends CallName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
  const r = await createDispatcher(session)(name, req);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ResponseOf<K>;
}
async function apiError<K extends CallName>(name: K, req: unknown) {
  const r = await createDispatcher(session)(name, req);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}

beforeEach(() => {
  tmp = tempDir();
  const days = ['2025-01-12', '2025-01-13', '2025-01-14'];
  const seeded = seedProject(tmp.dir, {
    name: 'Test port',
    zones: [{ name: 'Pier 1', geometry: square(130, 42) }, { name: 'Pier 2', geometry: square(130.02, 42) }],
    scenes: days.map((d) => ({ acquired: `${d}T01:38:45.000Z`, source: { kind: 'geotiff', path: `${d}.tif` } })),
  });
  file = seeded.file;
  const [pier1, pier2] = seeded.zones as [Zone, Zone];
  ids = { site: seeded.siteId, pier1: pier1.id, pier2: pier2.id, scenes: seeded.scenes.map((s) => s.id) };
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
  session.open(file);
});
afterEach(() => {
  session.close();
  tmp.cleanup();
});

/** Closes and reopens the project, as after a restart. */
function restart() {
  session.close();
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
  session.open(file);
}

describe('sightings', () => {
  it('marks an oriented box in its zone by containment, linked to a vessel', async () => {
    const angara = await api('vessels.create', { name: 'Angara', imo: 'IMO 9179842', flag: 'Russia', lengthM: 123 });
    expect(angara.imo).toBe('9179842');
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vessel', geometry: box(130.002, 42.002), vesselId: angara.id });
    expect(s).toMatchObject({ zoneId: ids.pier1, zoneOverridden: false, vesselId: angara.id, author: 'ana', confidence: 'confirmed' });
    expect((await api('history.state', {})).undoLabel).toBe('Mark vessel');
  });

  it('moves a sighting to another zone by containment, overrides and resets the zone', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    const moved = await api('sightings.update', { id: s.id, patch: { geometry: pt(130.025, 42.005) } });
    expect(moved.zoneId).toBe(ids.pier2);
    expect((await api('history.state', {})).undoLabel).toBe('Move sighting');
    const overridden = await api('sightings.update', { id: s.id, patch: { zoneId: ids.pier1 } });
    expect(overridden).toMatchObject({ zoneId: ids.pier1, zoneOverridden: true });
    // Moving an overridden sighting keeps the analyst's zone.
    expect((await api('sightings.update', { id: s.id, patch: { geometry: pt(130.026, 42.005) } })).zoneId).toBe(ids.pier1);
    expect(await api('sightings.update', { id: s.id, patch: { zoneId: null } })).toMatchObject({ zoneId: ids.pier2, zoneOverridden: false });
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'container_stack', geometry: pt(130.005, 42.005), count: 12 });
    const before = await api('history.list', {});
    const open = { type: 'Polygon', coordinates: [[[130, 42], [130.001, 42], [130.001, 42.001], [130, 42.0011]]] };
    expect((await apiError('sightings.update', { id: s.id, patch: { geometry: open } })).message).toMatch(/must be closed/);
    const flat = { type: 'Polygon', coordinates: [[[130, 42], [130.001, 42], [130.002, 42], [130, 42]]] };
    expect((await apiError('sightings.update', { id: s.id, patch: { geometry: flat } })).message).toMatch(/no area/);
    const huge = { type: 'Polygon', coordinates: [Array.from({ length: 10_001 }, (_, i) => (i === 10_000 ? [130, 42] : [130 + i * 1e-6, 42 + (i % 2) * 1e-4]))] };
    expect((await apiError('sightings.update', { id: s.id, patch: { geometry: huge } })).message).toMatch(/10000 vertices/);
    expect((await apiError('sightings.update', { id: s.id, patch: { geometry: pt(Number.NaN, 42) } })).code).toBe('invalid_request');
    expect((await apiError('sightings.update', { id: s.id, patch: { count: 2.5 } })).message).toMatch(/whole number/);
    expect((await apiError('sightings.update', { id: s.id, patch: { notes: 'x'.repeat(10_001) } })).code).toBe('invalid_request');
    expect((await apiError('sightings.update', { id: s.id, patch: {} })).message).toMatch(/changes nothing/);
    expect((await apiError('vessels.create', { name: 'Lady R', imo: '9179843' })).message).toMatch(/check digit/);
    const v = await api('vessels.create', { name: 'Lady R' });
    expect((await apiError('sightings.update', { id: s.id, patch: { vesselId: v.id } })).message).toMatch(/only be linked to vessel sightings/);
    expect((await apiError('sightings.update', { id: s.id, patch: { class: 'vehicle', count: 3 } })).message).toMatch(/Only container stacks/);
    const after = await api('history.list', {});
    expect(after.length).toBe(before.length + 1); // only the vessel
    expect(await api('sightings.list', { sceneId: ids.scenes[0]! })).toEqual([s]);
  });

  it('changing class drops the container count; undo brings it back', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'container_stack', geometry: pt(130.005, 42.005), count: 40 });
    expect((await api('sightings.update', { id: s.id, patch: { class: 'vehicle' } })).count).toBeNull();
    await api('history.undo', {});
    expect((await api('sightings.list', {}))[0]).toMatchObject({ class: 'container_stack', count: 40 });
  });

  it('changing class unlinks a vessel identity the new class cannot have; undo brings it back', async () => {
    const angara = await api('vessels.create', { name: 'Angara' });
    const il76 = await api('vessels.create', { name: 'Il-76', kind: 'aircraft' });
    const ship = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005), vesselId: angara.id });
    const plane = await api('sightings.create', { sceneId: ids.scenes[1]!, class: 'aircraft', geometry: pt(130.005, 42.005), vesselId: il76.id });
    // A vehicle has no identity; an aircraft cannot be the ship Angara.
    expect(await api('sightings.update', { id: ship.id, patch: { class: 'vehicle' } })).toMatchObject({ class: 'vehicle', vesselId: null });
    await api('history.undo', {});
    expect(await api('sightings.update', { id: ship.id, patch: { class: 'aircraft' } })).toMatchObject({ class: 'aircraft', vesselId: null });
    // Angara's visits no longer count a sighting that is not a ship.
    expect((await api('sightings.list', {})).filter((s) => s.vesselId === angara.id)).toEqual([]);
    await api('history.undo', {});
    expect((await api('sightings.list', { sceneId: ids.scenes[0]! }))[0]).toMatchObject({ class: 'vessel', vesselId: angara.id });
    // A change that keeps the kind keeps the link.
    expect(await api('sightings.update', { id: plane.id, patch: { confidence: 'probable' } })).toMatchObject({ vesselId: il76.id });
    // Linking in the same patch is the analyst's choice: refused with the reason, not dropped silently.
    expect((await apiError('sightings.update', { id: ship.id, patch: { class: 'aircraft', vesselId: angara.id } })).message).toBe(
      'Angara is a vessel: it can only be linked to vessel sightings.',
    );
  });

  it('deletes a multi-selection as one undo step, reviews included', async () => {
    const made = await api('sightings.createMany', {
      sightings: [0, 1, 2].map((i) => ({ sceneId: ids.scenes[0]!, class: 'vehicle' as const, geometry: pt(130.001 + i * 0.001, 42.005) })),
    });
    expect((await api('history.state', {})).undoLabel).toBe('Add 3 sightings');
    const store = session.requireProject();
    databaseOf(store).prepare("INSERT INTO review (id, sighting_id, reviewer, verdict, comment, at) VALUES ('r1', ?, 'bo', 'confirmed', 'ok', '2025-02-01T00:00:00.000Z')").run(made[0]!.id);
    await api('sightings.deleteMany', { ids: made.map((s) => s.id) });
    expect(await api('sightings.list', {})).toEqual([]);
    expect(await api('history.state', {})).toMatchObject({ undoLabel: 'Delete 3 sightings', canRedo: false });
    const undone = await api('history.undo', {});
    expect(undone.label).toBe('Delete 3 sightings');
    expect(undone.changes.filter((c) => c.entity === 'sighting')).toHaveLength(3);
    const byId = (a: Sighting, b: Sighting) => a.id.localeCompare(b.id);
    expect((await api('sightings.list', {})).sort(byId)).toEqual([...made].sort(byId));
    expect(store.reviews().map((r) => r.id)).toEqual(['r1']);
  });
});

describe('undo and redo', () => {
  it('undo restores before, redo reapplies after, a new edit clears redo; all survives a restart', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    const moved = await api('sightings.update', { id: s.id, patch: { geometry: pt(130.025, 42.005) } });
    await api('sightings.update', { id: s.id, patch: { confidence: 'possible' } });
    await api('history.undo', {});
    await api('history.undo', {});
    expect((await api('sightings.list', {}))[0]).toEqual(s);
    restart();
    expect(await api('history.state', {})).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Mark vehicle', redoLabel: 'Move sighting' });
    const redone = await api('history.redo', {});
    expect(redone.changes).toEqual([{ entity: 'sighting', id: s.id, value: moved }]);
    expect(redone.state.redoLabel).toBe('Set confidence');
    await api('sightings.update', { id: s.id, patch: { notes: 'tarp over the load' } });
    expect(await api('history.state', {})).toMatchObject({ canRedo: false, undoLabel: 'Edit notes' });
    expect((await apiError('history.redo', {})).message).toBe('There is nothing to redo.');
  });

  it('records undo and redo in the audit trail: who, when, from → to', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    await api('sightings.update', { id: s.id, patch: { confidence: 'probable' } });
    await api('history.undo', {});
    await api('history.redo', {});
    const trail = await api('history.list', { entity: 'sighting', entityId: s.id });
    expect(trail.map((e) => [e.action, e.label, e.author])).toEqual([
      ['redo', 'Redo Set confidence', 'ana'],
      ['undo', 'Undo Set confidence', 'ana'],
      ['edit', 'Set confidence', 'ana'],
      ['edit', 'Mark vehicle', 'ana'],
    ]);
    expect(trail[1]).toMatchObject({ before: { confidence: 'probable' }, after: { confidence: 'confirmed' } });
    expect(trail[2]!.changed).toContain('confidence');
    expect(trail[2]!.changed).not.toContain('geometry');
    expect(new Date(trail[0]!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never undoes an imported edit, and refuses to overwrite one', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    await api('sightings.update', { id: s.id, patch: { confidence: 'possible' } });
    // A colleague's package changes the same sighting, then adds one of their own.
    const history = historyOf(session.requireProject());
    history.run('Import sightings', (tx) => tx.put('sighting', { ...tx.get('sighting', s.id)!, notes: 'seen by bo' }), { origin: 'package', author: 'bo' });
    let theirs: Sighting | null = null;
    history.run('Import sightings', (tx) => (theirs = tx.put('sighting', { ...s, id: crypto.randomUUID(), geometry: pt(130.006, 42.006), author: 'bo' })), { origin: 'package', author: 'bo' });
    expect((await api('history.state', {})).undoLabel).toBe('Set confidence');
    const err = await apiError('history.undo', {});
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/“Set confidence”.*changed since.*bo, imported/);
    const now = await api('sightings.list', {});
    expect(now.find((x) => x.id === s.id)).toMatchObject({ confidence: 'possible', notes: 'seen by bo' });
    // Undoing "Mark vehicle" would delete a sighting bo changed: refused too; bo's own stays.
    expect((await apiError('history.undo', {})).code).toBe('conflict');
    expect(await api('history.state', {})).toMatchObject({ canUndo: false });
    expect((await api('sightings.list', {})).map((x) => x.id).sort()).toEqual([s.id, theirs!.id].sort());
  });

  it('undoes a zone deletion with its sightings and observability in one step', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    const obs = await api('observability.set', { sceneId: ids.scenes[0]!, zoneId: ids.pier1, value: 'obscured' });
    expect(obs).toEqual({ sceneId: ids.scenes[0], zoneId: ids.pier1, value: 'obscured', overridden: true });
    await api('zones.delete', { id: ids.pier1 });
    expect((await api('sightings.list', {}))[0]!.zoneId).toBeNull();
    expect(await api('observability.list', {})).toEqual([]);
    expect((await api('history.state', {})).undoLabel).toBe('Delete zone Pier 1');
    await api('history.undo', {});
    expect((await api('zones.list', {})).map((z) => z.name)).toEqual(['Pier 1', 'Pier 2']);
    expect((await api('sightings.list', {}))[0]).toEqual(s);
    expect(await api('observability.list', {})).toEqual([obs]);
  });
});

describe('zones', () => {
  it('draws, reshapes and renames a zone; containment follows', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vessel', geometry: pt(130.045, 42.005) });
    expect(s.zoneId).toBeNull();
    const berth = await api('zones.create', { name: 'Berth 3', kind: 'berth', geometry: square(130.04, 42) });
    expect(berth.siteId).toBe(ids.site);
    expect((await api('sightings.list', {}))[0]!.zoneId).toBe(berth.id);
    await api('zones.update', { id: berth.id, patch: { geometry: square(130.06, 42) } });
    expect((await api('sightings.list', {}))[0]!.zoneId).toBeNull();
    expect((await api('history.state', {})).undoLabel).toBe('Reshape zone');
    expect((await apiError('zones.update', { id: berth.id, patch: { name: 'pier 1' } })).message).toMatch(/already exists/);
    expect((await apiError('zones.create', { name: 'X', kind: 'dock', geometry: square(1, 1) })).code).toBe('invalid_request');
  });
});

describe('time: carry forward and ghosts', () => {
  it('carries a selection to the next scene as the same vessel/track, creating a track when needed', async () => {
    const angara = await api('vessels.create', { name: 'Angara' });
    const ship = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vessel', geometry: box(130.002, 42.002), vesselId: angara.id });
    const stack = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'container_stack', geometry: pt(130.025, 42.005), count: 30, notes: 'blue' });
    const r = await api('sightings.carryForward', { ids: [ship.id, stack.id] });
    expect(r.sceneId).toBe(ids.scenes[1]);
    expect(r.skipped).toEqual([]);
    expect(r.tracks).toHaveLength(1);
    expect(r.created.map((s) => [s.sceneId, s.vesselId, s.trackId, s.count, s.notes])).toEqual([
      [ids.scenes[1], angara.id, null, null, ''],
      [ids.scenes[1], null, r.tracks[0]!.id, 30, ''],
    ]);
    expect((await api('sightings.list', { sceneId: ids.scenes[0]! })).find((s) => s.id === stack.id)!.trackId).toBe(r.tracks[0]!.id);
    expect((await api('history.state', {})).undoLabel).toBe('Carry forward 2 sightings');
    // Again: both are already on the next scene, so nothing is duplicated.
    const again = await api('sightings.carryForward', { ids: [ship.id, stack.id] });
    expect(again.created).toEqual([]);
    expect(again.skipped.map((x) => x.reason)).toEqual(['Angara is already marked on that scene', 'track Container stack 1 is already marked on that scene']);
    // One undo removes the copies, the track, and the original's link to it.
    await api('history.undo', {});
    expect(await api('sightings.list', { sceneId: ids.scenes[1]! })).toEqual([]);
    expect(await api('tracks.list', {})).toEqual([]);
    expect((await api('sightings.list', {})).find((s) => s.id === stack.id)).toEqual(stack);
  });

  it('stops at the last scene', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[2]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    expect((await apiError('sightings.carryForward', { ids: [s.id] })).message).toMatch(/last scene/);
  });

  it('accepts a ghost of the previous scene as the same vessel, once', async () => {
    const angara = await api('vessels.create', { name: 'Angara' });
    const ghost = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vessel', geometry: box(130.002, 42.002), vesselId: angara.id });
    const { sighting, track } = await api('sightings.acceptGhost', { ghostId: ghost.id, sceneId: ids.scenes[1]! });
    expect(track).toBeNull();
    expect(sighting).toMatchObject({ sceneId: ids.scenes[1], vesselId: angara.id, geometry: ghost.geometry, zoneId: ids.pier1 });
    expect((await api('history.state', {})).undoLabel).toBe('Accept ghost');
    expect((await apiError('sightings.acceptGhost', { ghostId: ghost.id, sceneId: ids.scenes[1]! })).message).toMatch(/Angara is already marked on that scene/);
  });
});

describe('vessels and tracks', () => {
  it('edits a vessel identity and refuses a duplicate IMO', async () => {
    const a = await api('vessels.create', { name: 'Angara', imo: '9179842', aliases: ['Sparta IV'] });
    const b = await api('vessels.create', { name: 'Maia-1', kind: 'vessel' });
    expect((await apiError('vessels.update', { id: b.id, patch: { imo: '9179842' } })).message).toMatch(/Angara already has IMO number 9179842/);
    const edited = await api('vessels.update', { id: a.id, patch: { mmsi: '273000000', lengthM: 120.5, flag: 'Russia' } });
    expect(edited).toMatchObject({ name: 'Angara', mmsi: '273000000', lengthM: 120.5, aliases: ['Sparta IV'] });
    expect((await api('history.state', {})).undoLabel).toBe('Edit vessel Angara');
    expect((await api('vessels.list', {})).map((v) => v.name)).toEqual(['Angara', 'Maia-1']);
    const t = await api('tracks.create', { class: 'container_stack', label: 'Blue stack' });
    expect(await api('tracks.update', { id: t.id, label: 'Blue stack, north' })).toEqual({ ...t, label: 'Blue stack, north' });
  });
});

describe('call sign and beam (project file version 10)', () => {
  it('an edit of a call sign is one undoable step: stored upper case, undone and redone whole, across a restart', async () => {
    const a = await api('vessels.create', { name: 'Angara', imo: '9179842', callSign: 'ubcd7', beamM: 19 });
    expect(a).toMatchObject({ callSign: 'UBCD7', beamM: 19 });
    const before = (await api('history.list', {})).length;
    const edited = await api('vessels.update', { id: a.id, patch: { callSign: ' ubxy 12 ', beamM: 21.5 } });
    expect(edited).toMatchObject({ name: 'Angara', imo: '9179842', callSign: 'UBXY12', beamM: 21.5 });
    expect((await api('history.state', {})).undoLabel).toBe('Edit vessel Angara');
    const audit = await api('history.list', {});
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ entity: 'vessel', entityId: a.id, changed: ['callSign', 'beamM'] });

    const undone = await api('history.undo', {});
    expect(undone).toMatchObject({ label: 'Edit vessel Angara', changes: [{ entity: 'vessel', id: a.id, value: expect.objectContaining({ callSign: 'UBCD7', beamM: 19 }) }] });
    expect(await api('vessels.list', {})).toEqual([a]);
    restart();
    await api('history.redo', {});
    expect((await api('vessels.list', {}))[0]).toMatchObject({ callSign: 'UBXY12', beamM: 21.5 });
    expect((await api('vessels.update', { id: a.id, patch: { callSign: null } })).callSign).toBeNull();
  });

  it('refuses a call sign that is not 3 to 7 letters and digits, or a beam past 1–80 m, in words, and changes nothing', async () => {
    const a = await api('vessels.create', { name: 'Angara' });
    const before = await api('history.list', {});
    for (const callSign of ['UB', 'UBCD7890', 'UB-CD7', 'ÜBCD7']) {
      expect((await apiError('vessels.update', { id: a.id, patch: { callSign } })).message).toMatch(/a call sign has 3 to 7 letters and digits/i);
    }
    for (const beamM of [0.5, 81, Number.NaN]) expect((await apiError('vessels.update', { id: a.id, patch: { beamM } })).code).toBe('invalid_request');
    expect((await apiError('vessels.update', { id: a.id, patch: { beamM: 81 } })).message).toMatch(/beam must be between 1 and 80 m/i);
    expect((await apiError('vessels.create', { name: 'Lady R', callSign: 'X' })).message).toMatch(/call sign/);
    expect(await api('history.list', {})).toEqual(before);
    expect(await api('vessels.list', {})).toEqual([a]);
  });

  it('a vessel edit recorded before version 10 (no call sign or beam in its rows) still undoes and redoes', async () => {
    const a = await api('vessels.create', { name: 'Angara' });
    await api('vessels.update', { id: a.id, patch: { flag: 'Russia' } });
    // As a version 9 Quaywatch wrote the step: the vessel's JSON without the two fields.
    const db = databaseOf(session.requireProject());
    const strip = (json: string | null) => {
      if (json === null) return null;
      const { callSign: _c, beamM: _b, ...rest } = JSON.parse(json) as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    for (const r of db.prepare("SELECT seq, before, after FROM edit WHERE entity = 'vessel'").all() as { seq: number; before: string | null; after: string | null }[]) {
      db.prepare('UPDATE edit SET before = ?, after = ? WHERE seq = ?').run(strip(r.before), strip(r.after), r.seq);
    }
    const undone = await api('history.undo', {});
    expect(undone.changes).toEqual([{ entity: 'vessel', id: a.id, value: { ...a, flag: null } }]);
    expect(await api('vessels.list', {})).toEqual([a]);
    await api('history.redo', {});
    expect(await api('vessels.list', {})).toEqual([{ ...a, flag: 'Russia' }]);
  });
});

describe('the workbench flow of issue 5, at the API', () => {
  it('zone, vessel box, link, next scene, accept ghost, carry forward, undo ×2, redo, reload', async () => {
    const [s1, s2, s3] = ids.scenes as [string, string, string];
    const berth = await api('zones.create', { name: 'Berth 3', kind: 'berth', geometry: square(130.04, 42) });
    const mark = await api('sightings.create', { sceneId: s1, class: 'vessel', geometry: box(130.042, 42.002) });
    expect(mark.zoneId).toBe(berth.id);
    const angara = await api('vessels.create', { name: 'Angara' });
    await api('sightings.update', { id: mark.id, patch: { vesselId: angara.id } });
    const { sighting: onS2 } = await api('sightings.acceptGhost', { ghostId: mark.id, sceneId: s2 });
    const carried = await api('sightings.carryForward', { ids: [onS2.id] });
    expect(carried.sceneId).toBe(s3);
    await api('history.undo', {}); // carry forward
    await api('history.undo', {}); // accept ghost
    expect((await api('history.redo', {})).label).toBe('Accept ghost');
    restart();
    const all = (await api('sightings.list', {})).sort((a, b) => ids.scenes.indexOf(a.sceneId) - ids.scenes.indexOf(b.sceneId));
    expect(all.map((s) => [s.sceneId, s.vesselId, s.zoneId])).toEqual([
      [s1, angara.id, berth.id],
      [s2, angara.id, berth.id],
    ]);
    expect(await api('history.state', {})).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Accept ghost', redoLabel: 'Carry forward sighting' });
  });
});

describe('history across versions', () => {
  it('setting a value that is already there adds no undo step', async () => {
    const s = await api('sightings.create', { sceneId: ids.scenes[0]!, class: 'vehicle', geometry: pt(130.005, 42.005) });
    expect(await api('sightings.update', { id: s.id, patch: { confidence: 'confirmed' } })).toEqual(s);
    expect((await api('history.state', {})).undoLabel).toBe('Mark vehicle');
  });

  it('a project from before the undo history (version 2) keeps its edits in the audit trail, none undoable', async () => {
    const old = path.join(tmp.dir, 'v2.quaywatch');
    const db = new Database(old);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS) if (m.version <= 2) m.up(db);
    db.pragma('user_version = 2');
    db.prepare("INSERT INTO project (id, name, created_at) VALUES ('p', 'Old', '2024-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO edit (at, author, label, entity, entity_id, before, after) VALUES ('2024-01-02T00:00:00.000Z', 'cy', 'Add vessel', 'vessel', 'v1', NULL, '{\"name\":\"Angara\"}')").run();
    db.close();
    session.open(old);
    expect(await api('history.state', {})).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    expect(await api('history.list', { entity: 'vessel', entityId: 'v1' })).toEqual([
      { seq: 1, at: '2024-01-02T00:00:00.000Z', author: 'cy', label: 'Add vessel', action: 'edit', origin: 'edit', entity: 'vessel', entityId: 'v1', before: null, after: { name: 'Angara' }, changed: ['name'] },
    ]);
  });
});

describe('multi-select edits (sightings.updateMany)', () => {
  const three = async () =>
    api('sightings.createMany', {
      sightings: [0, 1, 2].map((i) => ({ sceneId: ids.scenes[0]!, class: 'vehicle' as const, geometry: pt(130.001 + i * 0.001, 42.005) })),
    });
  const byId = (a: Sighting, b: Sighting) => a.id.localeCompare(b.id);

  it('moves 3 sightings as one step: one undo puts all back, one redo moves all again, and both survive a restart', async () => {
    const made = await three();
    const moved = await api('sightings.updateMany', { updates: made.map((s) => ({ id: s.id, patch: { geometry: pt(s.geometry.coordinates[0] as number + 0.02, 42.005) } })) });
    expect(moved.map((s) => s.id)).toEqual(made.map((s) => s.id));
    // Containment follows each move: all three are now on Pier 2.
    expect(moved.map((s) => s.zoneId)).toEqual([ids.pier2, ids.pier2, ids.pier2]);
    expect(await api('history.state', {})).toMatchObject({ undoLabel: 'Move 3 sightings', canRedo: false });
    expect((await api('history.list', {})).filter((e) => e.label === 'Move 3 sightings')).toHaveLength(3);

    const undone = await api('history.undo', {});
    expect(undone.label).toBe('Move 3 sightings');
    expect(undone.changes.filter((c) => c.entity === 'sighting')).toHaveLength(3);
    expect((await api('sightings.list', {})).sort(byId)).toEqual([...made].sort(byId));
    expect((await api('history.state', {})).undoLabel).toBe('Add 3 sightings');

    restart();
    expect(await api('history.state', {})).toMatchObject({ redoLabel: 'Move 3 sightings' });
    await api('history.redo', {});
    expect((await api('sightings.list', {})).sort(byId)).toEqual([...moved].sort(byId));
    restart();
    expect((await api('sightings.list', {})).sort(byId)).toEqual([...moved].sort(byId));
    expect((await api('history.state', {})).undoLabel).toBe('Move 3 sightings');
  });

  it('takes the tool’s label ("Rotate 3 sightings") and calls a mixed batch an edit', async () => {
    const made = await three();
    await api('sightings.updateMany', { updates: made.map((s) => ({ id: s.id, patch: { geometry: box(s.geometry.coordinates[0] as number, 42.003) } })), label: 'Rotate 3 sightings' });
    expect((await api('history.state', {})).undoLabel).toBe('Rotate 3 sightings');
    await api('sightings.updateMany', { updates: [{ id: made[0]!.id, patch: { confidence: 'possible' } }, { id: made[1]!.id, patch: { notes: 'tarp' } }] });
    expect((await api('history.state', {})).undoLabel).toBe('Edit 2 sightings');
    await api('sightings.updateMany', { updates: [{ id: made[2]!.id, patch: { confidence: 'probable' } }] });
    expect((await api('history.state', {})).undoLabel).toBe('Set confidence');
  });

  it('all or nothing: one bad patch refuses the whole batch, naming it, and the project is unchanged', async () => {
    const made = await three();
    const v = await api('vessels.create', { name: 'Lady R' });
    const audit = await api('history.list', {});
    const bad = await apiError('sightings.updateMany', {
      updates: [
        { id: made[0]!.id, patch: { geometry: pt(130.021, 42.005) } },
        { id: made[1]!.id, patch: { vesselId: v.id } }, // a vehicle cannot be a vessel
        { id: made[2]!.id, patch: { geometry: pt(130.023, 42.005) } },
      ],
    });
    expect(bad.message).toMatch(/^Sighting 2 of 3: .*only be linked to vessel sightings.*Nothing was changed\.$/);
    const gone = await apiError('sightings.updateMany', {
      updates: [{ id: made[0]!.id, patch: { confidence: 'possible' } }, { id: crypto.randomUUID(), patch: { confidence: 'possible' } }],
    });
    expect(gone).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no longer exists; nothing was changed/) });
    expect((await apiError('sightings.updateMany', { updates: [{ id: made[0]!.id, patch: { confidence: 'possible' } }, { id: made[0]!.id, patch: { notes: 'x' } }] })).message).toMatch(/appears twice/);
    expect((await apiError('sightings.updateMany', { updates: [] })).message).toMatch(/at least one/);
    expect((await apiError('sightings.updateMany', { updates: [{ id: made[0]!.id, patch: { geometry: pt(Number.POSITIVE_INFINITY, 42) } }] })).code).toBe('invalid_request');
    const tooMany = Array.from({ length: 10_001 }, () => ({ id: crypto.randomUUID(), patch: { confidence: 'possible' as const } }));
    expect((await apiError('sightings.updateMany', { updates: tooMany })).message).toMatch(/^At most 10000 sightings at once/);
    expect((await api('sightings.list', {})).sort(byId)).toEqual([...made].sort(byId));
    expect(await api('history.list', {})).toEqual(audit);
    expect((await api('history.state', {})).undoLabel).toBe('Add vessel Lady R');
  });

  it('moves 10,000 sightings as one step', async () => {
    const many = await api('sightings.createMany', {
      sightings: Array.from({ length: 10_000 }, (_, i) => ({ sceneId: ids.scenes[0]!, class: 'vehicle' as const, geometry: pt(130.0001 + (i % 100) * 1e-4, 42.0001 + Math.floor(i / 100) * 1e-4) })),
    });
    const moved = await api('sightings.updateMany', { updates: many.map((s) => ({ id: s.id, patch: { geometry: pt(s.geometry.coordinates[0] as number + 0.05, s.geometry.coordinates[1] as number) } })) });
    expect(moved).toHaveLength(10_000);
    expect((await api('history.state', {})).undoLabel).toBe('Move 10000 sightings');
    await api('history.undo', {});
    const back = await api('sightings.list', {});
    expect(back.every((s) => (s.geometry.coordinates[0] as number) < 130.011)).toBe(true);
  }, 60_000);
});
