import { describe, expect, it } from 'vitest';
import type { Id, Observability, PolygonGeometry, Visit } from '../domain';
import type { AisImageryContext } from './context';
import { distanceToZoneM, zoneShape } from './context';
import { portPoint } from './testkit';
import { buildTrackIndex } from './track';
import { DEFAULT_AIS_SETTINGS, type AisPosition } from './types';
import { aisVisits, compareVisits, type AisOnlyReason, type AisVisit } from './visits';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 10);
const iso = (h: number) => new Date(T0 + h * H).toISOString();
const rect = (e0: number, n0: number, e1: number, n1: number): PolygonGeometry => {
  const c = [portPoint(e0, n0), portPoint(e1, n0), portPoint(e1, n1), portPoint(e0, n1)];
  return { type: 'Polygon', coordinates: [[...c, c[0]!]] };
};
// Quay 1: 300 × 60 m; Quay 2 next to it, 100 m further east.
const zones = [
  { id: 'q1', name: 'Quay 1', geometry: rect(0, 0, 300, 60) },
  { id: 'q2', name: 'Quay 2', geometry: rect(400, 0, 700, 60) },
];
const vessels = [{ id: 'v', name: 'Angara', mmsi: '1' }];
/** [hour, east, north, sog or null] → a report. */
const track = (rows: [number, number, number, number | null][]): AisPosition[] =>
  rows.map(([h, e, n, sog]) => {
    const [lon, lat] = portPoint(e, n);
    return { mmsi: '1', t: T0 + h * H, lon, lat, sog, cog: null, heading: null, navStatus: null };
  });
const visitsOf = (rows: [number, number, number, number | null][]) => aisVisits(buildTrackIndex(track(rows)), zones, vessels, DEFAULT_AIS_SETTINGS);
const brief = (v: AisVisit) => [v.zoneId, (Date.parse(v.start) - T0) / H, (Date.parse(v.end) - T0) / H, v.stops, v.portGaps, v.confidence];

describe('distanceToZoneM', () => {
  const q1 = zoneShape(zones[0]!);
  it.each([
    ['inside', 150, 30, 0],
    ['50 m south of the edge', 150, -50, 50],
    ['100 m east of the end', 400, 30, 100],
    ['off the corner (30, 40 m): 50 m', 330, 100, 50],
  ])('%s', (_, e, n, d) => {
    const [lon, lat] = portPoint(e, n);
    expect(distanceToZoneM(q1, lon, lat, 1_000)).toBeCloseTo(d, 1);
  });
  it('is Infinity beyond the limit (the cheap rejection)', () => {
    const [lon, lat] = portPoint(150, -3_000);
    expect(distanceToZoneM(q1, lon, lat, 1_000)).toBe(Infinity);
  });
});

describe('aisVisits (GFW: entry, a stop or a gap, exit)', () => {
  it.each<[string, [number, number, number, number | null][], (string | number)[][]]>([
    ['enter, stop, leave: one visit, confidence 4', [[0, 150, -3000, 10], [1, 150, -50, 3], [2, 150, 30, 0.1], [5, 150, 30, 0], [8, 150, 30, 0.2], [10, 150, 30, 0], [11, 150, -500, 4], [12, 150, -3000, 10]], [['q1', 1, 10, 1, 0, 4]]],
    ['passing within the entry buffer without stopping: none', [[0, -3000, -80, 8], [1, 150, -80, 8], [2, 3000, -80, 8]], []],
    ['the log begins at the quay: no entry seen, confidence 3', [[0, 150, 30, 0], [2.5, 150, 30, 0], [5, 150, 30, 0], [6, 150, -3000, 8]], [['q1', 0, 5, 1, 0, 3]]],
    ['the log ends at the quay: no exit seen, confidence 3', [[0, 150, -3000, 8], [1, 150, 30, 0], [3, 150, 30, 0], [5, 150, 30, 0]], [['q1', 1, 5, 1, 0, 3]]],
    ['the whole log at the quay: confidence 2', [[0, 150, 30, 0], [2.5, 150, 30, 0], [5, 150, 30, 0]], [['q1', 0, 5, 1, 0, 2]]],
    ['a 5 h silence at the quay with no stop is a port gap: a visit', [[0, 150, -3000, 8], [1, 150, 30, 2], [6, 150, 40, 2], [7, 150, -3000, 8]], [['q1', 1, 6, 0, 1, 4]]],
    ['a 3 h silence at the quay with no stop: no visit', [[0, 150, -3000, 8], [1, 150, 30, 2], [4, 150, 40, 2], [5, 150, -3000, 8]], []],
    ['drifting 150 m off after entering (within exit 200 m): one visit', [[0, 150, -3000, 8], [1, 150, -90, 0.2], [2, 150, -150, 0.2], [3, 150, -190, 0.2], [4, 150, -90, 0.2], [5, 150, -3000, 8]], [['q1', 1, 4, 1, 0, 4]]],
    ['stopping 150 m off without coming within 100 m: no visit', [[0, 150, -3000, 8], [1, 150, -150, 0], [5, 150, -150, 0], [6, 150, -3000, 8]], []],
    ['moving to the next berth: two visits, the first ended by the second', [[0, 150, -3000, 8], [1, 150, 30, 0], [4, 150, 30, 0], [5, 150, 30, 0], [6, 550, 30, 0], [9, 550, 30, 0], [10, 550, -3000, 8]], [['q1', 1, 5, 1, 0, 4], ['q2', 6, 9, 1, 0, 4]]],
    ['shifting to the next berth within 200 m of the first: inside Quay 2 ends the visit at Quay 1', [[0, 150, -3000, 8], [1, 280, 30, 0], [4, 280, 30, 0], [5, 450, 30, 0], [8, 450, 30, 0], [9, 450, -3000, 8]], [['q1', 1, 4, 1, 0, 4], ['q2', 5, 8, 1, 0, 4]]],
    ['between the berths, 60 m from Quay 1 and 40 m from Quay 2: the nearest', [[0, 360, -3000, 8], [1, 360, 30, 0], [4, 360, 30, 0], [5, 360, -3000, 8]], [['q2', 1, 4, 1, 0, 4]]],
    ['no SOG: the speed implied by the previous report decides the stop', [[0, 150, -3000, null], [1, 150, 30, null], [2, 150, 31, null], [3, 150, -3000, null]], [['q1', 1, 2, 1, 0, 4]]],
    ['two stops in one visit', [[0, 150, -3000, 8], [1, 150, 30, 0], [2, 100, 30, 1], [3, 50, 30, 0], [4, 150, -3000, 8]], [['q1', 1, 3, 2, 0, 4]]],
  ])('%s', (_, rows, expected) => {
    expect(visitsOf(rows).map(brief)).toEqual(expected);
  });

  it('records the reports bracketing the visit, and the vessels carrying the MMSI', () => {
    const [v] = visitsOf([[0, 150, -3000, 10], [1, 150, 30, 0], [4, 150, 30, 0], [7, 150, 30, 0], [10, 150, 30, 0], [11, 150, -3000, 4]]);
    expect(v).toMatchObject({ mmsi: '1', vesselIds: ['v'], enteredAfter: iso(0), exitedBefore: iso(11), hours: 9 });
  });
});

describe('compareVisits', () => {
  const visit = (zoneId: Id, fromH: number, toH: number, subjectId = 'v'): Visit => ({
    subjectId, zoneId, firstSeen: iso(fromH), lastSeen: iso(toH), arrivalAfter: null, arrivalAfterSceneId: null, departureBefore: null, departureBeforeSceneId: null, sceneIds: [], dwellMinHours: toH - fromH, dwellMaxHours: null,
  });
  const aisVisit = (zoneId: Id, fromH: number, toH: number): AisVisit => ({ mmsi: '1', vesselIds: ['v'], zoneId, start: iso(fromH), end: iso(toH), enteredAfter: null, exitedBefore: null, hours: toH - fromH, stops: 1, portGaps: 0, confidence: 4 });
  const index = buildTrackIndex(track([[0, 0, -3000, 8], [100, 0, -3000, 8]])); // heard at hours 0 and 100 only
  const ctx = (over: Partial<AisImageryContext> = {}): AisImageryContext => ({
    scenes: [], zones, sightings: [], vessels: [...vessels, { id: 'w', name: 'No MMSI', mmsi: null }],
    observabilityOf: () => 'clear', examined: () => true, ...over,
  });
  const S = DEFAULT_AIS_SETTINGS;

  it.each([
    ['overlapping', 10, 20, 12, 30, true],
    ["imagery 20 min before AIS's first report (within ±30 min)", 10, 20, 20 + 20 / 60, 30, true],
    ['imagery 40 min before: another call', 10, 20, 20 + 40 / 60, 30, false],
    ["imagery 20 min after AIS's last report", 30 + 20 / 60, 40, 12, 30, true],
  ])('matches %s', (_, i0, i1, a0, a1, match) => {
    const c = compareVisits([visit('q1', i0, i1)], [aisVisit('q1', a0, a1)], index, ctx(), S);
    expect(c.both.length).toBe(match ? 1 : 0);
    expect(c.aisOnly.length).toBe(match ? 0 : 1);
  });

  it('never matches across zones or vessels', () => {
    const c = compareVisits([visit('q2', 10, 20), visit('q1', 10, 20, 'w')], [aisVisit('q1', 10, 20)], index, ctx(), S);
    expect(c.both).toEqual([]);
    expect(c.imageryOnly.map((x) => x.imagery.zoneId)).toEqual(['q2']);
    expect(c.unlinked.map((v) => v.subjectId)).toEqual(['w']);
  });

  it('says whether a dark call was silent or heard elsewhere', () => {
    const c = compareVisits([visit('q1', 10, 20), visit('q1', 95, 99.8)], [], index, ctx(), S);
    expect(c.imageryOnly.map((x) => x.ais)).toEqual(['silent', 'elsewhere']); // hour 100 is within 30 min of 99.8
  });

  const scene = (id: string, h: number) => ({ id, acquired: iso(h) });
  it.each<[string, Partial<AisImageryContext>, AisOnlyReason]>([
    ['no scene during the visit', { scenes: [scene('a', 5), scene('b', 25)] }, 'not-imaged'],
    ['a scene where the zone is outside', { scenes: [scene('a', 15)], observabilityOf: () => 'outside' }, 'not-imaged'],
    ['only obscured or partial scenes', { scenes: [scene('a', 12), scene('b', 15)], observabilityOf: (s) => (s === 'a' ? 'obscured' : 'partial') as Observability }, 'obscured'],
    ['a clear scene nobody examined', { scenes: [scene('a', 12), scene('b', 15)], observabilityOf: (s) => (s === 'a' ? 'obscured' : 'clear') as Observability, examined: () => false }, 'unexamined'],
    ['an examined clear scene without the vessel', { scenes: [scene('a', 12), scene('b', 15)], examined: (s) => s === 'b' }, 'missed'],
    ['the vessel marked at the other quay', { scenes: [scene('a', 12)], sightings: [{ id: 'm', sceneId: 'a', class: 'vessel', zoneId: 'q2', vesselId: 'v' }] }, 'seen-elsewhere'],
    ['a mark of it there that does not count', { scenes: [scene('a', 12)], sightings: [{ id: 'm', sceneId: 'a', class: 'vessel', zoneId: 'q1', vesselId: 'v' }] }, 'not-counted'],
  ])('AIS only, %s → %s', (_, over, reason) => {
    const c = compareVisits([], [aisVisit('q1', 10, 20)], index, ctx(over), S);
    expect(c.aisOnly.map((x) => x.reason)).toEqual([reason]);
  });

  it('lists what each scene during an AIS-only visit shows', () => {
    const c = compareVisits([], [aisVisit('q1', 10, 20)], index, ctx({ scenes: [scene('b', 15), scene('a', 10), scene('c', 20), scene('d', 21)], observabilityOf: (s) => (s === 'a' ? 'obscured' : 'clear') as Observability }), S);
    expect(c.aisOnly[0]!.scenes.map((s) => [s.sceneId, s.shows])).toEqual([['a', 'obscured'], ['b', 'clear'], ['c', 'clear']]);
  });
});
