// Calls that keep an analyst's work safe: saving a consistent copy (a backup) of the open project.
import { z } from 'zod';
import { call, overwriteSchema, pathSchema } from './define';

export interface SavedCopy {
  /** Where the copy was written (with the .quaywatch extension added when missing). */
  path: string;
  bytes: number;
}

export const trustCalls = {
  // A self-contained, consistent snapshot made by SQLite (VACUUM INTO), safe while the project is
  // open and being edited; replaces an existing file only with `overwrite`. The open project stays open.
  'project.saveCopy': call<SavedCopy>()(z.object({ path: pathSchema, overwrite: overwriteSchema }).strict()),
} as const;
