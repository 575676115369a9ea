// The current scene's details and its sightings; the attributes of the selection.
import { useShallow } from 'zustand/react/shallow';
import { useApp, currentScene, sightingsOfCurrentScene } from '../state/appStore';
import { fmtDateTime, fmtPercent } from './format';
import { AttributesPanel } from './AttributesPanel';

export function SidePanel() {
  const scene = useApp(currentScene);
  const sightings = useApp(useShallow(sightingsOfCurrentScene));
  const zones = useApp((s) => s.zones);
  const selectedIds = useApp((s) => s.selectedIds);
  const vessels = useApp((s) => s.vessels);
  const { select } = useApp.getState();
  const zoneName = (id: string | null) => zones.find((z) => z.id === id)?.name ?? 'no zone';
  const vesselName = (id: string | null) => vessels.find((v) => v.id === id)?.name;

  return (
    <aside className="side-panel">
      <section>
        <h2>Scene</h2>
        {scene ? (
          <dl className="facts" data-testid="scene-facts">
            <dt>Acquired</dt>
            <dd>{fmtDateTime(scene.acquired)}</dd>
            <dt>Product</dt>
            <dd>
              {scene.provider} {scene.product}
            </dd>
            <dt>Item</dt>
            <dd className="mono small">{scene.itemId ?? '—'}</dd>
            <dt>Cloud</dt>
            <dd>{fmtPercent(scene.cloudCover)}</dd>
            <dt>GSD</dt>
            <dd>{scene.gsd != null ? `${scene.gsd} m` : '—'}</dd>
          </dl>
        ) : (
          <p className="muted">No scene.</p>
        )}
      </section>
      <section>
        <h2>
          Sightings <span className="muted" data-testid="sighting-count">{sightings.length}</span>
        </h2>
        {sightings.length === 0 && (
          <p className="muted small">
            None on this scene. Press <kbd>V</kbd> and click a ship to mark it.
          </p>
        )}
        <ul className="sightings" data-testid="sighting-list">
          {sightings.map((s, i) => (
            <li
              key={s.id}
              className={selectedIds.includes(s.id) ? 'sighting selected' : 'sighting'}
              data-testid="sighting-item"
              onClick={(e) => select([s.id], e.shiftKey ? 'toggle' : 'replace')}
            >
              <span className={`dot dot-${s.class}`} />
              <span>
                {vesselName(s.vesselId) ?? `${s.class.replace('_', ' ')} #${i + 1}`}
                {s.count != null ? ` ×${s.count}` : ''}
              </span>
              <span className="muted small">{zoneName(s.zoneId)}</span>
            </li>
          ))}
        </ul>
      </section>
      <AttributesPanel />
    </aside>
  );
}
