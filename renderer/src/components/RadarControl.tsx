// Over the map while a radar scene is shown: how it is drawn (grey, or which polarisation is which
// colour), and the stretch, the percentiles mapped to black and white, which the analyst may move.
// The stretch holds for the session (every radar scene); the dB it stands for are the scene's own.
import { useApp } from '../state/appStore';
import { useRadar } from '../map/radarLayer';
import { DEFAULT_RADAR_STRETCH, sensorLabel, stretchRange } from '../../../shared/radar';

export function RadarControl() {
  const scene = useApp((s) => s.scenes[s.sceneIndex] ?? null);
  const stretch = useRadar((s) => s.stretch);
  const stats = useRadar((s) => (scene ? s.stats.get(scene.id) : undefined));
  const setStretch = useRadar((s) => s.setStretch);
  if (!scene || scene.sensor !== 'sar') return null;
  const pols = scene.acquisition.polarizations ?? [];
  const dual = stats ? stats.composition === 'dual' : pols.length >= 2;
  const [co, cross] = [pols[0] ?? 'co-pol', pols[1] ?? 'cross-pol'];
  const how = dual ? `false colour: R ${co}, G ${cross}, B ${co}/${cross}` : `grey: ${co} amplitude`;
  const range = stats ? stretchRange(stats.channels[0]!, stretch) : null;
  return (
    <div className="radar-control" data-testid="radar-control">
      <div>
        <strong>Radar</strong> · {sensorLabel(scene).replace(/^radar, /, '')} · {how} (dB)
      </div>
      <div className="row">
        <label>
          Stretch{' '}
          <input
            type="number"
            min={0}
            max={99}
            step={1}
            aria-label="Low percentile"
            data-testid="radar-stretch-low"
            value={stretch.lowPercent}
            onChange={(e) => setStretch({ ...stretch, lowPercent: Number(e.target.value) })}
          />
        </label>
        –
        <input
          type="number"
          min={1}
          max={100}
          step={1}
          aria-label="High percentile"
          data-testid="radar-stretch-high"
          value={stretch.highPercent}
          onChange={(e) => setStretch({ ...stretch, highPercent: Number(e.target.value) })}
        />
        %
        <button className="link small" data-testid="radar-stretch-reset" onClick={() => setStretch(DEFAULT_RADAR_STRETCH)} title="Back to 2–98 %">
          Reset
        </button>
      </div>
      <div className="muted small" data-testid="radar-stretch-db">
        {range ? `${co} ${range[0].toFixed(1)} … ${range[1].toFixed(1)} dB shown black … white` : 'reading the scene’s percentiles…'} · for this session
      </div>
    </div>
  );
}
