// Runs one export of the open project to a file chosen by the user, through the output-path guard (never onto the project, never
// over a file unasked, written to a temporary name and then put in place).
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportResult, ExportWhat } from '../../../shared/calls/export';
import { QuaywatchError } from '../errors';
import { checkOutputPath, writeOutputSync, type OutputOptions } from '../output/outputGuard';
import type { ProjectStore } from '../store/projectStore';
import { dwellCsv, sightingsCsv, visitsCsv } from './csv';
import { toGeoJson, type GeoJsonWhat } from './geojson';
import { writeGeoPackage, type GpkgLayerName } from './geopackage';
import { toKml, type KmlWhat } from './kml';
import { analysisOf, loadProjectData, type ProjectData } from './projectData';

const EXTENSION: Record<ExportFormat, string> = { csv: '.csv', geojson: '.geojson', kml: '.kml', gpkg: '.gpkg' };

/** What each format writes for each `what`; null = not something this format can hold (the message says what to use). */
const PARTS: Record<Exclude<ExportFormat, 'csv'>, Record<ExportWhat, string[] | null>> = {
  geojson: { sightings: ['sightings'], visits: ['visits'], dwell: null, all: ['zones', 'sightings'] },
  kml: { sightings: ['sightings'], visits: ['visits'], dwell: null, all: ['zones', 'sightings', 'visits'] },
  gpkg: { sightings: ['sightings'], visits: ['visits'], dwell: null, all: ['zones', 'sightings', 'visits', 'scenes'] },
};

const writeText = (store: ProjectStore, target: string, opts: OutputOptions, text: string) =>
  writeOutputSync(store, target, opts, (tmp) => fs.writeFileSync(tmp, text, 'utf8'));

function refuse(format: ExportFormat, what: ExportWhat): never {
  throw new QuaywatchError(
    'invalid_request',
    `${format.toUpperCase()} cannot hold "${what}": dwell is a table, export it as CSV (or export visits, which carry their dwell bounds).`,
  );
}

export function exportProject(store: ProjectStore, req: { format: ExportFormat; what: ExportWhat; path: string; overwrite?: boolean }): ExportResult {
  const opts: OutputOptions = { overwrite: req.overwrite };
  const target = path.resolve(req.path);
  // Refused before any work; CSV "all" checks the three files it writes instead of the name they derive from.
  if (req.format !== 'csv' || req.what !== 'all') checkOutputPath(store, target, opts);
  const data: ProjectData = loadProjectData(store);
  const cache = analysisOf(data);
  const files: string[] = [];
  const counts: Record<string, number> = {};

  if (req.format === 'csv') {
    const tables = { sightings: () => sightingsCsv(data), visits: () => visitsCsv(data, cache), dwell: () => dwellCsv(data, cache) };
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
    return { format: req.format, files, counts };
  }

  const parts = PARTS[req.format][req.what] ?? refuse(req.format, req.what);
  if (req.format === 'geojson') {
    writeText(store, target, opts, toGeoJson(data, cache, parts as GeoJsonWhat[]));
  } else if (req.format === 'kml') {
    writeText(store, target, opts, toKml(data, cache, parts as KmlWhat[]));
  } else {
    writeOutputSync(store, target, opts, (tmp) => writeGeoPackage(tmp, data, cache, parts as GpkgLayerName[]));
  }
  files.push(target);
  for (const p of parts) {
    counts[p] =
      p === 'zones' ? data.zones.length
      : p === 'sightings' ? data.sightings.length
      : p === 'scenes' ? data.scenes.length
      : cache.visits('vessel').length + cache.visits('track').length;
  }
  return { format: req.format, files, counts };
}

export { EXTENSION as EXPORT_EXTENSION };
