// Builders for AIS rule tests and the benchmark: a seeded project of scenes, zones, vessels and marks
// around the demo port (~130.30 E, 42.245 N) with AIS tracks whose truth is known (portOfTruth), and
// a large random one for bench-ais-rules (benchmarkAisProject).
import type { LonLat, SightingGeometry } from '../domain';
import { localFrame } from '../measure';
import { mulberry32 } from '../prng';
import type { AisPosition } from './types';
import type { AisVerdictScene, AisVerdictSighting, AisVerdictVessel } from './verdicts';

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
  return { positions, scenes, vessels, sightings };
}
