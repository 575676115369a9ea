// The parts of STAC (https://stacspec.org, 1.0/1.1: core, eo, view, sat, sar, proj) Quaywatch reads,
// as zod schemas: every STAC file is hostile until these accept it, and a refusal names the field.
// Only the fields used are checked; the rest of a STAC document passes through unread. Why zod and
// not a STAC library: stac-js is a read-only facade over one parsed object (no validation, no files, so
// none of the bounds and href checks an import needs); stac-node-validator and the @radiantearth JSON
// Schemas validate against extension schemas fetched by URL (no network here) and would still not check
// where an href leads; zod gives the same field-naming refusals as every other file read.
import { z } from 'zod';
import { finite } from '../../../shared/calls/define';
import { sceneFootprintSchema } from '../../../shared/calls/imagery';

const text = (max: number) => z.string().max(max);
/** An href as written in the file: checked for where it leads by stac.ts, never opened as given. */
const hrefSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'an href must not contain NUL');

export const stacLinkSchema = z.object({ rel: text(200), href: hrefSchema, type: text(200).optional() }).passthrough();
const linksSchema = z.array(stacLinkSchema).max(100_000);

export const stacAssetSchema = z
  .object({
    href: hrefSchema,
    type: text(200).optional(),
    title: text(1000).optional(),
    roles: z.array(text(100)).max(50).optional(),
  })
  .passthrough();
export type StacAsset = z.infer<typeof stacAssetSchema>;

/** A footprint delivered as a MultiPolygon (e.g. split at the antimeridian) is represented by its first part. */
const firstPolygon = (g: unknown): unknown => {
  if (!g || typeof g !== 'object') return g;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'MultiPolygon' && Array.isArray(coordinates)) return { type: 'Polygon', coordinates: coordinates[0] };
  return { type, coordinates };
};

const label = text(200).optional();
const percent = finite.refine((v) => v >= 0 && v <= 100, 'must be a percentage between 0 and 100');
/** Item properties Quaywatch reads (STAC common metadata and the eo, view, sat, sar and proj extensions). */
const itemPropertiesSchema = z
  .object({
    datetime: text(40).nullable().optional(),
    start_datetime: text(40).nullable().optional(),
    end_datetime: text(40).nullable().optional(),
    platform: label,
    constellation: label,
    gsd: finite.refine((v) => v > 0 && v <= 100_000, 'must be between 0 and 100 km').optional(),
    providers: z.array(z.object({ name: text(200) }).passthrough()).max(50).optional(),
    license: label,
    'eo:cloud_cover': percent.optional(),
    'view:off_nadir': finite.refine((v) => v >= 0 && v <= 90, 'must be between 0 and 90 degrees').optional(),
    'sat:orbit_state': z.enum(['ascending', 'descending', 'geostationary']).optional(),
    'sat:relative_orbit': z.number().int().min(1).max(100_000).optional(),
    'sar:instrument_mode': label,
    'sar:polarizations': z.array(z.enum(['HH', 'HV', 'VH', 'VV'])).min(1).max(4).optional(),
    'sar:product_type': label,
    'sar:frequency_band': label,
    'proj:epsg': z.number().int().min(1).max(999_999).nullable().optional(),
    'proj:code': text(100).nullable().optional(),
    'proj:transform': z.array(finite).min(6).max(9).optional(),
  })
  .passthrough();

export const stacItemSchema = z
  .object({
    type: z.literal('Feature'),
    stac_version: text(20),
    stac_extensions: z.array(text(500)).max(100).optional(),
    id: z.string().min(1).max(500),
    collection: text(500).optional(),
    // null is allowed by STAC (an item with no place): the footprint then comes from the GeoTIFF.
    geometry: z.preprocess(firstPolygon, sceneFootprintSchema).nullable(),
    properties: itemPropertiesSchema,
    assets: z.record(z.string().max(200), stacAssetSchema).refine((a) => Object.keys(a).length <= 200, 'an item has at most 200 assets'),
    links: linksSchema.optional(),
  })
  .passthrough();
export type StacItem = z.infer<typeof stacItemSchema>;

/** A static Catalog or a Collection: what Quaywatch follows is its child and item links. */
export const stacCatalogSchema = z
  .object({
    type: z.enum(['Catalog', 'Collection']),
    stac_version: text(20),
    id: z.string().min(1).max(500),
    links: linksSchema,
    providers: z.array(z.object({ name: text(200) }).passthrough()).max(50).optional(),
    license: label,
  })
  .passthrough();
export type StacCatalog = z.infer<typeof stacCatalogSchema>;

/** An ItemCollection (a FeatureCollection of items, as a search or an export writes it). */
export const stacItemCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).max(100_000) }).passthrough();

/** What kind of STAC document a parsed JSON value claims to be, before it is checked. */
export function stacKindOf(json: unknown): 'item' | 'catalog' | 'itemCollection' | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const type = (json as { type?: unknown }).type;
  if (type === 'Feature') return 'item';
  if (type === 'Catalog' || type === 'Collection') return 'catalog';
  if (type === 'FeatureCollection') return 'itemCollection';
  return null;
}
