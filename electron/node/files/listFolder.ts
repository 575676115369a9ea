// Lists one folder for browser mode's file dialog: names, kinds, sizes and dates, through readdir and
// stat only (no file is ever opened), one level deep, so a symbolic-link loop is never followed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAbsolutePath, MAX_LISTED, type FileEntry, type FolderListing } from '../../../shared/calls/files';
import { QuaywatchError } from '../errors';

export interface ListOptions {
  /** Only files with one of these extensions (case-insensitive); folders always show. */
  extensions?: readonly string[];
  showHidden?: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The folder's entries, folders first; a clear, one-sentence refusal for a folder that cannot be listed. */
export async function listFolder(folder: string, opts: ListOptions = {}): Promise<FolderListing> {
  if (!isAbsolutePath(folder)) throw new QuaywatchError('invalid_request', `"${folder}" is not a full path: start it at / (or a drive letter).`);
  const dir = path.resolve(folder);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    throw unreadable(dir, e);
  }
  const wanted = opts.extensions?.length ? new Set(opts.extensions.map((x) => x.toLowerCase())) : null;
  let hidden = 0;
  let filtered = 0;
  const visible = names.filter((n) => {
    if (!opts.showHidden && n.startsWith('.')) {
      hidden++;
      return false;
    }
    return true;
  });
  const entries: FileEntry[] = [];
  // Stat in small batches: a folder of thousands of scenes must not open thousands of handles at once.
  for (let i = 0; i < visible.length; i += 64) {
    const batch = await Promise.all(visible.slice(i, i + 64).map((name) => describe(dir, name)));
    for (const e of batch) {
      if (!e) continue;
      if (e.kind === 'file' && wanted && !wanted.has(path.extname(e.name).slice(1).toLowerCase())) {
        filtered++;
        continue;
      }
      entries.push(e);
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = path.dirname(dir);
  return {
    path: dir,
    parent: parent === dir ? null : parent,
    entries: entries.slice(0, MAX_LISTED),
    hidden,
    filtered,
    truncated: entries.length > MAX_LISTED,
  };
}

/** One entry; null for what cannot be shown (a dangling link, a link loop, a socket, a file gone meanwhile). */
async function describe(dir: string, name: string): Promise<FileEntry | null> {
  const full = path.join(dir, name);
  try {
    const own = await fs.lstat(full);
    // A link is followed one step, to say whether it leads to a folder or a file; a loop ends in ELOOP here.
    const st = own.isSymbolicLink() ? await fs.stat(full) : own;
    if (!st.isDirectory() && !st.isFile()) return null;
    return {
      name,
      path: full,
      kind: st.isDirectory() ? 'folder' : 'file',
      size: st.isDirectory() ? null : st.size,
      modified: new Date(st.mtimeMs).toISOString(),
      link: own.isSymbolicLink(),
    };
  } catch {
    return null;
  }
}

function unreadable(dir: string, e: unknown): QuaywatchError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new QuaywatchError('not_found', `The folder ${dir} does not exist.`, { path: dir });
  if (code === 'ENOTDIR') return new QuaywatchError('invalid_request', `${dir} is a file, not a folder.`, { path: dir });
  if (code === 'EACCES' || code === 'EPERM') return new QuaywatchError('io_error', `You do not have permission to open the folder ${dir}.`, { path: dir });
  if (code === 'ELOOP') return new QuaywatchError('io_error', `The folder ${dir} is a link that leads back to itself.`, { path: dir });
  return new QuaywatchError('io_error', `The folder ${dir} cannot be read (${code ?? 'unknown error'}).`, { path: dir });
}
