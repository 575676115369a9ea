// "Save a copy": a consistent, self-contained snapshot of an open project, written by SQLite itself
// (VACUUM INTO) — never a byte copy of a live database, which could catch a half-written WAL.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { QuaywatchError } from '../errors';
import type { ProjectStore } from './projectStore';

/** Writes the copy beside its final name, then renames, so a failed copy never looks like a project. */
export function saveProjectCopy(store: ProjectStore, target: string): { path: string; bytes: number } {
  const abs = path.resolve(target.endsWith('.quaywatch') ? target : `${target}.quaywatch`);
  if (abs === store.file) throw new QuaywatchError('io_error', 'That is the open project itself; choose another name for the copy.');
  if (fs.existsSync(abs)) throw new QuaywatchError('io_error', `A file already exists at ${abs}; choose another name.`);
  const dir = path.dirname(abs);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new QuaywatchError('io_error', `The folder ${dir} does not exist.`);
  const partial = path.join(dir, `.${path.basename(abs)}.${randomUUID()}.partial`);
  try {
    store.db.prepare('VACUUM INTO ?').run(partial);
    // link, not rename: fails instead of replacing a file that appeared meanwhile.
    fs.linkSync(partial, abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new QuaywatchError('io_error', `A file already exists at ${abs}; choose another name.`);
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      throw new QuaywatchError('io_error', `The disk is full: the copy was not saved (the project itself is unchanged). Free some space or choose another disk.`);
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
      throw new QuaywatchError('io_error', `Cannot write in ${dir}: the copy was not saved (the project itself is unchanged). Choose a folder you can write to.`);
    }
    throw new QuaywatchError('io_error', `The copy was not saved (the project itself is unchanged): ${(e as Error).message}`);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { path: abs, bytes: fs.statSync(abs).size };
}
