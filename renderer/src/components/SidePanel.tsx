// The current scene's details and its sightings; the attributes of the selection.
import { sensorLabel } from '../../../shared/radar';
import { useApp, currentScene, sightingsOfCurrentScene } from '../state/appStore';
import { cloudText } from '../state/sceneFilter';
import { mapController } from '../map/MapController';
import { fmtDateTime } from './format';
import { AttributesPanel } from './AttributesPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { classNoun } from '../../../shared/sightingRules';

/**
 * A scene can hold thousands of marks; a list of thousands of rows would be re-rendered on every
 * selection. The panel lists the first LIST_LIMIT, plus any selected mark beyond them.
 */
const LIST_LIMIT = 300;

function listed<T extends { id: string }>(all: readonly T[], selectedIds: readonly string[]): [T, number][] {
  const rows: [T, number][] = all.slice(0, LIST_LIMIT).map((s, i) => [s, i]);
  if (all.length > LIST_LIMIT && selectedIds.length) {
    const selected = new Set(selectedIds);
    all.forEach((s, i) => {
      if (i >= LIST_LIMIT && selected.has(s.id)) rows.push([s, i]);
    });
  }
  return rows;
}

export function SidePanel() {
  const scene = useApp(currentScene);
  const sightings = useApp(sightingsOfCurrentScene);
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
            {scene.sensor === 'sar' ? (
              <>
                <dt>Sensor</dt>
                <dd data-testid="scene-sensor-fact">{sensorLabel(scene)} (cloud does not hide a quay from radar)</dd>
              </>
            ) : (
              <>
                <dt>Cloud</dt>
                <dd data-testid="scene-cloud-fact">{cloudText(scene.cloudCover)}</dd>
              </>
            )}
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
          {listed(sightings, selectedIds).map(([s, i]) => (
            <li
              key={s.id}
              className={[selectedIds.includes(s.id) ? 'sighting selected' : 'sighting', s.verified ? '' : 'unverified'].filter(Boolean).join(' ')}
              data-testid="sighting-item"
              data-verified={s.verified}
              onClick={(e) => {
                select([s.id], e.shiftKey ? 'toggle' : 'replace');
                // Picked from the list: show it on the map (a pan that keeps the zoom, if it fits).
                if (!e.shiftKey) mapController.reveal(s.geometry);
              }}
            >
              <span className={`dot dot-${s.class}`} />
              <span>
                {vesselName(s.vesselId) ?? `${classNoun(s.class)} #${i + 1}`}
                {s.count != null ? ` ×${s.count}` : ''}
                {s.verified ? '' : <span className="unconfirmed small" title="Carried forward: confirm it (Shift+V) if you see it on this scene"> · unconfirmed</span>}
              </span>
              <span className="muted small">{zoneName(s.zoneId)}</span>
            </li>
          ))}
        </ul>
        {sightings.length > LIST_LIMIT && (
          <p className="muted small" data-testid="sighting-list-more">
            … and {sightings.length - LIST_LIMIT} more on this scene: select them on the map (shift-drag for a box).
          </p>
        )}
      </section>
      {/* Its own boundary: a mark with a bad linked record fails here, the scene facts and list stay. */}
      <ErrorBoundary panel="Attributes">
        <AttributesPanel />
      </ErrorBoundary>
    </aside>
  );
}
