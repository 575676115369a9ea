// Schema version 2: tiles copied into the project ("make available offline") and the state of
// each copy job, so a copy resumes after a crash without fetching a tile twice.
// Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0002: Migration = {
  version: 2,
  name: 'imagery',
  up(db) {
    db.exec(`
      -- XYZ rows (y from the top, as in the URL), whatever the source's own scheme.
      CREATE TABLE scene_tile (
        scene_id TEXT NOT NULL REFERENCES scene(id) ON DELETE CASCADE,
        z INTEGER NOT NULL,
        x INTEGER NOT NULL,
        y INTEGER NOT NULL,
        data BLOB NOT NULL,
        content_type TEXT NOT NULL,
        PRIMARY KEY (scene_id, z, x, y)
      ) STRICT;

      CREATE TABLE offline_job (
        id TEXT PRIMARY KEY,
        scene_id TEXT NOT NULL REFERENCES scene(id) ON DELETE CASCADE,
        bbox TEXT NOT NULL,  -- JSON [w, s, e, n] lon/lat
        min_zoom INTEGER NOT NULL,
        max_zoom INTEGER NOT NULL,
        total INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running','paused','done','failed')),
        message TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
