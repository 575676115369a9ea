// An AIS import holds one write transaction open across its whole read (all or nothing, however long
// the log): meanwhile every other change to the project is refused with one sentence, since it would
// otherwise join the import's transaction and be rolled back with a cancelled import.
import { QuaywatchError } from '../errors';
import type { ProjectStore } from './projectStore';

const importing = new WeakSet<ProjectStore>();

export function beginAisImportLock(store: ProjectStore): void {
  if (importing.has(store)) throw new QuaywatchError('conflict', 'An AIS import is already running in this project; wait for it to finish or cancel it.');
  importing.add(store);
}

export function endAisImportLock(store: ProjectStore): void {
  importing.delete(store);
}

export function refuseDuringAisImport(store: ProjectStore): void {
  if (importing.has(store)) throw new QuaywatchError('conflict', 'An AIS import is running in this project: changes wait until it finishes or is cancelled. Nothing was changed.');
}

/** True while an AIS import holds the project's write transaction (background writers wait for it). */
export function aisImportRunning(store: ProjectStore): boolean {
  return importing.has(store);
}
