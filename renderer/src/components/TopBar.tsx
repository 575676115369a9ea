// Menu bar: File menu (new, open, recent, demo), tools, help.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/appStore';

export function TopBar() {
  const summary = useApp((s) => s.summary);
  const recent = useApp((s) => s.recent);
  const tool = useApp((s) => s.tool);
  const { setDialog, setTool, openProject, openDemo } = useApp.getState();
  const [menuOpen, setMenuOpen] = useState(false);
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
      <div className="project-name" data-testid="project-name" title={summary?.project.path}>
        {summary?.project.name ?? 'No project'}
      </div>
      <div className="tools">
        <button className={tool === 'select' ? 'tool active' : 'tool'} onClick={() => setTool('select')} title="Select (Esc)">
          Select
        </button>
        <button
          className={tool === 'mark' ? 'tool active' : 'tool'}
          data-testid="tool-mark-vessel"
          onClick={() => setTool('mark', 'vessel')}
          title="Mark vessel (V)"
        >
          Mark vessel <kbd>V</kbd>
        </button>
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
