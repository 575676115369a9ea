// What to do next when the open project has no imagery yet (a new project, or none open): the
// ways forward as buttons over the empty map, instead of a black map and a dead end.
import { useApp } from '../state/appStore';
import { openImportDialog } from './ImportDialog';

export function EmptyProject() {
  const hasProject = useApp((s) => s.summary !== null);
  const sceneCount = useApp((s) => s.scenes.length);
  const recent = useApp((s) => s.recent);
  const currentPath = useApp((s) => s.summary?.project.path ?? null);
  if (sceneCount > 0) return null;
  const { openDemo, openProject, setDialog } = useApp.getState();
  const others = recent.filter((r) => r.exists && r.path !== currentPath).slice(0, 4);
  return (
    <div className="empty-project" data-testid="empty-project">
      <h1>{hasProject ? 'This project has no imagery yet' : 'No project is open'}</h1>
      <p className="muted">
        {hasProject
          ? 'Import your scenes (GeoTIFF or COG files, a Planet order, MBTiles or a tile URL) to start marking. You can also look around the demo port first.'
          : 'Create a project for your investigation, open one, or look around the demo port first.'}
      </p>
      <div className="empty-actions">
        {hasProject ? (
          <button className="primary" data-testid="empty-import" onClick={() => openImportDialog()}>
            Import imagery… <kbd>Ctrl+I</kbd>
          </button>
        ) : (
          <button className="primary" data-testid="empty-new" onClick={() => setDialog('new')}>
            New project… <kbd>Ctrl+N</kbd>
          </button>
        )}
        <button data-testid="empty-demo" onClick={() => void openDemo()}>
          Open the demo project
        </button>
        <button data-testid="empty-open" onClick={() => setDialog('open')}>
          Open a project… <kbd>Ctrl+O</kbd>
        </button>
      </div>
      {others.length > 0 && (
        <div className="empty-recent">
          <h2>Recent projects</h2>
          {others.map((r) => (
            <button key={r.path} className="link" data-testid="empty-recent" title={r.path} onClick={() => void openProject(r.path)}>
              {r.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
