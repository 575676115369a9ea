// The current scene's details and its sightings; the selected sighting's attributes.
import { useShallow } from 'zustand/react/shallow';
import { useApp, currentScene, sightingsOfCurrentScene } from '../state/appStore';
import { fmtDateTime, fmtLonLat, fmtPercent } from './format';

export function SidePanel() {
  const scene = useApp(currentScene);
  const sightings = useApp(useShallow(sightingsOfCurrentScene));
  const zones = useApp((s) => s.zones);
  const selectedId = useApp((s) => s.selectedId);
  const { select, deleteSelected } = useApp.getState();
  const zoneName = (id: string | null) => zones.find((z) => z.id === id)?.name ?? 'no zone';
  const selected = sightings.find((s) => s.id === selectedId) ?? null;

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
              className={s.id === selectedId ? 'sighting selected' : 'sighting'}
              data-testid="sighting-item"
              onClick={() => select(s.id)}
            >
              <span className={`dot dot-${s.class}`} />
              <span>
                {s.class.replace('_', ' ')} #{i + 1}
              </span>
              <span className="muted small">{zoneName(s.zoneId)}</span>
            </li>
          ))}
        </ul>
      </section>
      {selected && (
        <section data-testid="sighting-attributes">
          <h2>Selected</h2>
          <dl className="facts">
            <dt>Class</dt>
            <dd>{selected.class.replace('_', ' ')}</dd>
            <dt>Zone</dt>
            <dd>{zoneName(selected.zoneId)}</dd>
            <dt>Where</dt>
            <dd className="small">{selected.geometry.type === 'Point' ? fmtLonLat(selected.geometry.coordinates) : 'polygon'}</dd>
            <dt>Confidence</dt>
            <dd>{selected.confidence}</dd>
            <dt>Author</dt>
            <dd>{selected.author}</dd>
            <dt>Marked</dt>
            <dd className="small">{fmtDateTime(selected.createdAt)}</dd>
          </dl>
          <button className="danger" onClick={() => void deleteSelected()}>
            Delete <kbd>Del</kbd>
          </button>
        </section>
      )}
    </aside>
  );
}
