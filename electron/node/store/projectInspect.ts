// Looking at a project file before it is accepted, and reading one this user cannot write. Nothing
// here can change the file, its -wal or its -journal, and no lock is taken, so "The file was not
// changed" is true of every refusal.
//
// Why not SQLite's `file:…?immutable=1`: better-sqlite3 12 bundles SQLite built with SQLITE_USE_URI=0
// and has no option to pass SQLITE_OPEN_URI, so a URI is taken as a plain file name. Instead:
// - a read-only connection (`readonly: true`) reads through a -wal without checkpointing it (it may
//   not write the main file) and refuses a hot -journal (SQLITE_READONLY_ROLLBACK) instead of
//   rolling it back;
// - where that connection cannot read (a hot -journal; a WAL-mode file in a folder where SQLite
//   cannot create its -shm: SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY), a snapshot: the main file's bytes deserialised into memory, which
//   SQLite never writes back.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QuaywatchError } from '../errors';

/** 'QWAT': marks a SQLite file as a Quaywatch project, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x51574154;

/** A snapshot holds the whole file in memory; above this, copying the project is the better way. */
const MAX_SNAPSHOT_BYTES = 1024 ** 3;

const codeOf = (e: unknown) => String((e as { code?: unknown }).code ?? '');

/**
 * Why this process cannot write the project, in words for the analyst ("the folder is read-only"),
 * or null when it can. The folder counts because SQLite keeps the -wal beside the file. Root passes
 * permission bits but not a read-only file system, as the kernel decides.
 */
export function readOnlyReason(file: string): string | null {
  const denied = (p: string): string | null => {
    try {
      fs.accessSync(p, fs.constants.W_OK);
      return null;
    } catch (e) {
      return codeOf(e);
    }
  };
  const dir = denied(path.dirname(file));
  if (dir === 'EROFS') return 'the file system is read-only';
  if (dir) return 'the folder is read-only';
  const own = denied(file);
  if (own === 'EROFS') return 'the file system is read-only';
  if (own) return 'the file is read-only';
  return null;
}

/** A connection that can only read `file` and cannot change it, its -wal or its -journal. */
export function openForReading(file: string): Database.Database {
  const name = path.basename(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version'); // SQLite opens lazily: this is where a hot journal or a missing -shm shows
    return db;
  } catch (e) {
    db?.close();
    const code = codeOf(e);
    const hotJournal = code === 'SQLITE_READONLY_ROLLBACK';
    // SQLITE_READONLY_DIRECTORY, _CANTINIT…: reading in place would need a -shm it may not create.
    if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) throw damaged(name, e);
    const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
    if (!hotJournal && wal && wal.size > 0) {
      // Edits still in the -wal that SQLite cannot reach from here: a snapshot of the main file would miss them.
      throw new QuaywatchError(
        'project_unreadable',
        `${name} has changes in ${name}-wal that cannot be read in this folder (${readOnlyReason(file) ?? 'SQLite cannot open it here'}). Copy the project together with its -wal file to a folder you can write to and open the copy. The file was not changed.`,
      );
    }
    return snapshot(file);
  }
}

/** The main file's bytes as a read-only in-memory database. */
function snapshot(file: string): Database.Database {
  const name = path.basename(file);
  const size = fs.statSync(file).size;
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new QuaywatchError(
      'project_unreadable',
      `${name} cannot be opened from here (${readOnlyReason(file) ?? 'SQLite cannot open it in place'}) and is too large to read into memory. Copy it to a folder you can write to and open the copy. The file was not changed.`,
    );
  }
  const bytes = fs.readFileSync(file);
  // Header bytes 18–19 are 2 for a WAL-mode file; an in-memory database has no WAL and refuses to
  // open it so. Marked as a rollback-journal file in this private copy only.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  try {
    const db = new Database(bytes, { readonly: true });
    db.pragma('user_version');
    return db;
  } catch (e) {
    throw damaged(name, e);
  }
}

function damaged(name: string, e: unknown): QuaywatchError {
  return new QuaywatchError('project_unreadable', `${name} is damaged and cannot be read (${(e as Error).message}). The file was not changed.`);
}

/**
 * Refuses what must not be opened (another application's database, a project from a newer
 * Quaywatch) and returns the project's schema version. Each refusal says the file was not changed,
 * which holds when `db` came from openForReading.
 */
export function checkAcceptable(db: Database.Database, file: string, schemaVersion: number): number {
  const name = path.basename(file);
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    throw damaged(name, e);
  }
  if (appId !== APPLICATION_ID) {
    throw new QuaywatchError('project_unreadable', `${name} is a SQLite database but not a Quaywatch project. The file was not changed.`);
  }
  if (version > schemaVersion) {
    throw new QuaywatchError(
      'project_too_new',
      `${name} was written by a newer Quaywatch (project schema version ${version}); this Quaywatch reads up to version ${schemaVersion}. Update Quaywatch to open it. The file was not changed.`,
    );
  }
  return version;
}

/** The sentence for an edit that a read-only project refused (SQLite itself refuses every write); null for any other failure. */
export function readOnlyRefusal(readOnly: string | null, e: unknown): QuaywatchError | null {
  if (!readOnly) return null;
  const code = codeOf(e);
  if (!code.startsWith('SQLITE_READONLY') && code !== 'EROFS') return null;
  return new QuaywatchError('io_error', `This project is open read-only (${readOnly}): Save a copy… to edit.`);
}
