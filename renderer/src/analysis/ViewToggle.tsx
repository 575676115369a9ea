// The "Map | Analysis" switch in the top bar.
import { useAnalysis } from './analysisStore';

export function ViewToggle() {
  const view = useAnalysis((s) => s.view);
  const setView = useAnalysis.getState().setView;
  return (
    <div className="view-toggle" role="tablist" aria-label="View">
      <button role="tab" aria-selected={view === 'map'} className={view === 'map' ? 'tool active' : 'tool'} onClick={() => setView('map')} data-testid="view-map" title="Map (Shift+A toggles)">
        Map
      </button>
      <button role="tab" aria-selected={view === 'analysis'} className={view === 'analysis' ? 'tool active' : 'tool'} onClick={() => setView('analysis')} data-testid="view-analysis" title="Analysis: visits, dwell, coverage (Shift+A)">
        Analysis
      </button>
    </div>
  );
}
