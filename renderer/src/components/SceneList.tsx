// All scenes by date, with cloud cover, zone observability and the number of marks on each.
import { useEffect, useMemo, useRef } from 'react';
import { useApp } from '../state/appStore';
import { fmtDate, fmtPercent, fmtTime } from './format';

export function SceneList() {
  const scenes = useApp((s) => s.scenes);
  const zones = useApp((s) => s.zones);
  const observability = useApp((s) => s.observability);
  const sightings = useApp((s) => s.sightings);
  const sceneIndex = useApp((s) => s.sceneIndex);
  const goToScene = useApp((s) => s.goToScene);
  const activeRef = useRef<HTMLLIElement>(null);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of sightings) m.set(s.sceneId, (m.get(s.sceneId) ?? 0) + 1);
    return m;
  }, [sightings]);
  const obsByScene = useMemo(() => {
    const m = new Map<string, Map<string, string>>();
    for (const o of observability) {
      if (!m.has(o.sceneId)) m.set(o.sceneId, new Map());
      m.get(o.sceneId)!.set(o.zoneId, o.value);
    }
    return m;
  }, [observability]);

  useEffect(() => {
    // Braces matter: newer Chromium returns a Promise from scrollIntoView, and React would take
    // a returned value for a cleanup function.
    void activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [sceneIndex]);

  return (
    <aside className="scene-list" aria-label="Scenes">
      <h2>
        Scenes <span className="muted">{scenes.length}</span>
      </h2>
      {scenes.length === 0 && <p className="muted pad">No scenes in this project yet.</p>}
      <ol data-testid="scene-list">
        {scenes.map((scene, i) => (
          <li
            key={scene.id}
            ref={i === sceneIndex ? activeRef : undefined}
            className={i === sceneIndex ? 'scene active' : 'scene'}
            data-testid="scene-item"
            aria-current={i === sceneIndex}
            onClick={() => goToScene(i)}
          >
            <div className="scene-date">{fmtDate(scene.acquired)}</div>
            <div className="scene-meta muted small">
              {fmtTime(scene.acquired)} · {scene.product} · cloud {fmtPercent(scene.cloudCover)}
            </div>
            <div className="scene-zones">
              {zones.map((z) => {
                const v = obsByScene.get(scene.id)?.get(z.id) ?? 'clear';
                return (
                  <span key={z.id} className={`obs obs-${v}`} title={`${z.name}: ${v}`}>
                    {z.name}
                  </span>
                );
              })}
              {counts.get(scene.id) ? <span className="mark-count">{counts.get(scene.id)} marks</span> : null}
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
