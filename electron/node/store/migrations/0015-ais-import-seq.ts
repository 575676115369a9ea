// Schema version 15: each AIS row names its import by a small integer, not by the import's UUID text.
// A 10-million-row import wrote the same 36 characters ten million times (0.37 GB, nearly half of every
// position row) and bound a string per row: the rows now carry `import_seq`, the `seq` of their
// `ais_import` row (an integer primary key, 1, 2, …; the UUID stays as its `id`, named by the history).
// The tables are rebuilt with their rows in the same order and their indexes; a row whose import is
// missing (no Quaywatch writes one) keeps import_seq 0 rather than being dropped.
// Never edit this file after it ships: add a new numbered migration.
import type { Migration } from './index';

export const migration0015: Migration = {
  version: 15,
  name: 'ais-import-seq',
  up(db) {
    db.exec(`
      CREATE TABLE ais_import_v13 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        files TEXT NOT NULL,      -- JSON: the paths read, as given
        buffer_km REAL NOT NULL,
        summary TEXT NOT NULL     -- JSON: AisImportSummary (counts, bad lines by reason, time range)
      ) STRICT;
      INSERT INTO ais_import_v13 (id, at, author, files, buffer_km, summary)
        SELECT id, at, author, files, buffer_km, summary FROM ais_import ORDER BY at, rowid;
      CREATE TABLE ais_position_v13 (
        mmsi INTEGER NOT NULL,
        t INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        sog REAL,
        cog REAL,
        heading REAL,
        nav_status INTEGER,
        import_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO ais_position_v13 (mmsi, t, lon, lat, sog, cog, heading, nav_status, import_seq)
        SELECT p.mmsi, p.t, p.lon, p.lat, p.sog, p.cog, p.heading, p.nav_status, coalesce(i.seq, 0)
        FROM ais_position p LEFT JOIN ais_import_v13 i ON i.id = p.import_id ORDER BY p.rowid;
      CREATE TABLE ais_static_v13 (
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
        import_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO ais_static_v13 (mmsi, t, name, imo, call_sign, ship_type, length_m, width_m, draught_m, destination, import_seq)
        SELECT s.mmsi, s.t, s.name, s.imo, s.call_sign, s.ship_type, s.length_m, s.width_m, s.draught_m, s.destination, coalesce(i.seq, 0)
        FROM ais_static s LEFT JOIN ais_import_v13 i ON i.id = s.import_id ORDER BY s.rowid;
      DROP TABLE ais_position;
      DROP TABLE ais_static;
      DROP TABLE ais_import;
      ALTER TABLE ais_import_v13 RENAME TO ais_import;
      ALTER TABLE ais_position_v13 RENAME TO ais_position;
      ALTER TABLE ais_static_v13 RENAME TO ais_static;
      CREATE INDEX ais_position_mmsi_t ON ais_position(mmsi, t);
      CREATE INDEX ais_position_t ON ais_position(t);
      CREATE INDEX ais_static_mmsi_t ON ais_static(mmsi, t);
    `);
  },
};
