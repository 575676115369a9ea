// Schema version 3: the undo history. Edits are grouped into labelled steps; each step knows whether
// it was made here or imported from a colleague, and whether it is currently undone. Never edit this
// file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0003: Migration = {
  version: 3,
  name: 'history',
  up(db) {
    db.exec(`
      -- One user command ("Delete 3 sightings"), or the undo/redo of one. Its entity changes are the
      -- edit rows that point at it.
      CREATE TABLE edit_step (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        -- 'imported' steps came from a colleague's package: they never enter the local undo stack.
        origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','imported')),
        action TEXT NOT NULL DEFAULT 'edit' CHECK (action IN ('edit','undo','redo')),
        -- For an undo/redo: the edit step it reversed or reapplied.
        target INTEGER REFERENCES edit_step(seq),
        -- For a local edit: 'done' (on the undo stack), 'undone' (on the redo stack), or 'discarded'
        -- (a later edit cleared the redo stack, or it can no longer be undone). NULL otherwise.
        state TEXT CHECK (state IN ('done','undone','discarded'))
      ) STRICT;
      CREATE INDEX edit_step_state ON edit_step(state, seq);

      -- Edits written before this version (and by code that writes no step) have no step: they are
      -- in the audit trail but were never undoable.
      ALTER TABLE edit ADD COLUMN step INTEGER REFERENCES edit_step(seq);
      ALTER TABLE edit ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','imported'));
      CREATE INDEX edit_step_rows ON edit(step);
    `);
  },
};
