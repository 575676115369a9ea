// OGC GeoPackage 1.3 written with better-sqlite3, for QGIS: layers zones, sightings (boxes, and every sighting's anchor point), visits (at their zone) and scenes (footprints), each with an R-tree index.
import Database from 'better-sqlite3';
import type { AnalysisCache } from '../../../shared/analysis';
import { envelopeOf, toGpkgGeometry, unionEnvelope, type Envelope, type ExportGeometry } from './geometryCodecs';
import { AIS_TRACK_FIELDS, SCENE_FIELDS, SIGHTING_FIELDS, VISIT_FIELDS, ZONE_FIELDS, aisTrackAttrs, sceneAttrs, sightingAttrs, visitAttrs, zoneAttrs, type Attrs, type FieldType, type Schema } from './features';
import { aisTrackLines } from '../../../shared/ais';
import type { AisEvidence } from '../ais/aisAnalysis';
import { geometryCentre, lookupsOf, type ProjectData } from './projectData';

/** 'GPKG' in the SQLite header's application_id, and 1.3.0 in user_version (OGC 12-128r18 §1.1.1.1.1). */
export const GPKG_APPLICATION_ID = 0x47504b47;
export const GPKG_USER_VERSION = 10300;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],' +
  'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const SQL_TYPE: Record<FieldType, string> = { text: 'TEXT', integer: 'INTEGER', real: 'DOUBLE', boolean: 'BOOLEAN', datetime: 'DATETIME' };

/** What can be asked for; 'sightings' is written as two layers (SIGHTING_LAYERS). */
export type GpkgLayerName = 'zones' | 'sightings' | 'visits' | 'scenes' | 'ais_tracks';

/**
 * Sightings are points or boxes. One layer of mixed geometry (type GEOMETRY) makes QGIS split it into
 * sub-layers and ask which to load; one layer per geometry type loads at once: the boxes as drawn, and
 * every sighting (box or point) at its anchor, so a points-only map still shows them all.
 */
export const SIGHTING_LAYERS = { boxes: 'sightings_boxes', points: 'sightings_points' } as const;

interface Layer {
  name: string;
  description: string;
  geometryType: 'POINT' | 'POLYGON' | 'LINESTRING';
  fields: Schema;
  rows: { geometry: ExportGeometry | null; attrs: Attrs }[];
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

function createCoreTables(db: Database.Database) {
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
      z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_extensions (
      table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,
      CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
  `);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
  srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
  srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
}

/** The R-tree triggers of the gpkg_rtree_index extension (OGC 12-128r18 Annex F.3); they run in GDAL/QGIS, which register ST_*. */
function rtreeTriggers(t: string): string {
  const r = q(`rtree_${t}_geom`);
  const tt = q(t);
  const ins = `INSERT OR REPLACE INTO ${r} VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));`;
  return `
    CREATE TRIGGER ${q(`rtree_${t}_geom_insert`)} AFTER INSERT ON ${tt} WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
    BEGIN ${ins} END;
    CREATE TRIGGER ${q(`rtree_${t}_geom_update1`)} AFTER UPDATE OF geom ON ${tt} WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
    BEGIN ${ins} END;
    CREATE TRIGGER ${q(`rtree_${t}_geom_update2`)} AFTER UPDATE OF geom ON ${tt} WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
    BEGIN DELETE FROM ${r} WHERE id = OLD.fid; END;
    CREATE TRIGGER ${q(`rtree_${t}_geom_update3`)} AFTER UPDATE ON ${tt} WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
    BEGIN DELETE FROM ${r} WHERE id = OLD.fid; ${ins} END;
    CREATE TRIGGER ${q(`rtree_${t}_geom_update4`)} AFTER UPDATE ON ${tt} WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
    BEGIN DELETE FROM ${r} WHERE id IN (OLD.fid, NEW.fid); END;
    CREATE TRIGGER ${q(`rtree_${t}_geom_delete`)} AFTER DELETE ON ${tt} WHEN old.geom NOT NULL
    BEGIN DELETE FROM ${r} WHERE id = OLD.fid; END;`;
}

function writeLayer(db: Database.Database, layer: Layer) {
  const t = layer.name;
  const cols = layer.fields.map(([n, ty]) => `${q(n)} ${SQL_TYPE[ty]}`).join(', ');
  db.exec(`CREATE TABLE ${q(t)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}, ${cols})`);
  const names = layer.fields.map(([n]) => n);
  const insert = db.prepare(`INSERT INTO ${q(t)} (geom, ${names.map(q).join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`);
  db.exec(`CREATE VIRTUAL TABLE ${q(`rtree_${t}_geom`)} USING rtree(id, minx, maxx, miny, maxy)`);
  const index = db.prepare(`INSERT INTO ${q(`rtree_${t}_geom`)} VALUES (?, ?, ?, ?, ?)`);
  let extent: Envelope | null = null;
  for (const row of layer.rows) {
    const values = names.map((n) => {
      const v = row.attrs[n] ?? null;
      return typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    const info = insert.run(row.geometry ? toGpkgGeometry(row.geometry) : null, ...values);
    if (row.geometry) {
      const [minX, minY, maxX, maxY] = envelopeOf(row.geometry);
      index.run(info.lastInsertRowid, minX, maxX, minY, maxY);
      extent = unionEnvelope(extent, [minX, minY, maxX, maxY]);
    }
  }
  db.prepare(
    `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)`,
  ).run(t, t, layer.description, ...(extent ?? [null, null, null, null]));
  db.prepare(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)`).run(t, layer.geometryType);
  db.prepare(`INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`).run(t);
  // Triggers last: the rows above were indexed by hand, since plain SQLite has no ST_* functions.
  db.exec(rtreeTriggers(t));
}

export function gpkgLayers(data: ProjectData, cache: AnalysisCache, parts: GpkgLayerName[], ais: AisEvidence | null = null): Layer[] {
  const lk = lookupsOf(data, ais);
  const siteName = (id: string) => data.sites.find((s) => s.id === id)?.name ?? '';
  const layers: Layer[] = [];
  if (parts.includes('zones')) {
    layers.push({ name: 'zones', description: 'Zones (quays, berths, aprons) where objects are counted', geometryType: 'POLYGON', fields: ZONE_FIELDS,
      rows: data.zones.map((z) => ({ geometry: z.geometry, attrs: zoneAttrs(z, siteName) })) });
  }
  if (parts.includes('sightings')) {
    layers.push({ name: SIGHTING_LAYERS.boxes, description: 'Objects marked as boxes on scenes (oriented boxes, as drawn)', geometryType: 'POLYGON', fields: SIGHTING_FIELDS,
      rows: data.sightings.filter((s) => s.geometry.type === 'Polygon').map((s) => ({ geometry: s.geometry, attrs: sightingAttrs(s, lk) })) });
    layers.push({ name: SIGHTING_LAYERS.points, description: "Every object marked on scenes, at its point or its box's centre", geometryType: 'POINT', fields: [...SIGHTING_FIELDS, ['anchor', 'text']],
      rows: data.sightings.map((s) => ({
        geometry: { type: 'Point', coordinates: geometryCentre(s.geometry) },
        attrs: { ...sightingAttrs(s, lk), anchor: s.geometry.type === 'Point' ? 'point' : 'box centre' },
      })) });
  }
  if (parts.includes('visits')) {
    const rows = (['vessel', 'track'] as const).flatMap((kind) =>
      cache.visits(kind).map((v) => ({ geometry: lk.zone.get(v.zoneId)?.geometry ?? null, attrs: visitAttrs(v, kind, lk) })),
    );
    layers.push({ name: 'visits', description: 'Visits and track dwell, drawn at their zone, with arrival/departure brackets', geometryType: 'POLYGON', fields: VISIT_FIELDS, rows });
  }
  if (parts.includes('scenes')) {
    layers.push({ name: 'scenes', description: 'Scene footprints with acquisition time and imagery credit', geometryType: 'POLYGON', fields: SCENE_FIELDS,
      rows: data.scenes.map((s) => ({ geometry: s.footprint, attrs: sceneAttrs(s) })) });
  }
  if (parts.includes('ais_tracks') && ais) {
    layers.push({ name: 'ais_tracks', description: 'AIS tracks: one line per MMSI and UTC day, broken at AIS gaps', geometryType: 'LINESTRING', fields: AIS_TRACK_FIELDS,
      rows: aisTrackLines(ais.index, ais.settings).map((l) => ({ geometry: { type: 'LineString', coordinates: l.coordinates }, attrs: aisTrackAttrs(l, ais.names, lk) })) });
  }
  return layers;
}

/** Writes a new GeoPackage at `file` (which must not exist yet: the caller writes to a temporary name and renames). */
export function writeGeoPackage(file: string, data: ProjectData, cache: AnalysisCache, parts: GpkgLayerName[], ais: AisEvidence | null = null): void {
  const db = new Database(file);
  try {
    db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
    db.pragma(`user_version = ${GPKG_USER_VERSION}`);
    db.transaction(() => {
      createCoreTables(db);
      for (const layer of gpkgLayers(data, cache, parts, ais)) writeLayer(db, layer);
    })();
  } finally {
    db.close();
  }
}
