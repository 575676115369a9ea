import { AnalysisCache, analyze, computeVisits } from './engine';
import type { AnalysisInput, AnalysisOptions } from './input';
import { obs, scene, scenes, sighting } from './testkit';

const opts: AnalysisOptions = { minConfidence: 'possible' };
const zones = [{ id: 'A' }, { id: 'B' }];

function run(input: Partial<AnalysisInput> & Pick<AnalysisInput, 'sightings'>, o: AnalysisOptions = opts) {
  return computeVisits({ scenes: scenes(10), zones, ...input }, o);
}

describe('visits: table of rules', () => {
  it('a visit bracketed by clear absences has both dwell bounds', () => {
    const [v, ...rest] = run({ sightings: [sighting(3, 'A', { vesselId: 'V' }), sighting(4, 'A', { vesselId: 'V' }), sighting(5, 'A', { vesselId: 'V' })] });
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      subjectId: 'V',
      zoneId: 'A',
      firstSeen: '2025-01-04T01:30:00.000Z',
      lastSeen: '2025-01-06T01:30:00.000Z',
      arrivalAfter: '2025-01-03T01:30:00.000Z',
      arrivalAfterSceneId: 's2',
      departureBefore: '2025-01-07T01:30:00.000Z',
      departureBeforeSceneId: 's6',
      sceneIds: ['s3', 's4', 's5'],
      dwellMinHours: 48,
      dwellMaxHours: 96,
    });
  });

  it('a visit left open at both ends', () => {
    const input = { scenes: scenes(3), zones, sightings: [0, 1, 2].map((i) => sighting(i, 'A', { vesselId: 'V' })) };
    const [v] = computeVisits(input, opts);
    expect(v).toMatchObject({ arrivalAfter: null, arrivalAfterSceneId: null, departureBefore: null, departureBeforeSceneId: null, dwellMinHours: 48, dwellMaxHours: null });
  });

  it('a single sighting: dwellMin 0, dwellMax spans the bracketing absences', () => {
    const [v] = run({ sightings: [sighting(5, 'A', { vesselId: 'V' })] });
    expect(v).toMatchObject({ dwellMinHours: 0, dwellMaxHours: 48, sceneIds: ['s5'] });
  });

  it('a vessel at quay A then quay B on consecutive days makes two visits', () => {
    const vs = run({ sightings: [sighting(2, 'A', { vesselId: 'V' }), sighting(3, 'A', { vesselId: 'V' }), sighting(4, 'B', { vesselId: 'V' }), sighting(5, 'B', { vesselId: 'V' })] });
    expect(vs.map((v) => [v.zoneId, v.sceneIds, v.arrivalAfterSceneId, v.departureBeforeSceneId])).toEqual([
      ['A', ['s2', 's3'], 's1', 's4'],
      ['B', ['s4', 's5'], 's3', 's6'],
    ]);
  });

  it.each(['partial', 'obscured', 'outside'] as const)('a %s scene without the vessel neither ends nor starts a visit', (value) => {
    const vs = run({ sightings: [sighting(2, 'A', { vesselId: 'V' }), sighting(4, 'A', { vesselId: 'V' })], observability: [obs(3, 'A', value), obs(1, 'A', value), obs(5, 'A', value)] });
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ sceneIds: ['s2', 's4'], arrivalAfterSceneId: 's0', departureBeforeSceneId: 's6', dwellMinHours: 48, dwellMaxHours: 144 });
  });

  it('a clear scene without the vessel splits the run', () => {
    const vs = run({ sightings: [sighting(2, 'A', { vesselId: 'V' }), sighting(4, 'A', { vesselId: 'V' })] });
    expect(vs.map((v) => v.sceneIds)).toEqual([['s2'], ['s4']]);
    expect(vs[0]!.departureBeforeSceneId).toBe('s3');
    expect(vs[1]!.arrivalAfterSceneId).toBe('s3');
  });

  it('presence counts even on an obscured scene (the analyst saw it)', () => {
    const vs = run({ sightings: [sighting(3, 'A', { vesselId: 'V' })], observability: [obs(3, 'A', 'obscured')] });
    expect(vs).toHaveLength(1);
  });

  it('a sighting below the minimum confidence is not counted, and its scene is unknown for that vessel, never an absence', () => {
    // Confirmed, possible, confirmed on three clear scenes: a stricter filter must not create a visit.
    const s = [sighting(2, 'A', { vesselId: 'V' }), sighting(3, 'A', { vesselId: 'V' }, { confidence: 'possible' }), sighting(4, 'A', { vesselId: 'V' })];
    expect(run({ sightings: s }, { minConfidence: 'possible' }).map((v) => v.sceneIds)).toEqual([['s2', 's3', 's4']]);
    expect(run({ sightings: s }, { minConfidence: 'confirmed' }).map((v) => v.sceneIds)).toEqual([['s2', 's4']]);
    // The scene is unknown for V only: another vessel's visit still ends there.
    const w = [sighting(2, 'A', { vesselId: 'W' }), sighting(4, 'A', { vesselId: 'W' })];
    expect(run({ sightings: [...s, ...w] }, { minConfidence: 'confirmed' }).filter((v) => v.subjectId === 'W')).toHaveLength(2);
  });

  it('an unverified (carried) mark counts only when asked; left out, its scene is unknown and its zone not examined', () => {
    const carried = sighting(3, 'A', { vesselId: 'V' }, { verified: false });
    const s = [sighting(2, 'A', { vesselId: 'V' }), carried, sighting(4, 'A', { vesselId: 'W' })];
    const left = analyze({ scenes: scenes(6), zones: [{ id: 'A' }], sightings: s }, { minConfidence: 'possible' });
    expect(left.visits.filter((v) => v.subjectId === 'V').map((v) => v.sceneIds)).toEqual([['s2']]);
    expect(left.unverifiedLeftOut).toBe(1);
    // s3 holds an unconfirmed mark: the zone is not examined there, so it ends no visit (V's ends at s4, not s3).
    expect(left.visits.find((v) => v.subjectId === 'V')!.departureBefore).toBe(scenes(6)[4]!.acquired);
    const asked = analyze({ scenes: scenes(6), zones: [{ id: 'A' }], sightings: s }, { minConfidence: 'possible', includeUnverified: true });
    expect(asked.visits.filter((v) => v.subjectId === 'V').map((v) => v.sceneIds)).toEqual([['s2', 's3']]);
    expect(asked.unverifiedLeftOut).toBe(0);
  });

  it('scenes of one instant are one observation: a sighting at that instant wins over an absence, whatever the ids', () => {
    for (const [a, b] of [['a', 'b'], ['b', 'a']]) {
      const same = [{ id: `s1${a}`, acquired: scene(1).acquired }, { id: `s1${b}`, acquired: scene(1).acquired }];
      const input = { scenes: [scene(0), ...same, scene(2)], zones: [{ id: 'A' }], sightings: [sighting(0, 'A', { vesselId: 'V' }), { ...sighting(0, 'A', { vesselId: 'V' }), sceneId: `s1${a}` }, sighting(2, 'A', { vesselId: 'V' })] };
      expect(run(input)).toHaveLength(1);
    }
  });

  it('keeps microseconds: two scenes 300 µs apart are two instants', () => {
    const t = '2025-01-01T01:30:00.123';
    const input = {
      scenes: [{ id: 'x1', acquired: `${t}100Z` }, { id: 'x2', acquired: `${t}400Z` }, scene(2)],
      zones: [{ id: 'A' }],
      sightings: [{ ...sighting(0, 'A', { vesselId: 'V' }), sceneId: 'x1' }],
    };
    // x1 (presence) is 300 µs before x2 (absence): the visit ends at x2 (cut to the ms, x2 would be the same instant).
    expect(run(input)[0]).toMatchObject({ departureBefore: `${t}400Z` });
  });

  it('a tile-URL or basemap scene is not evidence of absence, unless the analyst set it clear', () => {
    const mosaic = { ...scene(1), source: { kind: 'xyz' as const } };
    const s = [sighting(0, 'A', { vesselId: 'V' }), sighting(2, 'A', { vesselId: 'V' })];
    expect(run({ scenes: [scene(0), mosaic, scene(2)], sightings: s })).toHaveLength(1);
    const set = [{ sceneId: 's1', zoneId: 'A', value: 'clear' as const, overridden: true }];
    expect(run({ scenes: [scene(0), mosaic, scene(2)], sightings: s, observability: set })).toHaveLength(2);
  });

  it('latest review wins: rejected ignored, re-confirmed counts, reviewedOnly keeps confirmed only', () => {
    const a = sighting(2, 'A', { vesselId: 'V' }, { id: 'x' });
    const b = sighting(6, 'A', { vesselId: 'V' }, { id: 'y' });
    const reviews = [
      { id: 'r1', sightingId: 'x', verdict: 'rejected' as const, at: '2025-02-01T00:00:00Z' },
      { id: 'r2', sightingId: 'x', verdict: 'confirmed' as const, at: '2025-02-02T00:00:00Z' },
      { id: 'r3', sightingId: 'y', verdict: 'confirmed' as const, at: '2025-02-01T00:00:00Z' },
      { id: 'r4', sightingId: 'y', verdict: 'rejected' as const, at: '2025-02-03T00:00:00Z' },
    ];
    expect(run({ sightings: [a, b], reviews }).map((v) => v.sceneIds)).toEqual([['s2']]);
    const c = sighting(8, 'A', { vesselId: 'V' });
    expect(run({ sightings: [a, b, c], reviews }, { minConfidence: 'possible', reviewedOnly: true }).map((v) => v.sceneIds)).toEqual([['s2']]);
    expect(run({ sightings: [a, b, c], reviews }).map((v) => v.sceneIds)).toEqual([['s2'], ['s8']]);
  });

  it('track dwell follows the same rules, separately from vessel visits', () => {
    const input = { scenes: scenes(10), zones, sightings: [sighting(1, 'A', { trackId: 'T' }, { count: 5 }), sighting(2, 'A', { trackId: 'T' }, { count: 5 })] };
    expect(computeVisits(input, opts, 'vessel')).toEqual([]);
    expect(computeVisits(input, opts, 'track')).toMatchObject([{ subjectId: 'T', sceneIds: ['s1', 's2'], dwellMinHours: 24, dwellMaxHours: 72 }]);
  });

  it('sightings without a zone or on unknown scenes do not count', () => {
    expect(run({ sightings: [sighting(2, null, { vesselId: 'V' }), sighting(42, 'A', { vesselId: 'V' })] })).toEqual([]);
  });

  it('filters by period (firstSeen), zone and subject', () => {
    const s = [sighting(1, 'A', { vesselId: 'V' }), sighting(5, 'B', { vesselId: 'W' }), sighting(8, 'A', { vesselId: 'W' })];
    expect(run({ sightings: s }, { ...opts, from: '2025-01-03T00:00:00Z', to: '2025-01-09T00:00:00Z' }).map((v) => v.sceneIds[0])).toEqual(['s5']);
    expect(run({ sightings: s }, { ...opts, zoneIds: ['A'] }).map((v) => v.sceneIds[0])).toEqual(['s1', 's8']);
    expect(run({ sightings: s }, { ...opts, subjectIds: ['W'] }).map((v) => v.sceneIds[0])).toEqual(['s5', 's8']);
  });

  it('derives observability from the footprint when none is stored', () => {
    const sq = (x0: number, y0: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]] as [number, number][]] });
    const zone = { id: 'A', geometry: sq(1, 1, 1) };
    const sc = scenes(4).map((s, i) => ({ ...s, footprint: i === 1 ? sq(10, 10, 1) : i === 2 ? sq(0, 0, 1.5) : sq(0, 0, 5) }));
    const cache = new AnalysisCache({ scenes: sc, zones: [zone], sightings: [] }, opts);
    expect(['s0', 's1', 's2', 's3'].map((id) => cache.observabilityOf(id, 'A'))).toEqual(['clear', 'outside', 'partial', 'clear']);
    const other = new AnalysisCache({ scenes: [{ ...sc[0]!, siteId: 'port1' }], zones: [{ ...zone, siteId: 'port2' }], sightings: [] }, opts);
    expect(other.observabilityOf('s0', 'A')).toBe('outside');
    const forced = new AnalysisCache({ scenes: sc, zones: [zone], sightings: [] }, { ...opts, defaultObservability: 'obscured' });
    expect(forced.observabilityOf('s1', 'A')).toBe('obscured');
  });
});
