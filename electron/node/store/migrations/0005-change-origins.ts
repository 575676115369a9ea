// Schema version 5: every change names its origin. Until version 4 an edit was 'local' or 'imported',
// and scene imports, derived observability and the demo wrote audit rows with no step and 'local' as
// if the analyst had made them. Now a step's and an edit row's origin is one of 'edit' (the analyst's
// undoable command), 'import', 'package' (a colleague's package), 'derived' or 'migration'.
// SQLite cannot change a CHECK constraint, so both tables are rebuilt with their rows, sequence numbers
// and indexes. Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

/** The origin of a row written before version 5: what wrote it is known from its label. */
const ORIGIN_OF_OLD_ROW = `CASE
  WHEN origin = 'imported' THEN 'package'
  WHEN step IS NULL AND label IN ('Add scene', 'Add site') THEN 'import'
  WHEN step IS NULL AND label = 'Set observability' THEN 'derived'
  ELSE 'edit' END`;

export const migration0005: Migration = {
  version: 5,
  name: 'change-origins',
  up(db) {
    // The new tables reference each other under their new names; renaming them rewrites those
    // references, so no foreign key ever points at a dropped table (foreign_keys stays ON throughout).
    db.exec(`
      CREATE TABLE edit_step_v5 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        -- Only 'edit' steps enter the local undo stack; the others are recorded as what they were.
        origin TEXT NOT NULL DEFAULT 'edit' CHECK (origin IN ('edit','import','package','derived','migration')),
        action TEXT NOT NULL DEFAULT 'edit' CHECK (action IN ('edit','undo','redo')),
        target INTEGER REFERENCES edit_step_v5(seq),
        state TEXT CHECK (state IN ('done','undone','discarded'))
      ) STRICT;
      INSERT INTO edit_step_v5 (seq, at, author, label, origin, action, target, state)
        SELECT seq, at, author, label, CASE origin WHEN 'imported' THEN 'package' ELSE 'edit' END, action, target, state FROM edit_step;

      CREATE TABLE edit_v5 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before TEXT, -- JSON, null for a creation
        after TEXT,  -- JSON, null for a deletion
        -- NULL: an audit row that belongs to no step here (another project's, or from before steps existed).
        step INTEGER REFERENCES edit_step_v5(seq),
        origin TEXT NOT NULL DEFAULT 'edit' CHECK (origin IN ('edit','import','package','derived','migration'))
      ) STRICT;
      INSERT INTO edit_v5 (seq, at, author, label, entity, entity_id, before, after, step, origin)
        SELECT seq, at, author, label, entity, entity_id, before, after, step, ${ORIGIN_OF_OLD_ROW} FROM edit;

      DROP TABLE edit;
      DROP TABLE edit_step;
      ALTER TABLE edit_step_v5 RENAME TO edit_step;
      ALTER TABLE edit_v5 RENAME TO edit;
      CREATE INDEX edit_step_state ON edit_step(state, seq);
      CREATE INDEX edit_entity ON edit(entity, entity_id);
      CREATE INDEX edit_step_rows ON edit(step);
    `);
  },
};
