// The attributes of each exported feature kind, shared by GeoJSON, KML and GeoPackage so the three agree field for field.
import type { AisTrackLine } from '../../../shared/ais';
import type { Scene, Sighting, Visit, Zone } from '../../../shared/domain';
import { monthKey, toMs, type Coverage } from '../../../shared/analysis';
import { boxFigures } from '../../../shared/measure';
import { platformName } from '../../../shared/radar';
import { isoUtc, type Lookups } from './projectData';

export type Attr = string | number | boolean | null;
export type Attrs = Record<string, Attr>;

/** Field names and their types, in the order every format writes them. */
export type FieldType = 'text' | 'integer' | 'real' | 'boolean' | 'datetime';
export type Schema = [name: string, type: FieldType][];

export const ZONE_FIELDS: Schema = [['zone_id', 'text'], ['name', 'text'], ['kind', 'text'], ['site', 'text']];

export function zoneAttrs(z: Zone, siteName: (id: string) => string): Attrs {
  return { zone_id: z.id, name: z.name, kind: z.kind, site: siteName(z.siteId) };
}

/** What imaged the scene: 'optical' or 'sar', its platform and (radar) polarisations, e.g. "VV+VH". */
const SENSOR_FIELDS: Schema = [['sensor', 'text'], ['platform', 'text'], ['polarizations', 'text']];

function sensorAttrs(scene: Scene | undefined): Attrs {
  return {
    sensor: scene?.sensor ?? null,
    platform: platformName(scene?.acquisition.platform) ?? null,
    polarizations: scene?.acquisition.polarizations?.join('+') ?? null,
  };
}

export const SIGHTING_FIELDS: Schema = [
  ['sighting_id', 'text'], ['scene_id', 'text'], ['acquired', 'datetime'], ['provider', 'text'], ['product', 'text'],
  ['item_id', 'text'], ...SENSOR_FIELDS, ['class', 'text'], ['confidence', 'text'], ['review', 'text'], ['zone', 'text'], ['zone_id', 'text'],
  ['zone_overridden', 'boolean'], ['vessel', 'text'], ['vessel_id', 'text'], ['track', 'text'], ['track_id', 'text'],
  ['count', 'integer'], ['length_m', 'real'], ['width_m', 'real'], ['heading_deg', 'real'], ['axis_deg', 'real'], ['notes', 'text'], ['author', 'text'], ['created', 'datetime'], ['updated', 'datetime'],
  ['origin', 'text'], ['origin_detail', 'text'], ['verified', 'boolean'],
  // AIS beside the mark (METHOD.md "AIS and imagery"): the linked vessel's MMSI and call sign, and its verdict at the scene's instant.
  ['mmsi', 'text'], ['call_sign', 'text'], ['ais_verdict', 'text'], ['ais_distance_m', 'real'], ['ais_nearest_min', 'real'],
];

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function sightingAttrs(s: Sighting, lk: Lookups): Attrs {
  const scene = lk.scene.get(s.sceneId);
  return {
    sighting_id: s.id,
    scene_id: s.sceneId,
    acquired: scene ? isoUtc(scene.acquired) : null,
    provider: scene?.provider ?? null,
    product: scene?.product ?? null,
    item_id: scene?.itemId ?? null,
    ...sensorAttrs(scene),
    class: s.class,
    confidence: s.confidence,
    review: lk.verdict(s.id),
    zone: s.zoneId ? (lk.zone.get(s.zoneId)?.name ?? null) : null,
    zone_id: s.zoneId,
    zone_overridden: s.zoneOverridden,
    vessel: s.vesselId ? (lk.vessel.get(s.vesselId)?.name ?? null) : null,
    vessel_id: s.vesselId,
    track: s.trackId ? (lk.track.get(s.trackId)?.label ?? null) : null,
    track_id: s.trackId,
    count: s.count,
    // A box's size and direction in true metres, as the attributes panel shows them (shared/measure.ts).
    ...(boxFigures(s.class, s.geometry) ?? { length_m: null, width_m: null, heading_deg: null, axis_deg: null }),
    notes: s.notes,
    author: s.author,
    created: isoUtc(s.createdAt),
    updated: isoUtc(s.updatedAt),
    // How the mark came to be, and whether the analyst saw it on its own scene (unverified ones are left out of the counts).
    origin: s.origin,
    origin_detail: s.originDetail,
    verified: s.verified,
    ...aisAttrs(s, lk),
  };
}

function aisAttrs(s: Sighting, lk: Lookups): Attrs {
  const v = lk.aisVerdict(s.id);
  const vessel = s.class === 'vessel' && s.vesselId ? lk.vessel.get(s.vesselId) : undefined;
  return {
    mmsi: vessel?.mmsi ?? null,
    call_sign: vessel?.callSign ?? null,
    ais_verdict: v?.verdict ?? null,
    ais_distance_m: round1(v?.distanceM ?? null),
    ais_nearest_min: round1(v?.nearestMinutes ?? null),
  };
}

export const AIS_TRACK_FIELDS: Schema = [
  ['mmsi', 'text'], ['name', 'text'], ['vessel', 'text'], ['day', 'text'], ['from', 'datetime'], ['to', 'datetime'], ['positions', 'integer'],
];

/** An AIS track line's attributes: its MMSI, AIS's static name, the project's vessel(s) carrying the MMSI, its span. */
export function aisTrackAttrs(l: AisTrackLine, names: ReadonlyMap<string, string>, lk: Lookups): Attrs {
  const vessels = [...lk.vessel.values()].filter((v) => v.mmsi === l.mmsi).map((v) => v.name);
  return { mmsi: l.mmsi, name: names.get(l.mmsi) ?? null, vessel: vessels.join(' / ') || null, day: l.day, from: l.from, to: l.to, positions: l.coordinates.length };
}

export const VISIT_FIELDS: Schema = [
  ['subject_kind', 'text'], ['subject', 'text'], ['subject_id', 'text'], ['zone', 'text'], ['zone_id', 'text'],
  ['arrival_after', 'datetime'], ['first_seen', 'datetime'], ['last_seen', 'datetime'], ['departure_before', 'datetime'],
  ['scenes_seen', 'integer'], ['dwell_min_hours', 'real'], ['dwell_max_hours', 'real'], ['arrival_open', 'boolean'],
  ['departure_open', 'boolean'],
];

export function visitAttrs(v: Visit, kind: 'vessel' | 'track', lk: Lookups): Attrs {
  return {
    subject_kind: kind,
    subject: lk.subjectName(v.subjectId),
    subject_id: v.subjectId,
    zone: lk.zone.get(v.zoneId)?.name ?? null,
    zone_id: v.zoneId,
    arrival_after: v.arrivalAfter === null ? null : isoUtc(v.arrivalAfter),
    first_seen: isoUtc(v.firstSeen),
    last_seen: isoUtc(v.lastSeen),
    departure_before: v.departureBefore === null ? null : isoUtc(v.departureBefore),
    scenes_seen: v.sceneIds.length,
    dwell_min_hours: Math.round(v.dwellMinHours * 1000) / 1000,
    dwell_max_hours: v.dwellMaxHours === null ? null : Math.round(v.dwellMaxHours * 1000) / 1000,
    arrival_open: v.arrivalAfter === null,
    departure_open: v.departureBefore === null,
  };
}

export const COVERAGE_FIELDS: Schema = [
  ['zone', 'text'], ['zone_id', 'text'], ['month', 'text'], ['scenes', 'integer'], ['clear_scenes', 'integer'], ['examined_clear_scenes', 'integer'],
  ['days_observed', 'integer'], ['days_in_month', 'integer'], ['longest_gap_days', 'real'], ['optical_days_observed', 'integer'], ['radar_days_observed', 'integer'],
];

/** A zone's coverage in one month (AnalysisCache result().coverage), as `quaywatch stats` names its figures. */
export function coverageAttrs(c: Coverage, lk: Lookups): Attrs {
  return {
    zone: lk.zone.get(c.zoneId)?.name ?? null,
    zone_id: c.zoneId,
    month: monthKey(toMs(c.from)),
    scenes: c.scenes,
    clear_scenes: c.clear,
    examined_clear_scenes: c.examinedClear,
    days_observed: c.clearDays,
    days_in_month: c.days,
    longest_gap_days: Math.round(c.longestGapDays * 1000) / 1000,
    optical_days_observed: c.opticalDays,
    radar_days_observed: c.radarDays,
  };
}

export const SCENE_FIELDS: Schema = [
  ['scene_id', 'text'], ['acquired', 'datetime'], ['provider', 'text'], ['product', 'text'], ['item_id', 'text'], ...SENSOR_FIELDS,
  ['cloud_cover', 'real'], ['gsd_m', 'real'], ['credit', 'text'], ['source_kind', 'text'], ['source_file', 'text'],
];

/**
 * A scene's attributes. Only the file name of a local source is written, never a tile URL template:
 * a template may carry an API key in its query string, and none may leave the app in an export.
 */
export function sceneAttrs(s: Scene): Attrs {
  const file = s.source.kind === 'xyz' ? null : s.source.path.split(/[\\/]/).pop() ?? null;
  return {
    scene_id: s.id,
    acquired: isoUtc(s.acquired),
    provider: s.provider,
    product: s.product,
    item_id: s.itemId,
    ...sensorAttrs(s),
    cloud_cover: s.cloudCover,
    gsd_m: s.gsd,
    credit: s.credit,
    source_kind: s.source.kind,
    source_file: file,
  };
}
