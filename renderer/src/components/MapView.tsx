// Hosts the window's single map (attached here, never created here), the tool hint, the zone-name
// form, and the comparison: a swipe handle over the map, or a second synchronised pane beside it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { mapController } from '../map/MapController';
import { useApp } from '../state/appStore';
import type { ZoneKind } from '../../../shared/domain';
import { ZONE_KINDS } from '../../../shared/domain';
import { fmtDate } from './format';
import { EmptyProject } from './EmptyProject';
import { classWithArticle } from '../../../shared/sightingRules';
import { useAis } from '../ais/aisStore';
import { RadarControl } from './RadarControl';

function ModeHint() {
  const mode = useApp((s) => s.mode);
  const measurement = useApp((s) => s.measurement);
  if (mode.name === 'select') return null;
  const what = mode.name === 'mark' ? classWithArticle(mode.cls) : '';
  const text =
    mode.name === 'mark'
      ? mode.shape === 'point'
        ? `Click to mark ${what} · B: draw boxes instead`
        : // Bow and stern are a ship's ends; a stack, an aircraft or a vehicle is boxed by its ends too.
          mode.cls === 'vessel'
          ? `Box ${what}: click bow, click stern, click one side · B: points instead`
          : `Box ${what}: click one end, click the other end, click one long side · B: points instead`
      : mode.name === 'zone'
        ? 'Click the corners of the zone · double-click to close'
        : mode.kind === 'distance'
          ? `Click along the path · double-click to finish${measurement ? ` · ${measurement}` : ''}`
          : `Click the corners · double-click to finish${measurement ? ` · ${measurement}` : ''}`;
  return (
    <div className="map-hint" data-testid={mode.name === 'mark' ? 'mark-hint' : `${mode.name}-hint`}>
      {text} · <kbd>Esc</kbd> to stop
    </div>
  );
}

/** While AIS is shown: which instant and window it stands for, and how many vessels it placed (I hides it). */
function AisBadge() {
  const shown = useAis((s) => s.shown);
  const sceneId = useApp((s) => s.scenes[s.sceneIndex]?.id ?? null);
  const answer = useAis((s) => (sceneId ? s.atScene.get(sceneId) : undefined));
  const error = useAis((s) => s.error);
  if (!shown) return null;
  const text = error
    ? `AIS could not be read: ${error}`
    : !answer
      ? 'AIS: reading…'
      : answer.vessels.length === 0
        ? `AIS: no vessel reported within ±${answer.windowMin} min of ${answer.acquired.slice(11, 16)} UTC`
        : `AIS at ${answer.acquired.slice(11, 16)} UTC (±${answer.windowMin} min): ${answer.vessels.length === 1 ? '1 vessel' : `${answer.vessels.length} vessels`}`;
  return (
    <div className="map-badge ais-badge" data-testid="ais-badge">
      {text} · <kbd>I</kbd> hides
    </div>
  );
}

type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** The map corner farthest from the outline just drawn, so the naming card never covers it. */
function cornerAwayFrom(ring: [number, number][]): Corner {
  const el = document.querySelector('[data-testid="map"]');
  const xs = ring.map((c) => c[0]);
  const ys = ring.map((c) => c[1]);
  const px = mapController.pixelOf([(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2]);
  if (!el || !px) return 'top-right';
  const { width, height } = el.getBoundingClientRect();
  return `${px[1] < height / 2 ? 'bottom' : 'top'}-${px[0] < width / 2 ? 'right' : 'left'}`;
}

function ZoneNameForm() {
  const pending = useApp((s) => s.pendingZone);
  const corner = useMemo(() => (pending ? cornerAwayFrom(pending.coordinates[0]!) : 'top-right'), [pending]);
  const zoneCount = useApp((s) => s.zones.length);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ZoneKind>('quay');
  useEffect(() => setName(''), [pending]);
  if (!pending) return null;
  const { createZone, cancelZone } = useApp.getState();
  return (
    <form
      className={`map-card corner-${corner}`}
      data-testid="zone-form"
      data-corner={corner}
      onSubmit={(e) => {
        e.preventDefault();
        void createZone(name.trim() || `Zone ${zoneCount + 1}`, kind);
      }}
    >
      <h2>New zone</h2>
      <label>
        Name
        <input autoFocus data-testid="zone-name-input" value={name} placeholder={`Zone ${zoneCount + 1}`} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Kind
        <select data-testid="zone-kind-select" value={kind} onChange={(e) => setKind(e.target.value as ZoneKind)}>
          {ZONE_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <div className="modal-actions">
        <button type="button" onClick={cancelZone}>
          Discard
        </button>
        <button type="submit" className="primary" data-testid="zone-save">
          Save zone
        </button>
      </div>
    </form>
  );
}

function SwipeHandle() {
  const [pos, setPos] = useState(0.5);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => mapController.setSwipe(pos), [pos]);
  const drag = (e: React.PointerEvent) => {
    const box = ref.current?.parentElement?.getBoundingClientRect();
    if (!box) return;
    setPos(Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)));
  };
  return (
    <div
      ref={ref}
      className="swipe-handle"
      data-testid="swipe-handle"
      style={{ left: `${pos * 100}%` }}
      onPointerDown={(e) => {
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        drag(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons) drag(e);
      }}
    >
      <div className="swipe-grip">⇆</div>
    </div>
  );
}

function ComparePicker() {
  const scenes = useApp((s) => s.scenes);
  const compare = useApp((s) => s.compare);
  const current = useApp((s) => s.scenes[s.sceneIndex]);
  const { setCompare } = useApp.getState();
  return (
    <div className="compare-bar" data-testid="compare-bar">
      <span className="muted">Compare</span>
      <select
        data-testid="compare-scene"
        value={compare.sceneId ?? ''}
        onChange={(e) => setCompare(compare.mode, e.target.value)}
        aria-label="Scene to compare with"
      >
        {scenes.map((s) => (
          <option key={s.id} value={s.id} disabled={s.id === current?.id}>
            {fmtDate(s.acquired)}
          </option>
        ))}
      </select>
      <span className="muted">with {current ? fmtDate(current.acquired) : '—'}</span>
      <div className="segmented">
        <button className={compare.mode === 'swipe' ? 'active' : ''} data-testid="compare-swipe" onClick={() => setCompare('swipe')}>
          Swipe
        </button>
        <button className={compare.mode === 'side' ? 'active' : ''} data-testid="compare-side" onClick={() => setCompare('side')}>
          Side by side
        </button>
        <button onClick={() => setCompare('off')} data-testid="compare-off">
          Close <kbd>W</kbd>
        </button>
      </div>
    </div>
  );
}

export function MapView() {
  const ref = useRef<HTMLDivElement>(null);
  const compareRef = useRef<HTMLDivElement>(null);
  const compare = useApp((s) => s.compare);
  const compareScene = useApp((s) => s.scenes.find((x) => x.id === s.compare.sceneId) ?? null);
  const current = useApp((s) => s.scenes[s.sceneIndex] ?? null);
  useEffect(() => {
    mapController.setTarget(ref.current ?? undefined);
    return () => mapController.setTarget(undefined);
  }, []);
  const side = compare.mode === 'side';
  useEffect(() => {
    mapController.setCompareTarget(side ? compareRef.current : null);
  }, [side]);
  return (
    <div className={side ? 'map-wrap side-by-side' : 'map-wrap'}>
      {side && (
        <div className="map-pane">
          <div ref={compareRef} className="map" data-testid="compare-map" />
          <div className="pane-label">{compareScene ? fmtDate(compareScene.acquired) : ''}</div>
        </div>
      )}
      <div className="map-pane">
        <div ref={ref} className="map" data-testid="map" data-render-state="loading" />
        {compare.mode === 'swipe' && (
          <>
            <SwipeHandle />
            <div className="pane-label left">{compareScene ? fmtDate(compareScene.acquired) : ''}</div>
            <div className="pane-label right">{current ? fmtDate(current.acquired) : ''}</div>
          </>
        )}
        {side && <div className="pane-label">{current ? fmtDate(current.acquired) : ''}</div>}
      </div>
      {compare.mode !== 'off' && <ComparePicker />}
      <ModeHint />
      <AisBadge />
      {compare.mode === 'off' && <RadarControl />}
      <ZoneNameForm />
      <EmptyProject />
    </div>
  );
}
