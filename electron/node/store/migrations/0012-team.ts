// Schema version 12: a project can join a team workspace (issue 21). Changes pulled from the team are
// steps of a new origin, 'team' (SQLite cannot change a CHECK constraint, so the two history tables are
// rebuilt with their rows, sequence numbers and indexes, as in version 5). `team_link` remembers the
// workspace (its address without password, this replica's id) and how far this project has pushed its
// history and pulled the team's; `team_conflict` keeps every change the team could not apply, with the
// team's value beside it, as a review item. Never edit this file after it ships: add a new migration.
import type { Migration } from './index';

const ORIGINS = "('edit','import','package','derived','migration','team')";

export const migration0012: Migration = {
  version: 12,
  name: 'team',
  up(db) {
    db.exec(`
      CREATE TABLE edit_step_v12 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'edit' CHECK (origin IN ${ORIGINS}),
        action TEXT NOT NULL DEFAULT 'edit' CHECK (action IN ('edit','undo','redo')),
        target INTEGER REFERENCES edit_step_v12(seq),
        state TEXT CHECK (state IN ('done','undone','discarded'))
      ) STRICT;
      INSERT INTO edit_step_v12 (seq, at, author, label, origin, action, target, state)
        SELECT seq, at, author, label, origin, action, target, state FROM edit_step;
      CREATE TABLE edit_v12 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        step INTEGER REFERENCES edit_step_v12(seq),
        origin TEXT NOT NULL DEFAULT 'edit' CHECK (origin IN ${ORIGINS})
      ) STRICT;
      INSERT INTO edit_v12 (seq, at, author, label, entity, entity_id, before, after, step, origin)
        SELECT seq, at, author, label, entity, entity_id, before, after, step, origin FROM edit;
      DROP TABLE edit;
      DROP TABLE edit_step;
      ALTER TABLE edit_step_v12 RENAME TO edit_step;
      ALTER TABLE edit_v12 RENAME TO edit;
      CREATE INDEX edit_step_state ON edit_step(state, seq);
      CREATE INDEX edit_entity ON edit(entity, entity_id);
      CREATE INDEX edit_step_rows ON edit(step);

      CREATE TABLE team_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,          -- postgres://LOGIN@HOST:PORT/DB?…, never with a password
        workspace TEXT NOT NULL,    -- the workspace's id (a project joins one workspace)
        replica TEXT NOT NULL,      -- this project's id in the team's log
        author TEXT NOT NULL,       -- the analyst name the workspace knows this login by
        pushed_through INTEGER NOT NULL DEFAULT 0, -- edit.seq up to which this history is in the team's log
        pulled_through INTEGER NOT NULL DEFAULT 0  -- the team's seq up to which its events are applied here
      ) STRICT;
      CREATE TABLE team_conflict (
        event_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,       -- the team's order
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        author TEXT NOT NULL,       -- who proposed the change the team could not apply
        label TEXT NOT NULL,
        proposed TEXT,              -- JSON of what they proposed (null: a deletion)
        team_value TEXT,            -- JSON of what the team had (null: it was gone)
        reason TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','settled'))
      ) STRICT;
    `);
  },
};
