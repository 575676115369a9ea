// "Save a copy": a consistent, self-contained snapshot of an open project, written by SQLite itself
// (VACUUM INTO) — never a byte copy of a live database, which could catch a half-written WAL.
import fs from 'node:fs';
import { writeOutputSync } from '../output/outputGuard';
import { databaseOf, type ProjectStore } from './projectStore';

/** Through the output-path guard: never onto the open project, never over a file unasked, never a half copy under the name. */
export function saveProjectCopy(store: ProjectStore, target: string, opts: { overwrite?: boolean } = {}): { path: string; bytes: number } {
  const file = target.endsWith('.quaywatch') ? target : `${target}.quaywatch`;
  const abs = writeOutputSync(store, file, opts, (tmp) => databaseOf(store).prepare('VACUUM INTO ?').run(tmp));
  return { path: abs, bytes: fs.statSync(abs).size };
}
