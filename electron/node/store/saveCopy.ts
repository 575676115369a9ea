// "Save a copy": a consistent, self-contained snapshot of an open project, written by SQLite itself
// (VACUUM INTO) — never a byte copy of a live database, which could catch a half-written WAL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SceneSource } from '../../../shared/domain';
import { writeOutputSync } from '../output/outputGuard';
import { databaseOf, type ProjectStore } from './projectStore';

/** Through the output-path guard: never onto the open project, never over a file unasked, never a half copy under the name. */
export function saveProjectCopy(store: ProjectStore, target: string, opts: { overwrite?: boolean } = {}): { path: string; bytes: number } {
  const file = target.endsWith('.quaywatch') ? target : `${target}.quaywatch`;
  const abs = writeOutputSync(store, file, opts, (tmp) => {
    databaseOf(store).prepare('VACUUM INTO ?').run(tmp);
    keepImageryReachable(tmp, path.dirname(store.file), path.dirname(path.resolve(file)));
  });
  return { path: abs, bytes: fs.statSync(abs).size };
}

/**
 * Scene files are stored relative to the project's folder (the demo's `imagery/…`), so a copy saved in
 * another folder would look for them beside itself and find nothing. In the copy each such path is
 * rewritten to lead to the same file from the copy's folder: still relative when the file is inside
 * it (a copy saved beside the original stays movable with its imagery), else absolute.
 */
function keepImageryReachable(copy: string, fromDir: string, toDir: string) {
  if (path.resolve(fromDir) === path.resolve(toDir)) return;
  const db = new Database(copy);
  try {
    const rows = db.prepare('SELECT id, source FROM scene').all() as { id: string; source: string }[];
    const update = db.prepare('UPDATE scene SET source = ? WHERE id = ?');
    db.transaction(() => {
      for (const row of rows) {
        const source = JSON.parse(row.source) as SceneSource;
        if (source.kind === 'xyz' || path.isAbsolute(source.path)) continue;
        const file = path.resolve(fromDir, source.path);
        const inside = path.relative(toDir, file);
        const moved = inside.startsWith('..') || path.isAbsolute(inside) ? file : inside.split(path.sep).join('/');
        update.run(JSON.stringify({ ...source, path: moved }), row.id);
      }
    })();
  } finally {
    db.close();
  }
}
