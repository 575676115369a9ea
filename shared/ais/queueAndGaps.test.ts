import { describe, expect, it } from 'vitest';
import type { Observability, PolygonGeometry } from '../domain';
import type { AisImageryContext } from './context';
import { aisGaps } from './gaps';
import { aisSaysHere } from './queue';
import { portPoint } from './testkit';
import { buildTrackIndex } from './track';
import { DEFAULT_AIS_SETTINGS, type AisPosition } from './types';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 10);
const iso = (h: number) => new Date(T0 + h * H).toISOString();
const rect = (e0: number, n0: number, e1: number, n1: number): PolygonGeometry => {
  const c = [portPoint(e0, n0), portPoint(e1, n0), portPoint(e1, n1), portPoint(e0, n1)];
  return { type: 'Polygon', coordinates: [[...c, c[0]!]] };
};
const zones = [
  { id: 'q1', name: 'Quay 1', geometry: rect(0, 0, 300, 60) },
  { id: 'q2', name: 'Quay 2', geometry: rect(400, 0, 700, 60) },
];
const report = (mmsi: string, h: number, e: number, n: number): AisPosition => {
  const [lon, lat] = portPoint(e, n);
  return { mmsi, t: T0 + h * H, lon, lat, sog: 0, cog: null, heading: null, navStatus: 5 };
};
const ctx = (over: Partial<AisImageryContext> = {}): AisImageryContext => ({
  scenes: [{ id: 's', acquired: iso(10) }],
  zones,
  sightings: [],
  vessels: [{ id: 'v', name: 'Sparta IV', mmsi: '1' }],
  observabilityOf: () => 'clear',
  examined: () => true,
  ...over,
});

describe('aisSaysHere (the review queue)', () => {
  const index = buildTrackIndex([report('1', 9.9, 150, 30), report('1', 10.1, 152, 30), report('2', 10, 550, 30), report('3', 10, 150, -20), report('4', 9, 150, 30)]);
  const items = (over: Partial<AisImageryContext> = {}, names = new Map<string, string>()) => aisSaysHere(index, ctx(over), DEFAULT_AIS_SETTINGS, names);

  it('names the vessel and the zone, and says whether the analyst looked', () => {
    const q = items({ examined: (_, z) => z === 'q1' });
    expect(q.map((i) => [i.mmsi, i.zoneId, i.examined, i.text])).toEqual([
      ['1', 'q1', true, 'AIS says Sparta IV at Quay 1; nothing marked'],
      ['2', 'q2', false, 'AIS says MMSI 2 at Quay 2; nothing marked'],
    ]);
    // 3 lies 20 m off the quay (no buffer for the queue); 4's last report is an hour old (outside ±30 min).
  });

  it('takes the AIS static name for a ship the project has no identity for', () => {
    // The project's own name wins over what the ship broadcasts.
    expect(items({}, new Map([['1', 'SPARTA 4'], ['2', 'BALTIC LEADER']])).map((i) => i.name)).toEqual(['Sparta IV', 'BALTIC LEADER']);
  });

  it.each<[string, Partial<AisImageryContext>, string[]]>([
    ['the vessel marked there: no item', { sightings: [{ id: 'm', sceneId: 's', class: 'vessel', zoneId: 'q1', vesselId: 'v' }] }, ['2']],
    ['a partial zone cannot show absence: no item', { observabilityOf: (_, z) => (z === 'q1' ? 'partial' : 'clear') as Observability }, ['2']],
    ['an obscured zone: no item', { observabilityOf: (_, z) => (z === 'q1' ? 'obscured' : 'clear') as Observability }, ['2']],
    ['another vessel carrying the same MMSI marked there: no item', { vessels: [{ id: 'v', name: 'Sparta IV', mmsi: '1' }, { id: 'v0', name: 'Old name', mmsi: '1' }], sightings: [{ id: 'm', sceneId: 's', class: 'vessel', zoneId: 'q1', vesselId: 'v0' }] }, ['2']],
  ])('%s', (_, over, mmsis) => {
    expect(items(over).map((i) => i.mmsi)).toEqual(mmsis);
  });

  it('points at marks of the vessel in other zones and at unidentified marks in this one', () => {
    const [i] = items({ sightings: [{ id: 'elsewhere', sceneId: 's', class: 'vessel', zoneId: 'q2', vesselId: 'v' }, { id: 'who', sceneId: 's', class: 'vessel', zoneId: 'q1', vesselId: null }, { id: 'other', sceneId: 's', class: 'vessel', zoneId: 'q1', vesselId: 'x' }, { id: 'stack', sceneId: 's', class: 'container_stack', zoneId: 'q1', vesselId: null }] });
    expect(i).toMatchObject({ mmsi: '1', markedElsewhere: ['elsewhere'], unlinkedHere: ['who'] });
  });
});

describe('aisGaps', () => {
  const scenes = [1, 3, 5, 7, 11].map((h) => ({ id: `s${h}`, acquired: iso(h) }));
  const gapsOf = (hours: number[], over: Partial<AisImageryContext> = {}) =>
    aisGaps(buildTrackIndex(hours.map((h) => report('1', h, 150, 30))), ctx({ scenes, ...over }), DEFAULT_AIS_SETTINGS).map((g) => [(Date.parse(g.from) - T0) / H, (Date.parse(g.to) - T0) / H, g.scenes.map((s) => s.sceneId)]);

  it.each([
    ['a silence of exactly 6 h is a gap', [0, 6], [[0, 6, ['s1', 's3', 's5']]]],
    ['5 h 59 min is not', [0, 5 + 59 / 60], []],
    ['scenes strictly inside only', [1, 7, 8], [[1, 7, ['s3', 's5']]]],
    ['two gaps', [0, 2, 9, 10, 20], [[2, 9, ['s3', 's5', 's7']], [10, 20, ['s11']]]],
    ['before the first and after the last message: no gap', [4, 5], []],
  ])('%s', (_, hours, expected) => {
    expect(gapsOf(hours)).toEqual(expected);
  });

  it('says what each zone shows on each scene: the vessel seen, or the observability, and whether examined', () => {
    const [g] = aisGaps(buildTrackIndex([report('1', 0, 0, 0), report('1', 8, 0, 0)]), ctx({
      scenes: [{ id: 'a', acquired: iso(2) }, { id: 'b', acquired: iso(4) }],
      sightings: [{ id: 'm', sceneId: 'b', class: 'vessel', zoneId: 'q2', vesselId: 'v' }],
      observabilityOf: (s, z) => (s === 'a' && z === 'q1' ? 'obscured' : 'clear'),
      examined: (s) => s === 'b',
    }), DEFAULT_AIS_SETTINGS);
    expect(g!.vesselIds).toEqual(['v']);
    expect(g!.hours).toBe(8);
    expect(g!.scenes.map((s) => [s.sceneId, s.seen, s.zones.map((z) => [z.zoneId, z.shows, z.examined, z.sightingIds])])).toEqual([
      ['a', false, [['q1', 'obscured', false, []], ['q2', 'clear', false, []]]],
      ['b', true, [['q1', 'clear', true, []], ['q2', 'seen', true, ['m']]]],
    ]);
  });

  it('follows the editable threshold', () => {
    const gaps = aisGaps(buildTrackIndex([report('1', 0, 0, 0), report('1', 3, 0, 0)]), ctx({ scenes }), { gapH: 2 });
    expect(gaps).toHaveLength(1);
  });
});
