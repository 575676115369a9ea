// Schema version 11: a scene's sensor (optical or radar) and what its metadata says about how it was taken
// (issue 19: STAC items, SAR products). Scenes from before are optical with nothing known ('{}'), which is
// what every earlier importer brought in. Never edit this file after it ships: add a new numbered migration.
import type { Migration } from './index';

export const migration0011: Migration = {
  version: 11,
  name: 'scene-sensor',
  up(db) {
    db.exec(`
      ALTER TABLE scene ADD COLUMN sensor TEXT NOT NULL DEFAULT 'optical' CHECK (sensor IN ('optical', 'sar'));
      ALTER TABLE scene ADD COLUMN acquisition TEXT NOT NULL DEFAULT '{}';
    `);
  },
};
