// Importer of a Planet order delivery folder: manifest.json lists the files (with digests and
// item/asset annotations), each item has {item_id}_metadata.json (a GeoJSON Feature) and assets.
// One scene per item, with its image asset; UDM2 masks are kept for observability, not as scenes.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { PolygonGeometry } from '../../../shared/domain';
import { ImportError, isoOrNull, sourcePathFor, type ScenePlan } from './common';
import { readGeoTiffInfo } from './geotiff';
import { withoutFinalLink } from './sceneFile';

interface ManifestFile {
  path: string;
  media_type?: string;
  size?: number;
  digests?: { md5?: string; sha256?: string };
  annotations?: Record<string, string>;
}

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

function polygonOf(geometry: unknown): PolygonGeometry | null {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates as PolygonGeometry['coordinates'] };
  if (g?.type === 'MultiPolygon') {
    const first = (g.coordinates as PolygonGeometry['coordinates'][])[0];
    return first ? { type: 'Polygon', coordinates: first } : null;
  }
  return null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

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
  let manifest: { files?: ManifestFile[] };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as typeof manifest;
  } catch (e) {
    throw new ImportError(manifestFile, `${orderName}/manifest.json is not valid JSON (${(e as Error).message}).`);
  }
  if (!Array.isArray(manifest.files)) throw new ImportError(manifestFile, `${orderName}/manifest.json has no "files" list.`);

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
    let meta: { geometry?: unknown; properties?: Record<string, unknown> };
    try {
      meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as typeof meta;
    } catch (e) {
      throw new ImportError(metaPath, `${path.basename(metaPath)} is not valid JSON (${(e as Error).message}).`);
    }
    const props = meta.properties ?? {};
    const acquired = typeof props.acquired === 'string' ? isoOrNull(props.acquired) : null;
    if (!acquired) throw new ImportError(metaPath, `${path.basename(metaPath)} has no valid "acquired" time.`);
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
    const itemType = String(props.item_type ?? image.annotations?.['planet/item_type'] ?? 'PSScene');
    plans.push({
      origin: imagePath,
      scene: {
        acquired,
        provider: 'Planet',
        product: itemType,
        itemId,
        footprint: polygonOf(meta.geometry),
        cloudCover: num(props.cloud_cover),
        gsd: num(props.gsd) ?? num(props.pixel_resolution) ?? info.gsd,
        credit: `© ${new Date(acquired).getUTCFullYear()} Planet Labs PBC`,
        source: { kind: 'geotiff', path: sourcePathFor(opts.projectFile, imagePath) },
      },
      udm2Path: udm2 ? resolveInOrder(udm2.path) : null,
      clearPercent: num(props.clear_percent),
      file: info.identity,
    });
    opts.onProgress?.(++done, byItem.size);
  }
  return plans;
}
