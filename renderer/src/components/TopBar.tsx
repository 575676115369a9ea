// Menu bar: File menu (new, open, recent, demo), tools, help.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/appStore';
import { openImportDialog, openAisImportDialog } from './ImportDialog';
import { openOutputDialog } from './OutputDialogs';
import { useReview } from '../review/reviewStore';
import { ViewToggle } from '../analysis/ViewToggle';
import { TeamLight } from '../team/TeamLight';
import { useTeam } from '../team/teamStore';

export function TopBar() {
  const summary = useApp((s) => s.summary);
  const recent = useApp((s) => s.recent);
  const mode = useApp((s) => s.mode);
  const markShape = useApp((s) => s.markShape);
  const snapping = useApp((s) => s.snapping);
  const history = useApp((s) => s.history);
  const compare = useApp((s) => s.compare.mode);
  const { setDialog, setMode, markWith, toggleMarkShape, toggleSnapping, undo, redo, cycleCompare, openProject, openDemo } = useApp.getState();
  const [menuOpen, setMenuOpen] = useState(false);
  const teamJoined = useTeam((s) => Boolean(s.status && s.status.light !== 'none'));
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [menuOpen]);

  const item = (label: string, shortcut: string | null, run: () => void, testId?: string) => (
    <button
      className="menu-item"
      data-testid={testId}
      onClick={() => {
        setMenuOpen(false);
        run();
      }}
    >
      <span>{label}</span>
      {shortcut && <kbd>{shortcut}</kbd>}
    </button>
  );

  return (
    <header className="topbar">
      <div className="brand">Quaywatch</div>
      <div className="menu" ref={menuRef}>
        <button className="menu-button" data-testid="file-menu" onClick={() => setMenuOpen(!menuOpen)} aria-expanded={menuOpen}>
          File
        </button>
        {menuOpen && (
          <div className="menu-popup" role="menu">
            {item('New project…', 'Ctrl+N', () => setDialog('new'), 'menu-new')}
            {item('Open project…', 'Ctrl+O', () => setDialog('open'), 'menu-open')}
            {item('Open demo project', null, () => void openDemo(), 'menu-demo')}
            {item('Import imagery…', 'Ctrl+I', openImportDialog, 'menu-import')}
            {item('Import AIS…', null, openAisImportDialog, 'menu-import-ais')}
            <div className="menu-sep" />
            {item('Export data…', 'Ctrl+E', () => openOutputDialog('export'), 'menu-export')}
            {item('Report…', 'Ctrl+P', () => openOutputDialog('report'), 'menu-report')}
            {item('Save figure…', 'Ctrl+Shift+F', () => openOutputDialog('figure'), 'menu-figure')}
            {item('Time-lapse…', null, () => openOutputDialog('timelapse'), 'menu-timelapse')}
            {item('Save a copy…', 'Ctrl+Shift+S', () => openOutputDialog('saveCopy'), 'menu-save-copy')}
            <div className="menu-sep" />
            {item('Your name…', null, () => setDialog('analyst'), 'menu-analyst')}
            <div className="menu-label">Team</div>
            {item(teamJoined ? 'Join again (another login or password)…' : 'Join…', null, () => setDialog('teamJoin'), 'menu-team-join')}
            {teamJoined && item('Leave workspace', null, () => void useTeam.getState().leave(), 'menu-team-leave')}
            <div className="menu-sep" />
            <div className="menu-label">Recent projects</div>
            {recent.length === 0 && <div className="menu-empty">None yet</div>}
            {recent.slice(0, 8).map((r) => (
              <button
                key={r.path}
                className="menu-item recent"
                disabled={!r.exists}
                title={r.exists ? r.path : `${r.path} (missing)`}
                onClick={() => {
                  setMenuOpen(false);
                  void openProject(r.path);
                }}
              >
                <span>{r.name}</span>
                <span className="muted small">{r.exists ? shortPath(r.path) : 'missing'}</span>
              </button>
            ))}
          </div>
        )}
      </div>
      <ViewToggle />
      <div className="project-name" data-testid="project-name" title={summary?.project.path}>
        {summary?.project.name ?? 'No project'}
      </div>
      {summary?.readOnly && (
        // Every edit would be refused: say so before the analyst tries, and why.
        <span className="read-only-badge" data-testid="read-only-badge" title={`Open read-only (${summary.readOnly}): you can view, analyse and export. File → Save a copy… to edit.`}>
          Read-only
        </span>
      )}
      <TeamLight />
      <div className="tools">
        <button className={mode.name === 'select' ? 'tool active' : 'tool'} data-testid="tool-select" onClick={() => setMode({ name: 'select' })} title="Select, move, reshape (S / Esc)">
          Select <kbd>S</kbd>
        </button>
        <button
          className={mode.name === 'mark' && mode.cls === 'vessel' ? 'tool active' : 'tool'}
          data-testid="tool-mark-vessel"
          onClick={() => markWith('vessel')}
          title="Mark vessels (V)"
        >
          Vessel <kbd>V</kbd>
        </button>
        <button
          className={mode.name === 'mark' && mode.cls === 'container_stack' ? 'tool active' : 'tool'}
          data-testid="tool-mark-containers"
          onClick={() => markWith('container_stack')}
          title="Mark container stacks (C)"
        >
          Containers <kbd>C</kbd>
        </button>
        <button className={markShape === 'box' ? 'tool active' : 'tool'} data-testid="tool-box" onClick={toggleMarkShape} title="Mark with oriented boxes instead of points (B)">
          Box <kbd>B</kbd>
        </button>
        <button
          className={snapping ? 'tool active' : 'tool'}
          data-testid="tool-snap"
          aria-pressed={snapping}
          onClick={toggleSnapping}
          title="Snap to zone edges, marks and ghosts (Shift+S)"
        >
          Snap <kbd>⇧S</kbd>
        </button>
        <button className={mode.name === 'zone' ? 'tool active' : 'tool'} data-testid="tool-zone" onClick={() => setMode({ name: 'zone' })} title="Draw a zone (Z)">
          Zone <kbd>Z</kbd>
        </button>
        <button className={mode.name === 'measure' ? 'tool active' : 'tool'} data-testid="tool-measure" onClick={() => setMode({ name: 'measure', kind: 'distance' })} title="Measure distance (M) or area (Shift+M)">
          Measure <kbd>M</kbd>
        </button>
        <span className="tool-sep" />
        <button className="tool history-step" data-testid="undo" disabled={!history.canUndo} onClick={() => void undo()} title={history.undoLabel ? `Undo ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
          ↶ <span className="undo-label">{history.undoLabel ?? 'Undo'}</span>
        </button>
        <button className="tool history-step" data-testid="redo" disabled={!history.canRedo} onClick={() => void redo()} title={history.redoLabel ? `Redo ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
          ↷ <span className="undo-label">{history.redoLabel ?? 'Redo'}</span>
        </button>
        <span className="tool-sep" />
        <button className={compare !== 'off' ? 'tool active' : 'tool'} data-testid="tool-compare" onClick={cycleCompare} title="Compare two dates: swipe, side by side (W)">
          Compare <kbd>W</kbd>
        </button>
        <ReviewButton />
        <button className="tool" onClick={() => setDialog('help')} title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </header>
  );
}

function shortPath(p: string) {
  return p.length > 48 ? `…${p.slice(-47)}` : p;
}

/** Opens the review panel: queue, conflicts, agreement, packages (renderer/src/review/). */
function ReviewButton() {
  const open = useReview((s) => s.open);
  return (
    <button className={open ? 'tool active' : 'tool'} data-testid="tool-review" onClick={() => useReview.getState().toggle()} title="Review colleagues’ sightings (Shift+Q)">
      Review <kbd>⇧Q</kbd>
    </button>
  );
}
