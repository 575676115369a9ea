// The one output-path guard every writer of a user-chosen file goes through (exports, reports, sightings packages,
// save a copy): it refuses a target that would destroy the open project, never replaces a file unasked, and
// writes through a temporary file beside the target so a failed write leaves nothing under the chosen name.
//
// Why identities, not strings: "/work/p/port.quaywatch" and "/work/link-to-p/port.quaywatch" are one file, and
// so is a hard link. The guard compares the target's device+inode with the project's files, and the real
// folder (device+inode) plus the name with the project's folder and the names SQLite uses beside it, so even a
// -wal that does not exist yet cannot be written over.
import fs from 'node:fs';
import path from 'node:path';
import { QuaywatchError } from '../errors';
import { ProjectLock } from '../store/projectLock';
import { TempJournal } from './tempJournal';

/** What the guard protects and where it notes its temporaries: the open project (a ProjectStore fits). */
export interface GuardedProject {
  readonly file: string;
  readonly temporaries?: TempJournal;
}

export interface OutputOptions {
  /** Replace a file already at the target. Without it an existing file is refused with code 'exists'. */
  overwrite?: boolean;
}

/** A target that passed the checks: where the user asked for, and where it really lands. */
export interface CheckedOutput {
  /** As the user gave it (resolved), for messages and results. */
  readonly file: string;
  /** The real folder plus the name: where the rename goes. */
  readonly real: string;
  readonly folder: fs.Stats;
}

const PROJECT_SIDECARS = ['', '-wal', '-shm', '-journal'];

const idOf = (st: fs.Stats) => `${st.dev}:${st.ino}`;

/** The project's own files: their identities (those that exist) and their names in the project's real folder. */
function projectFiles(project: GuardedProject) {
  const abs = path.resolve(project.file);
  const files = [...PROJECT_SIDECARS.map((s) => `${abs}${s}`), ProjectLock.pathFor(abs)];
  const ids = new Map<string, string>();
  for (const f of files) {
    const st = fs.statSync(f, { throwIfNoEntry: false });
    if (st) ids.set(idOf(st), path.basename(f));
  }
  const folder = fs.statSync(path.dirname(abs), { throwIfNoEntry: false });
  // Case folded: on a case-insensitive disk PORT.quaywatch-WAL is the same file (refusing it on Linux harms no one).
  const names = new Set(files.map((f) => path.basename(f).toLowerCase()));
  return { ids, folderId: folder ? idOf(folder) : null, names };
}

const ownFile = (name: string) => new QuaywatchError('io_error', `That is the open project's own file (${name}); choose another name.`);

/** Refuses what would damage something (the project and its files, a link, a folder, a missing folder); an existing file unless `overwrite`. */
export function checkOutputPath(project: GuardedProject, target: string, opts: OutputOptions = {}): CheckedOutput {
  const file = path.resolve(target);
  const dir = path.dirname(file);
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
  } catch {
    throw new QuaywatchError('io_error', `The folder ${dir} does not exist; choose an existing folder.`);
  }
  const folder = fs.statSync(realDir);
  if (!folder.isDirectory()) throw new QuaywatchError('io_error', `The folder ${dir} does not exist (it is a file); choose an existing folder.`);
  const real = path.join(realDir, path.basename(file));
  checkIdentity(project, file, real, folder, opts);
  return { file, real, folder };
}

/** The identity checks, run when the target is chosen and again right before the rename. */
function checkIdentity(project: GuardedProject, file: string, real: string, folder: fs.Stats, opts: OutputOptions) {
  const own = projectFiles(project);
  if (own.folderId === idOf(folder) && own.names.has(path.basename(real).toLowerCase())) throw ownFile(path.basename(real));
  const st = fs.lstatSync(real, { throwIfNoEntry: false });
  if (!st) return;
  const same = own.ids.get(idOf(st));
  if (same) throw ownFile(same);
  if (st.isSymbolicLink()) {
    throw new QuaywatchError('io_error', `${file} is a symbolic link; Quaywatch does not write through links. Choose another name.`);
  }
  if (st.isDirectory()) throw new QuaywatchError('io_error', `${file} is a folder; give a file name.`);
  if (!opts.overwrite) {
    throw new QuaywatchError('exists', `${file} already exists; choose another name, or confirm replacing it.`, { path: file });
  }
}

/** Re-checks right before the rename: the folder must still be the one checked, the target still not the project's. */
function recheck(project: GuardedProject, out: CheckedOutput, opts: OutputOptions) {
  const folder = fs.statSync(path.dirname(out.real), { throwIfNoEntry: false });
  if (!folder || idOf(folder) !== idOf(out.folder)) {
    throw new QuaywatchError('io_error', `The folder of ${out.file} changed while it was being written; nothing was written. Try again.`);
  }
  checkIdentity(project, out.file, out.real, folder, opts);
}

/** One place that turns the operating system's refusals into sentences that say what to do. */
export function writeFailure(e: unknown, file: string): QuaywatchError {
  if (e instanceof QuaywatchError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const dir = path.dirname(file);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new QuaywatchError('io_error', `The disk is full: ${file} was not written (the project itself is unchanged). Free some space or choose another disk.`);
  }
  if (code === 'EROFS') return new QuaywatchError('io_error', `${dir} is on a read-only disk: ${file} was not written. Choose another folder.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return new QuaywatchError('io_error', `Cannot write ${file}: permission denied. Choose a folder you can write to.`);
  }
  return new QuaywatchError('io_error', `Cannot write ${file}: ${(e as Error).message}`);
}

/** Puts the finished temporary in place: rename to replace, link + unlink otherwise (a file that appeared meanwhile is not replaced). */
function commit(project: GuardedProject, out: CheckedOutput, tmp: string, opts: OutputOptions) {
  recheck(project, out, opts);
  if (opts.overwrite) return fs.renameSync(tmp, out.real);
  try {
    fs.linkSync(tmp, out.real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new QuaywatchError('exists', `${out.file} already exists; choose another name, or confirm replacing it.`, { path: out.file });
    // Disks without hard links (FAT, exFAT: USB sticks): a plain rename, just checked not to replace anything.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    recheck(project, out, opts);
    return fs.renameSync(tmp, out.real);
  }
  fs.rmSync(tmp, { force: true });
}

/** Creates the temporary beside the target (exclusively: it cannot be anyone else's file), noted in the journal. */
function begin(project: GuardedProject, out: CheckedOutput) {
  const temp = (project.temporaries ?? TempJournal.none).reserve(path.dirname(out.real), path.basename(out.real));
  try {
    fs.closeSync(fs.openSync(temp.path, 'wx'));
  } catch (e) {
    temp.settle();
    throw writeFailure(e, out.file);
  }
  return temp;
}

function cleanUp(tmp: string) {
  for (const s of PROJECT_SIDECARS) fs.rmSync(`${tmp}${s}`, { force: true });
}

/** Checks `target`, lets `write` fill a temporary file beside it (created empty), then puts it in place. Returns the path written. */
export function writeOutputSync(project: GuardedProject, target: string, opts: OutputOptions, write: (tmp: string) => void): string {
  const out = checkOutputPath(project, target, opts);
  const temp = begin(project, out);
  try {
    write(temp.path);
    commit(project, out, temp.path, opts);
  } catch (e) {
    throw writeFailure(e, out.file);
  } finally {
    cleanUp(temp.path);
    temp.settle();
  }
  return out.file;
}

/** writeOutputSync for writers that stream (PDF, zip). */
export async function writeOutput(project: GuardedProject, target: string, opts: OutputOptions, write: (tmp: string) => Promise<void>): Promise<string> {
  const out = checkOutputPath(project, target, opts);
  const temp = begin(project, out);
  try {
    await write(temp.path);
    commit(project, out, temp.path, opts);
  } catch (e) {
    throw writeFailure(e, out.file);
  } finally {
    cleanUp(temp.path);
    temp.settle();
  }
  return out.file;
}
