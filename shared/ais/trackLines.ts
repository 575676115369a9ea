// AIS tracks drawn as lines for exports (GeoPackage LineString layer, KML gx:Track): one line per MMSI
// and UTC day, broken at every AIS gap (a silence of at least gapH, gaps.ts), so a dark spell is never
// drawn as a straight passage the ship did not report. A piece of a single message is no line and is
// left out (its message is still counted by the MMSI's other pieces, never invented).
import { toIso } from './context';
import type { AisTrackIndex } from './track';
import type { AisSettings, Mmsi } from './types';

export interface AisTrackLine {
  mmsi: Mmsi;
  /** The UTC day (YYYY-MM-DD) of its messages. */
  day: string;
  from: string;
  to: string;
  /** [lon, lat] of each message, in time order. */
  coordinates: [number, number][];
  /** ISO receive time of each message, beside coordinates. */
  times: string[];
}

const DAY_MS = 86_400_000;

export function aisTrackLines(index: AisTrackIndex, settings: Pick<AisSettings, 'gapH'>, mmsis: readonly Mmsi[] = index.mmsis): AisTrackLine[] {
  const gapMs = settings.gapH * 3_600_000;
  const out: AisTrackLine[] = [];
  for (const mmsi of mmsis) {
    const r = index.ranges.get(mmsi);
    if (!r) continue;
    let start = r[0];
    for (let i = r[0] + 1; i <= r[1]; i++) {
      const breaks = i === r[1] || Math.floor(index.t[i]! / DAY_MS) !== Math.floor(index.t[i - 1]! / DAY_MS) || index.t[i]! - index.t[i - 1]! >= gapMs;
      if (!breaks) continue;
      if (i - start >= 2) {
        const coordinates: [number, number][] = [];
        const times: string[] = [];
        for (let k = start; k < i; k++) {
          coordinates.push([index.lon[k]!, index.lat[k]!]);
          times.push(toIso(index.t[k]!));
        }
        out.push({ mmsi, day: times[0]!.slice(0, 10), from: times[0]!, to: times.at(-1)!, coordinates, times });
      }
      start = i;
    }
  }
  return out;
}
