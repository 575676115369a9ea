// The journal of temporary files and folders in flight, so that a crash never leaves gigabytes behind for ever.
// Every temporary thing the app makes (an export or report being written, a copy being vacuumed, a zip being
// unpacked, a migration backup being made) is named with TEMP_PREFIX and noted here, with the writing process's
// pid, before it exists; the note is struck off once it is renamed into place or removed. A crash leaves its
// notes behind; the next start (ProjectSession, the CLI) removes what notes of dead processes name.
//
// One small file per note (in-flight/<pid>-<random>.json) rather than one shared list: the desktop app, a
// browser-mode host and CLI runs can share a data folder, and creating or deleting a file is atomic where
// rewriting a shared list is not.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every temporary name starts with this: a user who finds one knows what it is, and the cleaner removes nothing else. */
export const TEMP_PREFIX = '.quaywatch-tmp-';

/** Files SQLite may leave beside a database it was writing (a GeoPackage, a copy, a backup). */
const SQLITE_SIDECARS = ['-journal', '-wal', '-shm'];

interface Note {
  pid: number;
  path: string;
  startedAt: string;
  /** For a folder unpacked in place (an imported order): the project whose scenes may come to use it. */
  project?: string;
}

/** Whether a project's scenes use files inside a folder (then a leftover note about it is stale, not the folder). */
export type FolderInUse = (folder: string, project: string) => boolean;

/** A temporary path, noted in the journal until `settle()` strikes it off. */
export interface TempPath {
  readonly path: string;
  /** Strikes the note off: call once the temporary is renamed into place or removed. */
  settle(): void;
}

/** Whether a process with this pid is running (EPERM: it is, under another user). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class TempJournal {
  /** For a store opened without a session (unit tests, tools): temporaries are still named and removed, just not noted. */
  static readonly none = new TempJournal(null);

  /** The journal of the app data folder (session.dataDir, or the CLI's). */
  static inDataDir(dataDir: string): TempJournal {
    return new TempJournal(path.join(dataDir, 'in-flight'));
  }

  private constructor(private readonly dir: string | null) {}

  /** A fresh temporary name in `folder` (nothing is created there), already noted: `hint` makes it recognisable. */
  reserve(folder: string, hint: string): TempPath {
    const name = `${TEMP_PREFIX}${hint.slice(0, 80)}.${randomBytes(6).toString('hex')}`;
    return this.note(path.join(folder, name));
  }

  /**
   * Notes a temporary path: its name starts with TEMP_PREFIX, or it is a folder unpacked in place for `project`
   * (an order's final folder, which scenes will name): that one is removed after a crash only if no scene uses it.
   */
  note(p: string, opts: { project?: string } = {}): TempPath {
    if (!path.basename(p).startsWith(TEMP_PREFIX) && !opts.project) throw new Error(`not a temporary name: ${p}`);
    if (!this.dir) return { path: p, settle: () => {} };
    fs.mkdirSync(this.dir, { recursive: true });
    const entry = path.join(this.dir, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
    const note: Note = { pid: process.pid, path: path.resolve(p), startedAt: new Date().toISOString(), ...(opts.project ? { project: path.resolve(opts.project) } : {}) };
    fs.writeFileSync(entry, JSON.stringify(note), { flag: 'wx' });
    return { path: p, settle: () => fs.rmSync(entry, { force: true }) };
  }

  /**
   * Removes what crashed processes left: every noted path whose writer is no longer running (with SQLite's
   * sidecar files), then the note. A running writer's temporaries are kept, and so is an unpacked folder that
   * the project's scenes use (the crash came after the import was saved) or whose use cannot be told now.
   * Returns the paths removed.
   */
  cleanLeftovers(inUse: FolderInUse = () => true): string[] {
    if (!this.dir) return [];
    let entries: string[];
    try {
      entries = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of entries) {
      const m = /^(\d+)-[0-9a-f]+\.json$/.exec(name);
      if (!m || alive(Number(m[1]))) continue;
      const entry = path.join(this.dir, name);
      try {
        const note = JSON.parse(fs.readFileSync(entry, 'utf8')) as Partial<Note>;
        const target = typeof note.path === 'string' && path.isAbsolute(note.path) ? note.path : null;
        // Only ever our own temporaries: a note naming anything else is dropped, never followed.
        const ours = target && path.basename(target).startsWith(TEMP_PREFIX);
        const unpacked = target && !ours && typeof note.project === 'string' && fs.lstatSync(target, { throwIfNoEntry: false })?.isDirectory();
        let unused = false;
        try {
          unused = !!unpacked && !inUse(target, note.project!);
        } catch {
          continue; // the project cannot be read just now: keep folder and note for the next start
        }
        if (target && (ours || unused)) {
          for (const p of [target, ...SQLITE_SIDECARS.map((s) => `${target}${s}`)]) {
            if (!fs.lstatSync(p, { throwIfNoEntry: false })) continue;
            fs.rmSync(p, { recursive: true, force: true });
            removed.push(p);
          }
        }
      } catch {
        // A half-written note (the crash came while noting) names nothing that was created yet.
      }
      fs.rmSync(entry, { force: true });
    }
    return removed;
  }
}
