// Importer of STAC: an Item, an ItemCollection, a Collection or a static Catalog, from a file or a
// folder holding catalog.json/collection.json. Each item becomes one scene (its image asset), with
// what its properties say of how it was taken; a radar item (sar:* fields) becomes a `sar` scene.
//
// Everything is read from inside the folder the user chose (for a file: the folder holding it). An
// href that leads out of it (absolute, file:, `..`, a link whose target is outside) refuses the whole
// source, naming the file; a remote href (http, https, s3 …) is never fetched: the asset or link is
// listed in the result as not read. The walk is bounded (depth, files, items, bytes per file) and a
// child link back to one of its ancestors is refused as a cycle. All or nothing per source: a
// refusal anywhere in a catalog imports none of it.
import fs from 'node:fs';
import path from 'node:path';
import type { SceneAcquisition } from '../../../shared/domain';
import type { UnreadAsset } from '../../../shared/calls/imagery';
import { describeIssue } from '../../../shared/calls/define';
import { checkScenePlan, footprintOf, ImportError, readAcquired, sourcePathFor, type ScenePlan } from './common';
import { readGeoTiffInfo, type GeoTiffInfo } from './geotiff';
import { withoutFinalLink } from './sceneFile';
import { stacCatalogSchema, stacItemCollectionSchema, stacItemSchema, stacKindOf, type StacAsset, type StacItem } from './stacSchema';

export interface StacLimits {
  /** Links followed from the file given to the deepest item. */
  maxDepth: number;
  /** STAC JSON files read. */
  maxFiles: number;
  /** Items (scenes) in one source. */
  maxItems: number;
  /** Bytes of one STAC JSON file. */
  maxFileBytes: number;
}

export const DEFAULT_STAC_LIMITS: StacLimits = { maxDepth: 12, maxFiles: 20_000, maxItems: 10_000, maxFileBytes: 16 * 1024 * 1024 };

/** The STAC document a folder is read as, when it is one: catalog.json, else collection.json at its top. */
export function stacEntryIn(dir: string): string | null {
  for (const name of ['catalog.json', 'collection.json']) {
    const p = path.join(dir, name);
    if (fs.statSync(p, { throwIfNoEntry: false })?.isFile()) return p;
  }
  return null;
}

export interface StacOptions {
  /** The folder everything must stay inside: the folder chosen, or the one holding the file chosen. */
  root: string;
  projectFile: string;
  limits?: StacLimits;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Remote and unused assets and links, listed for the user (never fetched). */
  unread: UnreadAsset[];
}

type Resolved = { local: string } | { remote: string };

/** Where inherited item fields come from: the nearest Collection above the item. */
interface Context {
  collectionId?: string;
  provider?: string;
  license?: string;
}

interface FoundItem {
  file: string;
  /** Named in messages: the file, and the feature's place in an ItemCollection. */
  label: string;
  json: unknown;
  ctx: Context;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Plans every item reachable from `entry`; throws an ImportError naming the file at the first problem. */
export async function planStac(entry: string, opts: StacOptions): Promise<ScenePlan[]> {
  const limits = opts.limits ?? DEFAULT_STAC_LIMITS;
  const root = path.resolve(opts.root);
  const realRoot = fs.realpathSync(root);
  const shown = (f: string) => path.relative(root, f) || path.basename(f);
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot + path.sep);

  /** An href as a local path inside the root, or a remote address; anything else refuses `from`. */
  const resolve = (href: string, from: string, what: string): Resolved => {
    const refuse = (why: string) => new ImportError(from, `${shown(from)} was refused: ${what} "${href}" ${why}. Nothing was imported.`);
    const scheme = SCHEME.exec(href)?.[1]?.toLowerCase();
    // A Windows drive letter (C:\…) is an absolute path, not a scheme.
    if (scheme && !/^[a-zA-Z]:[\\/]/.test(href)) {
      if (scheme === 'file') throw refuse('is an absolute file: address; hrefs must be relative to the STAC file, inside the folder chosen');
      return { remote: href };
    }
    let rel: string;
    try {
      rel = decodeURIComponent(href.replace(/[?#].*$/, ''));
    } catch {
      throw refuse('is not a valid address');
    }
    if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
      throw refuse('is an absolute path; hrefs must be relative to the STAC file, inside the folder chosen');
    }
    // `..` is allowed while it stays inside the folder chosen (catalogs link ../collection.json, items
    // ../shared/x.tif): where an href lands is what is checked, by name and again through links.
    const abs = path.resolve(path.dirname(from), rel);
    if (!inside(abs)) throw refuse(`leads outside ${path.basename(root)}, the folder chosen${rel.split(/[\\/]+/).includes('..') ? ' (..)' : ''}`);
    if (!fs.existsSync(abs)) throw new ImportError(from, `${shown(from)}: ${what} "${href}" is missing (${shown(abs)}). Nothing was imported.`);
    const real = fs.realpathSync(abs);
    if (!inside(real)) throw refuse(`leads outside ${path.basename(root)} (a link to ${real})`);
    return { local: abs };
  };

  const readJson = (file: string): unknown => {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new ImportError(file, `${shown(file)} is not a file. Nothing was imported.`);
    if (st.size > limits.maxFileBytes) {
      throw new ImportError(file, `${shown(file)} is ${st.size} bytes, more than the ${limits.maxFileBytes} a STAC file may have here. Nothing was imported.`);
    }
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ImportError(file, `${shown(file)} is not valid JSON (${(e as Error).message}). Nothing was imported.`);
    }
  };

  // The walk: depth-first along child and item links, ancestors kept to tell a cycle from a shared child.
  const items: FoundItem[] = [];
  const visited = new Set<string>();
  const addItem = (it: FoundItem) => {
    items.push(it);
    if (items.length > limits.maxItems) {
      throw new ImportError(it.file, `${shown(entry)} holds more than ${limits.maxItems} items (at ${it.label}). Import it in parts (a sub-catalog or collection at a time). Nothing was imported.`);
    }
  };
  const walk = (file: string, depth: number, ancestors: string[], ctx: Context) => {
    if (opts.signal?.aborted) throw new ImportError(entry, `Import of ${path.basename(entry)} was cancelled; nothing was imported.`);
    const real = fs.realpathSync(file);
    if (ancestors.includes(real)) {
      const from = ancestors[ancestors.length - 1]!;
      throw new ImportError(from, `${shown(from)} was refused: its links form a cycle (it leads back to ${shown(file)}). Nothing was imported.`);
    }
    if (visited.has(real)) return; // reached twice through different parents: read once
    visited.add(real);
    if (visited.size > limits.maxFiles) throw new ImportError(file, `${shown(entry)} links more than ${limits.maxFiles} STAC files (at ${shown(file)}). Nothing was imported.`);
    if (depth > limits.maxDepth) throw new ImportError(file, `${shown(file)} lies more than ${limits.maxDepth} links below ${shown(entry)}. Nothing was imported.`);
    const json = readJson(file);
    const kind = stacKindOf(json);
    if (kind === 'item') return addItem({ file, label: shown(file), json, ctx });
    if (kind === 'itemCollection') {
      const parsed = stacItemCollectionSchema.safeParse(json);
      if (!parsed.success) throw new ImportError(file, `${shown(file)} was refused: ${describeIssue(parsed.error)}. Nothing was imported.`);
      parsed.data.features.forEach((f, i) => addItem({ file, label: `${shown(file)} (feature ${i + 1})`, json: f, ctx }));
      return;
    }
    if (kind !== 'catalog') {
      throw new ImportError(file, `${shown(file)} is not a STAC Item, ItemCollection, Collection or Catalog (its "type" is not Feature, FeatureCollection, Collection or Catalog). Nothing was imported.`);
    }
    const parsed = stacCatalogSchema.safeParse(json);
    if (!parsed.success) throw new ImportError(file, `${shown(file)} was refused: ${describeIssue(parsed.error)}. Nothing was imported.`);
    const cat = parsed.data;
    const here: Context = cat.type === 'Collection'
      ? { collectionId: cat.id, provider: cat.providers?.[0]?.name ?? ctx.provider, license: cat.license ?? ctx.license }
      : ctx;
    for (const link of cat.links) {
      if (link.rel !== 'child' && link.rel !== 'item') continue;
      const target = resolve(link.href, file, `its ${link.rel} link`);
      if ('remote' in target) {
        opts.unread.push({ path: file, href: link.href, reason: `${link.rel} link to a remote address: not fetched` });
        continue;
      }
      walk(target.local, depth + 1, [...ancestors, real], here);
    }
  };
  walk(path.resolve(entry), 0, [], {});
  if (!items.length) throw new ImportError(entry, `${shown(entry)} links no STAC items on this disk. Nothing was imported.`);

  const plans: ScenePlan[] = [];
  for (const [i, it] of items.entries()) {
    if (opts.signal?.aborted) throw new ImportError(entry, `Import of ${path.basename(entry)} was cancelled; nothing was imported.`);
    plans.push(await planItem(it, resolve, opts));
    opts.onProgress?.(i + 1, items.length);
  }
  return plans;
}

type Role = 'image' | 'udm' | 'other';
const hasRole = (a: StacAsset, ...roles: string[]) => (a.roles ?? []).some((r) => roles.includes(r.toLowerCase()));
const isTiff = (a: StacAsset) => /tiff/i.test(a.type ?? '') || /\.tiff?$/i.test(a.href.replace(/[?#].*$/, ''));
function roleOf(key: string, a: StacAsset): Role {
  if (hasRole(a, 'thumbnail', 'overview', 'metadata')) return 'other';
  if (hasRole(a, 'udm', 'udm2', 'cloud', 'cloud-mask', 'snow-ice') || /udm/i.test(key)) return 'udm';
  return isTiff(a) ? 'image' : 'other';
}
/** Visual first (what an analyst looks at), then data; within a rank the asset with most polarisations, co-polarised first. */
function imageRank(key: string, a: StacAsset): number {
  const roleRank = hasRole(a, 'visual') ? 0 : hasRole(a, 'data') ? 1 : 2;
  const pols = Array.isArray(a['sar:polarizations']) ? (a['sar:polarizations'] as unknown[]).length : 0;
  const coPol = /(^|[^a-z])(vv|hh)([^a-z]|$)/i.test(`${key} ${a.title ?? ''}`) ? 0 : 1;
  return roleRank * 100 + (4 - Math.min(pols, 4)) * 10 + coPol;
}

/** An asset's own sar:polarizations, when it names valid ones. */
function assetPolarizations(a: StacAsset): string[] | undefined {
  const p = a['sar:polarizations'];
  return Array.isArray(p) && p.length >= 1 && p.length <= 4 && p.every((v) => typeof v === 'string' && /^[HV]{2}$/.test(v)) ? (p as string[]) : undefined;
}

/** The CRS an item (or its asset, which overrides) says its image is in, as EPSG:n; null when it says none. */
function stacCrsOf(item: StacItem, asset: StacAsset): string | null {
  const code = (asset['proj:code'] ?? item.properties['proj:code']) as unknown;
  if (typeof code === 'string' && /^EPSG:\d+$/i.test(code)) return code.toUpperCase();
  const epsg = (asset['proj:epsg'] ?? item.properties['proj:epsg']) as unknown;
  return typeof epsg === 'number' && Number.isInteger(epsg) ? `EPSG:${epsg}` : null;
}

/** True when the item's proj:transform puts the image's top-left corner where the GeoTIFF does (within half a pixel). */
function transformAgrees(transform: number[], info: GeoTiffInfo): boolean {
  const [a, , c, , e, f] = transform as [number, number, number, number, number, number];
  const [x0, y0, , y1] = info.bbox;
  const tol = Math.max(Math.abs(a), Math.abs(e)) / 2;
  return Math.abs(c - x0) <= tol && Math.abs(f - (e < 0 ? y1 : y0)) <= tol;
}

async function planItem(it: FoundItem, resolve: (href: string, from: string, what: string) => Resolved, opts: StacOptions): Promise<ScenePlan> {
  const parsed = stacItemSchema.safeParse(it.json);
  if (!parsed.success) throw new ImportError(it.file, `${it.label} was refused: ${describeIssue(parsed.error)}. Nothing was imported.`);
  const item = parsed.data;
  const props = item.properties;
  // datetime when the item has one; else start_datetime: the earliest the scene can have been taken (a
  // radar product's span is seconds; the start is what orders it among scenes of other sensors).
  const when = props.datetime ?? props.start_datetime;
  const acquired = when ? readAcquired(when) : { error: 'there is none (neither datetime nor start_datetime)' };
  if (typeof acquired !== 'string') throw new ImportError(it.file, `${it.label} has no valid acquisition time (${props.datetime ? 'datetime' : 'start_datetime'}: ${acquired.error}). Nothing was imported.`);

  // Every asset's href is checked, read or not: a hostile href refuses the item even on a thumbnail.
  const images: { key: string; asset: StacAsset; file: string }[] = [];
  const udms: { key: string; asset: StacAsset; file: string }[] = [];
  const remoteImages: string[] = [];
  for (const [key, asset] of Object.entries(item.assets)) {
    const role = roleOf(key, asset);
    const target = resolve(asset.href, it.file, `asset "${key}"`);
    if ('remote' in target) {
      if (role === 'image') remoteImages.push(asset.href);
      opts.unread.push({ path: it.file, href: asset.href, reason: `asset "${key}" is remote: not fetched` });
      continue;
    }
    if (role === 'image') images.push({ key, asset, file: target.local });
    else if (role === 'udm') udms.push({ key, asset, file: target.local });
  }
  images.sort((a, b) => imageRank(a.key, a.asset) - imageRank(b.key, b.asset));
  const image = images[0];
  if (!image) {
    throw new ImportError(
      it.file,
      remoteImages.length
        ? `${it.label}: its image is at ${remoteImages[0]}, which Quaywatch does not fetch. Download it into the folder, point the asset's href at it (relative to the item) and import again. Nothing was imported.`
        : `${it.label} has no GeoTIFF image asset (roles visual or data). Nothing was imported.`,
    );
  }
  for (const other of images.slice(1)) opts.unread.push({ path: it.file, href: other.asset.href, reason: `asset "${other.key}" not used: a scene shows one image (asset "${image.key}")` });

  // A link inside the folder is stored as the file it names: a scene's file is never opened through a link.
  const imageFile = withoutFinalLink(image.file);
  const info = await readGeoTiffInfo(imageFile); // refuses a truncated, ungeoreferenced or GCP-only image
  const stacCrs = stacCrsOf(item, image.asset);
  if (stacCrs && stacCrs !== info.crs) {
    throw new ImportError(it.file, `${it.label} says its image is in ${stacCrs} (proj:), but ${path.basename(imageFile)} is in ${info.crs}. Nothing was imported.`);
  }
  const transform = (image.asset['proj:transform'] ?? props['proj:transform']) as number[] | undefined;
  if (Array.isArray(transform) && transform.length >= 6 && transform.every(Number.isFinite) && !transformAgrees(transform, info)) {
    throw new ImportError(it.file, `${it.label}: its proj:transform places the image at ${transform[2]}, ${transform[5]} but ${path.basename(imageFile)} lies at ${info.bbox[0]}, ${info.bbox[3]}. Nothing was imported.`);
  }

  const sar = Object.keys(props).some((k) => k.startsWith('sar:')) || (item.stac_extensions ?? []).some((u) => /\/sar\//i.test(u)) || info.polarizations.length > 0;
  // The UDM is read as Planet's UDM2 (band 1 clear, band 8 unusable) when it has its 8 bands; other
  // masks say cloud in ways no standard fixes, so they are listed, and the cloud cover decides.
  let udm2Path: string | null = null;
  for (const u of udms) {
    if (sar) {
      opts.unread.push({ path: it.file, href: u.asset.href, reason: `asset "${u.key}" not read: cloud does not hide anything from radar` });
      continue;
    }
    const udm = await readGeoTiffInfo(withoutFinalLink(u.file));
    if (udm.bands >= 8 && !udm2Path) udm2Path = u.file;
    else opts.unread.push({ path: it.file, href: u.asset.href, reason: `asset "${u.key}" not read: not a UDM2 (8 bands: clear, …, unusable); the cloud cover decides` });
  }

  const provider = props.providers?.[0]?.name ?? it.ctx.provider ?? props.constellation ?? props.platform ?? 'STAC';
  const license = props.license ?? it.ctx.license;
  const acquisition: SceneAcquisition = {
    platform: props.platform,
    constellation: props.constellation,
    offNadirDeg: props['view:off_nadir'],
    orbitState: props['sat:orbit_state'],
    relativeOrbit: props['sat:relative_orbit'],
    instrumentMode: props['sar:instrument_mode'],
    // The chosen asset's own polarisations when it names them (one file of a VV/VH pair): the scene shows that file.
    polarizations: assetPolarizations(image.asset) ?? props['sar:polarizations'] ?? (info.polarizations.length ? info.polarizations : undefined),
    productType: props['sar:product_type'],
    frequencyBand: props['sar:frequency_band'],
  };
  for (const k of Object.keys(acquisition) as (keyof SceneAcquisition)[]) if (acquisition[k] === undefined) delete acquisition[k];
  return checkScenePlan(
    {
      origin: imageFile,
      scene: {
        acquired,
        provider,
        product: props['sar:product_type'] ?? item.collection ?? it.ctx.collectionId ?? 'STAC item',
        itemId: item.id,
        footprint: item.geometry ?? footprintOf(info.bbox, info.crs),
        cloudCover: props['eo:cloud_cover'] !== undefined ? props['eo:cloud_cover'] / 100 : null,
        gsd: props.gsd ?? info.gsd,
        credit: license && !/^(proprietary|other|various)$/i.test(license) ? `${provider} (${license})` : provider,
        source: { kind: 'geotiff', path: sourcePathFor(opts.projectFile, imageFile) },
        sensor: sar ? 'sar' : 'optical',
        acquisition,
      },
      udm2Path,
      clearPercent: null,
      file: info.identity,
    },
    it.file,
  );
}
