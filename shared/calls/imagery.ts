// Calls that bring imagery in: import files/orders, add a URL-template scene, make a template
// scene available offline, and poll or cancel a long job. Progress works the same in both hosts:
// the caller picks a `jobId`, makes the long call, and polls `jobs.status` until it answers.
import { z } from 'zod';
import type { Scene } from '../domain';
import { call, finite, idSchema, pathSchema } from './define';

export interface ImportFileError {
  /** The file, order or entry that was refused ('' for the whole request). */
  path: string;
  /** One sentence naming the file and the reason. */
  message: string;
  /** Only the acquisition time is missing: ask for it and import again with `acquired`. */
  needsAcquired: boolean;
}

export interface ImportResult {
  imported: Scene[];
  errors: ImportFileError[];
}

export interface JobStatus {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  label: string;
}

export interface OfflineCopyResult {
  /** Tiles in the area and zoom range. */
  total: number;
  /** Fetched by this run. */
  fetched: number;
  /** Already in the project from an earlier run (not fetched again). */
  kept: number;
  /** The server had no tile there (404): no coverage. */
  missing: number;
  state: 'done' | 'cancelled';
}

export interface KeyStoreInfo {
  kind: 'os-keystore' | 'file';
  /** Shown to the user when keys are not in the OS keystore. */
  warning: string | null;
}

const isoTime = z
  .string()
  .max(40)
  .refine((s) => Number.isFinite(Date.parse(s)), 'must be a date and time, e.g. 2025-01-14T01:38:45Z');
const lon = finite.refine((v) => v >= -180 && v <= 180, 'longitude must be within [-180, 180]');
const lat = finite.refine((v) => v >= -85.06 && v <= 85.06, 'latitude must be within the Web-Mercator range');
const bboxSchema = z.tuple([lon, lat, lon, lat]).refine(([w, s, e, n]) => w < e && s < n, 'bbox must be [west, south, east, north]');
const zoom = z.number().int().min(0).max(22);

export const imageryCalls = {
  'scenes.import': call<ImportResult>()(
    z.object({ paths: z.array(pathSchema).min(1).max(1000), acquired: isoTime.optional(), jobId: idSchema.optional() }).strict(),
  ),
  'scenes.addTemplate': call<Scene>()(
    z
      .object({
        template: z.string().trim().min(10).max(2048),
        acquired: isoTime,
        name: z.string().trim().min(1).max(200).optional(),
        bbox: bboxSchema.optional(),
        credit: z.string().max(500).optional(),
        apiKey: z.string().min(1).max(512).optional(),
      })
      .strict(),
  ),
  'scenes.makeOffline': call<OfflineCopyResult>()(
    z
      .object({ sceneId: idSchema, bbox: bboxSchema, minZoom: zoom, maxZoom: zoom, jobId: idSchema.optional() })
      .strict()
      .refine((r) => r.minZoom <= r.maxZoom, 'minZoom must not exceed maxZoom'),
  ),
  'jobs.status': call<JobStatus | null>()(z.object({ id: idSchema }).strict()),
  'jobs.cancel': call<{ cancelled: boolean }>()(z.object({ id: idSchema }).strict()),
  'imagery.keyStore': call<KeyStoreInfo>()(z.object({}).strict()),
  /** Derives observability again (e.g. after zones were drawn); analyst overrides are kept. */
  'observability.derive': call<{ changed: number }>()(z.object({ sceneIds: z.array(idSchema).max(100_000).optional() }).strict()),
} as const;
