// Everything AIS says beside the imagery, for one snapshot of a project: every vessel sighting's verdict,
// the gaps with the scenes inside them, AIS port visits set beside the imagery visits, and the review
// queue of vessels AIS puts in a clear zone where nothing is marked. The one host-side entry the stats,
// exports, reports and the Analysis view's `ais.evidence` call read (rules: shared/ais/, METHOD.md).
import {
  aisGaps,
  aisSaysHere,
  aisVerdicts,
  aisVisits,
  buildTrackIndex,
  compareVisits,
  indexSource,
  type AisGap,
  type AisImageryContext,
  type AisQueueItem,
  type AisSettings,
  type AisTrackIndex,
  type AisVisit,
  type Mmsi,
  type SightingAisVerdict,
  type VisitComparison,
} from '../../../shared/ais';
import type { AnalysisCache } from '../../../shared/analysis';
import type { Id, IsoTime } from '../../../shared/domain';
import type { ProjectData } from '../export/projectData';
import type { ProjectStore } from '../store/projectStore';
import { aisPositionsNear, aisSettingsOf, aisStatics } from '../store/ais';

export interface AisEvidence {
  settings: AisSettings;
  /** Whether the project holds any AIS position at all (else every linked mark is "silent" by absence of data). */
  hasAis: boolean;
  verdicts: SightingAisVerdict[];
  gaps: AisGap[];
  visits: AisVisit[];
  comparison: VisitComparison;
  queue: AisQueueItem[];
  /** The kept positions the rules read, indexed (exports draw the tracks from it without reading them again). */
  index: AisTrackIndex;
  /** Each MMSI's latest static name. */
  names: Map<string, string>;
  /** Per MMSI, its first and last kept message: where AIS could speak at all (before and after, it says nothing). */
  heard: { mmsi: Mmsi; from: IsoTime; to: IsoTime }[];
}

const WORLD: [number, number, number, number] = [-180, -90, 180, 90];

/** Every kept position of the project, indexed (shared/ais/track.ts): what the rules read on the host. */
export function aisIndexOf(store: ProjectStore): AisTrackIndex {
  return buildTrackIndex(aisPositionsNear(store, 0, Number.MAX_SAFE_INTEGER, WORLD));
}

/** Each MMSI's latest name from its static reports (the queue names a ship the project does not know). */
export function aisNames(store: ProjectStore): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of aisStatics(store)) if (s.name) names.set(s.mmsi, s.name);
  return names;
}

/** What the imagery side tells the AIS rules, from the engine that counts visits (its observability and its "examined"). */
export function imageryContextOf(data: ProjectData, cache: AnalysisCache): AisImageryContext {
  const index = cache.sceneIndex();
  return {
    scenes: data.scenes,
    zones: data.zones,
    sightings: data.sightings,
    vessels: data.vessels,
    observabilityOf: (sceneId, zoneId) => cache.observabilityOf(sceneId, zoneId),
    examined: (sceneId, zoneId) => {
      const i = index.pos.get(sceneId);
      return i !== undefined && cache.timeline(zoneId).examined[i] === 1;
    },
  };
}

/** Everything AIS says beside the imagery, by the project's own thresholds unless others are given. */
export function aisEvidence(store: ProjectStore, data: ProjectData, cache: AnalysisCache, settings: AisSettings = aisSettingsOf(store)): AisEvidence {
  const index = aisIndexOf(store);
  const ctx = imageryContextOf(data, cache);
  const verdicts = aisVerdicts({ sightings: data.sightings, scenes: data.scenes, vessels: data.vessels }, indexSource(index), settings);
  const visits = aisVisits(index, data.zones, data.vessels, settings);
  const names = aisNames(store);
  return {
    settings,
    hasAis: index.mmsis.length > 0,
    verdicts,
    gaps: aisGaps(index, ctx, settings),
    visits,
    comparison: compareVisits(cache.visits('vessel'), visits, index, ctx, settings),
    queue: aisSaysHere(index, ctx, settings, names),
    index,
    names,
    heard: index.mmsis.flatMap((mmsi) => {
      const [a, b] = index.ranges.get(mmsi) ?? [0, 0];
      return b > a ? [{ mmsi, from: new Date(index.t[a]!).toISOString(), to: new Date(index.t[b - 1]!).toISOString() }] : [];
    }),
  };
}

/** Verdicts by sighting id, for the exporters' columns. */
export function verdictsById(e: AisEvidence): Map<Id, SightingAisVerdict> {
  return new Map(e.verdicts.map((v) => [v.sightingId, v]));
}
