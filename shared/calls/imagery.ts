// Calls that bring imagery in: import files/orders, add a URL-template scene, make a template
// scene available offline, and poll or cancel a long job. Progress works the same in both hosts:
// the caller picks a `jobId`, makes the long call, and polls `jobs.status` until it answers.
import { z } from 'zod';
import { SENSORS, type Scene, type SceneAcquisition } from '../domain';
import { call, finite, idSchema, isoInstantSchema, pathSchema } from './define';
import { polygonSchema } from './editing';

export interface ImportFileError {
  /** The file, order or entry that was refused ('' for the whole request). */
  path: string;
  /** One sentence naming the file and the reason. */
  message: string;
  /** Only the acquisition time is missing: ask for it and import again with `acquired`. */
  needsAcquired: boolean;
}

/** An asset or link a STAC file names that was not read: remote (never fetched) or not used. */
export interface UnreadAsset {
  /** The STAC file naming it. */
  path: string;
  href: string;
  /** Why it was not read, in a few words. */
  reason: string;
}

export interface ImportResult {
  imported: Scene[];
  errors: ImportFileError[];
  /** STAC assets and links not read (remote ones are never fetched); absent when there were none. */
  unread?: UnreadAsset[];
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

/**
 * What a scene says about itself, however it arrives (a Planet *_metadata.json, a GeoTIFF's tags,
 * an MBTiles' metadata, a URL template, a colleague's package): every importer checks its scene
 * with this one schema before anything is written, so a file can never store what the API refuses.
 */
export const sceneAcquiredSchema = isoInstantSchema.refine((iso) => {
  const y = Number(iso.slice(0, 4));
  return y >= 1960 && y <= 2200;
}, 'the acquisition time must be between 1960 and 2200');
/** A footprint is a polygon like any other (finite lon/lat, closed, no bowtie, ≤ 10,000 vertices). */
export const sceneFootprintSchema = polygonSchema;
/** What a scene's metadata may say about how it was taken (STAC view:, sat:, sar:), bounded like everything read from a file. */
const label = z.string().trim().min(1).max(100);
export const sceneAcquisitionSchema: z.ZodType<SceneAcquisition> = z
  .object({
    platform: label.optional(),
    constellation: label.optional(),
    offNadirDeg: finite.refine((v) => v >= 0 && v <= 90, 'the off-nadir angle must be between 0 and 90 degrees').optional(),
    orbitState: z.enum(['ascending', 'descending', 'geostationary']).optional(),
    relativeOrbit: z.number().int().min(1).max(100_000).optional(),
    instrumentMode: label.optional(),
    polarizations: z.array(z.string().regex(/^[HV]{2}$/, 'a polarisation is HH, HV, VH or VV')).min(1).max(4).optional(),
    productType: label.optional(),
    frequencyBand: label.optional(),
  })
  .strict();
export const sceneSchemaFields = {
  acquired: sceneAcquiredSchema,
  provider: z.string().max(200),
  product: z.string().max(200),
  itemId: z.string().max(500).nullable(),
  footprint: sceneFootprintSchema.nullable(),
  /** A share 0–1 (Planet's cloud_cover). */
  cloudCover: finite.refine((v) => v >= 0 && v <= 1, 'cloud cover must be a share between 0 and 1').nullable(),
  /** Metres per pixel: from centimetre aerial imagery to coarse mosaics. */
  gsd: finite.refine((v) => v > 0 && v <= 100_000, 'the ground sample distance must be between 0 and 100 km').nullable(),
  credit: z.string().max(500),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('geotiff'), path: pathSchema }).strict(),
    z.object({ kind: z.literal('mbtiles'), path: pathSchema }).strict(),
    z.object({ kind: z.literal('xyz'), template: z.string().min(1).max(4096) }).strict(),
  ]),
  sensor: z.enum(SENSORS).optional(),
  acquisition: sceneAcquisitionSchema.optional(),
};
/** A scene before it has an id and a site: what an importer proposes to write. */
export const sceneMetadataSchema = z.object(sceneSchemaFields).strict();

const lon = finite.refine((v) => v >= -180 && v <= 180, 'longitude must be within [-180, 180]');
const lat = finite.refine((v) => v >= -85.06 && v <= 85.06, 'latitude must be within the Web-Mercator range');
const bboxSchema = z.tuple([lon, lat, lon, lat]).refine(([w, s, e, n]) => w < e && s < n, 'bbox must be [west, south, east, north]');
const zoom = z.number().int().min(0).max(22);

export const imageryCalls = {
  'scenes.import': call<ImportResult>()(
    z.object({ paths: z.array(pathSchema).min(1).max(1000), acquired: sceneAcquiredSchema.optional(), jobId: idSchema.optional() }).strict(),
  ),
  'scenes.addTemplate': call<Scene>()(
    z
      .object({
        template: z.string().trim().min(10).max(2048),
        acquired: sceneAcquiredSchema,
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
