// AIS rows in the project file (migrations 0008, 0015): the import's writer (one transaction held open across
// the whole read, so a cancelled or failed import writes nothing) and the reads the rules, the map
// layer and the CLI ask of them. MMSIs are integers in the file and nine-digit text outside it.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AisPosition, AisStatic } from '../../../shared/ais/types';
import type { AisHoldings, AisImportSummary, AisVesselSummary } from '../../../shared/calls/ais';
import type { DecodedPosition, DecodedStatic } from '../ais/decoder';
import { QuaywatchError } from '../errors';
import { beginAisImportLock, endAisImportLock } from './aisImportLock';
import { historyOf } from './history';
import { databaseOf, type ProjectStore } from './projectStore';
import { DEFAULT_AIS_SETTINGS, type AisSettings } from '../../../shared/ais/types';
import { aisSettingsSchema } from '../../../shared/calls/aisView';
import { describeIssue } from '../../../shared/calls/define';

const mmsiText = (m: number): string => String(m).padStart(9, '0');
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** Rows per INSERT statement: one statement for many rows costs far less than a call per row. */
const ROWS_PER_INSERT = 64;
/** The page cache while an import writes (KiB). */
const IMPORT_CACHE_KIB = 64 * 1024;

const POSITION_COLUMNS = '(mmsi, t, lon, lat, sog, cog, heading, nav_status, import_seq)';
const STATIC_COLUMNS = '(mmsi, t, name, imo, call_sign, ship_type, length_m, width_m, draught_m, destination, import_seq)';

/**
 * OR FAIL, not the default ABORT: an ABORT statement that writes many rows keeps a statement journal
 * (the page before the change, for each page it touches) to take back its own rows should one fail; a
 * 64-row insert touches a leaf of the (mmsi, t) index per row, so that was a 4 KiB copy per row, spilled
 * to a temporary file: 45% of the insert's time. An import never needs a statement taken back alone:
 * any failure rolls the whole import back (AisImportWriter.rollback).
 */
function insertOf(db: Database.Database, table: string, columns: string, width: number, rows: number): Database.Statement {
  const one = `(${new Array<string>(width).fill('?').join(',')})`;
  return db.prepare(`INSERT OR FAIL INTO ${table} ${columns} VALUES ${new Array<string>(rows).fill(one).join(',')}`);
}

/**
 * Writes one AIS import. `begin` opens the transaction (other changes to the project are refused until
 * it ends); `commit` records the import and its history step; `rollback` leaves the file as it was.
 */
export class AisImportWriter {
  readonly importId = randomUUID();
  private readonly db: Database.Database;
  private readonly insertPositions: Database.Statement;
  private readonly insertPosition: Database.Statement;
  private readonly insertStatic: Database.Statement;
  /**
   * Position rows waiting for the next INSERT, as numbers only (NaN for a null: SQLite stores a NaN bound
   * as NULL), so the array holds unboxed doubles instead of an object per number.
   */
  private readonly buffer: number[] = [];
  /** The import's `seq` (migration 0015), written on every row: the next after the imports already here. */
  private seq = 0;
  private open = true;
  /** The connection's page cache before the import (restored when it ends). */
  private readonly cacheSize: number;
  /** The position indexes' own SQL, when dropped for the import (rebuilt before it commits). */
  private deferredIndexes: string[] = [];

  private constructor(private readonly store: ProjectStore) {
    this.db = databaseOf(store);
    this.cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.insertPositions = insertOf(this.db, 'ais_position', POSITION_COLUMNS, 9, ROWS_PER_INSERT);
    this.insertPosition = insertOf(this.db, 'ais_position', POSITION_COLUMNS, 9, 1);
    this.insertStatic = insertOf(this.db, 'ais_static', STATIC_COLUMNS, 11, 1);
  }

  static begin(store: ProjectStore): AisImportWriter {
    if (store.readOnly) throw new QuaywatchError('io_error', `This project is open read-only (${store.readOnly}): Save a copy… to import AIS into it.`);
    beginAisImportLock(store);
    let w: AisImportWriter | null = null;
    try {
      w = new AisImportWriter(store);
      w.db.exec('BEGIN IMMEDIATE');
      w.seq = (w.db.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM ais_import').get() as { seq: number }).seq;
      w.prepareForBulk();
      return w;
    } catch (e) {
      if (w) w.rollback();
      else endAisImportLock(store);
      throw e;
    }
  }

  /**
   * A page cache large enough for the pages an import keeps touching (the last leaf of the table and of
   * the time index, a leaf of the (mmsi, t) index per vessel heard): at SQLite's default 2 MiB they were
   * written out to the WAL and read back again and again. Bounded, so memory stays flat.
   * Into a project without positions yet (a first import, the large one), the position indexes are
   * dropped and built again from their own SQL before the commit, inside the same transaction: a sort
   * once costs far less than a random insert into the (mmsi, t) index per row, the indexes are the
   * same, and a cancelled or failed import rolls the drop back with the rows.
   */
  private prepareForBulk() {
    this.db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
    if (this.db.prepare('SELECT 1 FROM ais_position LIMIT 1').get() !== undefined) return;
    const indexes = this.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ais_position' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[];
    for (const i of indexes) this.db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    this.deferredIndexes = indexes.map((i) => i.sql);
  }

  position(t: number, p: DecodedPosition): void {
    this.positionRow(t, p.mmsi, p.lon, p.lat, p.sog ?? NaN, p.cog ?? NaN, p.heading ?? NaN, p.navStatus ?? NaN);
  }

  /** A position as its numbers, NaN for null (what a decoding thread hands over, with no object per message). */
  positionRow(t: number, mmsi: number, lon: number, lat: number, sog: number, cog: number, heading: number, navStatus: number): void {
    this.buffer.push(mmsi, t, lon, lat, sog, cog, heading, navStatus, this.seq);
    if (this.buffer.length === ROWS_PER_INSERT * 9) {
      this.insertPositions.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  static(t: number, s: DecodedStatic): void {
    this.insertStatic.run(s.mmsi, t, s.name, s.imo, s.callSign, s.shipType, s.lengthM, s.widthM, s.draughtM, s.destination, this.seq);
  }

  private flush() {
    for (let i = 0; i < this.buffer.length; i += 9) this.insertPosition.run(this.buffer.slice(i, i + 9));
    this.buffer.length = 0;
  }

  /**
   * The rows' last steps before the commit, each run alone so that a cancel between them is heard:
   * the rows still buffered, then each index dropped for the import built again.
   */
  finishingSteps(): (() => void)[] {
    return [() => this.flush(), ...this.deferredIndexes.splice(0).map((sql) => () => this.db.exec(sql))];
  }

  /** Records the import (its row, a history step of origin 'import' with one audit row) and commits. */
  commit(summary: AisImportSummary, label: string): void {
    try {
      for (const step of this.finishingSteps()) step();
      const at = new Date().toISOString();
      const recorded = { ...summary, importId: this.importId };
      this.db
        .prepare('INSERT INTO ais_import (seq, id, at, author, files, buffer_km, summary) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(this.seq, this.importId, at, this.store.author, JSON.stringify(summary.files.map((f) => f.path)), summary.bufferKm, JSON.stringify(recorded));
      historyOf(this.store).recordStep(label, 'import', { entity: 'ais_import', id: this.importId, after: recorded });
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollback();
      throw e;
    } finally {
      this.close();
    }
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.close();
  }

  private close() {
    if (!this.open) return;
    this.open = false;
    this.db.pragma(`cache_size = ${this.cacheSize}`);
    endAisImportLock(this.store);
  }
}

interface PositionRow {
  mmsi: number;
  t: number;
  lon: number;
  lat: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  nav_status: number | null;
}

const positionOf = (r: PositionRow): AisPosition => ({ mmsi: mmsiText(r.mmsi), t: r.t, lon: r.lon, lat: r.lat, sog: r.sog, cog: r.cog, heading: r.heading, navStatus: r.nav_status });

interface StaticRow {
  mmsi: number;
  t: number;
  name: string | null;
  imo: string | null;
  call_sign: string | null;
  ship_type: number | null;
  length_m: number | null;
  width_m: number | null;
  draught_m: number | null;
  destination: string | null;
}

const staticOf = (r: StaticRow): AisStatic => ({
  mmsi: mmsiText(r.mmsi),
  t: r.t,
  name: r.name,
  imo: r.imo,
  callSign: r.call_sign,
  shipType: r.ship_type,
  lengthM: r.length_m,
  widthM: r.width_m,
  draughtM: r.draught_m,
  destination: r.destination,
});

const POSITION_SELECT = 'SELECT mmsi, t, lon, lat, sog, cog, heading, nav_status FROM ais_position';

function mmsiNumber(mmsi: string): number {
  if (!/^\d{1,9}$/.test(mmsi)) throw new Error(`“${mmsi}” is not an MMSI (nine digits)`);
  return Number(mmsi);
}

/** Positions of one vessel with from ≤ t ≤ to (ms, UTC), oldest first. */
export function aisPositionsOf(store: ProjectStore, mmsi: string, from: number, to: number): AisPosition[] {
  return (databaseOf(store).prepare(`${POSITION_SELECT} WHERE mmsi = ? AND t BETWEEN ? AND ? ORDER BY t`).all(mmsiNumber(mmsi), from, to) as PositionRow[]).map(positionOf);
}

/** Positions of every vessel within [t − windowMs, t + windowMs] inside bbox [west, south, east, north], by MMSI then time. */
export function aisPositionsNear(store: ProjectStore, t: number, windowMs: number, bbox: readonly [number, number, number, number]): AisPosition[] {
  const [w, s, e, n] = bbox;
  return (
    databaseOf(store)
      .prepare(`${POSITION_SELECT} WHERE t BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? ORDER BY mmsi, t`)
      .all(t - windowMs, t + windowMs, w, e, s, n) as PositionRow[]
  ).map(positionOf);
}

/** Every static record, by MMSI then time. */
export function aisStatics(store: ProjectStore): AisStatic[] {
  return (
    databaseOf(store)
      .prepare('SELECT mmsi, t, name, imo, call_sign, ship_type, length_m, width_m, draught_m, destination FROM ais_static ORDER BY mmsi, t')
      .all() as StaticRow[]
  ).map(staticOf);
}

/** Each MMSI the project has AIS of: counts, time range and its latest name. */
export function aisVessels(store: ProjectStore): AisVesselSummary[] {
  const rows = databaseOf(store)
    .prepare(
      `WITH p AS (SELECT mmsi, count(*) AS n, min(t) AS t0, max(t) AS t1 FROM ais_position GROUP BY mmsi),
            s AS (SELECT mmsi, count(*) AS n, min(t) AS t0, max(t) AS t1 FROM ais_static GROUP BY mmsi),
            m AS (SELECT mmsi FROM p UNION SELECT mmsi FROM s)
       SELECT m.mmsi AS mmsi, coalesce(p.n, 0) AS positions, coalesce(s.n, 0) AS statics,
              min(coalesce(p.t0, s.t0), coalesce(s.t0, p.t0)) AS t0, max(coalesce(p.t1, s.t1), coalesce(s.t1, p.t1)) AS t1,
              (SELECT name FROM ais_static x WHERE x.mmsi = m.mmsi AND name IS NOT NULL ORDER BY t DESC LIMIT 1) AS name
       FROM m LEFT JOIN p ON p.mmsi = m.mmsi LEFT JOIN s ON s.mmsi = m.mmsi ORDER BY m.mmsi`,
    )
    .all() as { mmsi: number; positions: number; statics: number; t0: number; t1: number; name: string | null }[];
  return rows.map((r) => ({ mmsi: mmsiText(r.mmsi), positions: r.positions, statics: r.statics, from: iso(r.t0)!, to: iso(r.t1)!, name: r.name }));
}

/** What AIS the project holds, and the imports that brought it. */
export function aisHoldings(store: ProjectStore): AisHoldings {
  const db = databaseOf(store);
  const p = db.prepare('SELECT count(*) AS n, min(t) AS t0, max(t) AS t1 FROM ais_position').get() as { n: number; t0: number | null; t1: number | null };
  const s = db.prepare('SELECT count(*) AS n, min(t) AS t0, max(t) AS t1 FROM ais_static').get() as { n: number; t0: number | null; t1: number | null };
  const vessels = (db.prepare('SELECT count(*) AS n FROM (SELECT mmsi FROM ais_position UNION SELECT mmsi FROM ais_static)').get() as { n: number }).n;
  const imports = (db.prepare('SELECT id, at, author, files, buffer_km, summary FROM ais_import ORDER BY at').all() as { id: string; at: string; author: string; files: string; buffer_km: number; summary: string }[]).map((r) => {
    const summary = JSON.parse(r.summary) as AisImportSummary;
    return { id: r.id, at: r.at, author: r.author, files: JSON.parse(r.files) as string[], kept: summary.kept, statics: summary.statics, bufferKm: r.buffer_km };
  });
  const times = [p.t0, p.t1, s.t0, s.t1].filter((t): t is number => t !== null);
  return {
    positions: p.n,
    statics: s.n,
    vessels,
    from: times.length ? iso(Math.min(...times)) : null,
    to: times.length ? iso(Math.max(...times)) : null,
    imports,
  };
}

/**
 * The project's AIS thresholds: the stored row read through the API's own schema (a value a tampered or
 * newer file holds that the schema refuses is not used: the defaults are, and the log says why).
 */
export function aisSettingsOf(store: ProjectStore): AisSettings {
  const row = databaseOf(store).prepare("SELECT value FROM setting WHERE id = 'ais'").get() as { value: string } | undefined;
  if (!row) return { ...DEFAULT_AIS_SETTINGS };
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    stored = null;
  }
  const parsed = aisSettingsSchema.safeParse({ ...DEFAULT_AIS_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) });
  if (parsed.success) return parsed.data;
  console.warn(`The project's AIS thresholds are not valid (${describeIssue(parsed.error)}); the defaults are used.`);
  return { ...DEFAULT_AIS_SETTINGS };
}

/** Changes the AIS thresholds as one undoable step ("Change AIS thresholds"); refused in words when the result is not valid. */
export function setAisSettings(store: ProjectStore, patch: Partial<AisSettings>): AisSettings {
  const next = aisSettingsSchema.safeParse({ ...aisSettingsOf(store), ...patch });
  // The message alone: each says which threshold it is about, in words (no field path).
  if (!next.success) throw new QuaywatchError('invalid_request', `Those AIS thresholds cannot be used: ${next.error.issues[0]?.message ?? 'they do not fit together'}.`);
  historyOf(store).run('Change AIS thresholds', (tx) => tx.put('setting', { id: 'ais', value: next.data }));
  return next.data;
}
