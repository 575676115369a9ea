// Agreement figures against a hand-computed example (see the comments for the arithmetic).
import type { LonLat, Sighting, SightingClass } from '../domain';
import { agreement, matchOnScene, pairwiseAgreement } from './agreement';

const BASE: LonLat = [130, 42];
/** About `m` metres north of the base point (1° of latitude ≈ 111 km here). */
const north = (m: number, east = 0): LonLat => [BASE[0] + east / 82_700, BASE[1] + m / 111_050];
let n = 0;
const mark = (author: string, sceneId: string, at: LonLat, o: { cls?: SightingClass; zoneId?: string | null; vesselId?: string | null; count?: number | null } = {}): Sighting => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  sceneId,
  class: o.cls ?? 'vessel',
  geometry: { type: 'Point', coordinates: at },
  zoneId: o.zoneId === undefined ? 'Z1' : o.zoneId,
  zoneOverridden: false,
  confidence: 'confirmed',
  count: o.count ?? null,
  vesselId: o.vesselId ?? null,
  trackId: null,
  notes: '',
  author,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  origin: 'marked',
  originDetail: '',
  verified: true,
});

const scenes = [
  { id: 's0', acquired: '2025-01-01T02:00:00.000Z' },
  { id: 's1', acquired: '2025-01-02T02:00:00.000Z' },
  { id: 's2', acquired: '2025-01-03T02:00:00.000Z' },
  { id: 's3', acquired: '2025-01-04T02:00:00.000Z' },
];
const zones = [{ id: 'Z1' }, { id: 'Z2' }];
const P = north(0);
const Q = north(200); // far from P: never matched across
const R = north(0, 500);

// alice (reference): s0 a0 (outside bob's span); s1 vessel V1 at P and 10 containers at Q (Z1);
// s2 a vessel at R in Z2; s3 vessel V1 at P.
// bob (compared): s1 vessel V1 5 m from P, 12 containers 10 m from Q; s2 a vessel 300 m away in Z1;
// s3 vessel V2 at P.
const sightings = [
  mark('alice', 's0', P),
  mark('alice', 's1', P, { vesselId: 'V1' }),
  mark('alice', 's1', Q, { cls: 'container_stack', count: 10 }),
  mark('alice', 's2', R, { zoneId: 'Z2' }),
  mark('alice', 's3', P, { vesselId: 'V1' }),
  mark('bob', 's1', north(5), { vesselId: 'V1' }),
  mark('bob', 's1', north(210), { cls: 'container_stack', count: 12 }),
  mark('bob', 's2', north(300)),
  mark('bob', 's3', P, { vesselId: 'V2' }),
];

describe('agreement between two analysts', () => {
  it('matches, scores and compares as computed by hand', () => {
    const r = agreement({ sightings, scenes, zones }, 'alice', 'bob', 25);
    // Spans: alice s0–s3, bob s1–s3 → covered s1, s2, s3; alice's s0 mark is left out.
    expect(r.coveredSceneIds).toEqual(['s1', 's2', 's3']);
    expect([r.referenceSightings, r.comparedSightings, r.matched]).toEqual([4, 4, 3]);
    // 3 matched of 4 each: precision = recall = F1 = 0.75.
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.75);
    expect(r.f1).toBe(0.75);
    expect(r.classAgreement).toEqual({ pairs: 3, agreed: 3, rate: 1 });
    // Both linked on s1 (V1 = V1) and s3 (V1 ≠ V2).
    expect(r.vesselIdentity).toEqual({ pairs: 2, agreed: 1, rate: 0.5 });
    // 10 against 12.
    expect(r.containerCounts).toEqual({ pairs: 1, agreed: 0, rate: 0, meanAbsDifference: 2 });
    // Presence over 3 scenes × 2 zones: s1Z1 both, s1Z2 neither, s2Z1 bob only, s2Z2 alice only,
    // s3Z1 both, s3Z2 neither → po = 4/6; each says "present" 3/6 → pe = 0.5; κ = (2/3 − 1/2)/(1/2) = 1/3.
    expect(r.presence).toMatchObject({ pairs: 6, both: 2, referenceOnly: 1, comparedOnly: 1, neither: 2 });
    expect(r.presence.observedAgreement).toBeCloseTo(2 / 3, 12);
    expect(r.presence.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(r.presence.kappa).toBeCloseTo(1 / 3, 12);
  });

  it('leaves obscured scene × zone pairs out of kappa', () => {
    const r = agreement({ sightings, scenes, zones, observability: [{ sceneId: 's2', zoneId: 'Z2', value: 'obscured' }] }, 'alice', 'bob', 25);
    // 5 pairs: both 2, bob only 1, neither 2 → po = 0.8; alice yes 2/5, bob yes 3/5 → pe = 0.48; κ = 0.32/0.52.
    expect(r.presence.pairs).toBe(5);
    expect(r.presence.kappa).toBeCloseTo(0.32 / 0.52, 12);
  });

  it('a wider distance rule finds more matches (s2: 500 m east vs 300 m north ≈ 583 m)', () => {
    expect(agreement({ sightings, scenes, zones }, 'alice', 'bob', 600).matched).toBe(4);
  });

  it('matches greedily, nearest first, each mark once', () => {
    const r1 = mark('a', 'x', north(0));
    const r2 = mark('a', 'x', north(20));
    const c1 = mark('b', 'x', north(12));
    const m = matchOnScene([r1, r2], [c1], 25);
    expect(m.map((x) => [x.referenceId, x.comparedId])).toEqual([[r2.id, c1.id]]);
    expect(m[0]!.distanceM).toBeCloseTo(8, 0);
  });

  it('tells scenes both examined from scenes both marked (a colleague who marked 2 of 3 is not said to have "covered" 3 by marks)', () => {
    // bob marks s1 and s3 only: his span s1–s3 takes in s2, which he looked at and found empty.
    const r = agreement({ sightings: sightings.filter((s) => !(s.author === 'bob' && s.sceneId === 's2')), scenes, zones }, 'alice', 'bob', 25);
    expect(r.coveredSceneIds).toEqual(['s1', 's2', 's3']);
    expect(r.markedScenes).toEqual({ reference: 3, compared: 2, both: 2 });
  });

  it('gives null figures, not NaN, when an analyst marked nothing', () => {
    const r = agreement({ sightings: sightings.filter((s) => s.author === 'alice'), scenes, zones }, 'alice', 'bob');
    expect(r.coveredSceneIds).toEqual([]);
    expect([r.precision, r.recall, r.f1, r.presence.kappa]).toEqual([null, null, null, null]);
  });

  it('pairwise: each pair of authors once', () => {
    expect(pairwiseAgreement({ sightings, scenes, zones }).map((r) => [r.reference, r.compared])).toEqual([['alice', 'bob']]);
  });
});
