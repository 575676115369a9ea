// A time axis of all scenes: one tick per scene (height = cloud-free share), a row of
// observability marks per zone under it, the current scene lit; filters by cloud cover and by
// "zone observable" (filtered-out scenes fade and the arrow keys skip them); jump to a date typed
// as YYYY-MM-DD. A scene whose cloud cover is unknown gets a hollow tick, never a "0% cloud" one.
import { useMemo, useState } from 'react';
import { useApp } from '../state/appStore';
import { CLOUD_LIMITS, cloudText, filterSummary, parseIsoDate, scenePasses } from '../state/sceneFilter';
import { fmtDate } from './format';
import { SENSOR_TAG, sensorLabel } from '../../../shared/radar';

const DAY = 86_400_000;

export function Timeline() {
  const scenes = useApp((s) => s.scenes);
  const zones = useApp((s) => s.zones);
  const observability = useApp((s) => s.observability);
  const filter = useApp((s) => s.filter);
  const sceneIndex = useApp((s) => s.sceneIndex);
  const { goToScene, setFilter, jumpToDate } = useApp.getState();
  const [date, setDate] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);

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

  const obs = useMemo(() => {
    const m = new Map<string, string>();
    for (const o of observability) m.set(`${o.sceneId}/${o.zoneId}`, o.value);
    return m;
  }, [observability]);

  if (scenes.length === 0) return null;
  const pos = (t: number) => `${((t - t0) / span) * 100}%`;
  const current = scenes[sceneIndex];
  return (
    <div className="timeline" data-testid="timeline" aria-label="Timeline">
      <div className="timeline-filters">
        <select
          data-testid="filter-cloud"
          aria-label="Cloud cover filter"
          title="Scenes whose cloud cover is unknown are left out by any cloud limit"
          value={filter.maxCloud ?? ''}
          onChange={(e) => setFilter({ maxCloud: e.target.value === '' ? null : Number(e.target.value) })}
        >
          {CLOUD_LIMITS.map((c) => (
            <option key={c.label} value={c.value ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
        <select
          data-testid="filter-zone"
          aria-label="Zone observability filter"
          value={filter.observableZoneId ?? ''}
          onChange={(e) => setFilter({ observableZoneId: e.target.value || null })}
        >
          <option value="">any zone</option>
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name} observable
            </option>
          ))}
        </select>
        <span className="muted small" data-testid="filter-count">
          {filterSummary(scenes, filter, observability)}
        </span>
      </div>
      <div className="timeline-axis">
        {months.map((m) => (
          <div key={m.label} className="timeline-month" style={{ left: pos(m.x) }}>
            {m.label}
          </div>
        ))}
        {scenes.map((s, i) => {
          const radar = s.sensor === 'sar';
          const unknownCloud = s.cloudCover == null && !radar;
          // Unknown cover: a mid-height hollow bar, so it reads neither as clear nor as clouded. Radar
          // sees through cloud: a full bar, drawn apart (a diamond and "SAR").
          const clear = radar ? 1 : unknownCloud ? 0.5 : 1 - s.cloudCover!;
          const passes = scenePasses(s, filter, observability);
          const cls = ['tick', i === sceneIndex ? 'active' : '', passes ? '' : 'filtered', unknownCloud ? 'cloud-unknown' : '', radar ? 'radar' : ''].filter(Boolean).join(' ');
          const zoneMarks = zones.map((z) => `${z.name}: ${obs.get(`${s.id}/${z.id}`) ?? 'clear'}`).join(', ');
          return (
            <button
              key={s.id}
              className={cls}
              data-testid="timeline-tick"
              data-passes={passes}
              data-sensor={s.sensor}
              style={{ left: pos(Date.parse(s.acquired)) }}
              title={`${fmtDate(s.acquired)} · ${radar ? sensorLabel(s) : `cloud ${cloudText(s.cloudCover)}`}${zoneMarks ? ` · ${zoneMarks}` : ''}`}
              onClick={() => goToScene(i)}
              aria-label={`Scene of ${fmtDate(s.acquired)}`}
            >
              <span className="tick-bar" style={{ height: `${Math.round(8 + 22 * clear)}px` }} />
              {radar && <span className="tick-sensor">{SENSOR_TAG.sar}</span>}
              {zones.map((z) => (
                <span key={z.id} className={`tick-obs obs-${obs.get(`${s.id}/${z.id}`) ?? 'clear'}`} />
              ))}
            </button>
          );
        })}
      </div>
      <div className="timeline-current">
        <div data-testid="current-scene-date">{current ? `${fmtDate(current.acquired)}${current.sensor === 'sar' ? ` · ${sensorLabel(current)}` : ''} · scene ${sceneIndex + 1} of ${scenes.length}` : ''}</div>
        <form
          className="jump"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!date.trim()) return;
            const day = parseIsoDate(date);
            if (typeof day !== 'string') {
              setDateError(day.error);
              return;
            }
            jumpToDate(day);
            (document.activeElement as HTMLElement | null)?.blur();
          }}
        >
          {/* A text field, not type=date: Chromium shows that in the OS locale (mm/dd/yyyy), and every other date here is YYYY-MM-DD. */}
          <input
            type="text"
            inputMode="numeric"
            data-testid="jump-date"
            aria-label="Jump to date (YYYY-MM-DD)"
            placeholder="YYYY-MM-DD"
            pattern="\d{4}-\d{2}-\d{2}"
            maxLength={10}
            title={dateError ?? 'A date as YYYY-MM-DD (UTC); Enter jumps to the nearest scene'}
            aria-invalid={dateError != null}
            className={dateError ? 'invalid' : undefined}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setDateError(null);
            }}
          />
          <button type="submit" data-testid="jump-go">
            Go <kbd>D</kbd>
          </button>
        </form>
        {dateError && (
          <div className="jump-error small" role="alert" data-testid="jump-date-error">
            {dateError}
          </div>
        )}
      </div>
    </div>
  );
}
