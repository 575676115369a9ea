// File → Export data… (Ctrl+E): sightings, visits and dwell as CSV, GeoJSON, KML or GeoPackage, written by export.run
// to a path proposed beside the project and editable as text.
import { useState } from 'react';
import type { ExportFormat, ExportResult, ExportWhat } from '../../../shared/calls/export';
import { call } from '../api/client';
import { useApp } from '../state/appStore';
import { FileField, useProjectFolder } from './OutputFileField';
import { FormatChoice, OutputModal, useOutputRun } from './OutputModal';
import { ScopeChoice } from '../team/ScopeChoice';
import { useScope } from '../team/teamStore';
import { defaultOutputPath, withExtension } from './outputPaths';

const FORMATS: { id: ExportFormat; label: string; ext: string }[] = [
  { id: 'gpkg', label: 'GeoPackage', ext: '.gpkg' },
  { id: 'geojson', label: 'GeoJSON', ext: '.geojson' },
  { id: 'kml', label: 'KML', ext: '.kml' },
  { id: 'csv', label: 'CSV', ext: '.csv' },
];

const WHAT_LABEL: Record<ExportWhat, string> = { all: 'Everything', sightings: 'Sightings', visits: 'Visits', dwell: 'Dwell per zone (table)', ais: 'AIS tracks' };

/** What each choice writes, in the words of the result (mirrors PARTS in electron/node/export/exportProject.ts). */
function contents(format: ExportFormat, what: ExportWhat): string {
  if (format === 'csv') {
    return what === 'all'
      ? 'Three tables, each its own file beside the name you give: …-sightings.csv, …-visits.csv, …-dwell.csv.'
      : `One table: ${what === 'dwell' ? 'time in each zone per vessel' : what}, one row each.`;
  }
  const all: Record<Exclude<ExportFormat, 'csv'>, string> = {
    gpkg: 'Layers: zones, sightings (boxes; every sighting as a point, with its AIS verdict), visits, scene footprints and, where the project holds AIS, its tracks: for QGIS or ArcGIS.',
    geojson: 'One FeatureCollection: zones and sightings (with their AIS verdicts).',
    kml: 'Folders: zones, sightings, visits and, where the project holds AIS, its tracks (with time): for Google Earth.',
  };
  if (what === 'all') return all[format];
  if (what === 'ais') return 'AIS tracks: one line per vessel (MMSI) and UTC day, broken where AIS went silent.';
  return what === 'visits' ? 'Visits: one feature per vessel stay, at its zone, with arrival and departure bounds.' : 'Sightings: every mark, with its scene time and class.';
}

/** Remembered for the session: an analyst who exports GeoJSON once tends to again. */
let lastChoice: { format: ExportFormat; what: ExportWhat } = { format: 'gpkg', what: 'all' };

function plural(n: number, part: string) {
  if (part === 'dwell') return `${n} dwell row${n === 1 ? '' : 's'}`;
  return `${n} ${n === 1 ? part.replace(/s$/, '') : part}`;
}

export function exportSummary(r: ExportResult): string {
  const counts = Object.entries(r.counts).map(([part, n]) => plural(n, part)).join(', ');
  return `Exported ${counts} to ${r.files.join(', ')}`;
}

export function ExportDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const { scope } = useScope();
  const { projectFolder } = useProjectFolder();
  const [format, setFormat] = useState(lastChoice.format);
  const [what, setWhat] = useState(lastChoice.what);
  const ext = FORMATS.find((f) => f.id === format)!.ext;
  const [path, setPath] = useState(() => defaultOutputPath(projectFolder, projectName, '', ext));

  const chooseFormat = (f: ExportFormat) => {
    setFormat(f);
    // Dwell is a table: only CSV holds it.
    if (f !== 'csv' && what === 'dwell') setWhat('all');
    setPath((p) => withExtension(p, FORMATS.find((x) => x.id === f)!.ext));
  };
  // The save dialog's format wins, with the path it gave as it is (its extension already the format's).
  const chooseExportFormat = (f: ExportFormat) => {
    setFormat(f);
    if (f !== 'csv' && what === 'dwell') setWhat('all');
  };

  const output = useOutputRun(async (overwrite) => {
    const result = await call('export.run', { format, what, path: path.trim(), overwrite, ...(scope ? { scope } : {}) });
    lastChoice = { format, what };
    return exportSummary(result);
  }, !!path.trim());
  // While asking "Replace it?" too: the answer is about the file named, so nothing may change under it.
  const busy = output.locked;

  const whats: ExportWhat[] = format === 'csv' ? ['all', 'sightings', 'visits', 'dwell'] : format === 'geojson' ? ['all', 'sightings', 'visits'] : ['all', 'sightings', 'visits', 'ais'];
  return (
    <OutputModal
      title="Export data"
      kind="export"
      intro={`Sightings, visits and dwell of ${projectName}, for a GIS, a spreadsheet or Google Earth.`}
      output={output}
      working="Exporting…"
      submit="Export"
      submitBusy="Exporting…"
    >
      <div className="field-row">
        <FormatChoice formats={FORMATS} value={format} onChange={chooseFormat} testIdPrefix="export-format" disabled={busy} />
        <label>
          What
          <select data-testid="export-what" value={what} disabled={busy} onChange={(e) => setWhat(e.target.value as ExportWhat)}>
            {whats.map((w) => (
              <option key={w} value={w}>
                {WHAT_LABEL[w]}
              </option>
            ))}
          </select>
        </label>
        <ScopeChoice testId="export-scope" disabled={busy} />
      </div>
      <p className="hint" data-testid="export-contents">
        {contents(format, what)}
      </p>
      <FileField
        label="File"
        value={path}
        onChange={setPath}
        testId="export-path"
        disabled={busy}
        browse={{ title: 'Export data as', types: [format, ...FORMATS.map((f) => f.id).filter((f) => f !== format)], onType: (t) => FORMATS.some((f) => f.id === t) && chooseExportFormat(t as ExportFormat) }}
      />
    </OutputModal>
  );
}
