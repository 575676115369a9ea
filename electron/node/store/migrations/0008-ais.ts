// Schema version 8: AIS beside the imagery (issue 18). Positions and static data from the analyst's AIS
// logs, each row naming the import that brought it (one `ais_import` row per import, recorded in the
// history as a step of origin 'import'). MMSIs are stored as integers (nine digits, read back padded:
// 002… coast stations keep their zeros), times as ms since the epoch (UTC).
// Indexed for "positions of vessel V between t1 and t2" (mmsi, t) and "vessels near zone Z at time t"
// (t: the window around a scene's instant is short, its rows are then filtered by the box).
// No foreign key from the rows to their import: checking one per row would slow a 10-million-row
// import, and the rows are only ever written and removed with their import, by the store.
// Older projects gain empty tables. Never edit this file after it ships: add a new numbered migration.
import type { Migration } from './index';

export const migration0008: Migration = {
  version: 8,
  name: 'ais',
  up(db) {
    db.exec(`
      CREATE TABLE ais_import (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        files TEXT NOT NULL,      -- JSON: the paths read, as given
        buffer_km REAL NOT NULL,
        summary TEXT NOT NULL     -- JSON: AisImportSummary (counts, bad lines by reason, time range)
      ) STRICT;
      CREATE TABLE ais_position (
        mmsi INTEGER NOT NULL,
        t INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        sog REAL,
        cog REAL,
        heading REAL,
        nav_status INTEGER,
        import_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ais_position_mmsi_t ON ais_position(mmsi, t);
      CREATE INDEX ais_position_t ON ais_position(t);
      CREATE TABLE ais_static (
        mmsi INTEGER NOT NULL,
        t INTEGER NOT NULL,
        name TEXT,
        imo TEXT,
        call_sign TEXT,
        ship_type INTEGER,
        length_m REAL,
        width_m REAL,
        draught_m REAL,
        destination TEXT,
        import_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ais_static_mmsi_t ON ais_static(mmsi, t);
    `);
  },
};
