// CSV of sightings, visits and dwell: one header row, ISO UTC times, RFC 4180 quoting (CRLF, doubled quotes).
import { stringify } from 'csv-stringify/sync';
import type { AnalysisCache } from '../../../shared/analysis';
import type { Visit } from '../../../shared/domain';
import { dwellRows, geometryCentre, isoUtc, lookupsOf, type Lookups, type ProjectData } from './projectData';
import { toWkt } from './geometryCodecs';
import { boxFigures } from '../../../shared/measure';

type Cell = string | number | boolean | null;

function toCsv(header: string[], rows: Cell[][]): string {
  // escape_formulas: a note typed (or imported) as "=HYPERLINK(…)" must not run as a formula in a spreadsheet; numbers are left alone.
  return stringify([header, ...rows], {
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}

const hours = (h: number | null) => (h === null ? null : Math.round(h * 1000) / 1000);

export function sightingsCsv(data: ProjectData, lk: Lookups = lookupsOf(data)): string {
  const header = [
    'id', 'scene_id', 'acquired_utc', 'provider', 'product', 'item_id', 'class', 'confidence', 'review', 'zone', 'zone_id',
    'zone_overridden', 'vessel', 'vessel_id', 'track', 'track_id', 'count', 'length_m', 'width_m', 'heading_deg', 'axis_deg', 'lon', 'lat',
    'geometry_wkt', 'notes', 'author',
    'created_utc', 'updated_utc', 'origin', 'origin_detail', 'verified',
  ];
  const rows = data.sightings.map((s): Cell[] => {
    const scene = lk.scene.get(s.sceneId);
    const [lon, lat] = geometryCentre(s.geometry);
    const box = boxFigures(s.class, s.geometry);
    return [
      s.id, s.sceneId, isoUtc(scene?.acquired ?? null), scene?.provider ?? '', scene?.product ?? '', scene?.itemId ?? '',
      s.class, s.confidence, lk.verdict(s.id), s.zoneId ? (lk.zone.get(s.zoneId)?.name ?? '') : '', s.zoneId,
      s.zoneOverridden, s.vesselId ? (lk.vessel.get(s.vesselId)?.name ?? '') : '', s.vesselId,
      s.trackId ? (lk.track.get(s.trackId)?.label ?? '') : '', s.trackId, s.count,
      box?.length_m ?? null, box?.width_m ?? null, box?.heading_deg ?? null, box?.axis_deg ?? null, lon, lat, toWkt(s.geometry), s.notes, s.author,
      isoUtc(s.createdAt), isoUtc(s.updatedAt), s.origin, s.originDetail, s.verified,
    ];
  });
  // Sorted by acquisition so that the file reads as a time series.
  rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])));
  return toCsv(header, rows);
}

function visitCells(v: Visit, lk: Lookups): Cell[] {
  return [
    lk.subjectName(v.subjectId), v.subjectId, lk.zone.get(v.zoneId)?.name ?? '', v.zoneId,
    isoUtc(v.arrivalAfter), isoUtc(v.firstSeen), isoUtc(v.lastSeen), isoUtc(v.departureBefore), v.sceneIds.length,
    hours(v.dwellMinHours), hours(v.dwellMaxHours), v.arrivalAfter === null, v.departureBefore === null,
    v.arrivalAfterSceneId, v.departureBeforeSceneId,
  ];
}

const VISIT_HEADER = [
  'zone', 'zone_id', 'arrival_after_utc', 'first_seen_utc', 'last_seen_utc', 'departure_before_utc', 'scenes_seen',
  'dwell_min_hours', 'dwell_max_hours', 'arrival_open', 'departure_open', 'arrival_after_scene_id', 'departure_before_scene_id',
];

/** One row per vessel visit; an open end leaves its bracket and dwell_max_hours empty and says so in *_open. */
export function visitsCsv(data: ProjectData, cache: AnalysisCache, lk: Lookups = lookupsOf(data)): string {
  return toCsv(['vessel', 'vessel_id', ...VISIT_HEADER], cache.visits('vessel').map((v) => visitCells(v, lk)));
}

/** Dwell bounds of vessel visits and of tracked objects (container stacks) at their zones. */
export function dwellCsv(data: ProjectData, cache: AnalysisCache, lk: Lookups = lookupsOf(data)): string {
  const tracks = new Map(data.tracks.map((t) => [t.id, t]));
  return toCsv(
    ['subject_kind', 'subject_class', 'subject', 'subject_id', ...VISIT_HEADER],
    dwellRows(cache).map(({ kind, visit }) => [
      kind, kind === 'vessel' ? (lk.vessel.get(visit.subjectId)?.kind ?? 'vessel') : (tracks.get(visit.subjectId)?.class ?? ''),
      ...visitCells(visit, lk),
    ]),
  );
}
