// Schema version 7: every sighting records how it came to be (origin: marked, carried, ghost, imported,
// package, with the file or colleague in origin_detail) and whether the analyst verified it on its own
// scene. Sightings from before are taken as marked and verified, so no number changes on upgrade.
// Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0007: Migration = {
  version: 7,
  name: 'provenance',
  up(db) {
    db.exec(`
      ALTER TABLE sighting ADD COLUMN origin TEXT NOT NULL DEFAULT 'marked' CHECK (origin IN ('marked','carried','ghost','imported','package'));
      ALTER TABLE sighting ADD COLUMN origin_detail TEXT NOT NULL DEFAULT '';
      ALTER TABLE sighting ADD COLUMN verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1));
      CREATE INDEX sighting_unverified ON sighting(scene_id) WHERE verified = 0;
    `);
  },
};
