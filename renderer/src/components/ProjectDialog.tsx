// New / Open project: Browse… (the desktop's own dialog, or the app's file dialog in browser mode), a
// path that can still be typed (the projects folder suggested), and recent projects one click away.
import { useState } from 'react';
import { useApp } from '../state/appStore';
import { chooseFile } from '../files/chooseFiles';

export function ProjectDialog({ mode }: { mode: 'new' | 'open' }) {
  const info = useApp((s) => s.info);
  const recent = useApp((s) => s.recent);
  const { setDialog, createProject, openProject } = useApp.getState();
  const dir = info?.projectsDir ?? '';
  const [name, setName] = useState('');
  const [path, setPath] = useState(mode === 'open' ? (recent.find((r) => r.exists)?.path ?? `${dir}/`) : '');
  const [busy, setBusy] = useState(false);
  const target = mode === 'new' ? path || (name ? `${dir}/${safeFileName(name)}.quaywatch` : '') : path;
  const close = () => setDialog(null);

  const submit = async () => {
    if (!target.trim()) return;
    setBusy(true);
    const ok = mode === 'new' ? await createProject(target.trim(), name.trim() || undefined) : await openProject(target.trim());
    setBusy(false);
    if (ok) close();
  };

  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <form
        className="modal"
        role="dialog"
        aria-label={mode === 'new' ? 'New project' : 'Open project'}
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{mode === 'new' ? 'New project' : 'Open project'}</h2>
        {mode === 'new' && (
          <label>
            Name
            <input autoFocus data-testid="project-name-input" value={name} placeholder="Rajin port 2024–25" onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          {mode === 'new' ? 'File (optional: defaults to the projects folder)' : 'Project file (.quaywatch)'}
          <span className="path-row">
          <input
            autoFocus={mode === 'open'}
            data-testid="project-path-input"
            className="mono"
            value={mode === 'new' ? path : path}
            placeholder={mode === 'new' ? target || `${dir}/My project.quaywatch` : `${dir}/…`}
            onChange={(e) => setPath(e.target.value)}
          />
          <button
            type="button"
            className={mode === 'open' ? 'primary' : undefined}
            data-testid="project-browse"
            onClick={() =>
              void chooseFile({ mode: mode === 'new' ? 'save' : 'open', title: mode === 'new' ? 'New project file' : 'Open project', types: ['project'], start: target || `${dir}/` }).then(
                (r) => r && setPath(r.path),
              )
            }
          >
            Browse…
          </button>
          </span>
        </label>
        {mode === 'open' && recent.length > 0 && (
          <div className="recent-list">
            <div className="menu-label">Recent</div>
            {recent.map((r) => (
              <button type="button" key={r.path} className="menu-item" disabled={!r.exists} onClick={() => setPath(r.path)}>
                <span>{r.name}</span>
                <span className="muted small mono">{r.path}</span>
              </button>
            ))}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="project-submit" disabled={busy || !target.trim()}>
            {mode === 'new' ? 'Create' : 'Open'}
          </button>
        </div>
      </form>
    </div>
  );
}

function safeFileName(name: string) {
  return name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'Untitled';
}
