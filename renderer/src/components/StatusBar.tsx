// Status bar: persistence state (every acknowledged edit is already on disk), host and author.
import { useApp } from '../state/appStore';

export function StatusBar() {
  const saveState = useApp((s) => s.saveState);
  const info = useApp((s) => s.info);
  const summary = useApp((s) => s.summary);
  const label = { saved: 'All changes saved', saving: 'Saving…', failed: 'Last change NOT saved' }[saveState];
  return (
    <footer className="statusbar">
      <span className={`save save-${saveState}`} data-testid="save-state">
        {label}
      </span>
      <span className="muted small" title={summary?.project.path}>
        {summary?.project.path}
      </span>
      <span className="spacer" />
      <span className="muted small">
        {info ? `${info.host === 'electron' ? 'Desktop' : 'Browser mode'} · ${info.author} · v${info.version}` : ''}
      </span>
      <span className="muted small">
        Press <kbd>?</kbd> for shortcuts
      </span>
    </footer>
  );
}
