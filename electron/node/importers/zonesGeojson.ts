// Imports zones (quays, berths, piers, aprons) from a GeoJSON file: re-importing the same names updates them, never duplicates.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ZONE_KINDS, type PolygonGeometry, type Site, type ZoneKind } from '../../../shared/domain';
import { rederiveSightingZones } from '../store/editing';
import { historyOf } from '../store/history';
import type { ProjectStore } from '../store/projectStore';
import { checkPolygon, featureWhere, fileError, propertiesOf, readGeoJsonFeatures } from './importFiles';

export interface ZonesImportResult {
  created: number;
  updated: number;
  unchanged: number;
  sitesCreated: string[];
  /** Sightings whose zone (by containment) changed because zones were added or reshaped. */
  sightingsRezoned: number;
}

interface ZoneRow {
  where: string;
  name: string;
  kind: ZoneKind;
  site: string | null;
  geometry: PolygonGeometry;
}

const MAX_NAME = 200;

function optionalText(v: unknown, field: string, fail: (m: string) => never): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') fail(`"${field}" must be text`);
  const t = (v as string).trim();
  if (t.length > MAX_NAME) fail(`"${field}" is longer than ${MAX_NAME} characters`);
  return t || null;
}

/** Reads and checks every feature first; nothing is written unless the whole file is good. */
export function readZonesGeojson(file: string): ZoneRow[] {
  const rows: ZoneRow[] = [];
  const seen = new Map<string, string>();
  for (const f of readGeoJsonFeatures(file)) {
    const where = featureWhere(f);
    const fail = (m: string): never => {
      throw fileError(file, where, m);
    };
    const p = propertiesOf(f);
    const name = optionalText(p.name, 'name', fail);
    if (!name) fail('the zone has no "name" property');
    const kindRaw = optionalText(p.kind, 'kind', fail) ?? 'quay';
    const kind = kindRaw.toLowerCase() as ZoneKind;
    if (!ZONE_KINDS.includes(kind)) fail(`"kind" is "${kindRaw}"; use one of ${ZONE_KINDS.join(', ')}`);
    const site = optionalText(p.site, 'site', fail);
    const geometry = checkPolygon(f.feature.geometry);
    if (typeof geometry === 'string') fail(geometry);
    const key = name!.toLowerCase();
    if (seen.has(key)) fail(`zone "${name}" appears twice in the file (first at ${seen.get(key)})`);
    seen.set(key, where);
    rows.push({ where, name: name!, kind, site, geometry: geometry as PolygonGeometry });
  }
  if (rows.length === 0) throw fileError(file, null, 'the file has no features');
  return rows;
}

const sameGeometry = (a: PolygonGeometry, b: PolygonGeometry) => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/**
 * Zone names are unique in a project (as in the app), so a zone is matched by name, case-insensitive.
 * Site rule: a feature's `site` names the zone's site (created if missing). Without one, a new zone
 * goes to the project's only site, or to a new site named after the project when there is none yet;
 * with several sites the feature must say which. The whole file is one undoable step.
 */
export function importZonesGeojson(store: ProjectStore, file: string): ZonesImportResult {
  const rows = readZonesGeojson(file);
  const result: ZonesImportResult = { created: 0, updated: 0, unchanged: 0, sitesCreated: [], sightingsRezoned: 0 };
  historyOf(store).run(`Import zones from ${path.basename(file)}`, (tx) => {
    const sites = store.sites();
    const siteByName = new Map(sites.map((s) => [s.name.toLowerCase(), s]));
    const siteFor = (row: ZoneRow, current: Site | null): Site => {
      const name = row.site ?? current?.name ?? (sites.length === 1 ? sites[0]!.name : sites.length === 0 ? store.project().name : null);
      if (name === null) {
        throw fileError(file, row.where, `the project has ${sites.length} sites (${sites.map((s) => s.name).join(', ')}); add a "site" property to say which`);
      }
      let site = siteByName.get(name.toLowerCase());
      if (!site) {
        site = tx.put('site', { id: randomUUID(), name, aoi: null });
        sites.push(site);
        siteByName.set(name.toLowerCase(), site);
        result.sitesCreated.push(name);
      }
      return site;
    };
    const zones = store.zones();
    for (const row of rows) {
      const existing = zones.find((z) => z.name.toLowerCase() === row.name.toLowerCase()) ?? null;
      const site = siteFor(row, existing ? (sites.find((s) => s.id === existing.siteId) ?? null) : null);
      if (!existing) {
        zones.push(tx.put('zone', { id: randomUUID(), siteId: site.id, name: row.name, kind: row.kind, geometry: row.geometry }));
        result.created++;
      } else if (existing.kind !== row.kind || existing.siteId !== site.id || !sameGeometry(existing.geometry, row.geometry)) {
        tx.put('zone', { ...existing, siteId: site.id, kind: row.kind, geometry: row.geometry });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    // The editing core's rule, so an imported zone places sightings exactly as a drawn one does.
    if (result.created || result.updated) result.sightingsRezoned = rederiveSightingZones(store, tx);
  });
  return result;
}
