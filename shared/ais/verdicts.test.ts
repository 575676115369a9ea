import { describe, expect, it } from 'vitest';
import type { LonLat, SightingGeometry } from '../domain';
import { geodesic, localFrame } from '../measure';
import { mulberry32 } from '../prng';
import { buildTrackIndex } from './track';
import { DEFAULT_AIS_SETTINGS, type AisPosition } from './types';
import { AisVerdictCache, aisVerdicts, buildBrackets, indexSource, tableSource, verdictAt, type AisVerdictSighting } from './verdicts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 10, 1, 30);
const QUAY: LonLat = [130.3, 42.25];
const f = localFrame(QUAY);
/** A point `north` metres north and `east` metres east of the quay. */
const at = (north: number, east = 0): LonLat => f.toLonLat([east, north]);
const fix = (tMin: number, p: LonLat) => ({ t: T0 + tMin * MIN, lon: p[0], lat: p[1], sog: null, cog: null, heading: null, navStatus: null });
const pos = (mmsi: string, tMin: number, p: LonLat): AisPosition => ({ mmsi, ...fix(tMin, p) });
const point = (p: LonLat): SightingGeometry => ({ type: 'Point', coordinates: p });

describe('verdictAt (the thresholds, DEFAULT_AIS_SETTINGS: 500 m, 5 km)', () => {
  // The thresholds set to the exact geodesic distances of the test points at 500 m and 5 km (the
  // local frame that places them and Vincenty differ by millimetres), so the boundaries are hit exactly.
  const exact = (m: number) => geodesic(QUAY, at(m)).distanceM;
  const settings = { confirmM: exact(500), contradictM: exact(5_000) };
  expect(settings.confirmM).toBeCloseTo(DEFAULT_AIS_SETTINGS.confirmM, 1);
  expect(settings.contradictM).toBeCloseTo(DEFAULT_AIS_SETTINGS.contradictM, 0);

  it.each([
    ['AIS on the mark', 0, 'confirmed'],
    ['499 m away', 499, 'confirmed'],
    ['500 m: still confirmed (≤ confirmM)', 500, 'confirmed'],
    ['501 m: nearby', 501, 'nearby'],
    ['4,999 m: nearby', 4_999, 'nearby'],
    ['5,000 m: nearby (contradicted only beyond)', 5_000, 'nearby'],
    ['5,001 m: contradicted', 5_001, 'contradicted'],
    ['40 km: contradicted', 40_000, 'contradicted'],
  ])('%s → %s', (_, metres, verdict) => {
    const v = verdictAt(QUAY, { before: fix(-3, at(metres)), after: null }, T0, settings);
    expect(v.verdict).toBe(verdict);
    expect(Math.abs(v.distanceM! - metres)).toBeLessThan(0.01 + metres * 1e-4);
    expect(v.nearestMinutes).toBe(3);
  });

  it('is silent with no message in the bracket', () => {
    expect(verdictAt(QUAY, { before: null, after: null }, T0, DEFAULT_AIS_SETTINGS)).toEqual({ verdict: 'silent', nearestMinutes: null, distanceM: null, ais: null });
  });

  it('judges the interpolated position, not the nearest message: a ship passing the mark is confirmed', () => {
    // 2 km south 10 min before, 2 km north 10 min after: at the acquisition it was on the mark.
    const v = verdictAt(QUAY, { before: fix(-10, at(-2_000)), after: fix(10, at(2_000)) }, T0, DEFAULT_AIS_SETTINGS);
    expect(v.verdict).toBe('confirmed');
    expect(v.distanceM!).toBeLessThan(1);
    expect(v.ais?.kind).toBe('interpolated');
  });

  it('takes editable thresholds', () => {
    expect(verdictAt(QUAY, { before: fix(0, at(300)), after: null }, T0, { confirmM: 200, contradictM: 250 }).verdict).toBe('contradicted');
  });
});

describe('aisVerdicts', () => {
  const index = buildTrackIndex([
    pos('111', -5, at(20)), pos('111', 5, at(40)), // at the quay
    pos('222', -20, at(30_000)), // 30 km off: spoofed or wrongly linked
    pos('333', -45, at(0)), // only 45 min before: silent at ±30
    pos('444', 10, at(1_500)), // at the anchorage
  ]);
  const scenes = [{ id: 's1', acquired: new Date(T0).toISOString() }];
  const vessels = [{ id: 'v1', mmsi: '111' }, { id: 'v2', mmsi: '222' }, { id: 'v3', mmsi: '333' }, { id: 'v4', mmsi: '444' }, { id: 'v5', mmsi: null }, { id: 'v6', mmsi: '' }];
  const mark = (id: string, vesselId: string | null, extra: Partial<AisVerdictSighting> = {}): AisVerdictSighting => ({ id, sceneId: 's1', class: 'vessel', vesselId, geometry: point(QUAY), ...extra });

  it.each([
    ['a vessel AIS places at the mark', mark('a', 'v1'), 'confirmed'],
    ['a vessel AIS places 30 km away', mark('b', 'v2'), 'contradicted'],
    ['a vessel with no message within ±30 min', mark('c', 'v3'), 'silent'],
    ['a vessel AIS places 1.5 km away', mark('d', 'v4'), 'nearby'],
    ['a vessel with no MMSI', mark('e', 'v5'), 'unlinked'],
    ['a vessel with an empty MMSI', mark('f', 'v6'), 'unlinked'],
    ['a sighting with no vessel', mark('g', null), 'unlinked'],
    ['a sighting of an unknown vessel', mark('h', 'nobody'), 'unlinked'],
  ])('%s → %s', (_, s, verdict) => {
    const [v] = aisVerdicts({ sightings: [s], scenes, vessels }, indexSource(index), DEFAULT_AIS_SETTINGS);
    expect(v!.verdict).toBe(verdict);
  });

  it("measures from a box's centre (the anchor every 'nearest' question uses), not its first corner", () => {
    const c = [at(-50, -100), at(-50, 100), at(50, 100), at(50, -100)];
    const box: SightingGeometry = { type: 'Polygon', coordinates: [[...c, c[0]!]] };
    const [v] = aisVerdicts({ sightings: [mark('box', 'v1', { geometry: box })], scenes, vessels }, indexSource(index), DEFAULT_AIS_SETTINGS);
    expect(v!.distanceM!).toBeCloseTo(30, 0); // AIS interpolated 30 m north of the centre
  });

  it('gives no verdict to other classes or to sightings on unknown scenes', () => {
    const out = aisVerdicts({ sightings: [mark('x', 'v1', { class: 'aircraft' }), mark('y', 'v1', { sceneId: 'gone' })], scenes, vessels }, indexSource(index), DEFAULT_AIS_SETTINGS);
    expect(out).toEqual([]);
  });
});

describe('AisVerdictCache: recompute only what an edit touched', () => {
  const index = buildTrackIndex([pos('111', 0, at(0)), pos('222', 0, at(10_000)), pos('111', 24 * 60, at(8_000))]);
  const scenes = [{ id: 's1', acquired: new Date(T0).toISOString() }, { id: 's2', acquired: new Date(T0 + 86_400_000).toISOString() }];
  const vessels = [{ id: 'v1', mmsi: '111' }, { id: 'v2', mmsi: null }];
  const sightings: AisVerdictSighting[] = [
    { id: 'a', sceneId: 's1', class: 'vessel', vesselId: 'v1', geometry: point(QUAY) },
    { id: 'b', sceneId: 's1', class: 'vessel', vesselId: 'v2', geometry: point(QUAY) },
    { id: 'c', sceneId: 's2', class: 'vessel', vesselId: 'v1', geometry: point(QUAY) },
  ];
  const verdicts = (c: AisVerdictCache) => Object.fromEntries(c.verdicts().map((v) => [v.sightingId, v.verdict]));

  it('follows each kind of edit and agrees with a fresh computation after each', () => {
    const c = new AisVerdictCache({ sightings, scenes, vessels }, indexSource(index), DEFAULT_AIS_SETTINGS);
    expect(verdicts(c)).toEqual({ a: 'confirmed', b: 'unlinked', c: 'contradicted' });
    const fresh = (ss: AisVerdictSighting[], sc = scenes, vs = vessels, st = DEFAULT_AIS_SETTINGS) => Object.fromEntries(aisVerdicts({ sightings: ss, scenes: sc, vessels: vs }, indexSource(index), st).map((v) => [v.sightingId, v.verdict]));

    // The analyst links b to v1: only b is recomputed.
    const b2 = { ...sightings[1]!, vesselId: 'v1' };
    c.upsertSighting(b2);
    expect(c.lastRecomputed).toBe(1);
    expect(verdicts(c)).toEqual({ a: 'confirmed', b: 'confirmed', c: 'contradicted' });
    expect(verdicts(c)).toEqual(fresh([sightings[0]!, b2, sightings[2]!]));

    // v2 gains MMSI 222 (10 km off): nothing of v2 is marked any more, nothing changes.
    c.upsertVessel({ id: 'v2', mmsi: '222' });
    expect(c.lastRecomputed).toBe(0);

    // v1's MMSI corrected to 222: its three sightings.
    c.upsertVessel({ id: 'v1', mmsi: '222' });
    expect(c.lastRecomputed).toBe(3);
    expect(verdicts(c)).toEqual({ a: 'contradicted', b: 'contradicted', c: 'silent' });
    c.upsertVessel({ id: 'v1', mmsi: '111' });

    // Moving the mark 8 km north on s2 confirms it.
    const c2 = { ...sightings[2]!, geometry: point(at(8_000)) };
    c.upsertSighting(c2);
    expect(verdicts(c).c).toBe('confirmed');

    // Scene s2's time moves 2 h: silent.
    const s2late = { id: 's2', acquired: new Date(T0 + 86_400_000 + 2 * 3_600_000).toISOString() };
    c.upsertScene(s2late);
    expect(c.lastRecomputed).toBe(1);
    expect(verdicts(c).c).toBe('silent');
    // A wider window (±3 h) brings the message back.
    c.setSettings({ ...DEFAULT_AIS_SETTINGS, windowMin: 180 });
    expect(c.lastRecomputed).toBe(3);
    expect(verdicts(c)).toEqual(fresh([sightings[0]!, b2, c2], [scenes[0]!, s2late], vessels, { ...DEFAULT_AIS_SETTINGS, windowMin: 180 }));
    expect(verdicts(c).c).toBe('confirmed');

    // A threshold that no verdict reads (gapH) recomputes nothing.
    c.setSettings({ ...DEFAULT_AIS_SETTINGS, windowMin: 180, gapH: 12 });
    expect(c.lastRecomputed).toBe(0);

    // Class change, deletion and scene removal drop the verdict.
    c.upsertSighting({ ...b2, class: 'other' });
    expect(c.verdictOf('b')).toBeUndefined();
    c.removeSighting('a');
    c.removeScene('s2');
    expect(c.verdicts()).toEqual([]);
  });

  it('returns the same array until something changes', () => {
    const c = new AisVerdictCache({ sightings, scenes, vessels }, indexSource(index), DEFAULT_AIS_SETTINGS);
    expect(c.verdicts()).toBe(c.verdicts());
    const before = c.verdicts();
    c.upsertSighting(sightings[0]!);
    expect(c.verdicts()).not.toBe(before);
  });
});

describe('brackets: the renderer computes the same verdicts without the track', () => {
  it('gives identical verdicts from the table and from the index (random tracks, scenes, marks, windows)', () => {
    const rnd = mulberry32(7);
    const mmsis = ['111', '222', '333', '444', '555'];
    const positions: AisPosition[] = [];
    for (const m of mmsis) {
      let t = -6 * 60;
      while (t < 3 * 24 * 60) {
        t += rnd() < 0.1 ? 300 + rnd() * 600 : 1 + rnd() * 25; // mostly every few minutes, sometimes dark for hours
        positions.push(pos(m, t, at((rnd() - 0.5) * 12_000, (rnd() - 0.5) * 12_000)));
      }
    }
    const index = buildTrackIndex(positions);
    const scenes = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, acquired: new Date(T0 + rnd() * 3 * 86_400_000).toISOString() }));
    const vessels = [...mmsis.map((m, i) => ({ id: `v${i}`, mmsi: m })), { id: 'vx', mmsi: null }, { id: 'vy', mmsi: '999' }];
    const sightings: AisVerdictSighting[] = Array.from({ length: 600 }, (_, i) => ({
      id: `g${i}`,
      sceneId: scenes[i % scenes.length]!.id,
      class: 'vessel',
      vesselId: vessels[Math.floor(rnd() * vessels.length)]!.id,
      geometry: point(at((rnd() - 0.5) * 12_000, (rnd() - 0.5) * 12_000)),
    }));
    const table = buildBrackets(index, scenes, vessels.flatMap((v) => (v.mmsi ? [v.mmsi] : [])), 60);
    expect(table.rows.length).toBeLessThan(scenes.length * mmsis.length + 1);
    for (const windowMin of [5, 30, 60]) {
      const settings = { ...DEFAULT_AIS_SETTINGS, windowMin };
      const fromIndex = aisVerdicts({ sightings, scenes, vessels }, indexSource(index), settings);
      const fromTable = aisVerdicts({ sightings, scenes, vessels }, tableSource(table), settings);
      expect(fromTable).toEqual(fromIndex);
      const kinds = new Set(fromIndex.map((v) => v.verdict));
      expect(kinds).toEqual(new Set(['confirmed', 'nearby', 'contradicted', 'silent', 'unlinked']));
    }
  });

  it('gives identical verdicts from a sparse table (each ship near a few scenes: looked up per scene, not in a grid)', () => {
    // 80 scenes × 80 MMSIs = 6,400 pairs for about 160 rows: beyond indexTable's grid (4 cells a row + 4,096).
    const rnd = mulberry32(3);
    const scenes = Array.from({ length: 80 }, (_, i) => ({ id: `s${i}`, acquired: new Date(T0 + i * 120 * MIN).toISOString() }));
    const positions: AisPosition[] = [];
    for (let m = 0; m < 80; m++) {
      for (const k of [m, m + 1]) positions.push(pos(`${m}`, k * 120 + (rnd() - 0.5) * 20, at((rnd() - 0.5) * 12_000, (rnd() - 0.5) * 12_000)));
    }
    const index = buildTrackIndex(positions);
    const vessels = Array.from({ length: 80 }, (_, m) => ({ id: `v${m}`, mmsi: `${m}` }));
    const table = JSON.parse(JSON.stringify(buildBrackets(index, scenes, vessels.map((v) => v.mmsi), 30)));
    expect(table.rows.length * 4 + 4_096).toBeLessThan(scenes.length * vessels.length);
    const sightings: AisVerdictSighting[] = Array.from({ length: 800 }, (_, i) => ({
      id: `g${i}`,
      sceneId: scenes[i % scenes.length]!.id,
      class: 'vessel',
      // Mostly a ship AIS places near that scene, sometimes one it does not.
      vesselId: vessels[rnd() < 0.8 ? Math.max(0, (i % scenes.length) - Math.floor(rnd() * 2)) : Math.floor(rnd() * vessels.length)]!.id,
      geometry: point(at((rnd() - 0.5) * 12_000, (rnd() - 0.5) * 12_000)),
    }));
    for (const windowMin of [5, 30]) {
      const settings = { ...DEFAULT_AIS_SETTINGS, windowMin };
      const fromIndex = aisVerdicts({ sightings, scenes, vessels }, indexSource(index), settings);
      expect(aisVerdicts({ sightings, scenes, vessels }, tableSource(table), settings)).toEqual(fromIndex);
      expect(new Set(fromIndex.map((v) => v.verdict))).toEqual(new Set(['confirmed', 'nearby', 'contradicted', 'silent']));
    }
  });

  it('reports the geodesic itself as the distance (measure.ts), to the bit', () => {
    const index = buildTrackIndex([pos('1', -3, at(100, 40)), pos('1', 4, at(2_200, -300))]);
    const scenes = [{ id: 's', acquired: new Date(T0).toISOString() }];
    const anchor = at(-150, 75);
    const input = { sightings: [{ id: 'a', sceneId: 's', class: 'vessel' as const, vesselId: 'v', geometry: point(anchor) }], scenes, vessels: [{ id: 'v', mmsi: '1' }] };
    for (const source of [indexSource(index), tableSource(buildBrackets(index, scenes, ['1'], 30))]) {
      const [v] = aisVerdicts(input, source, DEFAULT_AIS_SETTINGS);
      expect(v!.distanceM).toBe(geodesic(anchor, [v!.ais!.lon, v!.ais!.lat]).distanceM);
    }
  });

  it('widens the window together with new brackets in one step', () => {
    const index = buildTrackIndex([pos('1', -50, QUAY)]);
    const scenes = [{ id: 's', acquired: new Date(T0).toISOString() }];
    const input = { sightings: [{ id: 'a', sceneId: 's', class: 'vessel' as const, vesselId: 'v', geometry: point(QUAY) }], scenes, vessels: [{ id: 'v', mmsi: '1' }] };
    const c = new AisVerdictCache(input, tableSource(buildBrackets(index, scenes, ['1'], 30)), DEFAULT_AIS_SETTINGS);
    expect(c.verdictOf('a')?.verdict).toBe('silent');
    const wider = { ...DEFAULT_AIS_SETTINGS, windowMin: 60 };
    expect(() => c.setSettings(wider)).toThrow(RangeError);
    c.setSettings(wider, tableSource(buildBrackets(index, scenes, ['1'], 60)));
    expect(c.verdictOf('a')).toMatchObject({ verdict: 'confirmed', nearestMinutes: 50 });
  });

  it('never uses a row built for another instant from the wrong side (a scene time edited since)', () => {
    const index = buildTrackIndex([pos('1', -10, at(0)), pos('1', 10, at(1_000))]);
    const table = buildBrackets(index, [{ id: 's', acquired: new Date(T0).toISOString() }], ['1'], 30);
    const src = tableSource(table);
    expect(src.bracket('1', 's', T0 + 15 * MIN, 30 * MIN)).toMatchObject({ before: null, after: null }); // both rows lie before
    expect(src.bracket('1', 's', T0 - 15 * MIN, 30 * MIN)).toMatchObject({ before: null, after: null }); // both lie after
  });

  it('refuses a window wider than the table was built for', () => {
    const table = buildBrackets(buildTrackIndex([pos('1', 0, QUAY)]), [{ id: 's', acquired: new Date(T0).toISOString() }], ['1'], 30);
    expect(() => tableSource(table).bracket('1', 's', T0, 31 * MIN)).toThrow(/±30 min/);
  });

  it('survives a trip through JSON (the IPC and HTTP transports)', () => {
    const index = buildTrackIndex([pos('1', -3, at(100)), pos('1', 4, at(200))]);
    const scenes = [{ id: 's', acquired: new Date(T0).toISOString() }];
    const table = JSON.parse(JSON.stringify(buildBrackets(index, scenes, ['1'], 30)));
    const input = { sightings: [{ id: 'a', sceneId: 's', class: 'vessel' as const, vesselId: 'v', geometry: point(QUAY) }], scenes, vessels: [{ id: 'v', mmsi: '1' }] };
    expect(aisVerdicts(input, tableSource(table), DEFAULT_AIS_SETTINGS)).toEqual(aisVerdicts(input, indexSource(index), DEFAULT_AIS_SETTINGS));
  });
});
