// One writer per project: a lock beside the project file that the operating system releases when
// the holding process ends, however it ends (kill -9, power cut), so a crash never leaves it stuck.
//
// Why not a pid file: a stale pid file must be detected and taken over, and two processes taking
// over the same stale file at once can both win. Here the lock is a SQLite RESERVED lock (an fcntl
// byte-range lock underneath) held by an open write transaction on `<project>.lock`; SQLite
// arbitrates races, the kernel drops the lock with the process, and other processes can still read
// who holds it (RESERVED admits readers), which the message names.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QuaywatchError } from '../errors';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const isBusy = (e: unknown) => {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
};

/** Whether this process may write the project file (and its folder, where SQLite keeps the WAL). */
function writable(projectFile: string): boolean {
  try {
    fs.accessSync(projectFile, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(projectFile)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export class ProjectLock {
  private constructor(
    private db: Database.Database | null,
    readonly file: string,
  ) {}

  /** No lock, for a project opened read-only: nobody edits it from here, and nothing is written beside it. */
  static notNeeded(projectFile: string): ProjectLock {
    return new ProjectLock(null, ProjectLock.pathFor(projectFile));
  }

  /** The lock file of a project: beside it, so every process that can reach the project sees it. */
  static pathFor(projectFile: string): string {
    return `${path.resolve(projectFile)}.lock`;
  }

  /**
   * Takes the lock or throws `project_in_use` naming the process that has the project open. A project
   * this user cannot write anyway (a read-only file or folder) opens without it: nobody can edit it
   * from here, and every edit is refused with the read-only message.
   */
  static acquire(projectFile: string): ProjectLock {
    const lockFile = ProjectLock.pathFor(projectFile);
    let opened: Database.Database | undefined;
    try {
      opened = new Database(lockFile);
      opened.pragma('busy_timeout = 0');
    } catch (e) {
      opened?.close();
      if (!writable(projectFile)) return new ProjectLock(null, lockFile);
      throw new QuaywatchError(
        'io_error',
        `Cannot open ${path.basename(projectFile)} for editing: ${lockFile} cannot be written (${(e as Error).message}). Remove it if no Quaywatch is running, or copy the project to a folder you can write to.`,
      );
    }
    const db = opened;
    try {
      // Fail at once when held: waiting would only delay the message.
      db.pragma('busy_timeout = 0');
      if (!ProjectLock.begin(db)) throw ProjectLock.inUse(projectFile, db);
      // Say who we are (committed, so others can read it), then hold the lock for good. A process
      // that slips in between the commit and the second BEGIN wins, and we report it instead.
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, since TEXT NOT NULL)');
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder (pid, host, since) VALUES (?, ?, ?)').run(process.pid, os.hostname(), new Date().toISOString());
      db.pragma('busy_timeout = 2000'); // a reader of the holder row may briefly delay the commit
      db.exec('COMMIT');
      db.pragma('busy_timeout = 0');
      if (!ProjectLock.begin(db)) throw ProjectLock.inUse(projectFile, db);
      return new ProjectLock(db, lockFile);
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      if (e instanceof QuaywatchError) throw e;
      // A lock file this user may read but not write (SQLite fell back to read-only).
      if ((e as { code?: string }).code === 'SQLITE_READONLY' && !writable(projectFile)) return new ProjectLock(null, lockFile);
      throw new QuaywatchError('io_error', `Cannot lock ${path.basename(projectFile)} for editing: ${(e as Error).message}`);
    }
  }

  private static begin(db: Database.Database): boolean {
    try {
      db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (e) {
      if (isBusy(e)) return false;
      throw e;
    }
  }

  private static inUse(projectFile: string, db: Database.Database): QuaywatchError {
    let holder: Holder | undefined;
    try {
      db.pragma('busy_timeout = 500');
      holder = db.prepare('SELECT pid, host, since FROM holder LIMIT 1').get() as Holder | undefined;
    } catch {
      // The holder is still writing its row: the message goes without the pid.
    }
    const name = path.basename(projectFile);
    if (holder && holder.pid === process.pid && holder.host === os.hostname()) {
      return new QuaywatchError('project_in_use', `${name} is already open in another window of this Quaywatch; switch to it or open a copy.`);
    }
    const where = holder ? (holder.host === os.hostname() ? ` (pid ${holder.pid})` : ` on ${holder.host} (pid ${holder.pid})`) : '';
    return new QuaywatchError('project_in_use', `${name} is open in another Quaywatch window${where}; close it there or open a copy.`);
  }

  /** Lets the next writer in. The lock file stays: removing it could let two writers in at once. */
  release(): void {
    if (!this.db) return;
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    }
    this.db = null;
  }
}
