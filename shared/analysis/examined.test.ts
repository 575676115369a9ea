// Only an examined clear scene is an absence: a clear scene nobody has looked at yet is unknown, like
// an obscured one (issue 16). These are the rules' own tests; the property tests below hold for any
// project, and the e2e test (e2e/examined.spec.ts) drives the same rule through the workbench.
import fc from 'fast-check';
import type { Observability, Visit } from '../domain';
import { AnalysisCache, analyze, computeVisits } from './engine';
import type { AnalysisExamined, AnalysisInput, AnalysisOptions } from './input';
import { obs, scene, scenes, sighting } from './testkit';

const opts: AnalysisOptions = { minConfidence: 'possible' };
const pair = (i: number, zoneId = 'A'): AnalysisExamined => ({ sceneId: `s${i}`, zoneId });

/** Five clear scenes of quay A; the ship marked on scenes 0, 2 and 4 (marking examines those). */
function fiveScenes(examined: number[]): AnalysisInput {
  return {
    scenes: scenes(5),
    zones: [{ id: 'A' }],
    sightings: [0, 2, 4].map((i) => sighting(i, 'A', { vesselId: 'V' })),
    examined: examined.map((i) => pair(i)),
  };
}

describe('examined scenes', () => {
  it('an unexamined clear scene neither ends nor splits a visit, and is counted as not examined', () => {
    const r = analyze(fiveScenes([0, 2, 4]), opts);
    expect(r.visits).toHaveLength(1);
    expect(r.visits[0]).toMatchObject({ firstSeen: scene(0).acquired, lastSeen: scene(4).acquired, arrivalAfter: null, departureBefore: null });
    expect(r.unexaminedClearScenes).toBe(2);
    expect(r.coverage[0]).toMatchObject({ clear: 5, examinedClear: 3 });
  });

  it('examining them makes them absences: the visit splits', () => {
    const r = analyze(fiveScenes([0, 1, 2, 3, 4]), opts);
    expect(r.visits.map((v) => v.sceneIds)).toEqual([['s0'], ['s2'], ['s4']]);
    expect(r.unexaminedClearScenes).toBe(0);
  });

  it('follows an edit: setExamined recomputes the zone, and unsetting restores the visit', () => {
    const cache = new AnalysisCache(fiveScenes([0, 2, 4]), opts);
    expect(cache.visits()).toHaveLength(1);
    cache.setExamined(pair(1), true);
    expect(cache.visits()).toHaveLength(2);
    expect(cache.result().unexaminedClearScenes).toBe(1);
    cache.setExamined(pair(1), false);
    expect(cache.visits()).toHaveLength(1);
  });

  it('omitting `examined` counts every pair as examined (projects from before it was recorded)', () => {
    const { examined: _, ...old } = fiveScenes([]);
    expect(computeVisits(old, opts)).toHaveLength(3);
    expect(analyze(old, opts).unexaminedClearScenes).toBe(0);
  });

  it('a container count is unknown where the zone was not examined, never 0', () => {
    const input: AnalysisInput = {
      scenes: scenes(3),
      zones: [{ id: 'A' }],
      sightings: [sighting(0, 'A', { trackId: 'T' }, { count: 64 })],
      examined: [pair(0), pair(2)],
    };
    const counts = analyze(input, opts).containerCounts;
    expect(counts.map((c) => [c.count, c.examined])).toEqual([
      [64, true],
      [null, false], // not looked at yet: unknown
      [0, true], // looked at, nothing there
    ]);
  });
});

const OBS: Observability[] = ['clear', 'partial', 'obscured', 'outside'];
const arbProject = fc
  .record({
    n: fc.integer({ min: 2, max: 16 }),
    obsCodes: fc.array(fc.constantFrom(...OBS, 'clear', 'clear'), { minLength: 16, maxLength: 16 }),
    marks: fc.array(fc.record({ scene: fc.nat(15), vessel: fc.constantFrom('V1', 'V2') }), { maxLength: 20 }),
    examined: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  })
  .map(({ n, obsCodes, marks, examined }) => {
    const sightings = marks.filter((m) => m.scene < n).map((m) => sighting(m.scene, 'A', { vesselId: m.vessel }));
    const marked = new Set(sightings.map((s) => s.sceneId));
    const input: AnalysisInput = {
      scenes: scenes(n),
      zones: [{ id: 'A' }],
      observability: Array.from({ length: n }, (_, i) => obs(i, 'A', obsCodes[i] as Observability)),
      sightings,
      // Marking examines the zone, so every marked scene is examined; others at random.
      examined: Array.from({ length: n }, (_, i) => i).filter((i) => marked.has(`s${i}`) || examined[i]).map((i) => pair(i)),
    };
    return { input, unmarked: Array.from({ length: n }, (_, i) => i).filter((i) => !marked.has(`s${i}`)) };
  });

const shape = (vs: Visit[]) => vs.map((v) => ({ subjectId: v.subjectId, sceneIds: v.sceneIds })).sort((a, b) => (a.subjectId + a.sceneIds[0] < b.subjectId + b.sceneIds[0] ? -1 : 1));

describe('examined: properties', () => {
  it('examining a scene with no marks can only end or split visits, never add one', () => {
    fc.assert(
      fc.property(arbProject, fc.nat(15), ({ input, unmarked }, k) => {
        fc.pre(unmarked.length > 0);
        const i = unmarked[k % unmarked.length]!;
        const before = computeVisits(input, opts);
        const after = computeVisits({ ...input, examined: [...input.examined!, pair(i)] }, opts);
        // Every visit after lies within one visit before, and they cover the same presence scenes.
        for (const v of after) expect(before.some((b) => b.subjectId === v.subjectId && v.sceneIds.every((id) => b.sceneIds.includes(id)))).toBe(true);
        expect(after.flatMap((v) => v.sceneIds.map((id) => v.subjectId + id)).sort()).toEqual(before.flatMap((v) => v.sceneIds.map((id) => v.subjectId + id)).sort());
        expect(after.length).toBeGreaterThanOrEqual(before.length);
      }),
    );
  });

  it('leaving a scene unexamined never changes a count versus removing that scene', () => {
    fc.assert(
      fc.property(arbProject, fc.nat(15), ({ input, unmarked }, k) => {
        fc.pre(unmarked.length > 0);
        const id = `s${unmarked[k % unmarked.length]!}`;
        const unexamined = { ...input, examined: input.examined!.filter((e) => e.sceneId !== id) };
        const removed = { ...unexamined, scenes: input.scenes.filter((s) => s.id !== id), observability: input.observability!.filter((o) => o.sceneId !== id) };
        const a = computeVisits(unexamined, opts);
        const b = computeVisits(removed, opts);
        expect(shape(a)).toEqual(shape(b));
        expect(a.map((v) => [v.arrivalAfter, v.departureBefore, v.dwellMinHours, v.dwellMaxHours])).toEqual(b.map((v) => [v.arrivalAfter, v.departureBefore, v.dwellMinHours, v.dwellMaxHours]));
      }),
    );
  });
});
