// "The file was not changed" must be true. A refused file (another application's database, a damaged
// file, a project from a newer Quaywatch) that has a -wal of committed-but-not-checkpointed frames, or
// a hot -journal of an interrupted transaction, would be checkpointed or rolled back by an ordinary
// read-write open, and a .lock would be left beside it. After the refusal, every byte of the file, its
// -wal and its -journal is as before and no .lock exists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../testing/tmp';
import { ProjectSession } from '../session';
import { SCHEMA_VERSION } from './migrations';
import { APPLICATION_ID, ProjectStore, databaseOf } from './projectStore';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-inspect-')));
afterEach(() => tmp.cleanup());

const SIDES = ['', '-wal', '-journal'] as const;
const hashOf = (f: string) => (fs.existsSync(f) ? crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') : 'absent');
const fingerprint = (file: string) => Object.fromEntries(SIDES.map((s) => [`${path.basename(file)}${s}`, hashOf(`${file}${s}`)]));

/**
 * `file` with a -wal holding frames not yet in the main file, as a crash leaves it: `setup` runs in
 * one connection, then `change` commits with checkpoints off, and the files are copied while that
 * connection is still open (closing it would checkpoint).
 */
function withWal(file: string, setup: (db: Database.Database) => void, change: (db: Database.Database) => void) {
  const src = path.join(tmp.dir, `src-${path.basename(file)}`);
  const db = new Database(src);
  setup(db);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  change(db);
  fs.copyFileSync(src, file);
  fs.copyFileSync(`${src}-wal`, `${file}-wal`);
  db.close();
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
}

/** `file` with a hot -journal: a rollback-journal transaction interrupted after it spilled pages into the main file. */
function withHotJournal(file: string, setup: (db: Database.Database) => void) {
  const src = path.join(tmp.dir, `src-${path.basename(file)}`);
  const db = new Database(src);
  db.pragma('journal_mode = DELETE');
  setup(db);
  db.pragma('cache_size = 2'); // so the transaction writes into the main file before it commits
  db.exec('CREATE TABLE IF NOT EXISTS filler (x TEXT)');
  db.exec('BEGIN');
  const put = db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 60; i++) put.run('x'.repeat(3000));
  fs.copyFileSync(src, file);
  fs.copyFileSync(`${src}-journal`, `${file}-journal`);
  db.exec('ROLLBACK');
  db.close();
  expect(fs.statSync(`${file}-journal`).size).toBeGreaterThan(0);
}

const foreign = (db: Database.Database) => {
  db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
  db.prepare('INSERT INTO invoices (amount) VALUES (?)').run(12.5);
};
/** A Quaywatch project as a newer Quaywatch would write it: our application id, a schema version from the future. */
const newer = (db: Database.Database) => {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec('CREATE TABLE project (id TEXT PRIMARY KEY, name TEXT, created_at TEXT)');
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
};

/** Opens `file` through the session as the app would; expects a refusal saying the file was not changed, and checks that it was not. */
function expectRefusedUntouched(file: string, message: RegExp) {
  const before = fingerprint(file);
  const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
  expect(() => session.open(file)).toThrow(message);
  expect(() => session.open(file)).toThrow(/The file was not changed\.$/);
  session.close();
  expect(fingerprint(file)).toEqual(before);
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
}

describe('a refused project file is left exactly as it was', () => {
  it('another application’s database whose -wal holds frames not in the main file', () => {
    const file = path.join(tmp.dir, 'invoices.quaywatch');
    withWal(file, foreign, (db) => db.prepare('INSERT INTO invoices (amount) VALUES (?)').run(99));
    expectRefusedUntouched(file, /is a SQLite database but not a Quaywatch project/);
  });

  it('a project from a newer Quaywatch whose version is in its -wal only', () => {
    const file = path.join(tmp.dir, 'future.quaywatch');
    withWal(file, (db) => db.pragma(`application_id = ${APPLICATION_ID}`), newer);
    expectRefusedUntouched(file, new RegExp(`newer Quaywatch \\(project schema version ${SCHEMA_VERSION + 1}\\)`));
  });

  it('a damaged file with a -wal and a -journal beside it', () => {
    const file = path.join(tmp.dir, 'damaged.quaywatch');
    withWal(file, foreign, (db) => db.prepare('INSERT INTO invoices (amount) VALUES (?)').run(99));
    fs.writeFileSync(`${file}-journal`, crypto.randomBytes(4096));
    // A SQLite header whose page size is impossible (3 bytes): the rest cannot be read.
    const bytes = fs.readFileSync(file);
    bytes.writeUInt16BE(3, 16);
    fs.writeFileSync(file, bytes);
    expectRefusedUntouched(file, /is damaged and cannot be read/);
  });

  it('another application’s database with a hot -journal', () => {
    const file = path.join(tmp.dir, 'ledger.quaywatch');
    withHotJournal(file, foreign);
    expectRefusedUntouched(file, /is a SQLite database but not a Quaywatch project/);
  });

  it('a project from a newer Quaywatch with a hot -journal', () => {
    const file = path.join(tmp.dir, 'future.quaywatch');
    withHotJournal(file, newer);
    expectRefusedUntouched(file, /newer Quaywatch/);
  });
});

describe('an accepted project is read as SQLite would', () => {
  it('keeps the edits that were only in its -wal when it crashed', () => {
    const src = path.join(tmp.dir, 'src.quaywatch');
    ProjectStore.create(src, 'Port watch', { author: 'ana' }).close();
    const store = ProjectStore.open(src, { author: 'ana' });
    databaseOf(store).pragma('wal_autocheckpoint = 0');
    store.createSite({ name: 'Rajin' });
    const file = path.join(tmp.dir, 'port.quaywatch');
    fs.copyFileSync(src, file);
    fs.copyFileSync(`${src}-wal`, `${file}-wal`);
    store.close();
    const copy = ProjectStore.open(file, { author: 'ana' });
    expect(copy.sites().map((s) => s.name)).toEqual(['Rajin']);
    expect(copy.readOnly).toBeNull();
    copy.close();
  });
});
