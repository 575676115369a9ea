// How tightly the scenes bracket each visit (its censoring), summarised per zone and month: median and 90th percentile (METHOD.md "Censoring").

import type { AnalysisInput } from './input';
import type { Id, Visit } from '../domain';
import { isoMonth } from './monthly';
import { toMs } from './input';

const HOUR_MS = 3_600_000;

/** One visit's censoring, in hours; null where that end is open (no absence beyond it). */
export interface VisitCensoring {
  /** firstSeen − arrivalAfter: when, within this, the vessel arrived is not known. */
  arrivalH: number | null;
  /** departureBefore − lastSeen. */
  departureH: number | null;
  /** dwellMax − dwellMin (= arrival + departure uncertainty): null unless bracketed on both sides. */
  widthH: number | null;
}

export function censoringOf(v: Pick<Visit, 'firstSeen' | 'lastSeen' | 'arrivalAfter' | 'departureBefore' | 'dwellMinHours' | 'dwellMaxHours'>): VisitCensoring {
  return {
    arrivalH: v.arrivalAfter === null ? null : (toMs(v.firstSeen) - toMs(v.arrivalAfter)) / HOUR_MS,
    departureH: v.departureBefore === null ? null : (toMs(v.departureBefore) - toMs(v.lastSeen)) / HOUR_MS,
    widthH: v.dwellMaxHours === null ? null : v.dwellMaxHours - v.dwellMinHours,
  };
}

/** Median and 90th percentile of the finite values, and how many ends were open. */
export interface Spread {
  /** Values summarised (the ends that were bracketed). */
  n: number;
  /** Open ends: no figure, only "unbounded". */
  open: number;
  median: number | null;
  p90: number | null;
}

/**
 * The p-quantile of sorted values by linear interpolation between order statistics (R's type 7, the
 * default of R and NumPy): the median of an even count is the mean of the two middle values.
 */
export function sampleQuantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function spreadOf(values: readonly (number | null)[]): Spread {
  const finite = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return { n: finite.length, open: values.length - finite.length, median: sampleQuantile(finite, 0.5), p90: sampleQuantile(finite, 0.9) };
}

export interface CensoringSummary {
  /** null: every zone of the summary together. */
  zoneId: Id | null;
  /** 'YYYY-MM' of the visits' firstSeen (UTC), or null: the whole period. */
  month: string | null;
  visits: number;
  arrival: Spread;
  departure: Spread;
  /** dwellMax − dwellMin, over the visits bracketed on both sides (`open`: visits with either end open). */
  width: Spread;
}

/**
 * What the radar scenes bought: how much narrower (in %) the median censoring width is with them than without
 * ((without − with) / without × 100; negative when wider); null when either median is unknown or the one without is 0.
 */
export function censoringFallPercent(withRadar: CensoringSummary, without: CensoringSummary | null): number | null {
  const a = withRadar.width.median;
  const b = without?.width.median ?? null;
  return a === null || b === null || b === 0 ? null : ((b - a) / b) * 100;
}

function summary(zoneId: Id | null, month: string | null, vs: readonly Visit[]): CensoringSummary {
  const c = vs.map(censoringOf);
  return { zoneId, month, visits: vs.length, arrival: spreadOf(c.map((x) => x.arrivalH)), departure: spreadOf(c.map((x) => x.departureH)), width: spreadOf(c.map((x) => x.widthH)) };
}

/**
 * Per zone and month (month of firstSeen, as arrivals are counted), zones then months in order, each
 * listed month and zone present even without visits; then per zone over the whole period (month null);
 * then everything together (zone and month null), the figure `bench:coverage` compares.
 */
export function censoringSummary(visits: readonly Visit[], opts: { zoneIds?: readonly Id[]; months?: readonly string[] } = {}): CensoringSummary[] {
  const zones = [...new Set([...(opts.zoneIds ?? []), ...visits.map((v) => v.zoneId)])].sort();
  const months = [...new Set([...(opts.months ?? []), ...visits.map((v) => isoMonth(v.firstSeen))])].sort();
  const cells = new Map<string, Visit[]>();
  for (const v of visits) {
    const k = `${v.zoneId}\u0001${isoMonth(v.firstSeen)}`;
    const list = cells.get(k);
    if (list) list.push(v);
    else cells.set(k, [v]);
  }
  const out: CensoringSummary[] = [];
  for (const z of zones) for (const m of months) out.push(summary(z, m, cells.get(`${z}\u0001${m}`) ?? []));
  for (const z of zones) out.push(summary(z, null, visits.filter((v) => v.zoneId === z)));
  out.push(summary(null, null, visits));
  return out;
}

/** What `withoutRadar` needs of a project: the analysis input, or the workbench's own records (liveAnalysis.ts). */
interface RadarSplittable {
  scenes: readonly { id: Id; sensor?: string }[];
  observability?: readonly { sceneId: Id }[];
  examined?: readonly { sceneId: Id }[];
  sightings: readonly { id: Id; sceneId: Id }[];
  reviews?: readonly { sightingId: Id }[];
}

/**
 * The same project without its radar scenes: the scenes, their observability and examination, the marks on
 * them and the reviews of those marks dropped, so that "without radar" is what the analyst would have had
 * from optical imagery alone. Generic so the report, the stats and the live Analysis view share one rule; the
 * records themselves are kept (not copied), which lets the live view's cache keep diffing them by reference.
 */
export function withoutRadar<T extends RadarSplittable>(input: T): T {
  const radar = new Set(input.scenes.filter((s) => s.sensor === 'sar').map((s) => s.id));
  if (radar.size === 0) return input;
  const keep = <X extends { sceneId: Id }>(xs: readonly X[] | undefined) => xs?.filter((x) => !radar.has(x.sceneId));
  const sightings = input.sightings.filter((s) => !radar.has(s.sceneId));
  const kept = new Set(sightings.map((s) => s.id));
  // Each list keeps its element type, so the spread is still a T; TypeScript cannot follow filter through T's fields.
  return {
    ...input,
    scenes: input.scenes.filter((s) => !radar.has(s.id)),
    observability: keep(input.observability),
    examined: keep(input.examined),
    sightings,
    reviews: input.reviews?.filter((r) => kept.has(r.sightingId)),
  } as T;
}

/** Whether any scene of the input is radar: without one, "without radar" is the same analysis. */
export const hasRadar = (input: Pick<AnalysisInput, 'scenes'>) => input.scenes.some((s) => s.sensor === 'sar');
