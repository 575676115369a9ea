// What the Save figure and Time-lapse dialogs share: the frame (the window's view or a zone), the choices they
// remember for the project (an analyst makes a series of figures of one port the same way) and the style that
// follows the app's theme.
import type { FigureFrame, FigureStyle } from '../../../shared/calls/figure';
import type { LonLat, Zone } from '../../../shared/domain';
import { fmtLength, geodesicDistanceM } from '../../../shared/measure';
import type { AppliedTheme } from '../theme';
import { ScopeChoice } from '../team/ScopeChoice';
import { useAnalysis } from '../analysis/analysisStore';
import { useApp } from '../state/appStore';

/** A whole number in a range from a dialog's field, or the reason it is not one (Save figure, Time-lapse). */
export function numberProblem(value: string, what: string, min: number, max: number): string | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? null : `${what} must be a whole number from ${min} to ${max}.`;
}

/** The figure's style unless the analyst chose one: the app's own (print is light on paper). */
export const styleOfTheme = (theme: AppliedTheme): FigureStyle => (theme === 'dark' ? 'dark' : 'light');

/** Which dialog's choices: Save figure, Time-lapse, or the Report dialog's figures. */
export type ChoicesKind = 'figure' | 'timelapse' | 'report';

const storageKey = (kind: ChoicesKind, projectId: string) => `quaywatch.${kind}.${projectId}`;

/**
 * The choices last used for this project, kept in this browser profile as the Report dialog keeps its title. Only
 * values of the type the default has are taken back, so a stored value from an older build cannot break the form.
 */
export function rememberedChoices<T extends object>(kind: ChoicesKind, projectId: string | undefined, defaults: T): T {
  try {
    const raw = projectId ? localStorage.getItem(storageKey(kind, projectId)) : null;
    const stored: unknown = raw ? JSON.parse(raw) : null;
    if (!stored || typeof stored !== 'object') return defaults;
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, v] of Object.entries(defaults)) {
      const s = (stored as Record<string, unknown>)[k];
      if (s !== undefined && typeof s === typeof v) merged[k] = s;
    }
    return merged as T;
  } catch {
    return defaults; // storage refused (private window) or unreadable: the dialog starts from its defaults
  }
}

export function rememberChoices<T extends object>(kind: ChoicesKind, projectId: string | undefined, choices: T) {
  try {
    if (projectId) localStorage.setItem(storageKey(kind, projectId), JSON.stringify(choices));
  } catch {
    // not remembered; the figure itself is written
  }
}

/** '' frames the window's view; otherwise a zone's id. */
export type FrameChoice = string;

export function frameOf(choice: FrameChoice, view: [LonLat, LonLat] | null): FigureFrame | null {
  if (choice) return { zone: choice };
  return view ? { bbox: view } : null;
}

/** "2.4 × 1.6 km": the view's size on the ground, measured as everything the app shows is. */
function viewSize([[w, s], [e, n]]: [LonLat, LonLat]): string {
  const mid = (s + n) / 2;
  return `${fmtLength(geodesicDistanceM(w, mid, e, mid))} × ${fmtLength(geodesicDistanceM(w, s, w, n))}`;
}

interface FrameFieldProps {
  value: FrameChoice;
  onChange(choice: FrameChoice): void;
  zones: readonly Pick<Zone, 'id' | 'name'>[];
  /** The window's view when the dialog opened; null when the map shows nothing (the Analysis view). */
  view: [LonLat, LonLat] | null;
  testId: string;
  disabled: boolean;
}

/** "Frame": the current view, or one zone (its outline and a margin around it). */
export function FrameField({ value, onChange, zones, view, testId, disabled }: FrameFieldProps) {
  return (
    <label>
      Frame
      <select data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled={!view}>
          {/* Over the Analysis view the map is hidden but keeps its view: the one the analyst left. */}
          {view ? `${useAnalysis.getState().view === 'analysis' ? 'The map’s last view' : 'The current view'} (${viewSize(view)})` : 'The current view (the map is not shown)'}
        </option>
        {zones.map((z) => (
          <option key={z.id} value={z.id}>
            Zone: {z.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The zone the analyst has chosen where they are: while the Analysis view shows, its zone filter (every zone: none);
 * on the map, the selected zone. What a figure or time-lapse opened there frames first.
 */
export function chosenZoneId(): string | null {
  const analysis = useAnalysis.getState();
  return analysis.view === 'analysis' ? analysis.filters.zoneId : useApp.getState().selectedZoneId;
}

/** The frame to start with: the selected zone, else the zone used last if it still exists, else the view. */
export function initialFrame(selectedZoneId: string | null, remembered: string, zones: readonly Pick<Zone, 'id'>[], view: [LonLat, LonLat] | null): FrameChoice {
  if (selectedZoneId && zones.some((z) => z.id === selectedZoneId)) return selectedZoneId;
  if (remembered && zones.some((z) => z.id === remembered)) return remembered;
  if (!view && zones[0]) return zones[0].id;
  return '';
}

/** Marks on or off, and whose marks (in a team): the same row in both dialogs; `testIdPrefix` "figure" or "timelapse". */
export function MarksField({ testIdPrefix, marks, onChange, disabled }: { testIdPrefix: string; marks: boolean; onChange(marks: boolean): void; disabled: boolean }) {
  return (
    <div className="field-row">
      <label className="inline">
        <input type="checkbox" data-testid={`${testIdPrefix}-marks`} checked={marks} disabled={disabled} onChange={(e) => onChange(e.target.checked)} /> Marks and their labels
      </label>
      <ScopeChoice testId={`${testIdPrefix}-scope`} disabled={disabled || !marks} />
    </div>
  );
}
