// One read of a project for exports and reports: every record as plain data, plus the analysis (visits, track dwell) computed from it by shared/analysis.
import type { Confidence, Id, IsoTime, LonLat, Project, Review, ReviewVerdict, Scene, SceneZoneExamined, SceneZoneObservability, Sighting, SightingGeometry, Site, Track, Vessel, Visit, Zone } from '../../../shared/domain';
import { AnalysisCache, latestVerdicts, type AnalysisInput, type AnalysisOptions } from '../../../shared/analysis';
import { ringCentre } from '../../../shared/geometry';
import type { ProjectStore } from '../store/projectStore';
import { teamLinkOf, unmatchedSightingCount } from '../store/teamLocal';
import { inScope, type Scope, type ScopeInfo } from '../../../shared/teamScope';
import { QuaywatchError } from '../errors';
import type { SightingAisVerdict } from '../../../shared/ais';
import type { AisEvidence } from '../ais/aisAnalysis';

export interface ProjectData {
  project: Project;
  sites: Site[];
  zones: Zone[];
  scenes: Scene[];
  sightings: Sighting[];
  vessels: Vessel[];
  tracks: Track[];
  reviews: Review[];
  observability: SceneZoneObservability[];
  examined: SceneZoneExamined[];
  /** Whose sightings these are (shared/teamScope.ts): what reports and exports say they cover. */
  scope: ScopeInfo;
}

/**
 * THE selection of what analyses, reports and exports read: one snapshot of the project, its sightings
 * (and their reviews) those of `scope` (shared/teamScope.ts; none: every sighting in the project).
 */
export function loadProjectData(store: ProjectStore, scope?: Scope): ProjectData {
  // One read transaction: an edit landing mid-export cannot tear the snapshot.
  return store.snapshot(() => {
    const link = teamLinkOf(store);
    if (scope === 'team' && !link) {
      throw new QuaywatchError('invalid_request', 'This project has not joined a team workspace, so it holds no team to cover: leave the scope out (every sighting here) or ask for your own (mine).');
    }
    const chosen = inScope(store.sightings(), store.reviews(), scope, {
      // In a team, 'mine' is what the workspace knows this analyst by (their marks carry it), whoever opened the file.
      me: link?.author ?? store.author,
      team: link ? { lastSync: link.lastSyncedAt, unmatched: unmatchedSightingCount(store) } : null,
    });
    return {
      project: store.project(),
      sites: store.sites(),
      zones: store.zones(),
      scenes: store.scenes(),
      sightings: chosen.sightings,
      vessels: store.vessels(),
      tracks: store.tracks(),
      reviews: chosen.reviews,
      observability: store.observability(),
      examined: store.examined(),
      scope: chosen.info,
    };
  });
}

/** Everything the analysis reads, from one snapshot of the project (stats, reports, exports). */
export function analysisInputOf(data: ProjectData): AnalysisInput {
  return {
    scenes: data.scenes,
    zones: data.zones,
    observability: data.observability,
    examined: data.examined,
    sightings: data.sightings,
    reviews: data.reviews,
    vessels: data.vessels,
  };
}

/** Exports count every sighting that is not rejected; a report may ask for more (its options are printed in it). */
export const EXPORT_ANALYSIS: AnalysisOptions = { minConfidence: 'possible' };

export function analysisOf(data: ProjectData, options: AnalysisOptions = EXPORT_ANALYSIS): AnalysisCache {
  return new AnalysisCache(analysisInputOf(data), options);
}

/** Lookups every exporter needs: names by id, the latest review verdict of each sighting. */
export interface Lookups {
  scene: Map<Id, Scene>;
  zone: Map<Id, Zone>;
  vessel: Map<Id, Vessel>;
  track: Map<Id, Track>;
  verdict: (sightingId: Id) => ReviewVerdict | 'unreviewed';
  /** A visit's subject: a vessel's name, or a track's label. */
  subjectName: (id: Id) => string;
  /** A vessel sighting's AIS verdict (aisEvidence); null for other marks, or when the project holds no AIS. */
  aisVerdict: (sightingId: Id) => SightingAisVerdict | null;
}

/** `ais`: the project's AIS evidence, for the verdict columns; without it (or without AIS) they stay empty. */
export function lookupsOf(data: ProjectData, ais: AisEvidence | null = null): Lookups {
  const scene = new Map(data.scenes.map((s) => [s.id, s]));
  const zone = new Map(data.zones.map((z) => [z.id, z]));
  const vessel = new Map(data.vessels.map((v) => [v.id, v]));
  const track = new Map(data.tracks.map((t) => [t.id, t]));
  const verdicts = latestVerdicts(data.reviews);
  // No AIS at all is no evidence: every linked mark would read "silent" for want of data, not for a dark ship.
  const ais_ = ais?.hasAis ? new Map(ais.verdicts.map((v) => [v.sightingId, v])) : new Map<Id, SightingAisVerdict>();
  return {
    scene,
    zone,
    vessel,
    track,
    verdict: (id) => verdicts.get(id)?.verdict ?? 'unreviewed',
    subjectName: (id) => vessel.get(id)?.name ?? (track.get(id)?.label || `track ${id.slice(0, 8)}`),
    aisVerdict: (id) => ais_.get(id) ?? null,
  };
}

/** Canonical ISO UTC (…Z with milliseconds), whatever offset a record was stored with. */
export function isoUtc(t: IsoTime | null): string {
  return t === null ? '' : new Date(t).toISOString();
}

/** A representative point: the point itself, or the mean of a polygon's outer-ring vertices (boxes are convex). */
export function geometryCentre(g: SightingGeometry): LonLat {
  return g.type === 'Point' ? g.coordinates : ringCentre(g);
}

export const CONFIDENCE_LABEL: Record<Confidence, string> = { confirmed: 'confirmed', probable: 'probable', possible: 'possible' };

/** Visits and track dwell in one list with their kind, ordered by first sighting. */
export function dwellRows(cache: AnalysisCache): { kind: 'vessel' | 'track'; visit: Visit }[] {
  return [
    ...cache.visits('vessel').map((visit) => ({ kind: 'vessel' as const, visit })),
    ...cache.visits('track').map((visit) => ({ kind: 'track' as const, visit })),
  ].sort((a, b) => (a.visit.firstSeen < b.visit.firstSeen ? -1 : a.visit.firstSeen > b.visit.firstSeen ? 1 : 0));
}
