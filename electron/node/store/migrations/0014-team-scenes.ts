// Schema version 14: analysts who imported the same imagery each on their own share marks on it (issue 21).
// A scene records the SHA-256 of its file's content at import (NULL for scenes from before, for URL-template
// scenes, and until a file is imported again), so the team can match it when no provider item id does.
// `team_pending` keeps what the team marked on a scene this project does not have (and the verdicts on
// those marks): nothing is lost, and it is attached as soon as matching imagery is imported.
// `team_scene` keeps what the team says such a scene is (its item id or file hash), to tell which to import.
// `team_link.last_synced_at` says when the last sync finished (reports and exports name it).
// Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0014: Migration = {
  version: 14,
  name: 'team-scenes',
  up(db) {
    db.exec(`
      ALTER TABLE scene ADD COLUMN source_sha256 TEXT;
      CREATE INDEX scene_source_sha256 ON scene(source_sha256);
      ALTER TABLE team_link ADD COLUMN last_synced_at TEXT;
      CREATE TABLE team_pending (
        entity TEXT NOT NULL CHECK (entity IN ('sighting','review')),
        entity_id TEXT NOT NULL,
        scene_key TEXT NOT NULL,    -- the team's id of the scene it waits for
        value TEXT NOT NULL,        -- JSON of the team's value, scene id as the team names it
        seq INTEGER NOT NULL,       -- the team's order of the event that left it so
        author TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id)
      ) STRICT;
      CREATE INDEX team_pending_scene ON team_pending(scene_key);
      -- What the team says a scene id it named stands for (provider item or file hash), to tell which imagery to import.
      CREATE TABLE team_scene (
        key TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        product TEXT NOT NULL,
        item_id TEXT,
        sha256 TEXT,
        acquired TEXT NOT NULL
      ) STRICT;
    `);
  },
};
