// The import service: turns paths (GeoTIFF/COG, MBTiles, Planet order folders and zips, STAC items,
// catalogs and collections, folders of files) and URL templates into scenes of the open project. Each source is read and checked in full
// first; then every good source's scenes and their observability are written in ONE transaction.
// A bad source is reported by name and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Scene } from '../../../shared/domain';
import type { ImportFileError, ImportResult, UnreadAsset } from '../../../shared/calls/imagery';
import type { ProjectStore } from '../store/projectStore';
import type { TempPath } from '../output/tempJournal';
import { checkScenePlan, ImportError, readAcquired, sourcePathFor, type ScenePlan } from './common';
import { planGeoTiff } from './geotiff';
import { planMbtiles } from './mbtiles';
import { findOrderRoot, planPlanetOrder } from './planetOrder';
import { planStac, stacEntryIn, type StacLimits } from './stac';
import { DEFAULT_ZIP_LIMITS, extractZipSafely, type ZipLimits } from './safeZip';
import { deriveObservability } from './observability';
import { keyHostsOf, parseTemplate } from './xyzTemplate';
import { redactTemplate } from './templateCredentials';
import type { KeyStore } from './apiKeys';
import { withoutFinalLink } from './sceneFile';
import { recordedSceneFile, recordSceneFile, sameFile, type FileIdentity } from '../store/sceneFiles';
import { historyOf } from '../store/history';
import { attachUnmatched } from '../store/teamLocal';

export type { ImportFileError, ImportResult };

export interface ImportOptions {
  /** ISO UTC time for files that carry none. */
  acquired?: string;
  /** Site the scenes belong to; default: the project's first site (created when there is none). */
  siteId?: string;
  onProgress?: (done: number, total: number, label: string) => void;
  signal?: AbortSignal;
  zipLimits?: ZipLimits;
  stacLimits?: StacLimits;
}

/** How many unread STAC assets and links a result lists one by one. */
export const MAX_UNREAD_LISTED = 200;

const IMAGE_EXT = /\.(tiff?|mbtiles)$/i;

/** A folder dropped whole: every GeoTIFF and MBTiles inside it (not following links out of it). */
function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesIn(p));
    else if (e.isFile() && IMAGE_EXT.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Where a zipped order is unpacked: beside the project file, so the project folder stays whole. */
function extractionDir(projectFile: string, zipFile: string): string {
  const base = path.join(path.dirname(projectFile), `${path.basename(projectFile, '.quaywatch')} imagery`, path.basename(zipFile, path.extname(zipFile)));
  let dir = base;
  for (let i = 2; fs.existsSync(dir); i++) dir = `${base} (${i})`;
  return dir;
}

/** Imports paths into the open project. Never throws for a bad file: it is listed in `errors`. */
export async function importScenes(store: ProjectStore, paths: string[], opts: ImportOptions = {}): Promise<ImportResult> {
  const errors: ImportFileError[] = [];
  const plans: ScenePlan[] = [];
  const unread: UnreadAsset[] = [];
  const extracted: string[] = [];
  const unpacking: TempPath[] = [];
  const read = opts.acquired ? readAcquired(opts.acquired) : undefined;
  if (read !== undefined && typeof read !== 'string') {
    return { imported: [], errors: [{ path: '', message: `The acquisition time given: ${read.error}.`, needsAcquired: true }] };
  }
  const acquired = read;
  const note = (e: unknown, p: string) => {
    if (e instanceof ImportError) errors.push({ path: e.file || p, message: e.message, needsAcquired: e.needsAcquired });
    else errors.push({ path: p, message: `${path.basename(p)} could not be imported: ${(e as Error).message}`, needsAcquired: false });
  };

  // Expand folders into files or orders, so progress counts real work.
  // A STAC source's `root` is the folder everything it names must stay inside.
  const sources: { kind: 'file' | 'order' | 'zip' | 'stac'; path: string; root?: string }[] = [];
  for (const raw of paths) {
    const p = path.resolve(raw);
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) note(new ImportError(p, `${p}: no such file or folder.`), p);
    else if (st.isDirectory()) {
      const stacEntry = findOrderRoot(p) ? null : stacEntryIn(p);
      if (findOrderRoot(p)) sources.push({ kind: 'order', path: p });
      else if (stacEntry) sources.push({ kind: 'stac', path: stacEntry, root: p });
      else {
        const files = filesIn(p);
        if (!files.length) note(new ImportError(p, `${path.basename(p)} holds no GeoTIFF, MBTiles, Planet order or STAC catalog.json/collection.json.`), p);
        sources.push(...files.map((f) => ({ kind: 'file' as const, path: f })));
      }
    } else if (/\.zip$/i.test(p)) sources.push({ kind: 'zip', path: p });
    else if (/\.json$/i.test(p)) sources.push({ kind: 'stac', path: p, root: path.dirname(p) });
    else if (IMAGE_EXT.test(p)) sources.push({ kind: 'file', path: p });
    else note(new ImportError(p, `${path.basename(p)} is not a kind of file Quaywatch imports (GeoTIFF, COG, MBTiles, a Planet order folder or .zip, a STAC item, collection or catalog .json).`), p);
  }

  let done = 0;
  const progress = (label: string) => opts.onProgress?.(done, sources.length, label);
  for (const src of sources) {
    if (opts.signal?.aborted) break;
    progress(path.basename(src.path));
    try {
      if (src.kind === 'file') {
        // A scene's file is never opened through a link: a link given here is stored as the file it names.
        const file = withoutFinalLink(src.path);
        const sourcePath = sourcePathFor(store.file, file);
        plans.push(/\.mbtiles$/i.test(src.path) ? await planMbtiles(file, { acquired, sourcePath }) : await planGeoTiff(file, { acquired, sourcePath }));
      } else if (src.kind === 'stac') {
        // What a refused catalog listed as unread is dropped with it: the refusal is what the user reads.
        const listed: UnreadAsset[] = [];
        plans.push(...(await planStac(src.path, {
          root: src.root!, projectFile: store.file, limits: opts.stacLimits, signal: opts.signal, unread: listed,
          onProgress: (d, t) => opts.onProgress?.(d, t, `Checking ${path.basename(src.path)}`),
        })));
        unread.push(...listed);
      } else {
        let dir = src.path;
        if (src.kind === 'zip') {
          dir = extractionDir(store.file, src.path);
          // Noted before a byte is written: if this process dies, the next start removes the folder unless a scene uses it.
          unpacking.push(store.temporaries.note(dir, { project: store.file }));
          await extractZipSafely(src.path, dir, opts.zipLimits ?? DEFAULT_ZIP_LIMITS, {
            signal: opts.signal,
            onProgress: (d, t) => opts.onProgress?.(d, t, `Unpacking ${path.basename(src.path)}`),
          });
          extracted.push(dir);
        }
        try {
          plans.push(...(await planPlanetOrder(dir, { projectFile: store.file, signal: opts.signal, onProgress: (d, t) => opts.onProgress?.(d, t, `Checking ${path.basename(src.path)}`) })));
        } catch (e) {
          if (src.kind === 'zip') fs.rmSync(dir, { recursive: true, force: true });
          throw e;
        }
      }
    } catch (e) {
      note(e, src.path);
    }
    done++;
  }
  const settle = () => unpacking.forEach((n) => n.settle());
  const cancelled = () => {
    for (const d of extracted) fs.rmSync(d, { recursive: true, force: true });
    settle();
    return { imported: [], errors: [{ path: '', message: 'Import cancelled: nothing was imported.', needsAcquired: false }] };
  };
  if (opts.signal?.aborted) return cancelled();
  progress(`Saving ${plans.length} scene(s)`);
  const imported = await commitPlans(store, plans, errors, opts.siteId, opts.signal);
  // commitPlans gives up before its transaction when cancelled while masks were read.
  if (imported === null) return cancelled();
  settle();
  if (!unread.length) return { imported, errors };
  // A catalog of thousands of items with remote thumbnails would list thousands of lines: the first ones say what it is.
  const listed = unread.length > MAX_UNREAD_LISTED ? [...unread.slice(0, MAX_UNREAD_LISTED), { path: '', href: '…', reason: `and ${unread.length - MAX_UNREAD_LISTED} more not read` }] : unread;
  return { imported, errors, unread: listed };
}

/**
 * Writes plans (skipping scenes already in the project) with their observability, all in one
 * transaction; null, with nothing written, when `signal` aborts before the transaction starts.
 */
export async function commitPlans(store: ProjectStore, plans: ScenePlan[], errors: ImportFileError[] = [], siteId?: string, signal?: AbortSignal): Promise<Scene[] | null> {
  const existing = store.scenes();
  // Every importer's scenes pass the API's scene schema here, whatever file they came from.
  const valid = plans.filter((p) => {
    try {
      checkScenePlan(p);
      return true;
    } catch (e) {
      const err = e as ImportError;
      errors.push({ path: err.file, message: err.message, needsAcquired: false });
      return false;
    }
  });
  // The same file imported again after it changed (or was copied to this machine): its scene now
  // trusts the file as it is, the user's answer to "the file behind this scene changed".
  const renew: { scene: Scene; file: FileIdentity }[] = [];
  // The same scene reached twice in one import (a catalog and one of its items, a file named twice) is written once.
  const taken: ScenePlan['scene'][] = [];
  const fresh = valid.filter((p) => {
    const s = p.scene;
    const twice = taken.find((t) => (s.itemId && t.itemId === s.itemId && t.product === s.product) || JSON.stringify(t.source) === JSON.stringify(s.source));
    if (twice) {
      errors.push({ path: p.origin, message: `${path.basename(p.origin)} was given twice in this import; it is imported once.`, needsAcquired: false });
      return false;
    }
    const dup = existing.find(
      (e) => (s.itemId && e.itemId === s.itemId && e.product === s.product) || JSON.stringify(e.source) === JSON.stringify(s.source),
    );
    if (dup && p.file && JSON.stringify(dup.source) === JSON.stringify(s.source)) {
      const recorded = recordedSceneFile(store, dup.id);
      if (!recorded || !sameFile(recorded, p.file)) {
        renew.push({ scene: dup, file: p.file });
        return false;
      }
    }
    if (dup) errors.push({ path: p.origin, message: `${path.basename(p.origin)} is already in this project (scene of ${dup.acquired}).`, needsAcquired: false });
    else taken.push(s);
    return !dup;
  });
  const renewFiles = () => renew.map(({ scene, file }) => (recordSceneFile(store, scene.id, file), scene));
  const importing = (n: number) => `Import ${n === 1 ? 'scene' : `${n} scenes`}`;
  if (!fresh.length) return historyOf(store).run(importing(renew.length), renewFiles, { origin: 'import' });
  const zones = store.zones();
  // Masks are read before the transaction: no SQLite lock is held while we wait on the disk.
  const observability = await Promise.all(
    fresh.map(async (p) =>
      Promise.all(
        zones.map(async (z) => {
          try {
            return await deriveObservability({ footprint: p.scene.footprint, zone: z.geometry, udm2Path: p.udm2Path, clearPercent: p.clearPercent, cloudCover: p.scene.cloudCover, sensor: p.scene.sensor });
          } catch {
            // An unreadable mask must not lose the scene: fall back to the scene-wide shares.
            return deriveObservability({ footprint: p.scene.footprint, zone: z.geometry, udm2Path: null, clearPercent: p.clearPercent, cloudCover: p.scene.cloudCover, sensor: p.scene.sensor });
          }
        }),
      ),
    ),
  );
  if (signal?.aborted) return null;
  // One step of origin 'import': the scenes, their files and the observability derived for them.
  const scenes = historyOf(store).run(importing(renew.length + fresh.length), () => {
    const site = siteId ?? store.sites()[0]?.id ?? store.createSite({ name: store.project().name }).id;
    return [...renewFiles(), ...fresh.map((p, i) => {
      const scene = store.createScene({ ...p.scene, siteId: site });
      if (p.file) recordSceneFile(store, scene.id, p.file);
      zones.forEach((z, j) => store.setObservability({ sceneId: scene.id, zoneId: z.id, value: observability[i]![j]!, overridden: false }));
      return scene;
    })];
  }, { origin: 'import' });
  // A team's marks that waited for this imagery (on a scene this project did not have) are attached now.
  attachUnmatched(store);
  return scenes;
}

export interface TemplateSceneInput {
  template: string;
  acquired: string;
  /** Shown as the product, e.g. "Basemap 2025-01". */
  name?: string;
  /** lon/lat [w, s, e, n] the template covers, when known. */
  bbox?: [number, number, number, number];
  credit?: string;
  /** A key given separately from the URL. */
  apiKey?: string;
  /** The provider's item id, e.g. a Planet item served through its tiles API. */
  itemId?: string;
}

/** Adds a scene served from an XYZ/TMS template; any API key goes to the keystore, never the project. */
export async function addTemplateScene(store: ProjectStore, input: TemplateSceneInput, keys: KeyStore): Promise<Scene> {
  const parsed = parseTemplate(input.template);
  const acquired = readAcquired(input.acquired);
  if (typeof acquired !== 'string') throw new ImportError(redactTemplate(input.template), `The acquisition time of this template: ${acquired.error}.`, true);
  const key = input.apiKey ?? parsed.apiKey;
  // Saved for each exact host the tiles come from (tiles0 … tiles3.planet.com): a key is looked up
  // by the host a request goes to, never by a pattern.
  if (key) for (const host of keyHostsOf(parsed.template)) keys.set(host, key);
  const [w, s, e, n] = input.bbox ?? [0, 0, 0, 0];
  const plan: ScenePlan = {
    origin: parsed.template,
    scene: {
      acquired,
      provider: /planet\.com$/i.test(parsed.host) ? 'Planet' : parsed.host,
      product: input.name ?? 'XYZ tiles',
      itemId: input.itemId ?? null,
      footprint: input.bbox ? { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } : null,
      cloudCover: null,
      gsd: null,
      credit: input.credit ?? (/planet\.com$/i.test(parsed.host) ? `© ${new Date(acquired).getUTCFullYear()} Planet Labs PBC` : parsed.host),
      source: { kind: 'xyz', template: parsed.template },
    },
    udm2Path: null,
    clearPercent: null,
  };
  const errors: ImportFileError[] = [];
  const [scene] = (await commitPlans(store, [plan], errors)) ?? [];
  // Adding the same template again is also how a key is given anew (keys are kept per exact host): say it was kept.
  if (!scene) throw new ImportError(parsed.template, `${errors[0]?.message ?? 'This template is already in the project.'}${key ? ' The API key given with it was saved.' : ''}`);
  return scene;
}
