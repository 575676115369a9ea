// A time axis of all scenes: one tick per scene (height = cloud-free share), the current one lit.
import { useMemo } from 'react';
import { useApp } from '../state/appStore';
import { fmtDate } from './format';

const DAY = 86_400_000;

export function Timeline() {
  const scenes = useApp((s) => s.scenes);
  const sceneIndex = useApp((s) => s.sceneIndex);
  const goToScene = useApp((s) => s.goToScene);

  const { t0, span, months } = useMemo(() => {
    if (scenes.length === 0) return { t0: 0, span: 1, months: [] as { x: number; label: string }[] };
    const first = Date.parse(scenes[0]!.acquired) - DAY;
    const last = Date.parse(scenes[scenes.length - 1]!.acquired) + DAY;
    const ms: { x: number; label: string }[] = [];
    const d = new Date(first);
    d.setUTCDate(1);
    d.setUTCHours(0, 0, 0, 0);
    while (d.getTime() <= last) {
      if (d.getTime() >= first) ms.push({ x: d.getTime(), label: d.toISOString().slice(0, 7) });
      d.setUTCMonth(d.getUTCMonth() + 1);
    }
    return { t0: first, span: last - first, months: ms };
  }, [scenes]);

  if (scenes.length === 0) return null;
  const pos = (t: number) => `${((t - t0) / span) * 100}%`;
  const current = scenes[sceneIndex];
  return (
    <div className="timeline" data-testid="timeline" aria-label="Timeline">
      <div className="timeline-axis">
        {months.map((m) => (
          <div key={m.label} className="timeline-month" style={{ left: pos(m.x) }}>
            {m.label}
          </div>
        ))}
        {scenes.map((s, i) => {
          const clear = 1 - (s.cloudCover ?? 0);
          return (
            <button
              key={s.id}
              className={i === sceneIndex ? 'tick active' : 'tick'}
              style={{ left: pos(Date.parse(s.acquired)), height: `${30 + 60 * clear}%` }}
              title={`${fmtDate(s.acquired)} · cloud ${Math.round((s.cloudCover ?? 0) * 100)}%`}
              onClick={() => goToScene(i)}
              aria-label={`Scene of ${fmtDate(s.acquired)}`}
            />
          );
        })}
      </div>
      <div className="timeline-current" data-testid="current-scene-date">
        {current ? `${fmtDate(current.acquired)} · scene ${sceneIndex + 1} of ${scenes.length}` : ''}
      </div>
    </div>
  );
}
