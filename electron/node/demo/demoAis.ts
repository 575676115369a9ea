// The demo's AIS: what the ships' transponders said over the demo's six weeks, made from the same
// schedule as its imagery, so a new user sees AIS beside the marks at once and every verdict once:
// - Vostok Trader, Amur Express, Paekdu Star report all the time: their marks are confirmed;
// - Ryongsong 2 goes dark six hours before each call and reappears six hours after: silent at the
//   quay, and its gaps list the scenes that show where it was;
// - Sea Harmony reports a position 15 km out to sea while the imagery shows it in the bay: contradicted;
// - Sparta IV, a vessel nobody marked, says it lay at Pier 1 during a clear scene: a review-queue item.
// Deterministic: the same demo every time.
import type { AisPosition, AisStatic } from '../../../shared/ais/types';
import { toMs } from '../../../shared/analysis/input';
import { mulberry32 } from '../../../shared/prng';
import { demoDataset } from './demoImagery';

/** The demo vessels' MMSIs and IMO numbers (made up; IMO check digits valid). */
export const DEMO_AIS_IDS: Record<string, { mmsi: string; imo: string; callSign: string; shipType: number }> = {
  'Vostok Trader': { mmsi: '273351220', imo: '9312341', callSign: 'UBVT7', shipType: 70 },
  'Amur Express': { mmsi: '273412870', imo: '9407861', callSign: 'UAMX3', shipType: 71 },
  'Ryongsong 2': { mmsi: '445061000', imo: '8815657', callSign: 'HMRS2', shipType: 70 },
  'Paekdu Star': { mmsi: '445556000', imo: '8604711', callSign: 'HMPS5', shipType: 70 },
  'Sea Harmony': { mmsi: '667001234', imo: '9226384', callSign: '9LSH4', shipType: 70 },
};
const SPARTA = { name: 'Sparta IV', mmsi: '273445480', imo: '9354521', callSign: 'UBSP4', shipType: 70, lengthM: 154, beamM: 24 };

const STEP_MS = 10 * 60_000;
const HOUR = 3_600_000;
/** Hours a dark ship switches off before reaching the quay (and stays off after leaving). */
const DARK_H = 6;

interface Stay {
  from: number;
  to: number;
  lonLat: [number, number];
}

export interface DemoAis {
  positions: AisPosition[];
  statics: AisStatic[];
}

export function demoAis(): DemoAis {
  const data = demoDataset();
  const rand = mulberry32(18);
  const times = data.scenes.map((s) => toMs(s.acquired));
  const start = times[0]! - 2 * 24 * HOUR;
  const end = times.at(-1)! + 2 * 24 * HOUR;
  // The port's centre (the area of interest's) and a point out to sea: beyond the outer anchorage.
  const aoi = data.site.aoi.coordinates[0]!;
  const centre: [number, number] = [aoi.slice(0, -1).reduce((s, p) => s + p[0], 0) / 4, aoi.slice(0, -1).reduce((s, p) => s + p[1], 0) / 4];
  const outer = data.scenes.flatMap((s) => s.ships).find((sh) => sh.name === 'Sea Harmony' && sh.zone === null)!.lonLat;
  const seaward: [number, number] = [outer[0] - centre[0], outer[1] - centre[1]];
  const norm = Math.hypot(seaward[0], seaward[1] / 0.74);
  const offshore = (km: number, sideKm = 0): [number, number] => [
    centre[0] + (seaward[0] / norm) * (km / 82) - (seaward[1] / norm) * (sideKm / 82),
    centre[1] + (seaward[1] / norm) * (km / 111) + (seaward[0] / norm) * (sideKm / 111),
  ];

  const positions: AisPosition[] = [];
  const statics: AisStatic[] = [];
  const stays = staysOf(data, times);
  Object.entries(DEMO_AIS_IDS).forEach(([name, ids], k) => {
    const home = offshore(18 + k * 2, (k - 2) * 4); // each waits at its own spot out at sea
    const mine = stays.get(name) ?? [];
    const spoofed = name === 'Sea Harmony';
    const dark = name === 'Ryongsong 2';
    for (let t = start + k * 37_000; t <= end; t += STEP_MS) {
      const at = whereAt(t, mine, home);
      if (dark && mine.some((s) => t >= s.from - DARK_H * HOUR && t <= s.to + DARK_H * HOUR)) continue;
      const lonLat = spoofed ? offshore(15, 3) : at.lonLat;
      const jitter = at.moving ? 0 : 0.00008;
      positions.push({
        mmsi: ids.mmsi,
        t,
        lon: lonLat[0] + (rand() - 0.5) * jitter,
        lat: lonLat[1] + (rand() - 0.5) * jitter,
        sog: at.moving ? 9 + rand() : spoofed ? 0.2 : rand() * 0.2,
        cog: Math.round(rand() * 3600) / 10,
        heading: null,
        navStatus: at.moving ? 0 : at.inPort ? 5 : 1,
      });
    }
    const v = data.vessels.find((x) => x.name === name)!;
    for (let t = start + HOUR; t <= end; t += 24 * HOUR) {
      if (dark && mine.some((s) => t >= s.from - DARK_H * HOUR && t <= s.to + DARK_H * HOUR)) continue;
      statics.push({ mmsi: ids.mmsi, t, name: name.toUpperCase(), imo: ids.imo, callSign: ids.callSign, shipType: ids.shipType, lengthM: v.lengthM, widthM: v.beamM, draughtM: null, destination: 'RAJIN' });
    }
  });
  // Sparta IV: at Pier 1 for six hours around the clear scene of 3 January, where nothing is marked there.
  const pier1 = data.zones.find((z) => z.name === 'Pier 1')!.geometry.coordinates[0]!;
  const berth: [number, number] = [(pier1[0]![0] + pier1[2]![0]) / 2, (pier1[0]![1] + pier1[2]![1]) / 2];
  const t0 = times[data.scenes.findIndex((s) => s.acquired.startsWith('2025-01-03'))]!;
  for (let t = t0 - 3 * HOUR + 53_000; t <= t0 + 3 * HOUR; t += STEP_MS) {
    positions.push({ mmsi: SPARTA.mmsi, t, lon: berth[0] + (rand() - 0.5) * 0.00008, lat: berth[1] + (rand() - 0.5) * 0.00008, sog: 0.1, cog: 140, heading: 141, navStatus: 5 });
  }
  statics.push({ mmsi: SPARTA.mmsi, t: t0 - 2 * HOUR, name: SPARTA.name.toUpperCase(), imo: SPARTA.imo, callSign: SPARTA.callSign, shipType: SPARTA.shipType, lengthM: SPARTA.lengthM, widthM: SPARTA.beamM, draughtM: null, destination: 'RAJIN' });
  positions.sort((a, b) => a.t - b.t);
  return { positions, statics };
}

/**
 * Where each vessel lay, from the imagery's schedule: a run of scenes showing it at the same place is one
 * stay, from half a day before its first scene to half a day after its last, never reaching a scene
 * that does not show it there.
 */
function staysOf(data: ReturnType<typeof demoDataset>, times: number[]): Map<string, Stay[]> {
  const out = new Map<string, Stay[]>();
  for (const v of data.vessels) {
    const stays: Stay[] = [];
    let run: { first: number; last: number; lonLat: [number, number] } | null = null;
    const close = () => {
      if (!run) return;
      const before = run.first > 0 ? times[run.first - 1]! : -Infinity;
      const after = run.last < times.length - 1 ? times[run.last + 1]! : Infinity;
      stays.push({ from: Math.max(times[run.first]! - 12 * HOUR, (before + times[run.first]!) / 2), to: Math.min(times[run.last]! + 12 * HOUR, (after + times[run.last]!) / 2), lonLat: run.lonLat });
      run = null;
    };
    data.scenes.forEach((s, i) => {
      const ship = s.ships.find((x) => x.name === v.name);
      if (ship && run && Math.abs(run.lonLat[0] - ship.lonLat[0]) < 1e-6 && Math.abs(run.lonLat[1] - ship.lonLat[1]) < 1e-6) run.last = i;
      else {
        close();
        if (ship) run = { first: i, last: i, lonLat: ship.lonLat };
      }
    });
    close();
    out.set(v.name, stays);
  }
  return out;
}

/** A vessel's place at t: at its stay, sailing to or from it (two hours each way), or waiting at sea. */
function whereAt(t: number, stays: Stay[], home: [number, number]): { lonLat: [number, number]; moving: boolean; inPort: boolean } {
  const TRANSIT = 2 * HOUR;
  for (const s of stays) {
    if (t >= s.from && t <= s.to) return { lonLat: s.lonLat, moving: false, inPort: true };
    if (t >= s.from - TRANSIT && t < s.from) return { lonLat: lerp(home, s.lonLat, (t - (s.from - TRANSIT)) / TRANSIT), moving: true, inPort: false };
    if (t > s.to && t <= s.to + TRANSIT) return { lonLat: lerp(s.lonLat, home, (t - s.to) / TRANSIT), moving: true, inPort: false };
  }
  return { lonLat: home, moving: false, inPort: false };
}

const lerp = (a: [number, number], b: [number, number], f: number): [number, number] => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
