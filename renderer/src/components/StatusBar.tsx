// Status bar: persistence state (every acknowledged edit is already on disk), host and author.
import { useApp } from '../state/appStore';
import { THEME_LABEL, useTheme } from '../theme';

export function StatusBar() {
  const saveState = useApp((s) => s.saveState);
  const info = useApp((s) => s.info);
  const summary = useApp((s) => s.summary);
  const theme = useTheme();
  const label = { saved: 'All changes saved', saving: 'Saving…', failed: 'Last change NOT saved' }[saveState];
  return (
    <footer className="statusbar">
      <span className={`save save-${saveState}`} data-testid="save-state">
        {label}
      </span>
      <span className="muted small" title={summary?.project.path} data-testid="project-path">
        {summary?.project.path}
      </span>
      <span className="spacer" />
      <span className="muted small">{info ? `${info.host === 'electron' ? 'Desktop' : 'Browser mode'} · ` : ''}</span>
      {info && (
        <button className="link small" data-testid="analyst-name-status" title="Who signs your marks and reviews (File → Your name…)" onClick={() => useApp.getState().setDialog('analyst')}>
          {info.analyst ? `${info.analyst.name} (${info.analyst.initials})` : `${info.author} (no name given)`}
        </button>
      )}
      <span className="muted small">{info ? `v${info.version}` : ''}</span>
      <button
        className="link small"
        data-testid="theme-toggle"
        data-theme-choice={theme.choice}
        title="Switch the look: system, dark, light, print (Shift+T)"
        onClick={() => theme.cycle()}
      >
        Theme: {THEME_LABEL[theme.choice]}
        {theme.choice === 'system' ? ` (${theme.applied})` : ''}
      </button>
      <span className="muted small">
        Press <kbd>?</kbd> for shortcuts
      </span>
    </footer>
  );
}
