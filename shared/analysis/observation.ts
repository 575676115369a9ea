// The observation record: per zone and UTC day, the best observation of that day, whatever the sensor (METHOD.md "Radar and optical").

import type { Id } from '../domain';
import { lowerBound, type ZoneTimeline } from './input';

/**
 * What a day's best scene could tell of a zone, best first. Only the first two can show that a ship was
 * not there (an examined clear scene); the rest can show a ship that was, never one that was not.
 */
export type ObservationKind = 'optical-clear' | 'radar-clear' | 'partial' | 'unexamined' | 'obscured' | 'not-imaged';

export const OBSERVATION_KINDS: readonly ObservationKind[] = ['optical-clear', 'radar-clear', 'partial', 'unexamined', 'obscured', 'not-imaged'];

/** The legend, in words: the colours are never the only way to tell them apart. */
export const OBSERVATION_LABEL: Record<ObservationKind, string> = {
  'optical-clear': 'optical, clear and examined',
  'radar-clear': 'radar, examined',
  partial: 'partly seen',
  unexamined: 'imaged, not examined yet',
  obscured: 'obscured',
  'not-imaged': 'not imaged',
};

/** One scene's view of one zone (its position in a zone timeline). */
export interface SceneView {
  /** OBS_CODE: 0 clear, 1 partial, 2 obscured, 3 outside. */
  code: number;
  sar: boolean;
  examined: boolean;
  /** In the zone's absences: clear, examined, and not a mosaic unless the analyst set it clear. */
  absence: boolean;
}

/**
 * The rule (METHOD.md "Radar and optical"): an examined clear scene is `optical-clear` or `radar-clear` by its
 * sensor; a clear scene that cannot be an absence although examined (a mosaic nobody set clear) and an examined
 * partial scene are `partial`; a clear or partial scene nobody examined is `unexamined`; `obscured`; and a scene
 * whose footprint misses the zone is `not-imaged`. A radar scene's observability already says what the analyst
 * overrode (layover, noise, a wind-roughened harbour: set obscured or partial), so the rule needs no more.
 */
export function sceneObservation(v: SceneView): ObservationKind {
  if (v.code === 3) return 'not-imaged';
  if (v.code === 2) return 'obscured';
  if (!v.examined) return 'unexamined';
  if (v.code === 0 && v.absence) return v.sar ? 'radar-clear' : 'optical-clear';
  return 'partial';
}

const RANK: Record<ObservationKind, number> = Object.fromEntries(OBSERVATION_KINDS.map((k, i) => [k, i])) as Record<ObservationKind, number>;

/** The better of two observations (lower rank). */
export function betterObservation(a: ObservationKind, b: ObservationKind): ObservationKind {
  return RANK[a] <= RANK[b] ? a : b;
}

export interface ObservationDay {
  zoneId: Id;
  /** 'YYYY-MM-DD', UTC. */
  day: string;
  kind: ObservationKind;
  /** The day's best scene (the earliest of the best), null when not imaged. */
  sceneId: Id | null;
  /** Scenes that day imaging the zone (any observability but outside). */
  scenes: number;
}

const DAY_MS = 86_400_000;
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Every UTC day meeting [fromMs, toMs), each with its best observation of the zone; `ids` are the timeline's
 * scene ids (null: counting only, every `sceneId` left null).
 */
export function observationDays(tl: ZoneTimeline, ids: readonly Id[] | null, fromMs: number, toMs: number): ObservationDay[] {
  if (!(toMs > fromMs)) return [];
  const firstDay = Math.floor(fromMs / DAY_MS);
  const lastDay = Math.ceil(toMs / DAY_MS) - 1;
  const absent = new Set<number>();
  const aLo = lowerBound(tl.absent, lowerBound(tl.times, fromMs));
  for (let k = aLo; k < tl.absent.length && tl.times[tl.absent[k]!]! < toMs; k++) absent.add(tl.absent[k]!);
  const out: ObservationDay[] = [];
  for (let d = firstDay; d <= lastDay; d++) out.push({ zoneId: tl.zoneId, day: dayText(d), kind: 'not-imaged', sceneId: null, scenes: 0 });
  for (let i = lowerBound(tl.times, fromMs); i < tl.times.length && tl.times[i]! < toMs; i++) {
    const row = out[Math.floor(tl.times[i]! / DAY_MS) - firstDay]!;
    const code = tl.codes[i]!;
    if (code === 3) continue;
    row.scenes++;
    const kind = sceneObservation({ code, sar: tl.sar?.[i] === 1, examined: tl.examined[i] === 1, absence: absent.has(i) });
    // Strictly better only: among equals the earliest scene stays the day's scene.
    if (row.scenes === 1 || RANK[kind] < RANK[row.kind]) {
      row.kind = kind;
      row.sceneId = ids ? ids[i]! : null;
    }
  }
  return out;
}

/** A zone's month by its days' best observations: each day counted once, for its best sensor. */
export interface ObservationMonth {
  zoneId: Id;
  month: string;
  days: number;
  /** Days whose best observation was an examined clear optical scene. */
  optical: number;
  /** Days with no such optical scene whose best was an examined clear radar scene. */
  radar: number;
  partial: number;
  unexamined: number;
  obscured: number;
  notImaged: number;
}

/** Per zone and month (in the order met), from observationDays. */
export function observationMonths(days: readonly ObservationDay[]): ObservationMonth[] {
  const byKey = new Map<string, ObservationMonth>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    const k = `${d.zoneId}\u0001${month}`;
    let m = byKey.get(k);
    if (!m) byKey.set(k, (m = { zoneId: d.zoneId, month, days: 0, optical: 0, radar: 0, partial: 0, unexamined: 0, obscured: 0, notImaged: 0 }));
    m.days++;
    if (d.kind === 'optical-clear') m.optical++;
    else if (d.kind === 'radar-clear') m.radar++;
    else if (d.kind === 'not-imaged') m.notImaged++;
    else m[d.kind]++;
  }
  return [...byKey.values()];
}

/** "days observed: 12 optical + 9 radar of 31": observed = could have shown a ship was absent; each day once, for its best sensor. */
export function daysObservedText(m: Pick<ObservationMonth, 'optical' | 'radar' | 'days'>): string {
  return `days observed: ${m.optical} optical + ${m.radar} radar of ${m.days}`;
}

/** Not observed is not "no ship": the words a day's record is told in, one sentence per kind. */
export function observationSentence(kind: ObservationKind): string {
  switch (kind) {
    case 'optical-clear':
      return 'Seen on a clear optical scene, examined: a ship there would have been marked.';
    case 'radar-clear':
      return 'Seen on a radar scene, examined: a ship there would have been marked.';
    case 'partial':
      return 'Partly seen: marks count, but an empty view proves nothing about the rest.';
    case 'unexamined':
      return 'Imaged but not examined yet: not observed, neither presence nor absence.';
    case 'obscured':
      return 'Obscured: not observed; says nothing about ships.';
    case 'not-imaged':
      return 'Not imaged: not observed; says nothing about ships.';
  }
}
