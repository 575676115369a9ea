// The project file: one SQLite database per investigation, opened safely, migrated, and edited
// with every change recorded in the edit history in the same transaction as the change itself.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type {
  Confidence,
  EditRecord,
  Observability,
  PolygonGeometry,
  Project,
  Review,
  ReviewVerdict,
  Scene,
  SceneSource,
  SceneZoneObservability,
  Sighting,
  SightingClass,
  SightingGeometry,
  Site,
  Track,
  Vessel,
  Zone,
  ZoneKind,
} from '../../../shared/domain';
import { classNoun, placeInZone } from '../../../shared/sightingRules';
import type { ProjectSummary } from '../../../shared/api';
import { QuaywatchError } from '../errors';
import { writeOutputSync } from '../output/outputGuard';
import { TempJournal } from '../output/tempJournal';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { ProjectLock } from './projectLock';
import { APPLICATION_ID, checkAcceptable, openForReading, readOnlyReason } from './projectInspect';

export { APPLICATION_ID };
const SQLITE_HEADER = 'SQLite format 3\0';

type Row = Record<string, unknown>;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;
const now = () => new Date().toISOString();

/** Reads the first bytes without opening the file as a database, so a corrupt file is never written. */
function checkHeader(file: string): void {
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new QuaywatchError('project_unreadable', `${file} is a folder; choose a .quaywatch file.`);
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QuaywatchError('project_unreadable', `No project at ${file}: the file does not exist.`);
    if (code === 'EACCES' || code === 'EPERM') throw new QuaywatchError('project_unreadable', `Cannot read ${file}: permission denied.`);
    if (code === 'EISDIR') throw new QuaywatchError('project_unreadable', `${file} is a folder; choose a .quaywatch file.`);
    throw new QuaywatchError('io_error', `Cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new QuaywatchError(
        'project_unreadable',
        `${path.basename(file)} is not a Quaywatch project (not a SQLite database, or damaged). The file was not changed.`,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface OpenOptions {
  /** Written into the edit history as the author of every edit. */
  author: string;
  /** Where temporaries made for this project (outputs, unpacked zips, backups) are noted; the session's journal. */
  temporaries?: TempJournal;
}

export class ProjectStore {
  readonly db: Database.Database;
  readonly file: string;
  private authorName: string;
  readonly temporaries: TempJournal;
  /** Held while open: one writer per project file, across processes. */
  private readonly lock: ProjectLock;
  /** Why this project is open read-only ("the folder is read-only"), or null when it can be edited. */
  readonly readOnly: string | null;

  /** Written into the edit history as the author of every edit from now on. */
  get author(): string {
    return this.authorName;
  }

  /** The analyst gave (or changed) their name: later edits carry it; earlier ones keep what they said. */
  setAuthor(name: string) {
    this.authorName = name;
  }

  private constructor(db: Database.Database, file: string, opts: OpenOptions, lock: ProjectLock, readOnly: string | null = null) {
    this.readOnly = readOnly;
    this.db = db;
    this.file = file;
    this.authorName = opts.author;
    this.temporaries = opts.temporaries ?? TempJournal.none;
    this.lock = lock;
  }

  /** Creates a new, empty project file; refuses to overwrite anything. */
  static create(file: string, name: string, opts: OpenOptions): ProjectStore {
    const abs = path.resolve(file);
    if (fs.existsSync(abs)) {
      throw new QuaywatchError('io_error', `A file already exists at ${abs}; choose another name or open it instead.`);
    }
    if (!fs.existsSync(path.dirname(abs))) {
      throw new QuaywatchError('io_error', `The folder ${path.dirname(abs)} does not exist.`);
    }
    const lock = ProjectLock.acquire(abs);
    let db: Database.Database;
    try {
      db = new Database(abs);
    } catch (e) {
      lock.release();
      throw new QuaywatchError('io_error', `Cannot create ${abs}: ${(e as Error).message}`);
    }
    try {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      ProjectStore.configure(db);
      ProjectStore.migrate(db, 0);
      db.prepare('INSERT INTO project (id, name, created_at) VALUES (?, ?, ?)').run(randomUUID(), name, now());
    } catch (e) {
      db.close();
      fs.rmSync(abs, { force: true });
      lock.release();
      throw e;
    }
    return new ProjectStore(db, abs, opts, lock);
  }

  /** Opens an existing project: checks it is ours and not from the future, backs it up, migrates. */
  static open(file: string, opts: OpenOptions): ProjectStore {
    const abs = path.resolve(file);
    checkHeader(abs);
    // Accepted before anything may write: read through a connection that cannot change the file, its
    // -wal or its -journal, and take no lock, so a refused file is left exactly as it was.
    const readOnly = readOnlyReason(abs);
    const reader = openForReading(abs);
    let version: number;
    try {
      version = checkAcceptable(reader, abs, SCHEMA_VERSION);
      if (readOnly && version < SCHEMA_VERSION) {
        throw new QuaywatchError(
          'project_unreadable',
          `${path.basename(abs)} was written by an older Quaywatch (project schema version ${version}) and cannot be upgraded where it is (${readOnly}). Copy it to a folder you can write to and open the copy. The file was not changed.`,
        );
      }
    } catch (e) {
      reader.close();
      throw e;
    }
    if (readOnly) {
      // Nobody can edit it from here, so no lock; SQLite refuses every write on this connection.
      reader.pragma('foreign_keys = ON');
      return new ProjectStore(reader, abs, opts, ProjectLock.notNeeded(abs), readOnly);
    }
    reader.close();
    // Before the database is written: a second writer must not even run migrations.
    const lock = ProjectLock.acquire(abs);
    let db: Database.Database;
    try {
      db = new Database(abs, { fileMustExist: true });
    } catch (e) {
      lock.release();
      throw new QuaywatchError('project_unreadable', `Cannot open ${abs}: ${(e as Error).message}`);
    }
    try {
      // Again under the lock: another process may have changed the file since it was inspected.
      version = checkAcceptable(db, abs, SCHEMA_VERSION);
      ProjectStore.configure(db);
      if (version < SCHEMA_VERSION) {
        // A copy made by SQLite itself (consistent even with a WAL), kept beside the project; written under a
        // noted temporary name and renamed once whole, so a crash leaves no half backup (the next start removes it).
        writeOutputSync({ file: abs, temporaries: opts.temporaries }, `${abs}.v${version}.bak`, { overwrite: true }, (tmp) => db.prepare('VACUUM INTO ?').run(tmp));
        ProjectStore.migrate(db, version);
      }
      return new ProjectStore(db, abs, opts, lock);
    } catch (e) {
      db.close();
      lock.release();
      throw e;
    }
  }

  private static configure(db: Database.Database) {
    // WAL with synchronous=FULL: a commit that returned is on disk, so an acknowledged edit survives kill -9.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  }

  /** Runs every migration above `from`, each in its own transaction together with its user_version. */
  static migrate(db: Database.Database, from: number) {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  close() {
    if (this.db.open) this.db.close();
    this.lock.release();
  }

  // ---- reads -------------------------------------------------------------------------------

  project(): Project {
    const r = this.db.prepare('SELECT id, name, created_at FROM project LIMIT 1').get() as Row;
    return {
      id: String(r.id),
      name: String(r.name),
      path: this.file,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      createdAt: String(r.created_at),
    };
  }

  summary(): ProjectSummary {
    const count = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      project: this.project(),
      counts: {
        sites: count('site'),
        zones: count('zone'),
        scenes: count('scene'),
        sightings: count('sighting'),
        vessels: count('vessel'),
        tracks: count('track'),
      },
      ...(this.readOnly ? { readOnly: this.readOnly } : {}),
    };
  }

  sites(): Site[] {
    return (this.db.prepare('SELECT * FROM site ORDER BY name').all() as Row[]).map((r) => ({
      id: String(r.id),
      name: String(r.name),
      aoi: r.aoi == null ? null : parse<PolygonGeometry>(r.aoi),
    }));
  }

  zones(): Zone[] {
    return (this.db.prepare('SELECT * FROM zone ORDER BY name').all() as Row[]).map(rowToZone);
  }

  scenes(): Scene[] {
    return (this.db.prepare('SELECT * FROM scene ORDER BY acquired, id').all() as Row[]).map(rowToScene);
  }

  scene(id: string): Scene | null {
    const r = this.db.prepare('SELECT * FROM scene WHERE id = ?').get(id) as Row | undefined;
    return r ? rowToScene(r) : null;
  }

  observability(): SceneZoneObservability[] {
    return (this.db.prepare('SELECT * FROM observability').all() as Row[]).map((r) => ({
      sceneId: String(r.scene_id),
      zoneId: String(r.zone_id),
      value: r.value as Observability,
      overridden: r.overridden === 1,
    }));
  }

  vessels(): Vessel[] {
    return (this.db.prepare('SELECT * FROM vessel ORDER BY name').all() as Row[]).map((r) => ({
      id: String(r.id),
      kind: r.kind as Vessel['kind'],
      name: String(r.name),
      aliases: parse<string[]>(r.aliases),
      imo: (r.imo as string | null) ?? null,
      mmsi: (r.mmsi as string | null) ?? null,
      flag: (r.flag as string | null) ?? null,
      lengthM: (r.length_m as number | null) ?? null,
    }));
  }

  sightings(sceneId?: string): Sighting[] {
    const rows = sceneId
      // Marking order: created_at ties (two marks in one millisecond) fall back to insertion order.
      ? this.db.prepare('SELECT * FROM sighting WHERE scene_id = ? ORDER BY created_at, rowid').all(sceneId)
      : this.db.prepare('SELECT * FROM sighting ORDER BY created_at, rowid').all();
    return (rows as Row[]).map(rowToSighting);
  }

  sighting(id: string): Sighting | null {
    const r = this.db.prepare('SELECT * FROM sighting WHERE id = ?').get(id) as Row | undefined;
    return r ? rowToSighting(r) : null;
  }

  edits(): EditRecord[] {
    return (this.db.prepare('SELECT * FROM edit ORDER BY seq').all() as Row[]).map((r) => ({
      seq: Number(r.seq),
      at: String(r.at),
      author: String(r.author),
      label: String(r.label),
      entity: r.entity as EditRecord['entity'],
      entityId: String(r.entity_id),
      before: r.before == null ? null : JSON.parse(String(r.before)),
      after: r.after == null ? null : JSON.parse(String(r.after)),
    }));
  }

  // ---- edits: each one transaction, each recorded in the edit history -----------------------

  private record(label: string, entity: EditRecord['entity'], entityId: string, before: unknown, after: unknown) {
    this.db
      .prepare('INSERT INTO edit (at, author, label, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now(), this.author, label, entity, entityId, json(before), json(after));
  }

  createSite(input: { name: string; aoi?: PolygonGeometry | null }): Site {
    const site: Site = { id: randomUUID(), name: input.name, aoi: input.aoi ?? null };
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO site (id, name, aoi) VALUES (?, ?, ?)').run(site.id, site.name, json(site.aoi));
      this.record('Add site', 'site', site.id, null, site);
    })();
    return site;
  }

  createZone(input: { siteId: string; name: string; kind: ZoneKind; geometry: PolygonGeometry }): Zone {
    const zone: Zone = { id: randomUUID(), ...input };
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO zone (id, site_id, name, kind, geometry) VALUES (?, ?, ?, ?, ?)')
        .run(zone.id, zone.siteId, zone.name, zone.kind, json(zone.geometry));
      this.record('Add zone', 'zone', zone.id, null, zone);
    })();
    return zone;
  }

  createScene(input: Omit<Scene, 'id'>): Scene {
    const scene: Scene = { id: randomUUID(), ...input };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO scene (id, site_id, acquired, provider, product, item_id, footprint, cloud_cover, gsd, credit, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          scene.id, scene.siteId, scene.acquired, scene.provider, scene.product, scene.itemId,
          json(scene.footprint), scene.cloudCover, scene.gsd, scene.credit, JSON.stringify(scene.source),
        );
      this.record('Add scene', 'scene', scene.id, null, scene);
    })();
    return scene;
  }

  setObservability(input: { sceneId: string; zoneId: string; value: Observability; overridden: boolean }) {
    this.db.transaction(() => {
      const before = this.db.prepare('SELECT value, overridden FROM observability WHERE scene_id = ? AND zone_id = ?').get(input.sceneId, input.zoneId);
      this.db
        .prepare(
          `INSERT INTO observability (scene_id, zone_id, value, overridden) VALUES (?, ?, ?, ?)
           ON CONFLICT (scene_id, zone_id) DO UPDATE SET value = excluded.value, overridden = excluded.overridden`,
        )
        .run(input.sceneId, input.zoneId, input.value, input.overridden ? 1 : 0);
      this.record('Set observability', 'observability', `${input.sceneId}/${input.zoneId}`, before ?? null, input);
    })();
  }

  createVessel(input: Omit<Vessel, 'id'>): Vessel {
    const vessel: Vessel = { id: randomUUID(), ...input };
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO vessel (id, kind, name, aliases, imo, mmsi, flag, length_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(vessel.id, vessel.kind, vessel.name, JSON.stringify(vessel.aliases), vessel.imo, vessel.mmsi, vessel.flag, vessel.lengthM);
      this.record('Add vessel', 'vessel', vessel.id, null, vessel);
    })();
    return vessel;
  }

  createSighting(input: {
    sceneId: string;
    class: SightingClass;
    geometry: SightingGeometry;
    confidence?: Confidence;
    notes?: string;
    count?: number | null;
    vesselId?: string | null;
    trackId?: string | null;
    label?: string;
    /** Importers give a deterministic id so that importing the same file twice adds nothing. */
    id?: string;
    /** The analyst who marked it, when imported from someone else's file; default: this store's author. */
    author?: string;
    /** A zone chosen instead of containment (recorded as an override). */
    zoneId?: string;
  }): Sighting {
    if (!this.scene(input.sceneId)) throw new QuaywatchError('not_found', 'That scene is not in this project (it may have been removed).');
    const at = now();
    const s: Sighting = {
      id: input.id ?? randomUUID(),
      sceneId: input.sceneId,
      class: input.class,
      geometry: input.geometry,
      ...placeInZone(input.geometry, input.zoneId ?? null, this.zones()),
      confidence: input.confidence ?? 'confirmed',
      count: input.count ?? null,
      vesselId: input.vesselId ?? null,
      trackId: input.trackId ?? null,
      notes: input.notes ?? '',
      author: input.author ?? this.author,
      createdAt: at,
      updatedAt: at,
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sighting (id, scene_id, class, geometry, zone_id, zone_overridden, confidence, count, vessel_id, track_id, notes, author, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.id, s.sceneId, s.class, JSON.stringify(s.geometry), s.zoneId, s.zoneOverridden ? 1 : 0, s.confidence, s.count,
          s.vesselId, s.trackId, s.notes, s.author, s.createdAt, s.updatedAt,
        );
      this.record(input.label ?? `Mark ${classNoun(s.class)}`, 'sighting', s.id, null, s);
    })();
    return s;
  }

  deleteSighting(id: string): void {
    this.db.transaction(() => {
      const before = this.sighting(id);
      if (!before) throw new QuaywatchError('not_found', 'That sighting no longer exists.');
      this.db.prepare('DELETE FROM review WHERE sighting_id = ?').run(id);
      this.db.prepare('DELETE FROM sighting WHERE id = ?').run(id);
      this.record('Delete sighting', 'sighting', id, before, null);
    })();
  }

  // ---- used by importers (zones/sightings files), each call inside the importer's transaction ----

  tracks(): Track[] {
    return (this.db.prepare('SELECT * FROM track ORDER BY label, id').all() as Row[]).map((r) => ({
      id: String(r.id),
      class: r.class as SightingClass,
      label: String(r.label),
    }));
  }

  createTrack(input: Omit<Track, 'id'>): Track {
    const track: Track = { id: randomUUID(), ...input };
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO track (id, class, label) VALUES (?, ?, ?)').run(track.id, track.class, track.label);
      this.record('Add track', 'track', track.id, null, track);
    })();
    return track;
  }

  reviews(): Review[] {
    return (this.db.prepare('SELECT * FROM review ORDER BY at, id').all() as Row[]).map((r) => ({
      id: String(r.id),
      sightingId: String(r.sighting_id),
      reviewer: String(r.reviewer),
      verdict: r.verdict as ReviewVerdict,
      comment: String(r.comment),
      at: String(r.at),
    }));
  }

  /** Resolves a scene source path (stored relative to the project file) to an absolute path. */
  resolveSourcePath(source: SceneSource): string | null {
    if (source.kind === 'xyz') return null;
    return path.resolve(path.dirname(this.file), source.path);
  }
}

function rowToZone(r: Row): Zone {
  return {
    id: String(r.id),
    siteId: String(r.site_id),
    name: String(r.name),
    kind: r.kind as ZoneKind,
    geometry: parse<PolygonGeometry>(r.geometry),
  };
}

/** A scene row as the domain's Scene (history reads scenes the same way, for undoing a deletion). */
export function rowToScene(r: Row): Scene {
  return {
    id: String(r.id),
    siteId: String(r.site_id),
    acquired: String(r.acquired),
    provider: String(r.provider),
    product: String(r.product),
    itemId: (r.item_id as string | null) ?? null,
    footprint: r.footprint == null ? null : parse<PolygonGeometry>(r.footprint),
    cloudCover: (r.cloud_cover as number | null) ?? null,
    gsd: (r.gsd as number | null) ?? null,
    credit: String(r.credit),
    source: parse<SceneSource>(r.source),
  };
}

function rowToSighting(r: Row): Sighting {
  return {
    id: String(r.id),
    sceneId: String(r.scene_id),
    class: r.class as SightingClass,
    geometry: parse<SightingGeometry>(r.geometry),
    zoneId: (r.zone_id as string | null) ?? null,
    zoneOverridden: r.zone_overridden === 1,
    confidence: r.confidence as Confidence,
    count: (r.count as number | null) ?? null,
    vesselId: (r.vessel_id as string | null) ?? null,
    trackId: (r.track_id as string | null) ?? null,
    notes: String(r.notes),
    author: String(r.author),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}
