// Schema version 10: a vessel's call sign and beam (issue 18: AIS static data offers both, as a sightings
// file may). Vessels from before have neither (null). Never edit this file after it ships: add a new
// numbered migration instead.
import type { Migration } from './index';

export const migration0010: Migration = {
  version: 10,
  name: 'call-sign-beam',
  up(db) {
    db.exec(`
      ALTER TABLE vessel ADD COLUMN call_sign TEXT;
      ALTER TABLE vessel ADD COLUMN beam_m REAL;
    `);
  },
};
