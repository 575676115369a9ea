// Domain types of Quaywatch (names from PRODUCT.md); plain data, shared by every runtime.

export type Id = string; // UUID v4: projects merge later, so ids must never collide
export type IsoTime = string; // ISO 8601, UTC, e.g. 2025-01-14T01:38:45.000Z

export const SIGHTING_CLASSES = ['vessel', 'container_stack', 'aircraft', 'vehicle', 'other'] as const;
export type SightingClass = (typeof SIGHTING_CLASSES)[number];

export const CONFIDENCES = ['confirmed', 'probable', 'possible'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const OBSERVABILITIES = ['clear', 'partial', 'obscured', 'outside'] as const;
export type Observability = (typeof OBSERVABILITIES)[number];

/**
 * What imaged a scene: an optical camera (cloud and night hide the quay) or a synthetic aperture radar
 * (sees through both; its observability follows the footprint only, METHOD.md "Radar and optical").
 */
export const SENSORS = ['optical', 'sar'] as const;
export type Sensor = (typeof SENSORS)[number];

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
  /** Optical unless the scene's metadata (a STAC item's `sar:*`, a radar product) says radar. */
  sensor: Sensor;
  /** How the scene was taken, as far as its metadata says (STAC's view:, sat:, sar: fields); {} when unknown. */
  acquisition: SceneAcquisition;
}

/** Acquisition details from a scene's metadata; every field is optional because most sources give few. */
export interface SceneAcquisition {
  /** e.g. "sentinel-1a", "capella-10", "SkySat-C3". */
  platform?: string;
  /** e.g. "sentinel-1", "capella", "planetscope". */
  constellation?: string;
  /** Degrees from nadir (STAC view:off_nadir). */
  offNadirDeg?: number;
  orbitState?: 'ascending' | 'descending' | 'geostationary';
  relativeOrbit?: number;
  /** Radar only (STAC sar:*): e.g. "IW", "SPOTLIGHT"; ["VV", "VH"]; "GRD"; "C", "X". */
  instrumentMode?: string;
  polarizations?: string[];
  productType?: string;
  frequencyBand?: string;
}

/** A scene as an importer proposes it: sensor and acquisition may be left out (optical, nothing known). */
export type SceneInput = Omit<Scene, 'id' | 'sensor' | 'acquisition'> & Partial<Pick<Scene, 'sensor' | 'acquisition'>>;

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

/**
 * How a mark came to be: marked on its scene, carried forward from another (F), a ghost accepted (A),
 * imported from a file, or merged from a colleague's package.
 */
export const SIGHTING_ORIGINS = ['marked', 'carried', 'ghost', 'imported', 'package'] as const;
export type SightingOrigin = (typeof SIGHTING_ORIGINS)[number];

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
  origin: SightingOrigin;
  /** The file it was imported from, or whose package it came in; '' otherwise. */
  originDetail: string;
  /**
   * Whether the analyst looked at this scene and saw it: true for a mark made or a ghost accepted on
   * its own scene; false for a carried mark until confirmed. Unverified marks count only when asked.
   */
  verified: boolean;
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
  /** ITU call sign (3–7 letters and digits, upper case), e.g. "UBCD7"; since version 10 of the project file. */
  callSign: string | null;
  /** Beam (width) in metres; since version 10 of the project file. */
  beamM: number | null;
}

export interface Track {
  id: Id;
  class: SightingClass;
  label: string;
}

/** A project setting that edits change and undo restores (id 'ais': shared/ais/types.ts AisSettings). */
export interface ProjectSetting {
  id: string;
  value: unknown;
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
