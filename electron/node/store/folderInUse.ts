// Whether a project's scenes name files inside a folder, read without opening the project for editing: the
// leftover cleaner asks before it removes an order folder that a crashed import had unpacked (the crash may have
// come after the import was saved, and then the folder is the scenes' imagery).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const inside = (folder: string, file: string) => {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** True when a scene uses the folder, or when that cannot be told (the project is gone or unreadable): never remove then. */
export function projectUsesFolder(folder: string, projectFile: string): boolean {
  if (!fs.existsSync(projectFile)) return true;
  const db = new Database(projectFile, { readonly: true, fileMustExist: true });
  try {
    const base = path.dirname(path.resolve(projectFile));
    const rows = db.prepare('SELECT source FROM scene').all() as { source: string }[];
    return rows.some((r) => {
      const src = JSON.parse(r.source) as { path?: unknown };
      return typeof src.path === 'string' && inside(folder, path.resolve(base, src.path));
    });
  } finally {
    db.close();
  }
}
