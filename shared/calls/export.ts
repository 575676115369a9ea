// Calls that take findings out of the app: data exports (CSV, GeoJSON, KML, GeoPackage) and reports (PDF, standalone HTML).
import { z } from 'zod';
import { CONFIDENCES } from '../domain';
import { parseIsoDate, parseIsoInstant } from '../dates';
import { call, overwriteSchema, pathSchema } from './define';
import { sceneRefSchema } from './figure';
import { STRIP_DEFAULT_FRAMES, STRIP_MAX_FRAMES, STRIP_MIN_FRAMES } from '../reportFigures';
import { SCOPES, type ScopeInfo } from '../teamScope';

export const EXPORT_FORMATS = ['csv', 'geojson', 'kml', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** 'ais': the AIS tracks as lines (GeoPackage, KML); 'all' includes them when the project holds AIS. */
export const EXPORT_WHATS = ['sightings', 'visits', 'dwell', 'ais', 'all'] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];
export const REPORT_FORMATS = ['pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ExportResult {
  format: ExportFormat;
  /** Absolute paths written (CSV "all" writes three files beside the chosen name). */
  files: string[];
  /** Features or rows written, per part (zones, sightings, visits, scenes, dwell). */
  counts: Record<string, number>;
  /** Whose sightings it covers (shared/teamScope.ts). */
  scope: ScopeInfo;
}

export interface ReportResult {
  format: ReportFormat;
  file: string;
  bytes: number;
  /** PDF pages (HTML: 1). */
  pages: number;
  /** Period actually reported, ISO UTC [from, to). */
  from: string;
  to: string;
  millis: number;
  /** Whose sightings it covers (shared/teamScope.ts); the report says it in its heading. */
  scope: ScopeInfo;
  /** The scenes drawn in the report's figures (before, after; the strip's frames, oldest first); empty when none. */
  pairSceneIds: string[];
  stripSceneIds: string[];
}

/**
 * A day ("2025-01-31"), kept as the day (given as `to` it includes that whole day), or an ISO instant
 * (no zone: UTC; an offset is converted), given on as ISO UTC with Z (shared/dates.ts).
 */
export const reportTimeSchema = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const s = raw.trim();
    const read = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseIsoDate(s) : /^\d{4}-\d{2}-\d{2}[T ]/i.test(s) ? parseIsoInstant(s) : null;
    if (typeof read === 'string') return read;
    ctx.addIssue({ code: 'custom', message: read ? read.error : `must be a date (YYYY-MM-DD) or an ISO time (no zone is read as UTC), not “${s}”` });
    return z.NEVER;
  });

const zoneRefSchema = z.string().trim().min(1).max(200);
const STRIP_FRAMES_RULE = `a strip has ${STRIP_MIN_FRAMES} to ${STRIP_MAX_FRAMES} frames`;

export const exportCalls = {
  // Writes the file(s) at `path`; `what` picks the part (GeoJSON "all" = zones + sightings; GPKG "all" = every layer,
  // AIS tracks included when the project holds AIS). Sightings carry mmsi, ais_verdict, ais_distance_m, ais_nearest_min.
  'export.run': call<ExportResult>()(
    z
      .object({
        format: z.enum(EXPORT_FORMATS),
        what: z.enum(EXPORT_WHATS).default('all'),
        path: pathSchema,
        overwrite: overwriteSchema,
        /** Whose sightings: 'mine', 'team'; left out, every sighting in the project (shared/teamScope.ts). */
        scope: z.enum(SCOPES).optional(),
      })
      .strict(),
  ),
} as const;

export const reportCalls = {
  // A PDF or standalone HTML report of [from, to) (default: the whole series), optionally one zone (by name or id).
  'report.run': call<ReportResult>()(
    z
      .object({
        format: z.enum(REPORT_FORMATS),
        path: pathSchema,
        overwrite: overwriteSchema,
        from: reportTimeSchema.optional(),
        to: reportTimeSchema.optional(),
        zone: zoneRefSchema.optional(),
        title: z.string().trim().min(1).max(200).optional(),
        minConfidence: z.enum(CONFIDENCES).default('possible'),
        /** Sightings whose annotated chips go in the report; default: chosen automatically (one per visit, up to 6). */
        chipSightingIds: z.array(z.string().uuid()).max(24).optional(),
        /** Whose sightings: 'mine', 'team'; left out, every sighting in the project (shared/teamScope.ts). */
        scope: z.enum(SCOPES).optional(),
        /**
         * A before/after pair of a zone (by name or id); a scene left out is the zone's first (before) or last (after)
         * scene in the period that shows it (shared/reportFigures.ts) and has its pixels on this machine.
         */
        pair: z.object({ zone: zoneRefSchema, before: sceneRefSchema.optional(), after: sceneRefSchema.optional() }).strict().optional(),
        /** A strip of frames of a zone: scenes that show it, evenly spread over the period. */
        strip: z.object({ zone: zoneRefSchema, frames: z.number().int().min(STRIP_MIN_FRAMES, STRIP_FRAMES_RULE).max(STRIP_MAX_FRAMES, STRIP_FRAMES_RULE).default(STRIP_DEFAULT_FRAMES) }).strict().optional(),
      })
      .strict(),
  ),
} as const;
