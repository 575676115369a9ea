// Sightings packages: export an analyst's marks (with vessels, tracks, zones, reviews, history and
// scene references) to a zip, and merge a colleague's package into this project without duplicates.
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { PackageExportResult, PackageImportReport, UnmatchedScene } from '../../../shared/calls/review';
import type { PolygonGeometry, Review, Scene, Sighting, Site, Vessel } from '../../../shared/domain';
import { placeInZone } from '../../../shared/sightingRules';
import { polygonRelation } from '../../../shared/geometry';
import { canonicalJson } from '../../../shared/review/canonical';
import { describeIssue } from '../../../shared/calls/define';
import { QuaywatchError } from '../errors';
import { unsafeEntryReason } from '../imagery/safeZip';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import { historyOf } from '../store/history';
import type { ProjectStore } from '../store/projectStore';
import {
  CONTENT_ENTRY,
  contentSchemaOf,
  contentSha256,
  MANIFEST_ENTRY,
  manifestSchema,
  manifestSchemaOf,
  MAX_CONTENT_BYTES,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  type PackageFormatVersion,
  type PackageContent,
  type PackageManifest,
  type SceneRef,
} from './packageFormat';

/** Scenes of two projects are one image when their acquisition times differ by at most this. */
export const SCENE_TIME_TOLERANCE_MS = 1000;
/** Fixed entry times, so exporting the same content twice gives the same bytes. */
const ZIP_MTIME = new Date(Date.UTC(2020, 0, 1));


// ---- export ----------------------------------------------------------------------------------

/** Gathers what a package holds: all sightings, or those (and the verdicts) of the given analysts. */
export function packageContent(store: ProjectStore, authors?: readonly string[]): PackageContent {
  const only = authors ? new Set(authors) : null;
  const allSightings = store.sightings();
  const sightings = only ? allSightings.filter((s) => only.has(s.author)) : allSightings;
  const included = new Set(sightings.map((s) => s.id));
  const reviews = store.reviews().filter((r) => included.has(r.sightingId) || (only ? only.has(r.reviewer) : false));
  const reviewed = new Set(reviews.map((r) => r.sightingId));
  const sceneIds = new Set([...sightings, ...allSightings.filter((s) => reviewed.has(s.id))].map((s) => s.sceneId));
  const scenes = store.scenes().filter((s) => sceneIds.has(s.id));
  const sites = store.sites();
  const site = sites.find((s) => s.id === scenes[0]?.siteId) ?? sites[0];
  if (!site) throw new QuaywatchError('not_found', 'This project has no site yet, so there is nothing to put in a package.');
  const vesselIds = new Set(sightings.map((s) => s.vesselId).filter((v): v is string => !!v));
  const trackIds = new Set(sightings.map((s) => s.trackId).filter((t): t is string => !!t));
  const reviewIds = new Set(reviews.map((r) => r.id));
  const history = historyOf(store)
    .auditOf(['sighting', 'review'])
    .filter((r) => (r.entity === 'sighting' ? included.has(r.entityId) : reviewIds.has(r.entityId)))
    .map((r) => ({ ...r, entity: r.entity as 'sighting' | 'review' }));
  return {
    site: { id: site.id, name: site.name, aoi: site.aoi },
    scenes: scenes.map((s) => ({ id: s.id, provider: s.provider, product: s.product, itemId: s.itemId, acquired: s.acquired, footprint: s.footprint })),
    zones: store.zones().filter((z) => z.siteId === site.id),
    vessels: store.vessels().filter((v) => vesselIds.has(v.id)),
    tracks: store.tracks().filter((t) => trackIds.has(t.id)),
    sightings,
    reviews,
    history,
  };
}

/** Writes the package to `file` through the output-path guard (never onto the project, never over a file unasked, no half package). */
export async function exportPackage(
  store: ProjectStore,
  file: string,
  opts: { authors?: readonly string[]; app?: string; overwrite?: boolean } = {},
): Promise<PackageExportResult> {
  checkOutputPath(store, file, { overwrite: opts.overwrite });
  const content = packageContent(store, opts.authors);
  const sha = contentSha256(content);
  const project = store.project();
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    contentSha256: sha,
    createdAt: new Date().toISOString(),
    exportedBy: store.author,
    project: { id: project.id, name: project.name },
    app: opts.app ?? 'Quaywatch',
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), MANIFEST_ENTRY, { mtime: ZIP_MTIME });
  zip.addBuffer(Buffer.from(canonicalJson(content), 'utf8'), CONTENT_ENTRY, { mtime: ZIP_MTIME });
  zip.end();
  const abs = await writeOutput(store, file, { overwrite: opts.overwrite }, (tmp) =>
    new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(tmp);
      out.on('error', reject);
      out.on('close', () => resolve());
      zip.outputStream.on('error', reject);
      zip.outputStream.pipe(out);
    }),
  );
  return {
    path: abs,
    contentSha256: sha,
    counts: {
      scenes: content.scenes.length,
      zones: content.zones.length,
      vessels: content.vessels.length,
      tracks: content.tracks.length,
      sightings: content.sightings.length,
      reviews: content.reviews.length,
      history: content.history.length,
    },
  };
}

// ---- reading ---------------------------------------------------------------------------------

const refuse = (file: string, why: string) => new QuaywatchError('invalid_request', `${path.basename(file)} was refused: ${why}. Nothing was imported.`);

/** Reads manifest.json and content.json, refusing unsafe or unexpected entries before reading any data. */
async function readEntries(file: string): Promise<Map<string, Buffer>> {
  if (!fs.existsSync(file)) throw new QuaywatchError('not_found', `There is no package at ${file}.`);
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, z) => (err || !z ? reject(err ?? new Error('cannot open')) : resolve(z))),
    );
  } catch (e) {
    throw refuse(file, `it is not a readable zip file (${(e as Error).message}); a sightings package is a .zip made by Quaywatch`);
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = (entry.fileName as unknown as Buffer).toString('utf8');
        const unsafe = unsafeEntryReason(name);
        if (unsafe) return reject(refuse(file, `entry "${name}" is unsafe: ${unsafe.replace('order folder', 'package')}`));
        if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) return reject(refuse(file, `entry "${name}" is a symbolic link`));
        if (name !== MANIFEST_ENTRY && name !== CONTENT_ENTRY) return reject(refuse(file, `it holds "${name}", which is not part of a sightings package`));
        if (entries.has(name)) return reject(refuse(file, `it holds "${name}" twice`));
        if (entry.uncompressedSize > MAX_CONTENT_BYTES) return reject(refuse(file, `"${name}" is larger than ${MAX_CONTENT_BYTES / 1024 / 1024} MB`));
        entries.set(name, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) => reject(refuse(file, `the zip is damaged (${e.message})`)));
      zip.readEntry();
    });
    const out = new Map<string, Buffer>();
    for (const [name, entry] of entries) {
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))));
      const chunks: Buffer[] = [];
      let n = 0;
      try {
        for await (const c of stream as AsyncIterable<Buffer>) {
          n += c.length;
          if (n > MAX_CONTENT_BYTES) throw new Error('more data than allowed');
          chunks.push(c);
        }
      } catch (e) {
        throw refuse(file, `"${name}" cannot be read (${(e as Error).message})`);
      }
      out.set(name, Buffer.concat(chunks));
    }
    return out;
  } finally {
    zip.close();
  }
}

export interface ReadPackage {
  manifest: PackageManifest;
  content: PackageContent;
}

/** Reads and checks a package: format and version, content hash, then every field's schema. */
export async function readPackage(file: string): Promise<ReadPackage> {
  const abs = path.resolve(file);
  const entries = await readEntries(abs);
  const rawManifest = entries.get(MANIFEST_ENTRY);
  const rawContent = entries.get(CONTENT_ENTRY);
  if (!rawManifest || !rawContent) throw refuse(abs, `it has no ${rawManifest ? CONTENT_ENTRY : MANIFEST_ENTRY}; it is not a Quaywatch sightings package`);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(rawManifest.toString('utf8'));
  } catch {
    throw refuse(abs, `its ${MANIFEST_ENTRY} is not valid JSON`);
  }
  const head = manifestSchema.safeParse(manifestJson);
  // Only a manifest that names another format (or none) is "not a package"; one that names ours with a
  // field gone wrong (a version of "1" or 1e308) is told apart by the field, as the API would name it.
  const namesOurFormat = !!manifestJson && typeof manifestJson === 'object' && (manifestJson as { format?: unknown }).format === PACKAGE_FORMAT;
  if (!namesOurFormat) throw refuse(abs, 'it is not a Quaywatch sightings package (its manifest names another format)');
  if (!head.success) throw refuse(abs, `its ${MANIFEST_ENTRY} is not valid (${describeIssue(head.error)})`);
  if (head.data.formatVersion > PACKAGE_FORMAT_VERSION) {
    throw refuse(
      abs,
      `it was made by a newer Quaywatch (package format version ${head.data.formatVersion}; this Quaywatch reads up to version ${PACKAGE_FORMAT_VERSION}). Update Quaywatch to import it`,
    );
  }
  // Every version up to ours is read (a version 1 package's vessels come in without call sign or beam).
  const version = head.data.formatVersion as PackageFormatVersion;
  const manifest = manifestSchemaOf(version).safeParse(manifestJson);
  if (!manifest.success) throw refuse(abs, `its ${MANIFEST_ENTRY} is incomplete or not valid (${describeIssue(manifest.error)})`);
  let contentJson: unknown;
  try {
    contentJson = JSON.parse(rawContent.toString('utf8'));
  } catch {
    throw refuse(abs, `its ${CONTENT_ENTRY} is not valid JSON (damaged or edited by hand)`);
  }
  let actual: string;
  try {
    actual = contentSha256(contentJson);
  } catch {
    throw refuse(abs, `its ${CONTENT_ENTRY} holds numbers JSON cannot carry`);
  }
  if (actual !== manifest.data.contentSha256) {
    throw refuse(abs, 'its content does not match its content hash: it was changed after it was exported (tampered or damaged). Ask for a fresh export');
  }
  const content = contentSchemaOf(version).safeParse(contentJson);
  if (!content.success) {
    throw refuse(abs, `its ${CONTENT_ENTRY} is not valid (${describeIssue(content.error)})`);
  }
  return { manifest: manifest.data, content: content.data };
}

// ---- import ----------------------------------------------------------------------------------

type SceneMatch = { scene: Scene; how: 'id' | 'itemId' | 'timeFootprint' };

const overlap = (a: PolygonGeometry | null, b: PolygonGeometry | null) => !!a && !!b && polygonRelation(a, b) !== 'disjoint';

/**
 * A package scene is this project's scene when it has the same id; else the same provider item id;
 * else acquisition times within ±1 s and overlapping footprints (local files carry no item id).
 */
export function matchScene(ref: SceneRef, scenes: readonly Scene[]): SceneMatch | null {
  const byId = scenes.find((s) => s.id === ref.id);
  if (byId) return { scene: byId, how: 'id' };
  if (ref.itemId) {
    const byItem = scenes.find((s) => s.itemId === ref.itemId);
    if (byItem) return { scene: byItem, how: 'itemId' };
  }
  const t = Date.parse(ref.acquired);
  const near = scenes
    .filter((s) => Math.abs(Date.parse(s.acquired) - t) <= SCENE_TIME_TOLERANCE_MS && overlap(s.footprint, ref.footprint))
    .sort((a, b) => Math.abs(Date.parse(a.acquired) - t) - Math.abs(Date.parse(b.acquired) - t));
  return near[0] ? { scene: near[0], how: 'timeFootprint' } : null;
}

/** The site of this project the package is for: same id, overlapping areas of interest, or a matched scene; null when none. */
export function matchSite(pkgSite: PackageContent['site'], sceneRefs: readonly SceneRef[], sites: readonly Site[], scenes: readonly Scene[]): Site | null {
  const same = sites.find((s) => s.id === pkgSite.id);
  if (same) return same;
  const byArea = sites.find((s) => overlap(s.aoi, pkgSite.aoi));
  if (byArea) return byArea;
  for (const ref of sceneRefs) {
    const m = matchScene(ref, scenes);
    if (m) return sites.find((s) => s.id === m.scene.siteId) ?? null;
  }
  return null;
}

const norm = (s: string) => s.trim().toLowerCase();

function matchVessel(v: Vessel, local: readonly Vessel[]): Vessel | null {
  return (
    local.find((l) => l.id === v.id) ??
    (v.imo ? local.find((l) => l.imo === v.imo) : undefined) ??
    (v.mmsi ? local.find((l) => l.mmsi === v.mmsi) : undefined) ??
    local.find((l) => l.kind === v.kind && norm(l.name) === norm(v.name)) ??
    null
  );
}

/**
 * Merges a package into the project in one transaction, recorded as one 'package' step (never on
 * the local undo stack). Entities keep their UUIDs; what is already here is matched, not duplicated;
 * a sighting already here is replaced only by a newer version (updatedAt) from the same author.
 */
export async function importPackage(store: ProjectStore, file: string): Promise<PackageImportReport> {
  const { manifest, content } = await readPackage(file);
  const scenes = store.scenes();
  const site = matchSite(content.site, content.scenes, store.sites(), scenes);
  if (!site) {
    const here = store.sites().map((s) => `“${s.name}”`).join(', ') || 'none';
    throw refuse(
      path.resolve(file),
      `it is for site “${content.site.name}”, and this project's site (${here}) neither overlaps its area nor shares any of its scenes. Open the project of that site to import it`,
    );
  }
  const siteScenes = scenes.filter((s) => s.siteId === site.id);

  /** Whose sightings came in (added or updated): the analysts, not whoever exported the package. */
  const cameIn = new Set<string>();
  const report: PackageImportReport = {
    author: manifest.exportedBy,
    analysts: [],
    formatVersion: manifest.formatVersion,
    contentSha256: manifest.contentSha256,
    scenes: { matchedById: 0, matchedByItemId: 0, matchedByTimeAndFootprint: 0, unmatched: [] },
    zones: { added: 0, matched: 0 },
    vessels: { added: 0, matched: 0 },
    tracks: { added: 0, matched: 0 },
    sightings: { added: 0, updated: 0, unchanged: 0, keptLocal: 0, onUnmatchedScenes: 0 },
    reviews: { added: 0, unchanged: 0, withoutSighting: 0 },
    historyAdded: 0,
    nothingChanged: true,
  };
  const sceneMap = new Map<string, string>();
  const unmatched = new Map<string, UnmatchedScene>();
  for (const ref of content.scenes) {
    const m = matchScene(ref, siteScenes);
    if (!m) {
      unmatched.set(ref.id, { id: ref.id, itemId: ref.itemId, acquired: ref.acquired, sightings: 0 });
      continue;
    }
    sceneMap.set(ref.id, m.scene.id);
    if (m.how === 'id') report.scenes.matchedById++;
    else if (m.how === 'itemId') report.scenes.matchedByItemId++;
    else report.scenes.matchedByTimeAndFootprint++;
  }

  let stepWritten = false;

  historyOf(store).run(
    `Import package from ${manifest.exportedBy}`,
    (tx) => {
      // Zones: same id, else same name at this site, else added with the package's UUID.
      const zoneMap = new Map<string, string>();
      const localZones = store.zones().filter((z) => z.siteId === site.id);
      for (const z of content.zones) {
        const local = localZones.find((l) => l.id === z.id) ?? localZones.find((l) => norm(l.name) === norm(z.name));
        if (local) {
          zoneMap.set(z.id, local.id);
          report.zones.matched++;
        } else if (tx.get('zone', z.id)) {
          // The id exists at another site of this project: never move someone's zone between sites.
          continue;
        } else {
          tx.put('zone', { ...z, siteId: site.id });
          zoneMap.set(z.id, z.id);
          report.zones.added++;
        }
      }
      const zonesNow = store.zones();

      const vesselMap = new Map<string, string>();
      const localVessels = store.vessels();
      for (const v of content.vessels) {
        const local = matchVessel(v, localVessels);
        if (local) {
          vesselMap.set(v.id, local.id);
          report.vessels.matched++;
        } else {
          tx.put('vessel', v);
          vesselMap.set(v.id, v.id);
          report.vessels.added++;
        }
      }
      for (const t of content.tracks) {
        if (tx.get('track', t.id)) report.tracks.matched++;
        else {
          tx.put('track', t);
          report.tracks.added++;
        }
      }

      // Oldest first, so that a package holding several versions ends on the newest.
      const incoming = [...content.sightings].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
      for (const s of incoming) {
        const sceneId = sceneMap.get(s.sceneId);
        if (!sceneId) {
          report.sightings.onUnmatchedScenes++;
          const u = unmatched.get(s.sceneId);
          if (u) u.sightings++;
          continue;
        }
        // A zone the colleague chose stays chosen when it maps onto one of ours; otherwise containment decides.
        const overriddenZone = s.zoneOverridden && s.zoneId ? zoneMap.get(s.zoneId) ?? null : null;
        const local = tx.get('sighting', s.id);
        const mapped: Sighting = {
          ...s,
          sceneId,
          ...placeInZone(s.geometry, overriddenZone, zonesNow),
          vesselId: s.vesselId ? vesselMap.get(s.vesselId) ?? null : null,
          trackId: s.trackId && (tx.get('track', s.trackId) ? s.trackId : null),
          // How it came into THIS project: a mark we already hold keeps its own story; a new one came in a package.
          origin: local ? local.origin : 'package',
          originDetail: local ? local.originDetail : manifest.exportedBy,
        };
        if (!local) {
          tx.put('sighting', mapped);
          report.sightings.added++;
          cameIn.add(s.author);
        } else if (canonicalJson(local) === canonicalJson(mapped)) {
          report.sightings.unchanged++;
        } else if (local.author === s.author && Date.parse(s.updatedAt) > Date.parse(local.updatedAt)) {
          tx.put('sighting', mapped);
          report.sightings.updated++;
          cameIn.add(s.author);
        } else {
          report.sightings.keptLocal++;
        }
      }

      for (const r of content.reviews as Review[]) {
        if (tx.get('review', r.id)) report.reviews.unchanged++;
        else if (tx.get('sighting', r.sightingId)) {
          tx.put('review', r);
          report.reviews.added++;
        } else report.reviews.withoutSighting++;
      }

      // The package's audit trail joins this one (who marked and changed what, when); rows already
      // here (e.g. our own edits coming back in a colleague's package) are not repeated.
      report.historyAdded += historyOf(store).addForeignAudit(content.history, 'package');
      stepWritten = tx.netChanges().length > 0;
    },
    { origin: 'package', author: manifest.exportedBy },
  );
  report.scenes.unmatched = [...unmatched.values()];
  report.nothingChanged = !stepWritten && report.historyAdded === 0;
  report.analysts = [...cameIn].sort((a, b) => a.localeCompare(b));
  return report;
}
