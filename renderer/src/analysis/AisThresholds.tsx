// The project's AIS thresholds, stated in one sentence above the AIS tables and editable in place: one
// undoable edit ("Change AIS thresholds"), refused in words beside the form when the values cannot work
// together. The verdicts, the map's AIS window and the tables follow at once (aisStore hears the change).
import { useState } from 'react';
import type { AisSettings } from '../../../shared/ais/types';
import { call } from '../api/client';
import { useApp } from '../state/appStore';

const FIELDS: { key: keyof AisSettings; label: string; unit: string; step: string }[] = [
  { key: 'windowMin', label: 'Window', unit: '± min', step: '1' },
  { key: 'confirmM', label: 'Confirmed within', unit: 'm', step: '10' },
  { key: 'contradictM', label: 'Contradicted beyond', unit: 'm', step: '100' },
  { key: 'gapH', label: 'A gap is at least', unit: 'h', step: '0.5' },
  { key: 'stopKn', label: 'Stopped below', unit: 'kn', step: '0.1' },
];

export function AisThresholds({ settings }: { settings: AisSettings }) {
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const km = (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`);

  const save = async () => {
    if (!draft) return;
    const patch: Partial<AisSettings> = {};
    for (const f of FIELDS) {
      const text = draft[f.key]!.trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) {
        setError(`${f.label}: type a number.`);
        return;
      }
      if (value !== settings[f.key]) patch[f.key] = value;
    }
    if (Object.keys(patch).length === 0) {
      setDraft(null);
      setError(null);
      return;
    }
    setSaving(true);
    try {
      await call('ais.settings.set', patch);
      setDraft(null);
      setError(null);
      const app = useApp.getState();
      useApp.setState({ editSeq: app.editSeq + 1 });
      void app.refreshHistory();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  if (!draft) {
    return (
      <p className="muted small" data-testid="ais-thresholds">
        A mark is compared with AIS within ±{settings.windowMin} min of its scene: confirmed within {km(settings.confirmM)}, contradicted beyond {km(settings.contradictM)},
        silent with no message; a gap is ≥ {settings.gapH} h without a message; a ship below {settings.stopKn} kn has stopped. Method page: “AIS and imagery”.{' '}
        <button className="link small" data-testid="ais-thresholds-edit" onClick={() => setDraft(Object.fromEntries(FIELDS.map((f) => [f.key, String(settings[f.key])])))}>
          Change thresholds…
        </button>
      </p>
    );
  }
  return (
    <form
      className="ais-thresholds-form"
      data-testid="ais-thresholds-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input type="number" step={f.step} value={draft[f.key]} data-testid={`ais-threshold-${f.key}`} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          <span className="muted">{f.unit}</span>
        </label>
      ))}
      <div className="ais-thresholds-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="ais-thresholds-save">
          Save
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(null);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="ais-thresholds-error">
          {error}
        </p>
      )}
    </form>
  );
}
