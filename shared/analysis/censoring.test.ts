// Censoring of visits (METHOD.md "Censoring"): each visit's uncertain ends, their median and 90th percentile, with and without radar.

import { AnalysisCache } from './engine';
import { censoringOf, censoringSummary, sampleQuantile, spreadOf, withoutRadar } from './censoring';
import { obs, scene, sighting } from './testkit';
import type { AnalysisInput, AnalysisScene } from './input';

const ZONE = 'Z';
const radar = (i: number, hour = 12): AnalysisScene => ({ ...scene(i, hour), id: `r${i}`, sensor: 'sar' });

describe('sample quantiles (R type 7)', () => {
  it.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[0, 10], 0.9, 9],
  ])('%j at %f → %s', (xs, p, q) => {
    const got = sampleQuantile(xs, p);
    if (q === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(q, 12);
  });

  it('counts open ends apart and summarises only the bracketed ones', () => {
    expect(spreadOf([null, 3, 1, null, 2])).toEqual({ n: 3, open: 2, median: 2, p90: 2.8 });
  });
});

describe('a visit’s censoring', () => {
  it('is the time between the bracketing absence and the first (last) sighting, and their sum', () => {
    // Clear days 0..4 optical; the vessel on day 2 only: arrival after day 1, departure before day 3.
    const cache = new AnalysisCache({ scenes: [0, 1, 2, 3, 4].map((i) => scene(i)), zones: [{ id: ZONE }], sightings: [sighting(2, ZONE, { vesselId: 'V' })] }, { minConfidence: 'possible' });
    const [v] = cache.visits();
    expect(censoringOf(v!)).toEqual({ arrivalH: 24, departureH: 24, widthH: 48 });
  });

  it('open ends have no figure', () => {
    const cache = new AnalysisCache({ scenes: [scene(0), scene(1)], zones: [{ id: ZONE }], sightings: [sighting(0, ZONE, { vesselId: 'V' })] }, { minConfidence: 'possible' });
    expect(censoringOf(cache.visits()[0]!)).toEqual({ arrivalH: null, departureH: 24, widthH: null });
  });
});

/** Optical scenes every day 0..9, days 3–7 clouded; radar at 13:30 on the clouded days; V at the quay on day 5 (seen on radar) and… */
function clouded(): AnalysisInput {
  const scenes: AnalysisScene[] = [...Array.from({ length: 10 }, (_, i) => scene(i)), ...[3, 4, 5, 6, 7].map((i) => radar(i))];
  return {
    scenes,
    zones: [{ id: ZONE }],
    observability: [3, 4, 5, 6, 7].map((i) => obs(i, ZONE, 'obscured')),
    sightings: [
      // W: at the quay on day 1 (optical) only; its bracket is optical either way.
      sighting(1, ZONE, { vesselId: 'W' }),
      // V: on the day-5 radar scene and the day-6 optical scene through a gap in the cloud.
      { ...sighting(5, ZONE, { vesselId: 'V' }), sceneId: 'r5' },
      sighting(6, ZONE, { vesselId: 'V' }),
    ],
  };
}

describe('with and without radar', () => {
  it('the radar scenes on the clouded days tighten the bracket; without them the clouded stretch is unknown', () => {
    const input = clouded();
    const withR = new AnalysisCache(input, { minConfidence: 'possible' });
    const without = new AnalysisCache(withoutRadar(input), { minConfidence: 'possible' });
    const v = withR.visits().find((x) => x.subjectId === 'V')!;
    // With radar: absent on r4 (day 4, 13:30) and r6 (day 6, 13:30, half a day after the optical glimpse).
    expect(v.arrivalAfterSceneId).toBe('r4');
    expect(v.departureBeforeSceneId).toBe('r6');
    const vo = without.visits().find((x) => x.subjectId === 'V')!;
    // Without radar: seen on day 6 only, bracketed by the optical days 2 and 8.
    expect([vo.arrivalAfterSceneId, vo.departureBeforeSceneId]).toEqual(['s2', 's8']);
    const all = (c: AnalysisCache) => c.censoring().find((r) => r.zoneId === null)!;
    expect(all(withR).width).toMatchObject({ n: 2, open: 0 });
    // W: 48 h either way. V: 36 h with radar (r4 → r6 = 48 h, less the 12 h between r5 and s6), 144 h without (s2 → s8).
    expect(all(withR).width.median).toBeCloseTo((48 + 36) / 2, 9);
    expect(all(without).width.median).toBeCloseTo((48 + 144) / 2, 9);
  });

  it('drops the radar scenes and everything on them, and nothing else', () => {
    const input = { ...clouded(), examined: [{ sceneId: 'r5', zoneId: ZONE }, { sceneId: 's1', zoneId: ZONE }], reviews: [{ id: 'x', sightingId: 'g-none', verdict: 'confirmed' as const, at: '2025-01-01T00:00:00Z' }] };
    const out = withoutRadar(input);
    expect(out.scenes.map((s) => s.id)).toEqual(input.scenes.filter((s) => !s.id.startsWith('r')).map((s) => s.id));
    expect(out.examined).toEqual([{ sceneId: 's1', zoneId: ZONE }]);
    expect(out.sightings.map((s) => s.sceneId)).toEqual(['s1', 's6']);
    expect(withoutRadar({ ...input, scenes: input.scenes.filter((s) => s.sensor !== 'sar') }).sightings).toHaveLength(3);
  });

  it('lists every zone and month, and the whole period per zone and overall', () => {
    const rows = censoringSummary([], { zoneIds: ['A', 'B'], months: ['2025-01', '2025-02'] });
    expect(rows.map((r) => [r.zoneId, r.month, r.visits])).toEqual([
      ['A', '2025-01', 0],
      ['A', '2025-02', 0],
      ['B', '2025-01', 0],
      ['B', '2025-02', 0],
      ['A', null, 0],
      ['B', null, 0],
      [null, null, 0],
    ]);
    expect(rows[0]!.width).toEqual({ n: 0, open: 0, median: null, p90: null });
  });
});
