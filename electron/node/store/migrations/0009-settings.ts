// Schema version 9: project settings that edits change and undo restores, one row per setting as JSON
// (the first: 'ais', the thresholds of the AIS rules, shared/ais/types.ts AisSettings). A project
// without a row uses the defaults. Never edit this file after it ships: add a new numbered migration.
import type { Migration } from './index';

export const migration0009: Migration = {
  version: 9,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        id TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON
      ) STRICT;
    `);
  },
};
