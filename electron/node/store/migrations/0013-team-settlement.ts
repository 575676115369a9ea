// Schema version 13: a team conflict is settled by an event every replica receives (issue 21). A
// settlement is an entity of the one history ('settlement', its id the conflict's event id, the same on
// every replica), so it is pushed, pulled and undone like any edit; a conflict with a settlement is
// closed. `team_link.active` lets a project leave its workspace and join it again later without losing
// its cursors (joining anew would send its whole history a second time). Never edit this file after it ships.
import type { Migration } from './index';

export const migration0013: Migration = {
  version: 13,
  name: 'team-settlement',
  up(db) {
    db.exec(`
      CREATE TABLE team_settlement (
        id TEXT PRIMARY KEY,        -- the settled conflict's event id (team_conflict.event_id)
        keep TEXT NOT NULL CHECK (keep IN ('proposed','team'))
      ) STRICT;
      ALTER TABLE team_link ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
    `);
  },
};
