// What the analysis reads (plain data, a subset of the domain records) and the filters that decide which sightings count.

import type {
  Confidence,
  Id,
  IsoTime,
  Observability,
  Review,
  ReviewVerdict,
  Scene,
  SceneZoneExamined,
  SceneZoneObservability,
  Sighting,
  Vessel,
  Zone,
} from '../domain';
import { polygonRelation } from '../geometry';

/** `sensor` omitted: optical (data from before radar, and tests of the other rules). */
export type AnalysisScene = Pick<Scene, 'id' | 'acquired'> & Partial<Pick<Scene, 'siteId' | 'footprint' | 'sensor'>> & { source?: Pick<Scene['source'], 'kind'> };
export type AnalysisZone = Pick<Zone, 'id'> & Partial<Pick<Zone, 'siteId' | 'geometry' | 'name'>>;
export type AnalysisObservability = Pick<SceneZoneObservability, 'sceneId' | 'zoneId' | 'value'> & Partial<Pick<SceneZoneObservability, 'overridden'>>;
export type AnalysisExamined = Pick<SceneZoneExamined, 'sceneId' | 'zoneId'>;
/** `verified` omitted: verified (data from before provenance was recorded, and tests of the other rules). */
export type AnalysisSighting = Pick<Sighting, 'id' | 'sceneId' | 'class' | 'zoneId' | 'confidence' | 'count' | 'vesselId' | 'trackId'> & Partial<Pick<Sighting, 'verified'>>;
export type AnalysisReview = Pick<Review, 'id' | 'sightingId' | 'verdict' | 'at'>;

export interface AnalysisInput {
  scenes: AnalysisScene[];
  zones: AnalysisZone[];
  /** Stored observability (derived or overridden); a missing scene × zone pair falls back to the default rule. */
  observability?: AnalysisObservability[];
  sightings: AnalysisSighting[];
  /**
   * Scene × zone pairs the analyst examined: only there is a clear scene an absence. Omitted: every
   * pair counts as examined (data from before examination was recorded, and tests of the other rules).
   */
  examined?: AnalysisExamined[];
  reviews?: AnalysisReview[];
  /** Not needed for the figures; carried so callers can label subjects. */
  vessels?: Pick<Vessel, 'id' | 'name' | 'kind'>[];
}

export interface AnalysisOptions {
  /** Sightings below this confidence are ignored (confirmed > probable > possible). */
  minConfidence: Confidence;
  /** Count only sightings whose latest review verdict is `confirmed`. */
  reviewedOnly?: boolean;
  /** Count marks the analyst has not verified on their own scene (carried forward): off unless asked. */
  includeUnverified?: boolean;
  /** Period filter, [from, to): visits by firstSeen, container counts and coverage by acquisition. */
  from?: IsoTime;
  to?: IsoTime;
  zoneIds?: Id[];
  /** Vessel or track ids. */
  subjectIds?: Id[];
  /** Observability of a scene × zone pair with no stored value; when unset it is derived (see defaultObservability). */
  defaultObservability?: Observability;
}

export const CONFIDENCE_RANK: Record<Confidence, number> = { confirmed: 3, probable: 2, possible: 1 };

/**
 * Milliseconds since the epoch, keeping sub-millisecond digits as a fraction: Planet times carry
 * microseconds, and two scenes 300 µs apart are two instants, not one (Date.parse cuts to the ms).
 */
export function toMs(iso: IsoTime): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO time: ${iso}`);
  const frac = /\.\d{3}(\d+)/.exec(iso);
  return frac ? t + Number(`0.${frac[1]}`) : t;
}

/** A tile-URL or basemap scene is a mosaic, no single instant: not evidence of absence unless the analyst says so. */
export const isMosaic = (s: AnalysisScene) => s.source?.kind === 'xyz';

export function toIso(ms: number): IsoTime {
  return new Date(ms).toISOString();
}

export interface LatestVerdict {
  verdict: ReviewVerdict;
  at: IsoTime;
  reviewId: Id;
}

/** The latest review wins (by `at`, then review id so that equal times still give one answer). */
export function newerReview(a: LatestVerdict | undefined, r: AnalysisReview): boolean {
  if (!a) return true;
  const ta = toMs(a.at);
  const tr = toMs(r.at);
  return tr > ta || (tr === ta && r.id > a.reviewId);
}

export function latestVerdicts(reviews: readonly AnalysisReview[]): Map<Id, LatestVerdict> {
  const out = new Map<Id, LatestVerdict>();
  for (const r of reviews) {
    if (newerReview(out.get(r.sightingId), r)) out.set(r.sightingId, { verdict: r.verdict, at: r.at, reviewId: r.id });
  }
  return out;
}

/**
 * Whether a sighting counts at all: confidence high enough, not rejected, reviewed if asked, verified
 * unless unverified marks are asked for. One that does not count is still no absence (engine.ts).
 */
export function isCounted(s: AnalysisSighting, verdict: ReviewVerdict | undefined, options: AnalysisOptions): boolean {
  if (s.verified === false && !options.includeUnverified) return false;
  if (CONFIDENCE_RANK[s.confidence] < CONFIDENCE_RANK[options.minConfidence]) return false;
  if (verdict === 'rejected') return false;
  if (options.reviewedOnly && verdict !== 'confirmed') return false;
  return true;
}

/**
 * Observability of a pair with no stored value. An explicit `defaultObservability` wins. Otherwise a
 * scene of another site is `outside`; with both a footprint and a zone polygon, a zone wholly in the
 * footprint is `clear`, partly in it `partial`, not in it `outside`; with no footprint, `clear` —
 * an un-annotated scene is assumed to show the zone, as the analyst imported it for this site.
 */
export function defaultObservability(scene: AnalysisScene, zone: AnalysisZone, options: Pick<AnalysisOptions, 'defaultObservability'>): Observability {
  if (options.defaultObservability) return options.defaultObservability;
  if (scene.siteId && zone.siteId && scene.siteId !== zone.siteId) return 'outside';
  if (scene.footprint && zone.geometry) {
    const rel = polygonRelation(zone.geometry, scene.footprint);
    return rel === 'inside' ? 'clear' : rel === 'overlaps' ? 'partial' : 'outside';
  }
  return 'clear';
}

export const OBS_CODE: Record<Observability, number> = { clear: 0, partial: 1, obscured: 2, outside: 3 };
export const OBS_BY_CODE: readonly Observability[] = ['clear', 'partial', 'obscured', 'outside'];

/** Scenes in time order (ties by id), with positions for binary searches. */
export interface SceneIndex {
  scenes: AnalysisScene[];
  ids: Id[];
  times: Float64Array;
  pos: Map<Id, number>;
}

export function buildSceneIndex(scenes: Iterable<AnalysisScene>): SceneIndex {
  const withT = [...scenes].map((s) => ({ s, t: toMs(s.acquired) }));
  withT.sort((a, b) => a.t - b.t || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  const times = new Float64Array(withT.length);
  const pos = new Map<Id, number>();
  withT.forEach((x, i) => {
    times[i] = x.t;
    pos.set(x.s.id, i);
  });
  return { scenes: withT.map((x) => x.s), ids: withT.map((x) => x.s.id), times, pos };
}

/** One zone's observability along the scene index, and the positions of its clear scenes. */
export interface ZoneTimeline {
  zoneId: Id;
  times: Float64Array;
  /** OBS_CODE per scene position */
  codes: Uint8Array;
  /** 1 where the analyst examined the zone on the scene. */
  examined: Uint8Array;
  clear: Int32Array;
  /** Positions of clear scenes the analyst examined: the only possible absences. */
  absent: Int32Array;
  /** 1 where the scene is radar (sensor 'sar'); omitted: every scene optical. */
  sar?: Uint8Array;
}

/** First index with arr[i] > x. */
export function upperBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with arr[i] >= x. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
