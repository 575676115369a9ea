// The project file: one SQLite database per investigation, opened safely, migrated, and edited
// with every change recorded in the edit history in the same transaction as the change itself.
//
// The file (`.quaywatch`): application_id 'QWAT', WAL + synchronous=FULL (an acknowledged edit survives
// kill -9: crashLoop.test.ts kills 200 runs), STRICT tables, UUID keys. It is inspected read-only before
// anything may write to it (projectInspect.ts): a corrupt or foreign file, or one from a newer Quaywatch
// (naming both versions), is refused unchanged; one this process cannot write opens read-only (every edit
// refused with one sentence, "Read-only" in the top bar). Migrations are numbered files (migrations/),
// each in one transaction with its user_version, after a VACUUM INTO backup. One writer: projectLock.ts.
// Scene imagery stays where it is (paths relative to the project file when beside it); offline tile
// copies live in the project file (sceneTiles.ts), an imagery cache outside the history.
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
  Scene,
  SceneSource,
  SceneZoneExamined,
  SceneZoneObservability,
  Sighting,
  SightingClass,
  SightingGeometry,
  Site,
  Track,
  Vessel,
  Zone,
  ZoneKind,
  SceneInput,
} from '../../../shared/domain';
import { classNoun, placeInZone } from '../../../shared/sightingRules';
import type { ProjectSummary } from '../../../shared/api';
import type { ChangeOrigin } from '../../../shared/calls/editing';
import { QuaywatchError } from '../errors';
import { writeOutputSync } from '../output/outputGuard';
import { TempJournal } from '../output/tempJournal';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { ProjectLock } from './projectLock';
import { APPLICATION_ID, checkAcceptable, openForReading, readOnlyReason } from './projectInspect';
import { historyOf } from './history';
import { EXAMINED, OBSERVABILITY, REVIEW, SCENE, SIGHTING, SITE, TRACK, VESSEL, ZONE, type ExaminedRow, type ObservabilityRow, type ReviewRow, type SceneRow, type SightingRow, type SiteRow, type TrackRow, type VesselRow, type ZoneRow } from './rows';

export { APPLICATION_ID };
const SQLITE_HEADER = 'SQLite format 3\0';

type Row = Record<string, unknown>;

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

/**
 * The project's SQLite connection, for the store's own modules (history, editing, scene files): code
 * outside electron/node/store/ never touches SQL (lint: eslint.config.mjs, "SQL lives in the store").
 */
export function databaseOf(store: ProjectStore): Database.Database {
  return store['db'];
}

export class ProjectStore {
  private readonly db: Database.Database;
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

  /** Runs reads in one read transaction, so an edit landing between them cannot tear what they see. */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  /** Writes the WAL back into the project file (before handing the file on, e.g. a freshly built demo). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
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
    return (this.db.prepare('SELECT * FROM site ORDER BY name').all() as SiteRow[]).map(SITE.toEntity);
  }

  zones(): Zone[] {
    return (this.db.prepare('SELECT * FROM zone ORDER BY name').all() as ZoneRow[]).map(ZONE.toEntity);
  }

  scenes(): Scene[] {
    return (this.db.prepare('SELECT * FROM scene ORDER BY acquired, id').all() as SceneRow[]).map(SCENE.toEntity);
  }

  scene(id: string): Scene | null {
    const r = this.db.prepare('SELECT * FROM scene WHERE id = ?').get(id) as SceneRow | undefined;
    return r ? SCENE.toEntity(r) : null;
  }

  observability(): SceneZoneObservability[] {
    return (this.db.prepare('SELECT * FROM observability').all() as ObservabilityRow[]).map(OBSERVABILITY.toEntity);
  }

  /** The analyst's record of effort: scene × zone pairs examined (shared/examination.ts). */
  examined(): SceneZoneExamined[] {
    return (this.db.prepare('SELECT * FROM examined').all() as ExaminedRow[]).map(EXAMINED.toEntity);
  }

  vessels(): Vessel[] {
    return (this.db.prepare('SELECT * FROM vessel ORDER BY name').all() as VesselRow[]).map(VESSEL.toEntity);
  }

  sightings(sceneId?: string): Sighting[] {
    const rows = sceneId
      // Marking order: created_at ties (two marks in one millisecond) fall back to insertion order.
      ? this.db.prepare('SELECT * FROM sighting WHERE scene_id = ? ORDER BY created_at, rowid').all(sceneId)
      : this.db.prepare('SELECT * FROM sighting ORDER BY created_at, rowid').all();
    return (rows as SightingRow[]).map(SIGHTING.toEntity);
  }

  sighting(id: string): Sighting | null {
    const r = this.db.prepare('SELECT * FROM sighting WHERE id = ?').get(id) as SightingRow | undefined;
    return r ? SIGHTING.toEntity(r) : null;
  }

  /** Whether a vessel or track is already marked on a scene (each is marked once per scene). */
  subjectMarkedOnScene(sceneId: string, subject: 'vessel' | 'track', id: string): boolean {
    const sql = subject === 'vessel' ? 'SELECT 1 FROM sighting WHERE scene_id = ? AND vessel_id = ?' : 'SELECT 1 FROM sighting WHERE scene_id = ? AND track_id = ?';
    return this.db.prepare(sql).get(sceneId, id) !== undefined;
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

  // ---- changes made outside the analyst's undoable edits (editing.ts holds those) ------------
  // Each goes through history.run with its origin: recorded as a step of that origin, never undone
  // from here; inside another change (an import's transaction) it joins that change's step.

  createSite(input: { name: string; aoi?: PolygonGeometry | null }, origin: ChangeOrigin = 'import'): Site {
    return historyOf(this).run('Add site', (tx) => tx.put('site', { id: randomUUID(), name: input.name, aoi: input.aoi ?? null }), { origin });
  }

  createZone(input: { siteId: string; name: string; kind: ZoneKind; geometry: PolygonGeometry }, origin: ChangeOrigin = 'import'): Zone {
    return historyOf(this).run('Add zone', (tx) => tx.put('zone', { id: randomUUID(), ...input }), { origin });
  }

  createScene(input: SceneInput, origin: ChangeOrigin = 'import'): Scene {
    // As the domain sees it (history keeps unmapped columns under `columns`; a new scene has none yet).
    return historyOf(this).run('Add scene', (tx) => SCENE.toEntity(SCENE.toRow(tx.put('scene', { id: randomUUID(), sensor: 'optical', acquisition: {}, ...input }))), { origin });
  }

  /** A zone examined on a scene by an import of finished work (the demo, `sightings import --examined`). */
  markExamined(input: { sceneId: string; zoneId: string }, origin: ChangeOrigin = 'import'): void {
    historyOf(this).run('Mark examined', (tx) => void tx.put('examined', { ...input, by: this.author, at: new Date().toISOString() }), { origin });
  }

  /** Observability read from a scene's masks (or set by an importer): 'derived' unless said otherwise. */
  setObservability(input: { sceneId: string; zoneId: string; value: Observability; overridden: boolean }, origin: ChangeOrigin = 'derived'): void {
    historyOf(this).run('Set observability', (tx) => void tx.put('observability', { ...input }), { origin });
  }

  createVessel(input: Omit<Vessel, 'id'>, origin: ChangeOrigin = 'import'): Vessel {
    return historyOf(this).run('Add vessel', (tx) => tx.put('vessel', { id: randomUUID(), ...input }), { origin });
  }

  createSighting(
    input: {
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
    },
    origin: ChangeOrigin = 'import',
  ): Sighting {
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
      origin: 'marked',
      originDetail: '',
      verified: true,
    };
    return historyOf(this).run(input.label ?? `Mark ${classNoun(s.class)}`, (tx) => tx.put('sighting', s), { origin });
  }

  // ---- used by importers (zones/sightings files), each call inside the importer's transaction ----

  tracks(): Track[] {
    return (this.db.prepare('SELECT * FROM track ORDER BY label, id').all() as TrackRow[]).map(TRACK.toEntity);
  }

  createTrack(input: Omit<Track, 'id'>, origin: ChangeOrigin = 'import'): Track {
    return historyOf(this).run('Add track', (tx) => tx.put('track', { id: randomUUID(), ...input }), { origin });
  }

  reviews(): Review[] {
    return (this.db.prepare('SELECT * FROM review ORDER BY at, id').all() as ReviewRow[]).map(REVIEW.toEntity);
  }

  /** Resolves a scene source path (stored relative to the project file) to an absolute path. */
  resolveSourcePath(source: SceneSource): string | null {
    if (source.kind === 'xyz') return null;
    return path.resolve(path.dirname(this.file), source.path);
  }
}
