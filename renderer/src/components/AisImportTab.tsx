// The Import dialog's "AIS log" tab: NMEA logs, DMA or plain CSV (also .gz or in a .zip), kept within
// the site's area plus a buffer, with progress and cancel (the dialog's job); then what was read, kept
// and left out, bad lines by reason, in words.

import type { AisImportSummary } from '../../../shared/calls/ais';
import { AIS_BAD_REASONS, type AisBadReason } from '../../../shared/ais/types';
import { DEFAULT_AIS_SETTINGS } from '../../../shared/ais/types';
import { call } from '../api/client';
import { chooseFiles } from '../files/chooseFiles';
import { useAis } from '../ais/aisStore';
import { useApp } from '../state/appStore';

const BAD_WORDS: Record<AisBadReason, string> = {
  bad_checksum: 'bad checksum',
  unknown_type: 'message types not kept',
  incomplete_multipart: 'incomplete multi-part messages',
  no_time: 'no receive time',
  bad_time: 'unreadable time',
  bad_position: 'no or impossible position',
  bad_mmsi: 'bad MMSI',
  malformed: 'malformed',
  not_ais: 'not AIS',
  line_too_long: 'lines too long',
};

const n = (x: number) => x.toLocaleString('en-GB');

export function aisSummaryWords(r: AisImportSummary): string[] {
  const lines = [
    `${r.state === 'cancelled' ? 'Cancelled: nothing was imported. ' : ''}Read ${n(r.read)} messages from ${r.files.length === 1 ? '1 file' : `${r.files.length} files`}.`,
    `Kept ${n(r.kept)} positions and ${n(r.statics)} static reports from ${n(r.vessels)} vessels${r.from && r.to ? ` (${r.from.slice(0, 16).replace('T', ' ')} → ${r.to.slice(0, 16).replace('T', ' ')} UTC)` : ''}.`,
    `Left out: ${n(r.outside)} farther than ${r.bufferKm} km from the site, ${n(r.duplicates)} duplicates.`,
  ];
  const bad = AIS_BAD_REASONS.filter((k) => (r.bad[k] ?? 0) > 0).map((k) => `${n(r.bad[k]!)} ${BAD_WORDS[k]}`);
  if (bad.length) lines.push(`Bad lines, skipped: ${bad.join(', ')}.`);
  return lines;
}

export function AisImportTab(props: { busy: boolean; paths: string; setPaths: (p: string) => void; bufferKm: string; setBufferKm: (v: string) => void; result: AisImportSummary | null }) {
  const { busy, paths, setPaths, bufferKm, setBufferKm, result } = props;
  const browse = async () => {
    const current = paths.split('\n').map((p) => p.trim()).filter(Boolean);
    const r = await chooseFiles({ mode: 'openMany', title: 'Choose AIS logs to import', types: ['ais'] });
    if (r.paths.length) setPaths([...current, ...r.paths.filter((p) => !current.includes(p))].join('\n'));
  };
  return (
    <>
      <div className="import-choose">
        <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void browse()} data-testid="ais-choose-files">
          Choose AIS logs…
        </button>
        <span className="muted small">NMEA 0183 (!AIVDM), Danish Maritime Authority CSV, or CSV with mmsi, timestamp, lat, lon; also .gz or .zip</span>
      </div>
      <label>
        Logs to import, one per line
        <textarea className="mono" rows={3} data-testid="ais-paths" value={paths} placeholder="/data/ais/rajin-2025-01.nmea.gz" onChange={(e) => setPaths(e.target.value)} />
      </label>
      <label className="inline">
        Keep positions within
        <input type="number" min={0} max={1000} step={1} value={bufferKm} onChange={(e) => setBufferKm(e.target.value)} data-testid="ais-buffer" style={{ width: '5em' }} /> km of the site&apos;s area (static
        data is kept for every vessel)
      </label>
      {result && (
        <div data-testid="ais-import-summary" className="small">
          {aisSummaryWords(result).map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
    </>
  );
}

/** Runs the import under the dialog's job (progress, cancel); afterwards the map and verdicts ask again. */
export async function importAisLogs(paths: string[], bufferKm: number, withJob: <T>(work: (id: string) => Promise<T>) => Promise<T>): Promise<AisImportSummary> {
  const r = await withJob((id) => call('ais.import', { paths, bufferKm, jobId: id }));
  if (r.state === 'done' && r.kept + r.statics > 0) {
    useAis.getState().forget();
    useApp.getState().toast('info', `Imported AIS: ${n(r.kept)} positions from ${n(r.vessels)} vessels.`);
  }
  return r;
}

export const DEFAULT_BUFFER_KM = String(DEFAULT_AIS_SETTINGS.bufferKm);
