// Runs one export of the open project to a file chosen by the user, through the output-path guard (never onto the project, never
// over a file unasked, written to a temporary name and then put in place).
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportResult, ExportWhat } from '../../../shared/calls/export';
import type { Scope } from '../../../shared/teamScope';
import { QuaywatchError } from '../errors';
import { checkOutputPath, writeOutputSync, type OutputOptions } from '../output/outputGuard';
import type { ProjectStore } from '../store/projectStore';
import { dwellCsv, sightingsCsv, visitsCsv } from './csv';
import { toGeoJson, type GeoJsonWhat } from './geojson';
import { writeGeoPackage, type GpkgLayerName } from './geopackage';
import { toKml, type KmlWhat } from './kml';
import { analysisOf, loadProjectData, lookupsOf, type ProjectData } from './projectData';
import { aisEvidence } from '../ais/aisAnalysis';
import { aisTrackLines } from '../../../shared/ais';

const EXTENSION: Record<ExportFormat, string> = { csv: '.csv', geojson: '.geojson', kml: '.kml', gpkg: '.gpkg' };

/** What each format writes for each `what`; null = not something this format can hold (the message says what to use). */
const PARTS: Record<Exclude<ExportFormat, 'csv'>, Record<ExportWhat, string[] | null>> = {
  geojson: { sightings: ['sightings'], visits: ['visits'], dwell: null, ais: null, all: ['zones', 'sightings'] },
  kml: { sightings: ['sightings'], visits: ['visits'], dwell: null, ais: ['ais_tracks'], all: ['zones', 'sightings', 'visits', 'ais_tracks'] },
  gpkg: { sightings: ['sightings'], visits: ['visits'], dwell: null, ais: ['ais_tracks'], all: ['zones', 'sightings', 'visits', 'scenes', 'ais_tracks'] },
};

const writeText = (store: ProjectStore, target: string, opts: OutputOptions, text: string) =>
  writeOutputSync(store, target, opts, (tmp) => fs.writeFileSync(tmp, text, 'utf8'));

function refuse(format: ExportFormat, what: ExportWhat): never {
  throw new QuaywatchError(
    'invalid_request',
    what === 'ais'
      ? `${format.toUpperCase()} cannot hold "ais": AIS tracks are lines with time, export them as GeoPackage or KML.`
      : `${format.toUpperCase()} cannot hold "${what}": dwell is a table, export it as CSV (or export visits, which carry their dwell bounds).`,
  );
}

export function exportProject(store: ProjectStore, req: { format: ExportFormat; what: ExportWhat; path: string; overwrite?: boolean; scope?: Scope }): ExportResult {
  const opts: OutputOptions = { overwrite: req.overwrite };
  const target = path.resolve(req.path);
  // Refused before any work; CSV "all" checks the three files it writes instead of the name they derive from.
  if (req.format === 'csv' && req.what === 'ais') refuse(req.format, req.what);
  if (req.format !== 'csv' || req.what !== 'all') checkOutputPath(store, target, opts);
  const data: ProjectData = loadProjectData(store, req.scope);
  const cache = analysisOf(data);
  // The verdict columns and the track lines, from the one AIS entry (the app's and the stats' verdicts).
  const ais = aisEvidence(store, data, cache);
  if (req.what === 'ais' && !ais.hasAis) throw new QuaywatchError('invalid_request', 'This project holds no AIS to export (quaywatch ais import).');
  const lk = lookupsOf(data, ais);
  const files: string[] = [];
  const counts: Record<string, number> = {};

  if (req.format === 'csv') {
    if (req.what === 'ais') refuse(req.format, req.what);
    const tables = { sightings: () => sightingsCsv(data, lk), visits: () => visitsCsv(data, cache), dwell: () => dwellCsv(data, cache) };
    const which = req.what === 'all' ? (['sightings', 'visits', 'dwell'] as const) : ([req.what] as const);
    // "all" writes three files beside the chosen name: report-sightings.csv, report-visits.csv, report-dwell.csv;
    // all three are checked before any is written, so a refusal (one already exists) leaves none half done.
    const targets = which.map((w) => (req.what === 'all' ? checkOutputPath(store, target.replace(/(\.csv)?$/i, `-${w}.csv`), opts).file : target));
    for (const [i, w] of which.entries()) {
      const text = tables[w]();
      const file = writeText(store, targets[i]!, opts, text);
      files.push(file);
      counts[w] = Math.max(0, text.split('\r\n').length - 2);
    }
    return { format: req.format, files, counts, scope: data.scope };
  }

  // "all" has the AIS tracks only when there is AIS: no empty layer to puzzle over.
  const parts = (PARTS[req.format][req.what] ?? refuse(req.format, req.what)).filter((p) => p !== 'ais_tracks' || ais.hasAis);
  if (req.format === 'geojson') {
    writeText(store, target, opts, toGeoJson(data, cache, parts as GeoJsonWhat[], ais));
  } else if (req.format === 'kml') {
    writeText(store, target, opts, toKml(data, cache, parts as KmlWhat[], ais));
  } else {
    writeOutputSync(store, target, opts, (tmp) => writeGeoPackage(tmp, data, cache, parts as GpkgLayerName[], ais));
  }
  files.push(target);
  for (const p of parts) {
    counts[p] =
      p === 'zones' ? data.zones.length
      : p === 'sightings' ? data.sightings.length
      : p === 'scenes' ? data.scenes.length
      : p === 'ais_tracks' ? aisTrackLines(ais.index, ais.settings).length
      : cache.visits('vessel').length + cache.visits('track').length;
  }
  return { format: req.format, files, counts, scope: data.scope };
}

export { EXTENSION as EXPORT_EXTENSION };
