// A test per migration: a database at the previous version opens, is backed up, and is migrated.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './index';
import { ProjectStore, APPLICATION_ID } from '../projectStore';
import { tempDir } from '../../../testing/tmp';
import { computeVisits } from '../../../../shared/analysis';
import { analysisInputOf, loadProjectData } from '../../export/projectData';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A Quaywatch file stopped at `version`, as an older Quaywatch would have left it. */
function databaseAt(file: string, version: number) {
  const db = new Database(file);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS) if (m.version <= version) m.up(db);
  db.pragma(`user_version = ${version}`);
  if (version >= 1) db.prepare("INSERT INTO project (id, name, created_at) VALUES ('p', 'Old', '2024-01-01T00:00:00.000Z')").run();
  db.close();
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  for (const m of MIGRATIONS) {
    it(`${String(m.version).padStart(4, '0')}-${m.name}: opens a version ${m.version - 1} database and migrates it`, () => {
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, m.version - 1);
      if (m.version === 1) {
        // Version 0 has no project row: migration 1 creates the tables (and later ones run on), the row comes from create().
        const db = new Database(file);
        ProjectStore.migrate(db, 0);
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        db.close();
        return;
      }
      const store = ProjectStore.open(file, { author: 't' });
      expect(store.project().schemaVersion).toBe(SCHEMA_VERSION);
      store.close();
      expect(fs.existsSync(`${file}.v${m.version - 1}.bak`)).toBe(true);
    });
  }

  // Examined (version 6): a project from before it was recorded is finished work, so it migrates fully
  // examined and no number changes on upgrade: a ship seen on days 1 and 3 of a quay clear on day 2 is
  // two visits before and after (unexamined, day 2 would join them into one).
  for (const from of MIGRATIONS.filter((m) => m.version < 6).map((m) => m.version)) {
    it(`a version ${from} project with scenes and marks migrates fully examined: its visits do not change`, () => {
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, from);
      const db = new Database(file);
      const square = JSON.stringify({ type: 'Polygon', coordinates: [[[130, 42], [130.01, 42], [130.01, 42.01], [130, 42.01], [130, 42]]] });
      db.prepare("INSERT INTO site (id, name) VALUES ('site', 'Port')").run();
      db.prepare("INSERT INTO zone (id, site_id, name, kind, geometry) VALUES ('z', 'site', 'Pier 1', 'quay', ?)").run(square);
      db.prepare("INSERT INTO vessel (id, name) VALUES ('v', 'Angara')").run();
      for (const d of [1, 2, 3]) {
        db.prepare("INSERT INTO scene (id, site_id, acquired, provider, product, source) VALUES (?, 'site', ?, 'Planet', 'PSScene', '{}')").run(`s${d}`, `2025-01-0${d}T01:00:00.000Z`);
      }
      for (const d of [1, 3]) {
        db.prepare(
          "INSERT INTO sighting (id, scene_id, class, geometry, zone_id, confidence, vessel_id, author, created_at, updated_at) VALUES (?, ?, 'vessel', ?, 'z', 'confirmed', 'v', 'a', '', '')",
        ).run(`g${d}`, `s${d}`, JSON.stringify({ type: 'Point', coordinates: [130.005, 42.005] }));
      }
      db.close();
      const store = ProjectStore.open(file, { author: 't' });
      try {
        expect(store.examined().map((e) => e.sceneId).sort()).toEqual(['s1', 's2', 's3']);
        expect(computeVisits(analysisInputOf(loadProjectData(store)), { minConfidence: 'possible' })).toHaveLength(2);
      } finally {
        store.close();
      }
    });
  }

  it('rolls a failing migration back whole, leaving user_version as it was', () => {
    const file = path.join(tmp.dir, 'x.quaywatch');
    const db = new Database(file);
    const failing = { version: 1, name: 'bad', up: (d: Database.Database) => { d.exec('CREATE TABLE a (x INTEGER) STRICT'); throw new Error('boom'); } };
    expect(() => db.transaction(() => { failing.up(db); db.pragma('user_version = 1'); })()).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });
});

// AIS (version 8): a project from any older version opens with empty AIS tables that take an import.
describe('0008-ais', () => {
  for (const from of MIGRATIONS.filter((m) => m.version < 8).map((m) => m.version)) {
    it(`a version ${from} project gains empty AIS tables`, async () => {
      const { aisHoldings, AisImportWriter } = await import('../ais');
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, from);
      const store = ProjectStore.open(file, { author: 't' });
      try {
        expect(aisHoldings(store)).toEqual({ positions: 0, statics: 0, vessels: 0, from: null, to: null, imports: [] });
        const w = AisImportWriter.begin(store);
        w.position(Date.UTC(2025, 0, 14), { mmsi: 2731234, lon: 130.3, lat: 42.25, sog: null, cog: null, heading: null, navStatus: null });
        w.commit({ state: 'done', files: [], read: 1, kept: 1, outside: 0, statics: 0, duplicates: 0, bad: {}, vessels: 1, from: null, to: null, bufferKm: 30, importId: null }, 'Import AIS');
        expect(aisHoldings(store)).toMatchObject({ positions: 1, vessels: 1, from: '2025-01-14T00:00:00.000Z' });
      } finally {
        store.close();
      }
    });
  }
});

// Settings (version 9): a project from any older version opens with the default AIS thresholds and
// keeps a changed one (one undoable step) across a reopen.
describe('0009-settings', () => {
  for (const from of MIGRATIONS.filter((m) => m.version < 9).map((m) => m.version)) {
    it(`a version ${from} project uses the default AIS thresholds and can change them`, async () => {
      const { aisSettingsOf, setAisSettings } = await import('../ais');
      const { DEFAULT_AIS_SETTINGS } = await import('../../../../shared/ais/types');
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, from);
      let store = ProjectStore.open(file, { author: 't' });
      try {
        expect(aisSettingsOf(store)).toEqual(DEFAULT_AIS_SETTINGS);
        setAisSettings(store, { windowMin: 45 });
      } finally {
        store.close();
      }
      store = ProjectStore.open(file, { author: 't' });
      try {
        expect(aisSettingsOf(store)).toEqual({ ...DEFAULT_AIS_SETTINGS, windowMin: 45 });
      } finally {
        store.close();
      }
    });
  }
});

// Call sign and beam (version 10): a project from any older version opens, its vessels with neither
// (null) and every other field as it was; a call sign set afterwards is kept across a reopen.
describe('0010-call-sign-beam', () => {
  for (const from of MIGRATIONS.filter((m) => m.version < 10).map((m) => m.version)) {
    it(`a version ${from} project's vessels get a null call sign and beam, and can be given one`, async () => {
      const { editingOf } = await import('../editing');
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, from);
      const db = new Database(file);
      db.prepare("INSERT INTO vessel (id, kind, name, aliases, imo, mmsi, flag, length_m) VALUES ('v', 'vessel', 'Angara', '[\"Lady R\"]', '9179842', '273351220', 'RU', 123.5)").run();
      db.close();
      let store = ProjectStore.open(file, { author: 't' });
      try {
        expect(store.vessels()).toEqual([
          { id: 'v', kind: 'vessel', name: 'Angara', aliases: ['Lady R'], imo: '9179842', mmsi: '273351220', flag: 'RU', lengthM: 123.5, callSign: null, beamM: null },
        ]);
        editingOf(store).updateVessel('v', { callSign: 'UBCD7', beamM: 19 });
      } finally {
        store.close();
      }
      store = ProjectStore.open(file, { author: 't' });
      try {
        expect(store.vessels()[0]).toMatchObject({ lengthM: 123.5, callSign: 'UBCD7', beamM: 19 });
      } finally {
        store.close();
      }
    });
  }
});

// Sensor (version 11): scenes from before are optical with nothing known of their acquisition, every other
// field as it was (their observability, hence every number, does not change); a radar scene is kept as one.
describe('0011-scene-sensor', () => {
  for (const from of [2, 10]) {
    it(`a version ${from} project's scenes open as optical, and a radar scene can be added beside them`, () => {
      const file = path.join(tmp.dir, 'old.quaywatch');
      databaseAt(file, from);
      const db = new Database(file);
      db.prepare("INSERT INTO site (id, name) VALUES ('site', 'Port')").run();
      db.prepare(
        "INSERT INTO scene (id, site_id, acquired, provider, product, item_id, footprint, cloud_cover, gsd, credit, source) VALUES ('s', 'site', '2025-01-14T01:38:45.000Z', 'Planet', 'PSScene', 'x', NULL, 0.1, 3, '© Planet Labs PBC', ?)",
      ).run(JSON.stringify({ kind: 'geotiff', path: 'a.tif' }));
      db.close();
      const store = ProjectStore.open(file, { author: 't' });
      try {
        expect(store.scenes()).toEqual([
          {
            id: 's', siteId: 'site', acquired: '2025-01-14T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: 'x', footprint: null,
            cloudCover: 0.1, gsd: 3, credit: '© Planet Labs PBC', source: { kind: 'geotiff', path: 'a.tif' }, sensor: 'optical', acquisition: {},
          },
        ]);
        const sar = store.createScene({
          siteId: 'site', acquired: '2025-01-15T21:10:00.000Z', provider: 'Capella', product: 'GEO', itemId: 'c', footprint: null, cloudCover: null,
          gsd: 1, credit: '© Capella Space', source: { kind: 'geotiff', path: 'c.tif' }, sensor: 'sar',
          acquisition: { platform: 'capella-10', instrumentMode: 'SPOTLIGHT', polarizations: ['HH'], orbitState: 'descending' },
        });
        expect(store.scenes().find((s) => s.id === sar.id)).toMatchObject({ sensor: 'sar', acquisition: { platform: 'capella-10', polarizations: ['HH'] } });
      } finally {
        store.close();
      }
    });
  }
});

// AIS import seq (version 15): a version 12 project's AIS rows, written under their import's UUID, come
// through with every value and in the same order, each now naming its import by the import's seq; the
// imports keep their UUIDs (the history names them) and a later import takes the next seq.
describe('0015-ais-import-seq', () => {
  it('a version 12 project keeps its AIS rows and imports, each row linked to its import by seq', async () => {
    const { aisHoldings, aisPositionsOf, aisStatics, AisImportWriter } = await import('../ais');
    const file = path.join(tmp.dir, 'old.quaywatch');
    databaseAt(file, 12);
    const db = new Database(file);
    const importRow = db.prepare("INSERT INTO ais_import (id, at, author, files, buffer_km, summary) VALUES (?, ?, 'old', '[]', 30, ?)");
    importRow.run('b-second', '2025-02-01T00:00:00.000Z', JSON.stringify({ kept: 1, statics: 0 }));
    importRow.run('a-first', '2025-01-01T00:00:00.000Z', JSON.stringify({ kept: 2, statics: 1 }));
    const position = db.prepare('INSERT INTO ais_position (mmsi, t, lon, lat, sog, cog, heading, nav_status, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    position.run(2731234, 2000, 130.3, 42.25, 12.5, null, 511, 0, 'a-first');
    position.run(2731234, 1000, 130.2, 42.2, null, 90.1, null, null, 'a-first');
    position.run(2731234, 3000, 130.4, 42.3, 0.1, 1, 2, 5, 'b-second');
    db.prepare('INSERT INTO ais_static (mmsi, t, name, imo, call_sign, ship_type, length_m, width_m, draught_m, destination, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(2731234, 1500, 'ANGARA', '9179842', 'UBCL7', 70, 120, 18, 6.5, 'RAJIN', 'a-first');
    const before = db.prepare('SELECT mmsi, t, lon, lat, sog, cog, heading, nav_status FROM ais_position ORDER BY rowid').raw().all();
    db.close();
    const store = ProjectStore.open(file, { author: 't' });
    try {
      const migrated = databaseOfFile(file);
      expect(migrated.prepare('SELECT mmsi, t, lon, lat, sog, cog, heading, nav_status FROM ais_position ORDER BY rowid').raw().all()).toEqual(before);
      expect(migrated.prepare('SELECT seq, id FROM ais_import ORDER BY seq').raw().all()).toEqual([[1, 'a-first'], [2, 'b-second']]);
      expect(migrated.prepare('SELECT import_seq FROM ais_position ORDER BY rowid').raw().all()).toEqual([[1], [1], [2]]);
      expect(migrated.prepare('SELECT import_seq FROM ais_static').raw().all()).toEqual([[1]]);
      expect(migrated.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name LIKE 'ais_%' AND sql IS NOT NULL ORDER BY name").raw().all()).toEqual([['ais_position_mmsi_t'], ['ais_position_t'], ['ais_static_mmsi_t']]);
      migrated.close();
      expect(aisPositionsOf(store, '002731234', 0, 5000).map((p) => [p.t, p.sog, p.cog, p.heading, p.navStatus])).toEqual([[1000, null, 90.1, null, null], [2000, 12.5, null, 511, 0], [3000, 0.1, 1, 2, 5]]);
      expect(aisStatics(store)).toMatchObject([{ mmsi: '002731234', name: 'ANGARA', callSign: 'UBCL7' }]);
      expect(aisHoldings(store).imports.map((i) => i.id)).toEqual(['a-first', 'b-second']);
      const w = AisImportWriter.begin(store);
      w.position(4000, { mmsi: 2731234, lon: 130.5, lat: 42.3, sog: null, cog: null, heading: null, navStatus: null });
      w.commit({ state: 'done', files: [], read: 1, kept: 1, outside: 0, statics: 0, duplicates: 0, bad: {}, vessels: 1, from: null, to: null, bufferKm: 30, importId: null }, 'Import AIS');
      const after = databaseOfFile(file);
      expect(after.prepare('SELECT import_seq FROM ais_position WHERE t = 4000').raw().all()).toEqual([[3]]);
      expect(after.prepare('SELECT seq, id FROM ais_import WHERE seq = 3').raw().get()).toEqual([3, w.importId]);
      after.close();
    } finally {
      store.close();
    }
  });
});

/** A second, read-only connection to a project file (the store keeps its own open). */
function databaseOfFile(file: string) {
  return new Database(file, { readonly: true });
}
