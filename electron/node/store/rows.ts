// The one row mapping per entity: each table's columns (a list the compiler checks against the row
// type, as Signal's typed SQL does) and the conversions both ways. The store's reads and the edit
// history use these same functions, so an entity read for the screen and for undo's conflict check
// is the same JSON: a field added here is added everywhere.
import type {
  ProjectSetting,
  Confidence,
  Observability,
  PolygonGeometry,
  Review,
  ReviewVerdict,
  Scene,
  SceneAcquisition,
  SceneSource,
  Sensor,
  SceneZoneExamined,
  SceneZoneObservability,
  Sighting,
  SightingClass,
  SightingGeometry,
  SightingOrigin,
  Site,
  Track,
  Vessel,
  Zone,
  ZoneKind,
} from '../../../shared/domain';
import type { SettlementKeep, TeamSettlement } from '../../../shared/review/teamConflict';

type Sql = string | number | null;

export interface SiteRow { id: string; name: string; aoi: string | null }
export interface ZoneRow { id: string; site_id: string; name: string; kind: string; geometry: string }
export interface SceneRow {
  id: string; site_id: string; acquired: string; provider: string; product: string; item_id: string | null;
  footprint: string | null; cloud_cover: number | null; gsd: number | null; credit: string; source: string;
  sensor: string; acquisition: string;
}
export interface ObservabilityRow { scene_id: string; zone_id: string; value: string; overridden: number }
export interface ExaminedRow { scene_id: string; zone_id: string; by: string; at: string }
export interface VesselRow {
  id: string; kind: string; name: string; aliases: string; imo: string | null; mmsi: string | null; flag: string | null; length_m: number | null;
  call_sign: string | null; beam_m: number | null;
}
export interface TrackRow { id: string; class: string; label: string }
export interface SightingRow {
  id: string; scene_id: string; class: string; geometry: string; zone_id: string | null; zone_overridden: number; confidence: string;
  count: number | null; vessel_id: string | null; track_id: string | null; notes: string; author: string; created_at: string; updated_at: string;
  origin: string; origin_detail: string; verified: number;
}
export interface SettingRow { id: string; value: string }
export interface ReviewRow { id: string; sighting_id: string; reviewer: string; verdict: string; comment: string; at: string }

/** One entity's table: its key and every column (checked complete at compile time), and the mapping both ways. */
export interface RowMapping<T, R extends Record<keyof R, Sql>> {
  table: string;
  /** The primary key's columns; an entity's id is their values joined by '/'. */
  key: readonly (keyof R & string)[];
  columns: readonly (keyof R & string)[];
  toEntity(row: R): T;
  toRow(entity: T): R;
}

/** A column list that must name every key of the row type: a column missing from it is a compile error. */
const columnsOf =
  <R>() =>
  <const C extends readonly (keyof R & string)[]>(cols: C & ([Exclude<keyof R, C[number]>] extends [never] ? unknown : { missing: Exclude<keyof R, C[number]> })) =>
    cols;

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: string): T => JSON.parse(v) as T;

export const SITE: RowMapping<Site, SiteRow> = {
  table: 'site',
  key: ['id'],
  columns: columnsOf<SiteRow>()(['id', 'name', 'aoi']),
  toEntity: (r) => ({ id: r.id, name: r.name, aoi: r.aoi == null ? null : parse<PolygonGeometry>(r.aoi) }),
  toRow: (s) => ({ id: s.id, name: s.name, aoi: s.aoi ? json(s.aoi) : null }),
};

export const ZONE: RowMapping<Zone, ZoneRow> = {
  table: 'zone',
  key: ['id'],
  columns: columnsOf<ZoneRow>()(['id', 'site_id', 'name', 'kind', 'geometry']),
  toEntity: (r) => ({ id: r.id, siteId: r.site_id, name: r.name, kind: r.kind as ZoneKind, geometry: parse<PolygonGeometry>(r.geometry) }),
  toRow: (z) => ({ id: z.id, site_id: z.siteId, name: z.name, kind: z.kind, geometry: json(z.geometry) }),
};

export const SCENE: RowMapping<Scene, SceneRow> = {
  table: 'scene',
  key: ['id'],
  columns: columnsOf<SceneRow>()(['id', 'site_id', 'acquired', 'provider', 'product', 'item_id', 'footprint', 'cloud_cover', 'gsd', 'credit', 'source', 'sensor', 'acquisition']),
  toEntity: (r) => ({
    id: r.id,
    siteId: r.site_id,
    acquired: r.acquired,
    provider: r.provider,
    product: r.product,
    itemId: r.item_id ?? null,
    footprint: r.footprint == null ? null : parse<PolygonGeometry>(r.footprint),
    cloudCover: r.cloud_cover ?? null,
    gsd: r.gsd ?? null,
    credit: r.credit,
    source: parse<SceneSource>(r.source),
    sensor: r.sensor as Sensor,
    acquisition: parse<SceneAcquisition>(r.acquisition),
  }),
  toRow: (s) => ({
    id: s.id,
    site_id: s.siteId,
    acquired: s.acquired,
    provider: s.provider,
    product: s.product,
    item_id: s.itemId,
    footprint: s.footprint ? json(s.footprint) : null,
    cloud_cover: s.cloudCover,
    gsd: s.gsd,
    credit: s.credit,
    source: json(s.source),
    sensor: s.sensor,
    acquisition: json(s.acquisition),
  }),
};

export const OBSERVABILITY: RowMapping<SceneZoneObservability, ObservabilityRow> = {
  table: 'observability',
  key: ['scene_id', 'zone_id'],
  columns: columnsOf<ObservabilityRow>()(['scene_id', 'zone_id', 'value', 'overridden']),
  toEntity: (r) => ({ sceneId: r.scene_id, zoneId: r.zone_id, value: r.value as Observability, overridden: r.overridden === 1 }),
  toRow: (o) => ({ scene_id: o.sceneId, zone_id: o.zoneId, value: o.value, overridden: o.overridden ? 1 : 0 }),
};

export const EXAMINED: RowMapping<SceneZoneExamined, ExaminedRow> = {
  table: 'examined',
  key: ['scene_id', 'zone_id'],
  columns: columnsOf<ExaminedRow>()(['scene_id', 'zone_id', 'by', 'at']),
  toEntity: (r) => ({ sceneId: r.scene_id, zoneId: r.zone_id, by: r.by, at: r.at }),
  toRow: (e) => ({ scene_id: e.sceneId, zone_id: e.zoneId, by: e.by, at: e.at }),
};

export const VESSEL: RowMapping<Vessel, VesselRow> = {
  table: 'vessel',
  key: ['id'],
  columns: columnsOf<VesselRow>()(['id', 'kind', 'name', 'aliases', 'imo', 'mmsi', 'flag', 'length_m', 'call_sign', 'beam_m']),
  toEntity: (r) => ({
    id: r.id,
    kind: r.kind as Vessel['kind'],
    name: r.name,
    aliases: parse<string[]>(r.aliases),
    imo: r.imo ?? null,
    mmsi: r.mmsi ?? null,
    flag: r.flag ?? null,
    lengthM: r.length_m ?? null,
    callSign: r.call_sign ?? null,
    beamM: r.beam_m ?? null,
  }),
  toRow: (v) => ({
    id: v.id, kind: v.kind, name: v.name, aliases: json(v.aliases), imo: v.imo, mmsi: v.mmsi, flag: v.flag, length_m: v.lengthM,
    // A vessel the history recorded before version 10 of the project file has no call sign or beam: none.
    call_sign: v.callSign ?? null, beam_m: v.beamM ?? null,
  }),
};

export const TRACK: RowMapping<Track, TrackRow> = {
  table: 'track',
  key: ['id'],
  columns: columnsOf<TrackRow>()(['id', 'class', 'label']),
  toEntity: (r) => ({ id: r.id, class: r.class as SightingClass, label: r.label }),
  toRow: (t) => ({ id: t.id, class: t.class, label: t.label }),
};

export const SIGHTING: RowMapping<Sighting, SightingRow> = {
  table: 'sighting',
  key: ['id'],
  columns: columnsOf<SightingRow>()([
    'id', 'scene_id', 'class', 'geometry', 'zone_id', 'zone_overridden', 'confidence', 'count', 'vessel_id', 'track_id', 'notes', 'author', 'created_at', 'updated_at',
    'origin', 'origin_detail', 'verified',
  ]),
  toEntity: (r) => ({
    id: r.id,
    sceneId: r.scene_id,
    class: r.class as SightingClass,
    geometry: parse<SightingGeometry>(r.geometry),
    zoneId: r.zone_id ?? null,
    zoneOverridden: r.zone_overridden === 1,
    confidence: r.confidence as Confidence,
    count: r.count ?? null,
    vesselId: r.vessel_id ?? null,
    trackId: r.track_id ?? null,
    notes: r.notes,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    origin: r.origin as SightingOrigin,
    originDetail: r.origin_detail,
    verified: r.verified === 1,
  }),
  toRow: (s) => ({
    id: s.id,
    scene_id: s.sceneId,
    class: s.class,
    geometry: json(s.geometry),
    zone_id: s.zoneId,
    zone_overridden: s.zoneOverridden ? 1 : 0,
    confidence: s.confidence,
    count: s.count,
    vessel_id: s.vesselId,
    track_id: s.trackId,
    notes: s.notes,
    author: s.author,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    // A sighting the history recorded before version 7 has no provenance: marked and verified, as migration 0007 says.
    origin: s.origin ?? 'marked',
    origin_detail: s.originDetail ?? '',
    verified: s.verified === false ? 0 : 1,
  }),
};

export const REVIEW: RowMapping<Review, ReviewRow> = {
  table: 'review',
  key: ['id'],
  columns: columnsOf<ReviewRow>()(['id', 'sighting_id', 'reviewer', 'verdict', 'comment', 'at']),
  toEntity: (r) => ({ id: r.id, sightingId: r.sighting_id, reviewer: r.reviewer, verdict: r.verdict as ReviewVerdict, comment: r.comment, at: r.at }),
  toRow: (r) => ({ id: r.id, sighting_id: r.sightingId, reviewer: r.reviewer, verdict: r.verdict, comment: r.comment, at: r.at }),
};

export const SETTING: RowMapping<ProjectSetting, SettingRow> = {
  table: 'setting',
  key: ['id'],
  columns: columnsOf<SettingRow>()(['id', 'value']),
  toEntity: (r) => ({ id: r.id, value: parse<unknown>(r.value) }),
  toRow: (e) => ({ id: e.id, value: json(e.value) }),
};

export interface SettlementRow { id: string; keep: string }
/** How a team conflict was settled (migration 0013): pushed and pulled like any edit, so every replica closes it alike. */
export const SETTLEMENT: RowMapping<TeamSettlement, SettlementRow> = {
  table: 'team_settlement',
  key: ['id'],
  columns: columnsOf<SettlementRow>()(['id', 'keep']),
  toEntity: (r) => ({ id: r.id, keep: r.keep as SettlementKeep }),
  toRow: (e) => ({ id: e.id, keep: e.keep }),
};

/** Every editable entity's mapping, by the name history records it under. */
export const ROWS = {
  site: SITE,
  zone: ZONE,
  scene: SCENE,
  observability: OBSERVABILITY,
  examined: EXAMINED,
  vessel: VESSEL,
  track: TRACK,
  sighting: SIGHTING,
  review: REVIEW,
  setting: SETTING,
  settlement: SETTLEMENT,
} as const;

/** An entity's id as history records it: its key columns' values joined by '/' (observability, examined: scene/zone). */
export function idOf<T, R extends Record<keyof R, Sql>>(m: RowMapping<T, R>, entity: T): string {
  const row = m.toRow(entity);
  return m.key.map((k) => String(row[k])).join('/');
}
