// Names for ids in the Analysis view: zones by name, vessels by name, tracks by label.
import type { ChartLabels } from '../../../shared/charts';
import type { Track, Vessel, Zone } from '../../../shared/domain';

export function chartLabels(zones: Zone[], vessels: Vessel[], tracks: Track[]): ChartLabels {
  const z: Record<string, string> = {};
  for (const x of zones) z[x.id] = x.name;
  const s: Record<string, string> = {};
  for (const t of tracks) s[t.id] = t.label || `track ${t.id.slice(0, 6)}`;
  for (const v of vessels) s[v.id] = v.name;
  return { zones: z, subjects: s };
}
