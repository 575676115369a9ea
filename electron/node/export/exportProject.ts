// Runs one export of the open project to a file chosen by the user: validates the request, writes to a temporary name, then renames.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportResult, ExportWhat } from '../../../shared/calls/export';
import { QuaywatchError } from '../errors';
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

/** Refuses a target that would damage something: the project itself, a folder, a missing folder. */
export function checkTarget(file: string, store: ProjectStore): string {
  const abs = path.resolve(file);
  const project = path.resolve(store.file);
  if ([project, `${project}-wal`, `${project}-shm`].includes(abs)) {
    throw new QuaywatchError('io_error', 'That is the project file itself; choose another name for the export.');
  }
  const dir = path.dirname(abs);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new QuaywatchError('io_error', `The folder ${dir} does not exist; choose an existing folder.`);
  }
  if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    throw new QuaywatchError('io_error', `${abs} is a folder; give a file name.`);
  }
  return abs;
}

/** Writes through a temporary file beside the target, so a failed export never leaves a half file under the chosen name. */
export function writeAtomically(target: string, write: (tmp: string) => void): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.rmSync(tmp, { force: true });
  try {
    write(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    if (err instanceof QuaywatchError) throw err;
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') {
      throw new QuaywatchError('io_error', `Cannot write ${target}: permission denied. Choose another folder.`);
    }
    if (err.code === 'ENOSPC') throw new QuaywatchError('io_error', `The disk is full: ${target} was not written.`);
    throw new QuaywatchError('io_error', `Cannot write ${target}: ${err.message}`);
  }
}

const writeText = (target: string, text: string) => writeAtomically(target, (tmp) => fs.writeFileSync(tmp, text, 'utf8'));

function refuse(format: ExportFormat, what: ExportWhat): never {
  throw new QuaywatchError(
    'invalid_request',
    `${format.toUpperCase()} cannot hold "${what}": dwell is a table, export it as CSV (or export visits, which carry their dwell bounds).`,
  );
}

export function exportProject(store: ProjectStore, req: { format: ExportFormat; what: ExportWhat; path: string }): ExportResult {
  const target = checkTarget(req.path, store);
  const data: ProjectData = loadProjectData(store);
  const cache = analysisOf(data);
  const files: string[] = [];
  const counts: Record<string, number> = {};

  if (req.format === 'csv') {
    const tables = { sightings: () => sightingsCsv(data), visits: () => visitsCsv(data, cache), dwell: () => dwellCsv(data, cache) };
    const which = req.what === 'all' ? (['sightings', 'visits', 'dwell'] as const) : ([req.what] as const);
    for (const w of which) {
      // "all" writes three files beside the chosen name: report-sightings.csv, report-visits.csv, report-dwell.csv.
      const file = req.what === 'all' ? checkTarget(target.replace(/(\.csv)?$/i, `-${w}.csv`), store) : target;
      const text = tables[w]();
      writeText(file, text);
      files.push(file);
      counts[w] = Math.max(0, text.split('\r\n').length - 2);
    }
    return { format: req.format, files, counts };
  }

  const parts = PARTS[req.format][req.what] ?? refuse(req.format, req.what);
  if (req.format === 'geojson') {
    writeText(target, toGeoJson(data, cache, parts as GeoJsonWhat[]));
  } else if (req.format === 'kml') {
    writeText(target, toKml(data, cache, parts as KmlWhat[]));
  } else {
    writeAtomically(target, (tmp) => writeGeoPackage(tmp, data, cache, parts as GpkgLayerName[]));
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
