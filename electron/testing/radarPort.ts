// Test and benchmark helper: a port watched by optical scenes every third day, a third of them clouded over
// the quay, and radar scenes on the clouded days and between (what a Sentinel-1 or Capella tasking adds).
// Ships call for one to six days; the analyst marked every ship a clear or radar scene shows and examined
// every scene that shows the quay. Deterministic (seeded), so its figures can be held to a number.
import type { PolygonGeometry } from '../../shared/domain';
import { mulberry32 } from '../../shared/prng';
import { seedProject, type SeededProject } from './seedProject';

const QUAY: PolygonGeometry = { type: 'Polygon', coordinates: [[[130.29, 42.24], [130.31, 42.24], [130.31, 42.26], [130.29, 42.26], [130.29, 42.24]]] };
const AT_QUAY: [number, number] = [130.3, 42.25];
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1, 1, 40);

export interface RadarPortOptions {
  /** Days watched (default 90). */
  days?: number;
  /** Leave the radar scenes out (the same port as an optical-only project). */
  noRadar?: boolean;
  seed?: number;
}

/** Writes `dir/port.quaywatch` (one site, zone "Quay", optical and radar scenes, vessels and their marks) and closes it. */
export function seedRadarPort(dir: string, opts: RadarPortOptions = {}): SeededProject & { radarScenes: number } {
  const rnd = mulberry32(opts.seed ?? 19);
  const days = opts.days ?? 90;
  // Ground truth: per ship, calls as [arrive, leave) in ms.
  const ships = ['Amur Express', 'Paekdu Star', 'Ryongsong 2', 'Sea Harmony', 'Vostok Trader'];
  const calls = ships.map(() => {
    const out: [number, number][] = [];
    for (let t = T0 + rnd() * 8 * DAY; t < T0 + days * DAY; ) {
      const stay = (1 + rnd() * 5) * DAY;
      out.push([t, t + stay]);
      t += stay + (3 + rnd() * 12) * DAY;
    }
    return out;
  });
  const scenes: { acquired: number; sensor: 'optical' | 'sar'; clouded: boolean }[] = [];
  for (let d = 0; d < days; d += 3) {
    const clouded = rnd() < 0.35;
    scenes.push({ acquired: T0 + d * DAY, sensor: 'optical', clouded });
    if (opts.noRadar) continue;
    // Radar on the clouded days (evening pass) and on the days between optical passes.
    if (clouded) scenes.push({ acquired: T0 + d * DAY + 0.5 * DAY, sensor: 'sar', clouded: false });
    if (rnd() < 0.6) scenes.push({ acquired: T0 + (d + 1) * DAY + 0.45 * DAY, sensor: 'sar', clouded: false });
    if (rnd() < 0.6) scenes.push({ acquired: T0 + (d + 2) * DAY + 0.45 * DAY, sensor: 'sar', clouded: false });
  }
  const seeded = seedProject(dir, {
    zones: [{ name: 'Quay', geometry: QUAY }],
    scenes: scenes.map((s) => ({
      acquired: new Date(s.acquired).toISOString(),
      sensor: s.sensor,
      provider: s.sensor === 'sar' ? 'Capella' : 'Planet',
      product: s.sensor === 'sar' ? 'GEO' : 'PSScene',
      cloudCover: s.clouded ? 0.8 : 0,
      gsd: s.sensor === 'sar' ? 0.5 : 3,
      credit: s.sensor === 'sar' ? '© Capella Space' : '© Planet Labs PBC',
    })),
    then(store, { zones, scenes: made }) {
      const zone = zones[0]!;
      const vessels = ships.map((name) => store.createVessel({ kind: 'vessel', name, aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null }));
      made.forEach((scene, i) => {
        const s = scenes[i]!;
        if (s.clouded) {
          store.setObservability({ sceneId: scene.id, zoneId: zone.id, value: 'obscured', overridden: false });
          return;
        }
        store.markExamined({ sceneId: scene.id, zoneId: zone.id });
        calls.forEach((cs, v) => {
          if (cs.some(([a, b]) => s.acquired >= a && s.acquired < b)) {
            store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: AT_QUAY }, vesselId: vessels[v]!.id, confidence: 'confirmed' });
          }
        });
      });
    },
  });
  return Object.assign(seeded, { radarScenes: scenes.filter((s) => s.sensor === 'sar').length });
}
