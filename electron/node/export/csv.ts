// CSV of sightings, visits and dwell: one header row, ISO UTC times, RFC 4180 quoting (CRLF, doubled quotes).
import { stringify } from 'csv-stringify/sync';
import type { AnalysisCache } from '../../../shared/analysis';
import type { Visit } from '../../../shared/domain';
import { dwellRows, geometryCentre, isoUtc, lookupsOf, type Lookups, type ProjectData } from './projectData';
import { toWkt } from './geometryCodecs';
import { SIGHTING_FIELDS, sightingAttrs } from './features';

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

/**
 * CSV names of the shared attributes (features.ts SIGHTING_FIELDS) where the CSV has long had its own
 * (times say _utc; the id is "id"), and the columns only a table needs: the anchor and the WKT,
 * written after the box figures. Every value comes from sightingAttrs, the one row builder of GeoJSON,
 * KML and GeoPackage, so the four formats cannot disagree on a field.
 */
const CSV_NAME: Record<string, string> = { sighting_id: 'id', acquired: 'acquired_utc', created: 'created_utc', updated: 'updated_utc' };
const CSV_AFTER: Record<string, string[]> = { axis_deg: ['lon', 'lat', 'geometry_wkt'] };

export const SIGHTINGS_CSV_HEADER: string[] = SIGHTING_FIELDS.flatMap(([n]) => [CSV_NAME[n] ?? n, ...(CSV_AFTER[n] ?? [])]);

export function sightingsCsv(data: ProjectData, lk: Lookups = lookupsOf(data)): string {
  const rows = data.sightings.map((s): Cell[] => {
    const a = sightingAttrs(s, lk);
    const [lon, lat] = geometryCentre(s.geometry);
    const extra: Record<string, Cell> = { lon, lat, geometry_wkt: toWkt(s.geometry) };
    return SIGHTING_FIELDS.flatMap(([n]) => [a[n] ?? null, ...(CSV_AFTER[n] ?? []).map((x) => extra[x]!)]);
  });
  // Sorted by acquisition so that the file reads as a time series.
  rows.sort((a, b) => String(a[2] ?? '').localeCompare(String(b[2] ?? '')) || String(a[0]).localeCompare(String(b[0])));
  return toCsv(SIGHTINGS_CSV_HEADER, rows);
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
