// Builders for AIS rule tests and the benchmark: a seeded project of scenes, zones, vessels and marks
// around the demo port (~130.30 E, 42.245 N) with AIS tracks whose truth is known (portOfTruth), and
// a large random one for bench-ais-rules (benchmarkAisProject).
import type { AnalysisInput } from '../analysis/input';
import type { Id, LonLat, Observability, PolygonGeometry, SightingGeometry } from '../domain';
import { localFrame } from '../measure';
import { mulberry32 } from '../prng';
import type { AisImageryContext } from './context';
import type { AisPosition, AisVerdict } from './types';
import type { AisVerdictScene, AisVerdictSighting, AisVerdictVessel } from './verdicts';
import type { AisOnlyReason } from './visits';

export const PORT: LonLat = [130.3, 42.245];
const frame = localFrame(PORT);
/** A point `east`, `north` metres from the port's centre. */
export const portPoint = (east: number, north: number): LonLat => frame.toLonLat([east, north]);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// ---- the benchmark -----------------------------------------------------------------------------

export interface BenchAisProject {
  positions: AisPosition[];
  /** 20 quays of 300 × 60 m in a row along the shore, 500 m apart. */
  zones: AisImageryContext['zones'];
  scenes: AisVerdictScene[];
  vessels: AisVerdictVessel[];
  sightings: AisVerdictSighting[];
}

/**
 * `positions` AIS positions of 500 MMSIs over 10 days (a report every 1–13 min, a random walk within
 * 10 km of the port), 500 scenes over the same days, 600 vessels (500 with those MMSIs, 50 without an
 * MMSI, 50 with an MMSI AIS never heard) and `sightings` vessel marks on random scenes near the port.
 * Positions come in (MMSI, t) order, as the store's index returns them.
 */
export function benchmarkAisProject(seed: number, size: { sightings: number; positions: number }): BenchAisProject {
  const rnd = mulberry32(seed);
  const T0 = Date.UTC(2025, 0, 1);
  const SPAN = 10 * DAY;
  const MMSIS = 500;
  const mmsi = (i: number) => String(273_000_000 + i);
  const positions: AisPosition[] = [];
  const perMmsi = Math.ceil(size.positions / MMSIS);
  for (let m = 0; m < MMSIS && positions.length < size.positions; m++) {
    let t = T0 + rnd() * 10 * MIN;
    let [x, y] = [(rnd() - 0.5) * 10_000, (rnd() - 0.5) * 10_000];
    const step = SPAN / perMmsi;
    for (let k = 0; k < perMmsi && positions.length < size.positions; k++) {
      t += step * (0.15 + 1.7 * rnd());
      x = Math.max(-10_000, Math.min(10_000, x + (rnd() - 0.5) * 400));
      y = Math.max(-10_000, Math.min(10_000, y + (rnd() - 0.5) * 400));
      const [lon, lat] = portPoint(x, y);
      positions.push({ mmsi: mmsi(m), t: Math.round(t), lon, lat, sog: rnd() * 12, cog: rnd() * 360, heading: null, navStatus: 0 });
    }
  }
  const scenes: AisVerdictScene[] = Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, acquired: new Date(T0 + (i + rnd()) * (SPAN / 500)).toISOString() }));
  const vessels: AisVerdictVessel[] = Array.from({ length: 600 }, (_, i) => ({ id: `v${i}`, mmsi: i < MMSIS ? mmsi(i) : i < 550 ? null : String(100_000_000 + i) }));
  const sightings: AisVerdictSighting[] = Array.from({ length: size.sightings }, (_, i) => {
    const geometry: SightingGeometry = { type: 'Point', coordinates: portPoint((rnd() - 0.5) * 8_000, (rnd() - 0.5) * 8_000) };
    return { id: `g${i}`, sceneId: scenes[Math.floor(rnd() * scenes.length)]!.id, class: 'vessel', vesselId: vessels[Math.floor(rnd() * vessels.length)]!.id, geometry };
  });
  const zones = Array.from({ length: 20 }, (_, i) => ({ id: `z${i}`, name: `Quay ${i + 1}`, geometry: rect(-5_000 + i * 500, 0, -4_700 + i * 500, 60) }));
  return { positions, zones, scenes, vessels, sightings };
}

// ---- a port of known truth -------------------------------------------------------------------------

/** A rectangle of the port in metres east/north of its centre, as a zone polygon. */
function rect(e0: number, n0: number, e1: number, n1: number): PolygonGeometry {
  const c = [portPoint(e0, n0), portPoint(e1, n0), portPoint(e1, n1), portPoint(e0, n1)];
  return { type: 'Polygon', coordinates: [[...c, c[0]!]] };
}

/** [hours from T0, metres east, metres north]: the vessel is there then, and moves in straight lines between. */
type Waypoint = readonly [number, number, number];

interface TruthVessel {
  id: Id;
  name: string;
  mmsi: string | null;
  /** Where the ship really is. */
  path: readonly Waypoint[];
  /** Where its AIS says it is, when that is not where it is (a spoofed track). */
  broadcast?: readonly Waypoint[];
  /** Hours when its transponder is off. */
  dark?: readonly (readonly [number, number])[];
}

export interface PortOfTruth {
  T0: number;
  positions: AisPosition[];
  ctx: AisImageryContext;
  /** The same project as AnalysisInput, for the engine's imagery visits. */
  analysis: AnalysisInput;
  verdictSightings: AisVerdictSighting[];
  /** What the rules must find. */
  truth: {
    verdicts: Record<Id, AisVerdict>;
    gaps: { mmsi: string; fromH: number; toH: number; sceneIds: Id[]; seenAt: Id }[];
    aisVisits: { mmsi: string; zoneId: Id; startH: number; endH: number }[];
    queue: { sceneId: Id; zoneId: Id; mmsi: string; examined: boolean }[];
    both: { vesselId: Id; zoneId: Id }[];
    imageryOnly: { vesselId: Id; zoneId: Id; ais: 'silent' | 'elsewhere' }[];
    aisOnly: { mmsi: string; zoneId: Id; reason: AisOnlyReason }[];
    unlinked: { vesselId: Id; zoneId: Id }[];
  };
}

/** Scenes: one a day at 01:30 UTC for ten days from T0 = 2025-01-10. */
const TRUTH_T0 = Date.UTC(2025, 0, 10);
const sceneH = (day: number) => day * 24 + 1.5;

/**
 * A port with three berths south of the town, an anchorage 2.5 km out and a lane along the quays, and
 * seven ships whose every move is known:
 * - Angara (honest) moors at Quay 1 from day 1 14:00 to day 3 10:00, marked on days 2 and 3: confirmed,
 *   one AIS visit, one imagery visit, seen in both.
 * - Lady R switches AIS off 15 km out (day 4 06:00), lies at Quay 2 days 4 12:00 – 6 12:00, and is
 *   heard again 15 km out at day 6 18:00; marked on days 5 and 6: silent, a 60 h gap whose two scenes
 *   show it at Quay 2, a dark call (imagery only, AIS silent).
 * - Sparta IV broadcasts a fixed position 28 km out for the whole log (spoofed) while marked at Pier 3 on
 *   days 7 and 8: contradicted, imagery only (AIS elsewhere).
 * - Ursa Major calls at Quay 1 on day 4 00:00 – 20:00 (the scene that day has Quay 1 obscured) and at
 *   Quay 2 on day 8 00:00 – 10:00 (a clear, examined scene where nobody marked it): two AIS-only visits,
 *   obscured and missed, and the review queue's one item.
 * - Baltic Leader lies at the anchorage and is marked (wrongly) at Quay 1 on day 0: nearby, imagery only.
 * - Transit runs along the quays at 5 kn, 80 m off, on day 1: inside the entry buffer without stopping,
 *   so no visit.
 * - An unidentified ship (no MMSI) marked at Pier 3 on day 1: unlinked.
 * AIS has receiver noise (σ 3 m), a report every 5–6 min, 15 % of reports heard twice by two stations
 * (up to 0.9 s apart), and comes in shuffled order.
 */
export function portOfTruth(seed = 1): PortOfTruth {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const zones = [
    { id: 'q1', name: 'Quay 1', geometry: rect(0, 0, 300, 60) },
    { id: 'q2', name: 'Quay 2', geometry: rect(400, 0, 700, 60) },
    { id: 'p3', name: 'Pier 3', geometry: rect(-500, 0, -440, 300) },
  ];
  const END = 240;
  const vessels: TruthVessel[] = [
    { id: 'angara', name: 'Angara', mmsi: '273000001', path: [[-24, 3000, -8000], [37, 3000, -8000], [37.5, 150, -3000], [38, 150, 30], [82, 150, 30], [83, 150, -6000], [END, 150, -6000]] },
    { id: 'lady-r', name: 'Lady R', mmsi: '273000002', path: [[-24, 550, -15000], [102, 550, -15000], [108, 550, 30], [156, 550, 30], [162, 550, -15000], [END, 550, -15000]], dark: [[102, 162]] },
    { id: 'sparta', name: 'Sparta IV', mmsi: '273000003', path: [[-24, -470, -5000], [160, -470, -5000], [162, -470, 150], [200, -470, 150], [202, -470, -5000], [END, -470, -5000]], broadcast: [[-24, 20000, -20000], [END, 20000, -20000]] },
    { id: 'ursa', name: 'Ursa Major', mmsi: '273000004', path: [[-24, 0, -2500], [95.5, 0, -2500], [96, 150, 30], [116, 150, 30], [116.5, 0, -2500], [191.5, 0, -2500], [192, 550, 30], [202, 550, 30], [202.5, 0, -2500], [END, 0, -2500]] },
    { id: 'baltic', name: 'Baltic Leader', mmsi: '273000005', path: [[-24, 200, -2500], [END, 200, -2500]] },
    { id: 'transit', name: 'Transit', mmsi: '273000006', path: [[-24, -9000, -80], [34, -9000, -80], [36, 9000, -80], [END, 9000, -80]] },
    { id: 'unknown', name: 'Unidentified', mmsi: null, path: [[-24, -470, 150], [END, -470, 150]] },
  ];
  const where = (path: readonly Waypoint[], h: number): { e: number; n: number; kn: number } => {
    for (let k = 1; k < path.length; k++) {
      const [h0, e0, n0] = path[k - 1]!;
      const [h1, e1, n1] = path[k]!;
      if (h > h1 && k < path.length - 1) continue;
      const f = h1 > h0 ? Math.max(0, Math.min(1, (h - h0) / (h1 - h0))) : 1;
      const kn = h1 > h0 ? Math.hypot(e1 - e0, n1 - n0) / ((h1 - h0) * 3600) / (1852 / 3600) : 0;
      return { e: e0 + f * (e1 - e0), n: n0 + f * (n1 - n0), kn };
    }
    const [, e, n] = path[0]!;
    return { e, n, kn: 0 };
  };
  const positions: AisPosition[] = [];
  for (const v of vessels) {
    if (!v.mmsi) continue;
    for (let h = -24 + rnd() * 0.1; h < END; h += (300 + rnd() * 60) / 3600) {
      if (v.dark?.some(([a, b]) => h >= a && h < b)) continue;
      const w = where(v.broadcast ?? v.path, h);
      const [lon, lat] = portPoint(w.e + 3 * gauss(), w.n + 3 * gauss());
      const sog = Math.max(0, w.kn > 0 ? w.kn + 0.3 * gauss() : 0.1 * Math.abs(gauss()));
      const t = Math.round(TRUTH_T0 + h * 3_600_000);
      const p: AisPosition = { mmsi: v.mmsi, t, lon, lat, sog: Math.round(sog * 10) / 10, cog: null, heading: null, navStatus: w.kn > 0 ? 0 : 5 };
      positions.push(p);
      if (rnd() < 0.15) positions.push({ ...p, t: t + Math.round(rnd() * 900) });
    }
  }
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }

  const scenes = Array.from({ length: 10 }, (_, d) => ({ id: `d${d}`, acquired: new Date(TRUTH_T0 + sceneH(d) * 3_600_000).toISOString() }));
  const obscured = new Set(['d4/q1']);
  const observabilityOf = (sceneId: Id, zoneId: Id): Observability => (obscured.has(`${sceneId}/${zoneId}`) ? 'obscured' : 'clear');
  const examined = (sceneId: Id, zoneId: Id) => observabilityOf(sceneId, zoneId) === 'clear';

  // The analyst's marks: where each ship really is at the scene's instant (a click within ~15 m).
  const marks: { vessel: Id; day: number; zoneId: Id }[] = [
    { vessel: 'baltic', day: 0, zoneId: 'q1' }, // wrongly identified: Baltic Leader lies at the anchorage
    { vessel: 'unknown', day: 1, zoneId: 'p3' },
    { vessel: 'angara', day: 2, zoneId: 'q1' }, { vessel: 'angara', day: 3, zoneId: 'q1' },
    { vessel: 'lady-r', day: 5, zoneId: 'q2' }, { vessel: 'lady-r', day: 6, zoneId: 'q2' },
    { vessel: 'sparta', day: 7, zoneId: 'p3' }, { vessel: 'sparta', day: 8, zoneId: 'p3' },
  ];
  const verdictSightings: AisVerdictSighting[] = marks.map((m) => {
    const v = vessels.find((x) => x.id === m.vessel)!;
    const w = m.vessel === 'baltic' ? { e: 150, n: 30 } : where(v.path, sceneH(m.day));
    return { id: `${m.vessel}@d${m.day}`, sceneId: `d${m.day}`, class: 'vessel', vesselId: m.vessel, geometry: { type: 'Point', coordinates: portPoint(w.e + 10 * gauss(), w.n + 10 * gauss()) } };
  });
  const sightings = verdictSightings.map((s, i) => ({ ...s, zoneId: marks[i]!.zoneId }));
  const ctx: AisImageryContext = {
    scenes,
    zones,
    sightings,
    vessels: vessels.map((v) => ({ id: v.id, name: v.name, mmsi: v.mmsi })),
    observabilityOf,
    examined,
  };
  const analysis: AnalysisInput = {
    scenes,
    zones: zones.map((z) => ({ id: z.id, name: z.name, geometry: z.geometry })),
    observability: [{ sceneId: 'd4', zoneId: 'q1', value: 'obscured' }],
    sightings: sightings.map((s) => ({ id: s.id, sceneId: s.sceneId, class: s.class, zoneId: s.zoneId, confidence: 'confirmed' as const, count: null, vesselId: s.vesselId, trackId: null })),
    examined: scenes.flatMap((s) => zones.filter((z) => examined(s.id, z.id)).map((z) => ({ sceneId: s.id, zoneId: z.id }))),
    vessels: vessels.map((v) => ({ id: v.id, name: v.name, kind: 'vessel' as const })),
  };
  return {
    T0: TRUTH_T0,
    positions,
    ctx,
    analysis,
    verdictSightings,
    truth: {
      verdicts: {
        'baltic@d0': 'nearby', 'unknown@d1': 'unlinked', 'angara@d2': 'confirmed', 'angara@d3': 'confirmed',
        'lady-r@d5': 'silent', 'lady-r@d6': 'silent', 'sparta@d7': 'contradicted', 'sparta@d8': 'contradicted',
      },
      gaps: [{ mmsi: '273000002', fromH: 102, toH: 162, sceneIds: ['d5', 'd6'], seenAt: 'q2' }],
      aisVisits: [
        { mmsi: '273000001', zoneId: 'q1', startH: 38, endH: 82 },
        { mmsi: '273000004', zoneId: 'q1', startH: 96, endH: 116 },
        { mmsi: '273000004', zoneId: 'q2', startH: 192, endH: 202 },
      ],
      queue: [{ sceneId: 'd8', zoneId: 'q2', mmsi: '273000004', examined: true }],
      both: [{ vesselId: 'angara', zoneId: 'q1' }],
      imageryOnly: [
        { vesselId: 'baltic', zoneId: 'q1', ais: 'elsewhere' },
        { vesselId: 'lady-r', zoneId: 'q2', ais: 'silent' },
        { vesselId: 'sparta', zoneId: 'p3', ais: 'elsewhere' },
      ],
      aisOnly: [
        { mmsi: '273000004', zoneId: 'q1', reason: 'obscured' },
        { mmsi: '273000004', zoneId: 'q2', reason: 'missed' },
      ],
      unlinked: [{ vesselId: 'unknown', zoneId: 'p3' }],
    },
  };
}
