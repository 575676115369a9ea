// Schema version 6: the analyst's record of effort. A row says this zone was looked at on this scene
// and everything there was marked (shared/domain.ts SceneZoneExamined); only such a clear scene is an
// absence. Projects from before examination was recorded migrate as fully examined — every scene ×
// zone pair of one site — so no number changes on upgrade; scenes imported later start unexamined.
// Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0006: Migration = {
  version: 6,
  name: 'examined',
  up(db) {
    db.exec(`
      CREATE TABLE examined (
        scene_id TEXT NOT NULL REFERENCES scene(id),
        zone_id TEXT NOT NULL REFERENCES zone(id),
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (scene_id, zone_id)
      ) STRICT;
      CREATE INDEX examined_zone ON examined(zone_id);
      INSERT INTO examined (scene_id, zone_id, by, at)
        SELECT scene.id, zone.id, 'migration', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM scene JOIN zone ON zone.site_id = scene.site_id;
    `);
  },
};
