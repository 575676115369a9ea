// Mounts the Analysis view over the workspace (the map stays alive underneath) and the trail bar of a visit opened on the map.
import { lazy, Suspense, useEffect } from 'react';
import { keyName } from '../shortcuts';
import { useApp } from '../state/appStore';
import { useAnalysis } from './analysisStore';
import { showTrailScene } from './jump';
import { chartLabels } from './labels';
import { utcMinute } from '../../../shared/charts';

// Loaded on first use: ECharts is a large bundle, and the window must open fast.
const AnalysisPanel = lazy(() => import('./AnalysisPanel').then((m) => ({ default: m.AnalysisPanel })));

/**
 * Shortcuts that still make sense while the map is hidden; the rest (Delete, arrows, tools) would act on an unseen map.
 * Save figure draws a zone chosen here (the zone filter) or the map's last view, so it is one of them.
 */
const ALLOWED_IN_ANALYSIS = new Set(['Shift+a', 'Escape', 'Ctrl+z', 'Ctrl+Shift+z', 'Ctrl+y', '?', 'Ctrl+n', 'Ctrl+o', 'Ctrl+i', 'Ctrl+e', 'Ctrl+p', 'Ctrl+Shift+s', 'Ctrl+Shift+f']);

export function AnalysisHost() {
  const view = useAnalysis((s) => s.view);
  const trail = useAnalysis((s) => s.trail);

  useEffect(() => {
    if (view !== 'analysis') return;
    const guard = (e: KeyboardEvent) => {
      const name = keyName(e);
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
      if (name === 'Escape' && !typing && !useApp.getState().dialog) {
        e.stopPropagation();
        const a = useAnalysis.getState();
        if (a.page === 'method') a.setPage('figures');
        else a.setView('map');
        return;
      }
      if (!ALLOWED_IN_ANALYSIS.has(name)) e.stopPropagation();
    };
    // Capture phase on window runs before the workbench's shortcut listener.
    window.addEventListener('keydown', guard, true);
    return () => window.removeEventListener('keydown', guard, true);
  }, [view]);

  return (
    <>
      {view === 'analysis' && (
        <div className="analysis-overlay">
          <Suspense fallback={<div className="pad muted">Loading the analysis…</div>}>
            <AnalysisPanel />
          </Suspense>
        </div>
      )}
      {view === 'map' && trail && <TrailBar />}
    </>
  );
}

function TrailBar() {
  const trail = useAnalysis((s) => s.trail)!;
  const zones = useApp((s) => s.zones);
  const vessels = useApp((s) => s.vessels);
  const tracks = useApp((s) => s.tracks);
  const scenes = useApp((s) => s.scenes);
  const labels = chartLabels(zones, vessels, tracks);
  const { setTrail, setView } = useAnalysis.getState();
  const v = trail.visit;
  const sceneId = trail.sceneIds[trail.pos]!;
  const scene = scenes.find((s) => s.id === sceneId);
  const where = v.portCall ? 'the whole port seen without it' : 'seen without it';
  const role = sceneId === v.arrivalAfterSceneId ? `absent: last scene before arrival, ${where}` : sceneId === v.departureBeforeSceneId ? `absent: first scene after departure, ${where}` : 'present';
  return (
    <div className="an-trail" data-testid="visit-trail">
      <strong>{labels.subjects[v.subjectId] ?? 'Unnamed'}</strong>{' '}
      {v.portCall ? `in port (${v.zoneIds.map((z) => labels.zones[z] ?? 'zone').join(', ')})` : `at ${labels.zones[v.zoneIds[0]!] ?? 'zone'}`} · scene {trail.pos + 1} of{' '}
      {trail.sceneIds.length}
      {scene && <span className="mono"> · {utcMinute(scene.acquired)}</span>} <span className={role === 'present' ? 'ok' : 'muted'}>({role})</span>
      <button onClick={() => showTrailScene(trail.pos - 1)} disabled={trail.pos === 0} title="Previous scene of this visit">
        ◀
      </button>
      <button onClick={() => showTrailScene(trail.pos + 1)} disabled={trail.pos === trail.sceneIds.length - 1} title="Next scene of this visit">
        ▶
      </button>
      <button onClick={() => setView('analysis')}>Back to analysis</button>
      <button onClick={() => setTrail(null)} title="Close" aria-label="Close">
        ✕
      </button>
    </div>
  );
}
