// File → Import imagery… (Ctrl+I) and files dropped on the window: GeoTIFF/COG, MBTiles, Planet
// order folders or zips, and XYZ/TMS URL templates. Files are chosen with "Choose files…" (the desktop's
// own dialog, or the app's file dialog in browser mode); paths can still be typed or pasted. Long imports
// show a progress bar (the job is polled with jobs.status) and can be cancelled. Browsers hide a dropped
// file's path; in Electron the preload's pathForFile fills it in.
import { AisImportTab, DEFAULT_BUFFER_KM, importAisLogs } from './AisImportTab';
import type { AisImportSummary } from '../../../shared/calls/ais';
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { ImportResult, JobStatus } from '../../../shared/calls/imagery';
import type { QuaywatchBridge } from '../../../shared/bridge';
import { call, ApiCallError } from '../api/client';
import { useApp } from '../state/appStore';
import { DateField } from './DateField';
import { chooseFiles, fileDialogOpen } from '../files/chooseFiles';
import './outputDialogs.css';

type ImportTab = 'files' | 'template' | 'ais';

interface ImportDialogState {
  open: boolean;
  /** The tab it opens on. */
  tab: ImportTab;
  /** Set when files were dropped: explains why their paths must be typed. */
  droppedNames: string[];
  /** Paths on disk of the dropped files that have one (Electron only). */
  droppedPaths: string[];
  show(droppedNames?: string[], droppedPaths?: string[]): void;
  showAis(): void;
  hide(): void;
}

export const useImportDialog = create<ImportDialogState>((set) => ({
  open: false,
  tab: 'files',
  droppedNames: [],
  droppedPaths: [],
  show: (droppedNames = [], droppedPaths = []) => set({ open: true, tab: 'files', droppedNames, droppedPaths }),
  showAis: () => set({ open: true, tab: 'ais', droppedNames: [], droppedPaths: [] }),
  hide: () => set({ open: false, droppedNames: [], droppedPaths: [] }),
}));

export const openImportDialog = () => useImportDialog.getState().show();
export const openAisImportDialog = () => useImportDialog.getState().showAis();

/** A dropped file's path on disk, from Electron's preload; null in a browser or for a file not on disk. */
function pathOfDroppedFile(file: File): string | null {
  const bridge = window.quaywatch as Partial<Pick<QuaywatchBridge, 'pathForFile'>> | undefined;
  return bridge?.pathForFile?.(file) || null;
}

/** Mounted once by App: the dialog when open, plus the window's drop handler (Ctrl+I is in shortcuts.ts). */
export function ImportDialogHost() {
  const open = useImportDialog((s) => s.open);
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      const files = [...e.dataTransfer.files];
      const withoutPath = files.filter((f) => !pathOfDroppedFile(f));
      const paths = files.map(pathOfDroppedFile).filter((p): p is string => p !== null);
      useImportDialog.getState().show(withoutPath.map((f) => f.name), paths);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return open ? <ImportDialog /> : null;
}

const message = (e: unknown) => (e instanceof ApiCallError || e instanceof Error ? e.message : String(e));

function ImportDialog() {
  const dropped = useImportDialog((s) => s.droppedNames);
  const hide = useImportDialog.getState().hide;
  const [tab, setTab] = useState<ImportTab>(() => useImportDialog.getState().tab);
  const [aisPaths, setAisPaths] = useState('');
  const [bufferKm, setBufferKm] = useState(DEFAULT_BUFFER_KM);
  const [aisResult, setAisResult] = useState<AisImportSummary | null>(null);
  const [paths, setPaths] = useState(() => useImportDialog.getState().droppedPaths.join('\n'));
  const [acquired, setAcquired] = useState('');
  const [template, setTemplate] = useState('');
  const [templateDate, setTemplateDate] = useState('');
  const [bboxText, setBboxText] = useState('');
  const [offline, setOffline] = useState(false);
  const [zooms, setZooms] = useState({ min: 12, max: 16 });
  const [job, setJob] = useState<JobStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);
  const needsAcquired = result?.errors.some((e) => e.needsAcquired) ?? false;

  // Esc closes the dialog, from any of its fields too (it has its own store, outside the shortcut
  // table's dialogs); while an import runs it does nothing: Cancel is the way to stop a job.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || fileDialogOpen()) return;
      e.stopPropagation();
      e.preventDefault();
      if (!busy) hide();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [busy, hide]);

  const reload = async (firstSceneId: string | null) => {
    const summary = await call('project.current', {});
    if (!summary) return;
    await useApp.getState().loadProject(summary);
    const index = firstSceneId ? useApp.getState().scenes.findIndex((s) => s.id === firstSceneId) : -1;
    if (index >= 0) useApp.getState().goToScene(index);
  };

  const importFiles = async () => {
    const list = paths.split('\n').map((p) => p.trim()).filter(Boolean);
    if (!list.length) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await withJob((id) => call('scenes.import', { paths: list, jobId: id, ...(acquired ? { acquired } : {}) }));
      setResult(r);
      if (r.imported.length) {
        await reload(r.imported[0]!.id);
        useApp.getState().toast('info', `Imported ${r.imported.length} scene${r.imported.length === 1 ? '' : 's'}.`);
      }
      // Stays open when something was refused, or not read: the user reads why.
      if (!r.errors.length && !r.unread?.length) hide();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  /** Polls jobs.status while `work` runs under a fresh job id. */
  const withJob = async <T,>(work: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    jobId.current = id;
    const poll = setInterval(() => {
      void call('jobs.status', { id }).then((st) => st && jobId.current === id && setJob(st), () => {});
    }, 200);
    try {
      return await work(id);
    } finally {
      clearInterval(poll);
      jobId.current = null;
      setJob(null);
    }
  };

  const addTemplate = async () => {
    if (!template.trim() || !templateDate) return;
    const box = bboxText.trim() ? bboxText.split(',').map((v) => Number(v.trim())) : null;
    if (box && (box.length !== 4 || !box.every(Number.isFinite))) {
      setError('The area must be four numbers: west, south, east, north (degrees).');
      return;
    }
    if (offline && !box) {
      setError('Give the area (west, south, east, north) to make available offline.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bbox = box as [number, number, number, number] | null;
      const scene = await call('scenes.addTemplate', { template: template.trim(), acquired: templateDate, ...(bbox ? { bbox } : {}) });
      if (offline && bbox) {
        const r = await withJob((id) => call('scenes.makeOffline', { sceneId: scene.id, bbox, minZoom: zooms.min, maxZoom: zooms.max, jobId: id }));
        useApp.getState().toast('info', r.state === 'cancelled' ? `Offline copy paused at ${r.fetched + r.kept} of ${r.total} tiles; run it again to resume.` : `Offline copy done: ${r.total - r.missing} tiles (${r.missing} without coverage).`);
      }
      await reload(scene.id);
      hide();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  /** Adds what the user chose to the list (a path already there is not added twice). */
  const browse = async (mode: 'openMany' | 'folder') => {
    const current = paths.split('\n').map((p) => p.trim()).filter(Boolean);
    const r = await chooseFiles({
      mode,
      title: mode === 'folder' ? 'Choose a Planet order folder, a STAC catalog folder or a folder of images' : 'Choose imagery to import',
      types: ['imagery'],
      ...(current.length ? { start: current[current.length - 1]!.replace(/[\\/][^\\/]*$/, '') || '/' } : {}),
    });
    if (r.paths.length) setPaths([...current, ...r.paths.filter((p) => !current.includes(p))].join('\n'));
  };

  const importAis = async () => {
    const list = aisPaths.split('\n').map((p) => p.trim()).filter(Boolean);
    const km = Number(bufferKm);
    if (!list.length) return;
    if (!(km >= 0 && km <= 1000)) {
      setError('The buffer is a distance in km between 0 and 1,000.');
      return;
    }
    setBusy(true);
    setError(null);
    setAisResult(null);
    try {
      setAisResult(await importAisLogs(list, km, withJob));
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (jobId.current) void call('jobs.cancel', { id: jobId.current });
    else hide();
  };

  return (
    <div className="modal-backdrop" onMouseDown={busy ? undefined : hide}>
      <form
        className="modal import-dialog"
        role="dialog"
        aria-label={tab === 'ais' ? 'Import AIS' : 'Import imagery'}
        data-testid="import-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void (tab === 'files' ? importFiles() : tab === 'ais' ? importAis() : addTemplate());
        }}
      >
        <h2>{tab === 'ais' ? 'Import AIS' : 'Import imagery'}</h2>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'files'} className={tab === 'files' ? 'tool active' : 'tool'} onClick={() => setTab('files')}>
            Files and orders
          </button>
          <button type="button" role="tab" aria-selected={tab === 'template'} className={tab === 'template' ? 'tool active' : 'tool'} onClick={() => setTab('template')}>
            Tile URL
          </button>
          <button type="button" role="tab" aria-selected={tab === 'ais'} className={tab === 'ais' ? 'tool active' : 'tool'} onClick={() => setTab('ais')} data-testid="import-tab-ais">
            AIS log
          </button>
        </div>
        {tab === 'ais' ? (
          <AisImportTab busy={busy} paths={aisPaths} setPaths={setAisPaths} bufferKm={bufferKm} setBufferKm={setBufferKm} result={aisResult} />
        ) : tab === 'files' ? (
          <>
            {dropped.length > 0 && (
              <p className="muted small" data-testid="import-drop-note">
                You dropped {dropped.join(', ')}. The page cannot see where dropped files are on disk: choose them with Choose files….
              </p>
            )}
            <div className="import-choose">
              <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void browse('openMany')} data-testid="import-choose-files">
                Choose files…
              </button>
              <button type="button" disabled={busy} onClick={() => void browse('folder')} data-testid="import-choose-folder">
                Choose a folder…
              </button>
              <span className="muted small">GeoTIFF/COG (optical or radar), MBTiles, Planet order folders or .zip, STAC item/collection/catalog .json or a folder holding catalog.json, folders of images</span>
            </div>
            <label>
              Files to import, one per line (chosen above, or typed or pasted)
              <textarea
                className="mono"
                rows={4}
                data-testid="import-paths"
                value={paths}
                placeholder="/data/orders/rajin-jan-2025.zip"
                onChange={(e) => setPaths(e.target.value)}
              />
            </label>
            {(needsAcquired || acquired) && (
              <label>
                Acquisition time (UTC) for files that carry none
                <DateField kind="instant" testId="import-acquired" label="Acquisition time" value={acquired} onChange={setAcquired} />
              </label>
            )}
          </>
        ) : (
          <>
            <label>
              Tile URL template ({'{z}/{x}/{y}'}, {'{-y}'} for TMS, {'{0-3}'} subdomains). An api_key in it is kept in the keystore, never in the project.
              <input autoFocus className="mono" data-testid="import-template" value={template} placeholder="https://tiles.planet.com/basemaps/v1/planet-tiles/…/gmap/{z}/{x}/{y}.png?api_key=…" onChange={(e) => setTemplate(e.target.value)} />
            </label>
            <label>
              Date of the imagery (UTC)
              <DateField kind="instant" testId="import-template-date" label="Date of the imagery" value={templateDate} onChange={setTemplateDate} />
            </label>
            <label>
              Area (west, south, east, north in degrees; optional)
              <input className="mono" data-testid="import-template-bbox" value={bboxText} placeholder="130.26, 42.32, 130.29, 42.34" onChange={(e) => setBboxText(e.target.value)} />
            </label>
            <label className="inline">
              <input type="checkbox" data-testid="import-offline" checked={offline} onChange={(e) => setOffline(e.target.checked)} /> Make available offline: copy the tiles of the area, zoom
              <input type="number" min={0} max={22} value={zooms.min} onChange={(e) => setZooms({ ...zooms, min: Number(e.target.value) })} style={{ width: '4em' }} /> to
              <input type="number" min={0} max={22} value={zooms.max} onChange={(e) => setZooms({ ...zooms, max: Number(e.target.value) })} style={{ width: '4em' }} />
            </label>
          </>
        )}
        {busy && (tab !== 'template' || offline) && (
          <div className="import-progress" data-testid="import-progress">
            <progress max={job?.total || 1} value={job?.total ? job.done : undefined} />
            <span className="muted small">{job ? `${job.done} of ${job.total}${job.label ? ` — ${job.label}` : ''}` : 'Starting…'}</span>
          </div>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        {result && result.errors.length > 0 && (
          <ul className="import-errors" data-testid="import-errors" role="alert">
            {result.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        )}
        {result && result.imported.length > 0 && <p data-testid="import-summary">Imported {result.imported.length} scene(s).</p>}
        {result?.unread && result.unread.length > 0 && (
          <details className="import-unread" data-testid="import-unread">
            <summary className="muted small">{result.unread.length} STAC asset(s) or link(s) not read (remote ones are never fetched)</summary>
            <ul className="muted small">
              {result.unread.map((u, i) => (
                <li key={i} className="mono">{u.href}: {u.reason}</li>
              ))}
            </ul>
          </details>
        )}
        <div className="modal-actions">
          <button type="button" onClick={cancel} data-testid="import-cancel">
            {busy ? 'Cancel import' : 'Close'}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="import-submit">
            {tab === 'template' ? 'Add scene' : 'Import'}
          </button>
        </div>
      </form>
    </div>
  );
}
