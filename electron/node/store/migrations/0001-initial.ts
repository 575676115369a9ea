// Schema version 1: sites, zones, scenes, observability, vessels, tracks, sightings, reviews and
// the edit history. Never edit this file after it ships: add a new numbered migration instead.
import type { Migration } from './index';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE project (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE site (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aoi TEXT -- GeoJSON Polygon, lon/lat
      ) STRICT;

      CREATE TABLE zone (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES site(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('quay','berth','pier','apron','other')),
        geometry TEXT NOT NULL
      ) STRICT;
      CREATE INDEX zone_site ON zone(site_id);

      CREATE TABLE scene (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES site(id),
        acquired TEXT NOT NULL,
        provider TEXT NOT NULL,
        product TEXT NOT NULL,
        item_id TEXT,
        footprint TEXT,
        cloud_cover REAL,
        gsd REAL,
        credit TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL -- JSON SceneSource
      ) STRICT;
      CREATE INDEX scene_acquired ON scene(acquired);

      CREATE TABLE observability (
        scene_id TEXT NOT NULL REFERENCES scene(id),
        zone_id TEXT NOT NULL REFERENCES zone(id),
        value TEXT NOT NULL CHECK (value IN ('clear','partial','obscured','outside')),
        overridden INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (scene_id, zone_id)
      ) STRICT;

      CREATE TABLE vessel (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'vessel' CHECK (kind IN ('vessel','aircraft')),
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        imo TEXT,
        mmsi TEXT,
        flag TEXT,
        length_m REAL
      ) STRICT;

      CREATE TABLE track (
        id TEXT PRIMARY KEY,
        class TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE sighting (
        id TEXT PRIMARY KEY,
        scene_id TEXT NOT NULL REFERENCES scene(id),
        class TEXT NOT NULL CHECK (class IN ('vessel','container_stack','aircraft','vehicle','other')),
        geometry TEXT NOT NULL,
        zone_id TEXT REFERENCES zone(id),
        zone_overridden INTEGER NOT NULL DEFAULT 0,
        confidence TEXT NOT NULL CHECK (confidence IN ('confirmed','probable','possible')),
        count INTEGER,
        vessel_id TEXT REFERENCES vessel(id),
        track_id TEXT REFERENCES track(id),
        notes TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sighting_scene ON sighting(scene_id);

      CREATE TABLE review (
        id TEXT PRIMARY KEY,
        sighting_id TEXT NOT NULL REFERENCES sighting(id),
        reviewer TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('confirmed','disputed','rejected')),
        comment TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_sighting ON review(sighting_id);

      -- Every edit, in order: carries undo/redo and the audit trail (who changed what, when).
      CREATE TABLE edit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before TEXT, -- JSON, null for a creation
        after TEXT   -- JSON, null for a deletion
      ) STRICT;
      CREATE INDEX edit_entity ON edit(entity, entity_id);
    `);
  },
};
