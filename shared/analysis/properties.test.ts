import fc from 'fast-check';
import type { Observability, Visit } from '../domain';
import { AnalysisCache, computeVisits } from './engine';
import type { AnalysisInput, AnalysisOptions, AnalysisSighting } from './input';
import { obs, scene, scenes, sighting } from './testkit';

const OBS: Observability[] = ['clear', 'partial', 'obscured', 'outside'];
const opts: AnalysisOptions = { minConfidence: 'possible' };
const ZONES = ['A', 'B'];

const arbInput = fc
  .record({
    n: fc.integer({ min: 1, max: 20 }),
    obsCodes: fc.array(fc.constantFrom(...OBS), { minLength: 40, maxLength: 40 }),
    marks: fc.array(fc.record({ scene: fc.nat(19), zone: fc.constantFrom(...ZONES), vessel: fc.constantFrom('V1', 'V2') }), { maxLength: 30 }),
  })
  .map(({ n, obsCodes, marks }): AnalysisInput => ({
    scenes: scenes(n),
    zones: ZONES.map((id) => ({ id })),
    observability: Array.from({ length: n }, (_, i) => ZONES.map((z, k) => obs(i, z, obsCodes[i * 2 + k]!))).flat(),
    sightings: marks.filter((m) => m.scene < n).map((m) => sighting(m.scene, m.zone, { vesselId: m.vessel })),
  }));

const byKey = (vs: Visit[]) => {
  const m = new Map<string, Visit[]>();
  for (const v of vs) {
    const k = `${v.subjectId}/${v.zoneId}`;
    m.set(k, [...(m.get(k) ?? []), v]);
  }
  return m;
};

describe('visit properties', () => {
  it('dwellMin ≤ dwellMax, both ≥ 0, and open ends have no dwellMax', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const v of computeVisits(input, opts)) {
          expect(v.dwellMinHours).toBeGreaterThanOrEqual(0);
          if (v.dwellMaxHours !== null) expect(v.dwellMinHours).toBeLessThanOrEqual(v.dwellMaxHours);
          expect(v.dwellMaxHours === null).toBe(v.arrivalAfter === null || v.departureBefore === null);
        }
      }),
    );
  });

  it('adding an obscured (or outside, or partial) scene without sightings never changes a visit', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: -1, max: 20 }), fc.constantFrom<Observability>('obscured', 'outside', 'partial'), (input, at, value) => {
        const extra = { ...scene(at, 12), id: 'extra' };
        const more = { ...input, scenes: [...input.scenes, extra], observability: [...input.observability!, ...ZONES.map((z) => ({ sceneId: 'extra', zoneId: z, value }))] };
        expect(computeVisits(more, opts)).toEqual(computeVisits(input, opts));
      }),
    );
  });

  it('adding a clear absence scene can only split visits', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: -1, max: 20 }), (input, at) => {
        const extra = { ...scene(at, 12), id: 'extra' };
        const more = { ...input, scenes: [...input.scenes, extra], observability: [...input.observability!, ...ZONES.map((z) => ({ sceneId: 'extra', zoneId: z, value: 'clear' as const }))] };
        const before = byKey(computeVisits(input, opts));
        const after = byKey(computeVisits(more, opts));
        expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [k, vs] of after) {
          const old = before.get(k)!;
          expect(vs.length).toBeGreaterThanOrEqual(old.length);
          expect(vs.flatMap((v) => v.sceneIds)).toEqual(old.flatMap((v) => v.sceneIds));
          for (const v of vs) expect(old.some((o) => v.sceneIds.every((id) => o.sceneIds.includes(id)))).toBe(true);
        }
      }),
    );
  });

  it('visits never overlap per vessel and zone, and brackets lie outside the presence', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const vs of byKey(computeVisits(input, opts)).values()) {
          for (let i = 0; i < vs.length; i++) {
            const v = vs[i]!;
            if (v.arrivalAfter) expect(v.arrivalAfter < v.firstSeen).toBe(true);
            if (v.departureBefore) expect(v.departureBefore > v.lastSeen).toBe(true);
            const next = vs[i + 1];
            if (next) {
              expect(v.lastSeen < next.firstSeen).toBe(true);
              expect(v.departureBefore! <= next.firstSeen).toBe(true);
            }
          }
        }
      }),
    );
  });
});

describe('incremental cache', () => {
  type Edit =
    | { t: 'add'; scene: number; zone: string; vessel: string; conf: 'confirmed' | 'possible' }
    | { t: 'remove'; which: number }
    | { t: 'move'; which: number; zone: string }
    | { t: 'obs'; scene: number; zone: string; value: Observability }
    | { t: 'review'; which: number; verdict: 'confirmed' | 'rejected' | 'disputed' }
    | { t: 'scene'; at: number; value: Observability };
  const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ t: fc.constant('add' as const), scene: fc.nat(19), zone: fc.constantFrom(...ZONES), vessel: fc.constantFrom('V1', 'V2'), conf: fc.constantFrom('confirmed' as const, 'possible' as const) }),
    fc.record({ t: fc.constant('remove' as const), which: fc.nat() }),
    fc.record({ t: fc.constant('move' as const), which: fc.nat(), zone: fc.constantFrom(...ZONES) }),
    fc.record({ t: fc.constant('obs' as const), scene: fc.nat(19), zone: fc.constantFrom(...ZONES), value: fc.constantFrom(...OBS) }),
    fc.record({ t: fc.constant('review' as const), which: fc.nat(), verdict: fc.constantFrom('confirmed' as const, 'rejected' as const, 'disputed' as const) }),
    fc.record({ t: fc.constant('scene' as const), at: fc.integer({ min: -1, max: 20 }), value: fc.constantFrom(...OBS) }),
  );

  it('after any sequence of edits, equals a recompute from scratch', () => {
    fc.assert(
      fc.property(arbInput, fc.array(arbEdit, { maxLength: 12 }), fc.constantFrom<AnalysisOptions>(opts, { minConfidence: 'confirmed' }, { minConfidence: 'possible', reviewedOnly: true }), (input, edits, o) => {
        const state = { ...input, sightings: [...input.sightings], observability: [...input.observability!], reviews: [] as NonNullable<AnalysisInput['reviews']>, scenes: [...input.scenes] };
        const cache = new AnalysisCache(input, o);
        cache.visits();
        edits.forEach((e, step) => {
          const pick = (w: number): AnalysisSighting | undefined => state.sightings[w % Math.max(1, state.sightings.length)];
          if (e.t === 'add') {
            const s = sighting(e.scene, e.zone, { vesselId: e.vessel }, { confidence: e.conf });
            state.sightings.push(s);
            cache.upsertSighting(s);
          } else if (e.t === 'remove') {
            const s = pick(e.which);
            if (!s) return;
            state.sightings = state.sightings.filter((x) => x.id !== s.id);
            cache.removeSighting(s.id);
          } else if (e.t === 'move') {
            const s = pick(e.which);
            if (!s) return;
            const moved = { ...s, zoneId: e.zone };
            state.sightings = state.sightings.map((x) => (x.id === s.id ? moved : x));
            cache.upsertSighting(moved);
          } else if (e.t === 'obs') {
            const o2 = obs(e.scene, e.zone, e.value);
            state.observability = [...state.observability.filter((x) => !(x.sceneId === o2.sceneId && x.zoneId === o2.zoneId)), o2];
            cache.setObservability(o2);
          } else if (e.t === 'review') {
            const s = pick(e.which);
            if (!s) return;
            const r = { id: `r${step}`, sightingId: s.id, verdict: e.verdict, at: new Date(Date.UTC(2025, 5, 1) + step * 1000).toISOString() };
            state.reviews.push(r);
            cache.upsertReview(r);
          } else {
            const sc = { ...scene(e.at, 7), id: `new${step}` };
            state.scenes.push(sc);
            cache.upsertScene(sc);
            for (const z of ZONES) {
              const o2 = { sceneId: sc.id, zoneId: z, value: e.value };
              state.observability.push(o2);
              cache.setObservability(o2);
            }
          }
          expect(cache.visits()).toEqual(computeVisits(state, o));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('one sighting edit recomputes only its own key', () => {
    const input: AnalysisInput = { scenes: scenes(10), zones: ZONES.map((id) => ({ id })), sightings: [sighting(1, 'A', { vesselId: 'V1' }), sighting(2, 'B', { vesselId: 'V2' }), sighting(3, 'A', { vesselId: 'V2' })] };
    const cache = new AnalysisCache(input, opts);
    cache.visits();
    expect(cache.lastRecomputed).toBe(3);
    cache.upsertSighting(sighting(5, 'A', { vesselId: 'V1' }));
    cache.visits();
    expect(cache.lastRecomputed).toBe(1);
    cache.setObservability(obs(4, 'B', 'obscured'));
    cache.visits();
    expect(cache.lastRecomputed).toBe(1);
    const total = cache.totalRecomputed;
    cache.setOptions({ ...opts, zoneIds: ['A'] });
    expect(cache.visits().map((v) => v.zoneId)).toEqual(['A', 'A', 'A']);
    expect(cache.totalRecomputed).toBe(total);
  });
});
