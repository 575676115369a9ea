// Recent places: the folders last used to import, export, open or save, kept as a small JSON file in
// the data folder, for the file dialog's sidebar (and the native dialog's starting folder).
import fs from 'node:fs';
import path from 'node:path';
import type { CallName } from '../../../shared/api';

const MAX_PLACES = 10;

export class RecentPlaces {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'recent-places.json');
  }

  /** Newest first; only folders that still exist. */
  list(): string[] {
    return this.read().filter((p) => {
      try {
        return fs.statSync(p).isDirectory();
      } catch {
        return false;
      }
    });
  }

  touch(folders: string[]) {
    if (!folders.length) return;
    const fresh = [...new Set(folders.map((f) => path.resolve(f)))];
    const entries = [...fresh, ...this.read().filter((p) => !fresh.includes(p))].slice(0, MAX_PLACES);
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(entries, null, 2));
      fs.renameSync(tmp, this.file);
    } catch {
      // A convenience: a read-only data folder must not fail the import or export that used the folder.
    }
  }

  private read(): string[] {
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)) : [];
    } catch {
      return [];
    }
  }
}

const folderOf = (p: unknown) => (typeof p === 'string' && path.isAbsolute(p) ? [path.dirname(path.resolve(p))] : []);

/** The folders a successful call used, by call: what becomes a recent place. */
export function placesUsedBy(name: CallName, req: unknown): string[] {
  const r = (req ?? {}) as { path?: unknown; paths?: unknown };
  switch (name) {
    case 'scenes.import':
      return Array.isArray(r.paths) ? r.paths.flatMap(folderOf) : [];
    case 'project.create':
    case 'project.open':
    case 'project.saveCopy':
    case 'export.run':
    case 'report.run':
    case 'package.export':
    case 'package.import':
      return folderOf(r.path);
    default:
      return [];
  }
}
