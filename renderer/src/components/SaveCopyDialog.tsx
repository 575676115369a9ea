// File → Save a copy… (Ctrl+Shift+S): a consistent snapshot of the open project (project.saveCopy), for a backup or to
// hand over. The open project stays open; the copy never overwrites a file.
import { useState } from 'react';
import { call } from '../api/client';
import { useApp } from '../state/appStore';
import { FileField, WorkingLine, errorMessage, fmtBytes, useBusyGuard, useProjectFolder } from './OutputFileField';
import { defaultOutputPath, todayUtc } from './outputPaths';

export function SaveCopyDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const { projectFolder } = useProjectFolder();
  const [path, setPath] = useState(() => defaultOutputPath(projectFolder, projectName, `copy ${todayUtc()}`, '.quaywatch'));
  const [busy, setBusy] = useState(false);
  const close = () => useApp.getState().setDialog(null);
  useBusyGuard(busy);

  const run = async () => {
    if (!path.trim() || busy) return;
    setBusy(true);
    try {
      const saved = await call('project.saveCopy', { path: path.trim() });
      useApp.getState().toast('info', `Copy saved: ${saved.path} (${fmtBytes(saved.bytes)}). You are still working in the original.`);
      close();
    } catch (e) {
      useApp.getState().toast('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={busy ? undefined : close}>
      <form
        className="modal output-dialog"
        role="dialog"
        aria-label="Save a copy"
        data-testid="save-copy-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2>Save a copy</h2>
        <p className="output-intro">
          A complete snapshot of {projectName} as it is now: scenes, zones, sightings, vessels and the edit history. You keep working in the original; the copy can
          be opened on its own with File&nbsp;→&nbsp;Open.
        </p>
        <FileField
          label="Copy to"
          value={path}
          onChange={setPath}
          testId="save-copy-path"
          disabled={busy}
          note="Imagery is not copied: keep the copy in the project’s folder so it finds the same images. An existing file is never overwritten."
        />
        {busy && <WorkingLine text="Saving the copy…" testId="save-copy-working" />}
        <div className="modal-actions">
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="save-copy-submit" disabled={busy || !path.trim()}>
            {busy ? 'Saving…' : 'Save copy'}
          </button>
        </div>
      </form>
    </div>
  );
}
