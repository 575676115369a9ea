// Keeps one AnalysisCache in step with the workbench store by diffing records by reference, so an edit recomputes only what it touches.
import {
  AnalysisCache,
  type AnalysisOptions,
  type AnalysisResult,
  type AnalysisSighting,
  type CensoringSummary,
  type DwellDistribution,
  type ObservationDay,
  type PeriodComparison,
  hasRadar,
  withoutRadar,
} from '../../../shared/analysis';
import type { Review, Scene, SceneZoneExamined, SceneZoneObservability, Sighting, Zone } from '../../../shared/domain';
import type { AnalysisFilters } from './analysisStore';

export interface AnalysisSource {
  projectKey: string;
  scenes: Scene[];
  zones: Zone[];
  observability: SceneZoneObservability[];
  examined: SceneZoneExamined[];
  sightings: Sighting[];
  reviews: Review[];
}

export interface AnalysisView {
  result: AnalysisResult;
  dwell: DwellDistribution;
  comparison: PeriodComparison | null;
  compareMonth: string | null;
  /** The observation record: every UTC day of the range per selected zone, with its best observation. */
  observation: ObservationDay[];
  /** Censoring per zone and month, with the radar scenes and (null when the project has none) without them. */
  censoring: CensoringSummary[];
  censoringWithoutRadar: CensoringSummary[] | null;
  range: [number, number];
  /** Keys the last update recomputed: 0 when only filters changed. */
  recomputed: number;
}

const toSighting = (s: Sighting): AnalysisSighting => ({
  id: s.id,
  sceneId: s.sceneId,
  class: s.class,
  zoneId: s.zoneId,
  confidence: s.confidence,
  count: s.count,
  vesselId: s.vesselId,
  trackId: s.trackId,
  verified: s.verified,
});

const obsKey = (o: { sceneId: string; zoneId: string }) => `${o.sceneId}|${o.zoneId}`;

/** Calls `upsert` for new or changed records and `remove` for vanished ids; records are compared by reference (the store replaces what changed). */
function diff<T>(prev: readonly T[], next: readonly T[], key: (t: T) => string, upsert: (t: T) => void, remove: (k: string) => void) {
  if (prev === next) return;
  const old = new Map(prev.map((t) => [key(t), t]));
  for (const t of next) {
    const k = key(t);
    if (old.get(k) !== t) upsert(t);
    old.delete(k);
  }
  for (const k of old.keys()) remove(k);
}

export function optionsOf(f: AnalysisFilters): AnalysisOptions {
  const day = (d: string) => (d ? `${d}T00:00:00.000Z` : undefined);
  // "to" is inclusive for the analyst (a whole day), the analysis takes [from, to).
  const to = f.to ? new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined;
  return {
    minConfidence: f.minConfidence,
    reviewedOnly: f.review === 'confirmed-only',
    includeUnverified: f.includeUnverified,
    from: day(f.from),
    to,
    zoneIds: f.zoneId ? [f.zoneId] : undefined,
    subjectIds: f.vesselId ? [f.vesselId] : undefined,
  };
}

/** One AnalysisCache kept in step with a source by diffing its records by reference. */
class SyncedCache {
  cache: AnalysisCache | null = null;
  private src: AnalysisSource | null = null;

  update(src: AnalysisSource, options: AnalysisOptions): AnalysisCache {
    const prev = this.src;
    if (!this.cache || !prev || prev.projectKey !== src.projectKey) {
      this.cache = new AnalysisCache(
        { scenes: src.scenes, zones: src.zones, observability: src.observability, examined: src.examined, sightings: src.sightings.map(toSighting), reviews: src.reviews },
        options,
      );
    } else {
      const c = this.cache;
      diff(prev.scenes, src.scenes, (s) => s.id, (s) => c.upsertScene(s), (id) => c.removeScene(id));
      diff(prev.zones, src.zones, (z) => z.id, (z) => c.upsertZone(z), (id) => c.removeZone(id));
      diff(prev.observability, src.observability, obsKey, (o) => c.setObservability(o), (k) => {
        const [sceneId, zoneId] = k.split('|') as [string, string];
        c.clearObservability(sceneId, zoneId);
      });
      diff(prev.examined, src.examined, obsKey, (e) => c.setExamined(e, true), (k) => {
        const [sceneId, zoneId] = k.split('|') as [string, string];
        c.setExamined({ sceneId, zoneId }, false);
      });
      diff(prev.sightings, src.sightings, (s) => s.id, (s) => c.upsertSighting(toSighting(s)), (id) => c.removeSighting(id));
      diff(prev.reviews, src.reviews, (r) => r.id, (r) => c.upsertReview(r), (id) => c.removeReview(id));
      c.setOptions(options);
    }
    this.src = src;
    return this.cache;
  }
}

/** The source without its radar scenes and what lies on them (the one rule, `withoutRadar`); null when there is none. */
const opticalOnly = (src: AnalysisSource): AnalysisSource | null => (hasRadar(src) ? withoutRadar(src) : null);

export class LiveAnalysis {
  private readonly all = new SyncedCache();
  private readonly optical = new SyncedCache();
  /** The optical-only source of the last update, rebuilt only when a record list changed. */
  private opticalSrc: { from: AnalysisSource; src: AnalysisSource | null } | null = null;

  update(src: AnalysisSource, filters: AnalysisFilters, compareMonth: string | null): AnalysisView {
    const options = optionsOf(filters);
    const c = this.all.update(src, options);
    const before = c.totalRecomputed;
    const result = c.result();
    const recomputed = c.totalRecomputed - before;
    const month = compareMonth && result.months.includes(compareMonth) ? compareMonth : (result.months[result.months.length - 1] ?? null);
    const comparison = month ? c.compare(month, 3) : null;
    const observation = c.observation().days;
    const censoring = c.censoring(result.months);
    if (!this.opticalSrc || this.opticalSrc.from !== src) this.opticalSrc = { from: src, src: opticalOnly(src) };
    const optical = this.opticalSrc.src;
    const censoringWithoutRadar = optical ? this.optical.update(optical, options).censoring(result.months) : null;
    const index = c.sceneIndex();
    const lo = options.from ? Date.parse(options.from) : -Infinity;
    const hi = options.to ? Date.parse(options.to) : Infinity;
    let first = Infinity;
    let last = -Infinity;
    for (const t of index.times) {
      if (t < lo || t >= hi) continue;
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    const range: [number, number] = first <= last ? [first - 86_400_000, last + 86_400_000] : [0, 86_400_000];
    return { result, dwell: c.dwell(), comparison, compareMonth: month, observation, censoring, censoringWithoutRadar, range, recomputed };
  }
}
