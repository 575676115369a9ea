// Domain types of Quaywatch (names from PRODUCT.md); plain data, shared by every runtime.

export type Id = string; // UUID v4: projects merge later, so ids must never collide
export type IsoTime = string; // ISO 8601, UTC, e.g. 2025-01-14T01:38:45.000Z

export const SIGHTING_CLASSES = ['vessel', 'container_stack', 'aircraft', 'vehicle', 'other'] as const;
export type SightingClass = (typeof SIGHTING_CLASSES)[number];

export const CONFIDENCES = ['confirmed', 'probable', 'possible'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const OBSERVABILITIES = ['clear', 'partial', 'obscured', 'outside'] as const;
export type Observability = (typeof OBSERVABILITIES)[number];

export const ZONE_KINDS = ['quay', 'berth', 'pier', 'apron', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const REVIEW_VERDICTS = ['confirmed', 'disputed', 'rejected'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** [longitude, latitude] in WGS84 degrees (GeoJSON order). */
export type LonLat = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: LonLat;
}

export interface PolygonGeometry {
  type: 'Polygon';
  /** Rings of [lon, lat]; the first ring is the outer boundary, each ring closed. */
  coordinates: LonLat[][];
}

export type SightingGeometry = PointGeometry | PolygonGeometry;

export interface Project {
  id: Id;
  name: string;
  /** Absolute path of the .quaywatch file on this machine. */
  path: string;
  schemaVersion: number;
  createdAt: IsoTime;
}

export interface Site {
  id: Id;
  name: string;
  /** Area of interest; null until drawn. */
  aoi: PolygonGeometry | null;
}

export interface Zone {
  id: Id;
  siteId: Id;
  name: string;
  kind: ZoneKind;
  geometry: PolygonGeometry;
}

/** Where a scene's pixels come from. Paths are relative to the project file so a project folder can move. */
export type SceneSource =
  | { kind: 'geotiff'; path: string }
  | { kind: 'mbtiles'; path: string }
  | { kind: 'xyz'; template: string };

export interface Scene {
  id: Id;
  siteId: Id;
  acquired: IsoTime;
  provider: string; // e.g. "Planet"
  product: string; // e.g. "PSScene", "SkySat"
  itemId: string | null;
  footprint: PolygonGeometry | null;
  /** 0–1 */
  cloudCover: number | null;
  /** Ground sample distance in metres. */
  gsd: number | null;
  /** Credit line printed beside every chip of this scene. */
  credit: string;
  source: SceneSource;
}

export interface SceneZoneObservability {
  sceneId: Id;
  zoneId: Id;
  value: Observability;
  /** True when the analyst set it; derived values never overwrite an override. */
  overridden: boolean;
}

/**
 * The analyst's record of effort: this zone was looked at on this scene and everything there was
 * marked. Only an examined clear scene is evidence of absence (METHOD.md); a clear scene nobody has
 * examined is unknown, like an obscured one. Present = examined; the pair's row is deleted to unset it.
 */
export interface SceneZoneExamined {
  sceneId: Id;
  zoneId: Id;
  /** Who examined it (the analyst's name), and when. */
  by: string;
  at: IsoTime;
}

export interface Sighting {
  id: Id;
  sceneId: Id;
  class: SightingClass;
  geometry: SightingGeometry;
  zoneId: Id | null;
  /** True when the analyst chose the zone instead of containment. */
  zoneOverridden: boolean;
  confidence: Confidence;
  /** Container count, for container stacks. */
  count: number | null;
  vesselId: Id | null;
  trackId: Id | null;
  notes: string;
  author: string;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

export interface Vessel {
  id: Id;
  kind: 'vessel' | 'aircraft';
  name: string;
  aliases: string[];
  imo: string | null;
  mmsi: string | null;
  flag: string | null;
  lengthM: number | null;
}

export interface Track {
  id: Id;
  class: SightingClass;
  label: string;
}

export interface Review {
  id: Id;
  sightingId: Id;
  reviewer: string;
  verdict: ReviewVerdict;
  comment: string;
  at: IsoTime;
}

/** A vessel's (or track's) continuous presence at a zone; derived, never typed in. */
export interface Visit {
  subjectId: Id; // vessel id or track id
  zoneId: Id;
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  /** Last observable scene without the subject before firstSeen; null = left-open. */
  arrivalAfter: IsoTime | null;
  arrivalAfterSceneId: Id | null;
  /** First observable scene without the subject after lastSeen; null = right-open. */
  departureBefore: IsoTime | null;
  departureBeforeSceneId: Id | null;
  sceneIds: Id[];
  dwellMinHours: number;
  /** null when either end is open. */
  dwellMaxHours: number | null;
}

/** One entry of the edit history that carries undo/redo and the audit trail. */
export interface EditRecord {
  seq: number;
  at: IsoTime;
  author: string;
  /** Undo label shown to the user, e.g. "Mark vessel". */
  label: string;
  entity: 'sighting' | 'zone' | 'scene' | 'vessel' | 'track' | 'site' | 'observability' | 'examined' | 'review';
  entityId: Id;
  before: unknown;
  after: unknown;
}
