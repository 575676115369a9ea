// Importer of a Planet order delivery folder: manifest.json lists the files (with digests and
// item/asset annotations), each item has {item_id}_metadata.json (a GeoJSON Feature) and assets.
// One scene per item, with its image asset; UDM2 masks are kept for observability, not as scenes.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeIssue, finite } from '../../../shared/calls/define';
import { sceneFootprintSchema, sceneSchemaFields } from '../../../shared/calls/imagery';
import { checkScenePlan, ImportError, readAcquired, sourcePathFor, type ScenePlan } from './common';
import { readGeoTiffInfo } from './geotiff';
import { withoutFinalLink } from './sceneFile';

// Planet's files are checked with zod before a single field is used: a hand-edited or hostile order
// is refused naming the file and the field, never with a TypeError from deep inside the importer.
// Only the fields Quaywatch reads are checked; Planet's others pass through untouched.
const hexDigest = z.string().regex(/^[0-9a-fA-F]{32,128}$/, 'must be a hex digest');
const manifestFileSchema = z
  .object({
    path: z.string().min(1).max(4096),
    media_type: z.string().max(200).optional(),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    digests: z.object({ md5: hexDigest.optional(), sha256: hexDigest.optional() }).passthrough().optional(),
    annotations: z.record(z.string(), z.string().max(1000)).optional(),
  })
  .passthrough();
type ManifestFile = z.infer<typeof manifestFileSchema>;
const orderManifestSchema = z.object({ files: z.array(manifestFileSchema).max(100_000) }).passthrough();

/** A footprint delivered as a MultiPolygon (e.g. split at the antimeridian) is represented by its first part. */
const firstPolygon = (g: unknown): unknown => {
  if (!g || typeof g !== 'object') return g;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'MultiPolygon' && Array.isArray(coordinates)) return { type: 'Polygon', coordinates: coordinates[0] };
  return { type, coordinates };
};
/** {item_id}_metadata.json: a GeoJSON Feature whose geometry is the footprint, checked as the API checks one. */
const itemMetadataSchema = z
  .object({
    geometry: z.preprocess(firstPolygon, sceneFootprintSchema),
    properties: z
      .object({
        acquired: z.string().max(40),
        item_type: z.string().max(200).optional(),
        cloud_cover: sceneSchemaFields.cloudCover.optional(),
        clear_percent: finite.refine((v) => v >= 0 && v <= 100, 'clear_percent must be between 0 and 100').nullable().optional(),
        gsd: sceneSchemaFields.gsd.optional(),
        pixel_resolution: sceneSchemaFields.gsd.optional(),
      })
      .passthrough(),
  })
  .passthrough();

/** Visual first: it is what an analyst looks at; analytic products are the fallback. */
const IMAGE_ASSET_PREFERENCE = ['ortho_visual', 'visual', 'ortho_analytic_8b_sr', 'ortho_analytic_4b_sr', 'ortho_analytic_8b', 'ortho_analytic_4b', 'analytic'];

const isUdm2 = (f: ManifestFile) => /udm2/i.test(f.annotations?.['planet/asset_type'] ?? '') || /_udm2(_clip)?\.tif$/i.test(f.path);
const isUdm = (f: ManifestFile) => /udm/i.test(f.annotations?.['planet/asset_type'] ?? '') || /_(udm|udm2|DN_udm)(_clip)?\.tif$/i.test(f.path);
const isTiff = (f: ManifestFile) => /tiff/i.test(f.media_type ?? '') || /\.tiff?$/i.test(f.path);

/** The folder holding manifest.json: the order itself, or its single top folder (as zips unpack). */
export function findOrderRoot(dir: string): string | null {
  if (fs.existsSync(path.join(dir, 'manifest.json'))) return dir;
  const subs = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const s of subs) if (fs.existsSync(path.join(dir, s.name, 'manifest.json'))) return path.join(dir, s.name);
  return null;
}

async function digestOf(file: string, algo: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algo);
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}


export interface OrderOptions {
  projectFile: string;
  /** Called after each item is checked. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Reads and checks a whole order; throws an ImportError naming the file at the first problem. */
export async function planPlanetOrder(orderDir: string, opts: OrderOptions): Promise<ScenePlan[]> {
  const root = findOrderRoot(orderDir);
  const orderName = path.basename(orderDir);
  if (!root) throw new ImportError(orderDir, `${orderName} is not a Planet order: it has no manifest.json.`);
  const realRoot = fs.realpathSync(root);
  const manifestFile = path.join(root, 'manifest.json');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw new ImportError(manifestFile, `${orderName}/manifest.json is not valid JSON (${(e as Error).message}).`);
  }
  const checked = orderManifestSchema.safeParse(manifestJson);
  if (!checked.success) {
    const noList = checked.error.issues[0]?.path[0] === 'files' && checked.error.issues[0].path.length === 1;
    throw new ImportError(
      manifestFile,
      noList
        ? `${orderName}/manifest.json has no "files" list. Nothing was imported.`
        : `${orderName}/manifest.json is not a valid Planet manifest (${describeIssue(checked.error)}). Nothing was imported; download the order again.`,
    );
  }
  const manifest = checked.data;

  // Every path the manifest names must stay inside the order, also through symlinks.
  const resolveInOrder = (p: string): string => {
    if (typeof p !== 'string' || !p || path.isAbsolute(p) || p.split(/[\\/]+/).includes('..')) {
      throw new ImportError(manifestFile, `${orderName}/manifest.json points outside the order ("${String(p)}"). Nothing was imported.`);
    }
    const abs = path.resolve(root, p);
    if (!fs.existsSync(abs)) throw new ImportError(abs, `${orderName}: the manifest lists "${p}", which is missing from the order.`);
    const real = fs.realpathSync(abs);
    if (!real.startsWith(realRoot + path.sep)) {
      throw new ImportError(abs, `${orderName}: "${p}" leads outside the order (a link to ${real}). Nothing was imported.`);
    }
    return abs;
  };

  const byItem = new Map<string, ManifestFile[]>();
  for (const f of manifest.files) {
    const item = f.annotations?.['planet/item_id'] ?? /^(.*?)_metadata\.json$/.exec(path.basename(f.path ?? ''))?.[1];
    if (!item) continue;
    byItem.set(item, [...(byItem.get(item) ?? []), f]);
  }
  if (byItem.size === 0) throw new ImportError(manifestFile, `${orderName}/manifest.json lists no Planet items.`);

  const plans: ScenePlan[] = [];
  let done = 0;
  for (const [itemId, files] of byItem) {
    if (opts.signal?.aborted) throw new ImportError(orderDir, `Import of ${orderName} was cancelled; nothing was imported.`);
    for (const f of files) {
      const abs = resolveInOrder(f.path);
      const size = fs.statSync(abs).size;
      if (typeof f.size === 'number' && f.size !== size) {
        throw new ImportError(abs, `${f.path} is ${size} bytes but the manifest says ${f.size}: the download is incomplete. Download the order again.`);
      }
      const algo = f.digests?.sha256 ? 'sha256' : f.digests?.md5 ? 'md5' : null;
      if (algo) {
        const expected = f.digests![algo]!.toLowerCase();
        if ((await digestOf(abs, algo)) !== expected) {
          throw new ImportError(abs, `${f.path} does not match its ${algo} digest in the manifest: the file is damaged. Download the order again.`);
        }
      }
    }
    const metaEntry = files.find((f) => f.path.endsWith(`${itemId}_metadata.json`));
    const metaPath = metaEntry ? resolveInOrder(metaEntry.path) : null;
    if (!metaPath) throw new ImportError(root, `${orderName}: item ${itemId} has no ${itemId}_metadata.json.`);
    let metaJson: unknown;
    try {
      metaJson = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
    } catch (e) {
      throw new ImportError(metaPath, `${path.basename(metaPath)} is not valid JSON (${(e as Error).message}).`);
    }
    const metaRaw = metaJson as { properties?: { acquired?: unknown } } | null;
    const rawAcquired = metaRaw?.properties?.acquired;
    const read = typeof rawAcquired === 'string' ? readAcquired(rawAcquired) : { error: 'there is none' };
    if (typeof read !== 'string') {
      throw new ImportError(metaPath, `${path.basename(metaPath)} has no valid "acquired" time (properties.acquired: ${read.error}). Nothing was imported.`);
    }
    const parsedMeta = itemMetadataSchema.safeParse(metaJson);
    if (!parsedMeta.success) {
      throw new ImportError(metaPath, `${path.basename(metaPath)} was refused: ${describeIssue(parsedMeta.error)}. Nothing was imported; download the order again.`);
    }
    const meta = parsedMeta.data;
    const props = meta.properties;
    const acquired = read; // a time with no zone is UTC (Planet gives UTC), never this machine's zone
    const images = files.filter((f) => isTiff(f) && !isUdm(f));
    const rank = (f: ManifestFile) => {
      const i = IMAGE_ASSET_PREFERENCE.indexOf(f.annotations?.['planet/asset_type'] ?? '');
      return i < 0 ? IMAGE_ASSET_PREFERENCE.length : i;
    };
    images.sort((a, b) => rank(a) - rank(b));
    const image = images[0];
    if (!image) throw new ImportError(root, `${orderName}: item ${itemId} has no image asset (only masks or metadata).`);
    // A link inside the order is stored as the file it names: a scene's file is never opened through a link.
    const imagePath = withoutFinalLink(resolveInOrder(image.path));
    const info = await readGeoTiffInfo(imagePath); // refuses a truncated or ungeoreferenced asset
    const udm2 = files.find(isUdm2);
    const itemType = props.item_type ?? image.annotations?.['planet/item_type'] ?? 'PSScene';
    // Checked again as a whole (the API's scene schema), naming the metadata file the values came from.
    plans.push(
      checkScenePlan(
        {
          origin: imagePath,
          scene: {
            acquired,
            provider: 'Planet',
            product: itemType,
            itemId,
            footprint: meta.geometry,
            cloudCover: props.cloud_cover ?? null,
            gsd: props.gsd ?? props.pixel_resolution ?? info.gsd,
            credit: `© ${new Date(acquired).getUTCFullYear()} Planet Labs PBC`,
            source: { kind: 'geotiff', path: sourcePathFor(opts.projectFile, imagePath) },
          },
          udm2Path: udm2 ? resolveInOrder(udm2.path) : null,
          clearPercent: props.clear_percent ?? null,
          file: info.identity,
        },
        metaPath,
      ),
    );
    opts.onProgress?.(++done, byItem.size);
  }
  return plans;
}
