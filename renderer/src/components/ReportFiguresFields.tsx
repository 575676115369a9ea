// The Report dialog's "Figures" section: a before/after pair and a strip of frames of one zone (report.run pair/strip),
// the pair's scenes left automatic (the zone's first and last scene in the period that show it) or chosen from the
// zone's scenes in the period. The choices are remembered per project as the figure dialogs remember theirs.
import type { RequestOf } from '../../../shared/api';
import type { Scene, Zone } from '../../../shared/domain';
import { sensorLabel } from '../../../shared/radar';
import { STRIP_DEFAULT_FRAMES, STRIP_MAX_FRAMES, STRIP_MIN_FRAMES } from '../../../shared/reportFigures';
import { numberProblem } from './figureChoices';
import { fmtDate, fmtDateTime } from './format';
import { ZoneOptions } from './ZoneOptions';

export interface FigureChoices {
  /** A zone's id; '' for no figures. */
  zone: string;
  pair: boolean;
  /** Scene ids; '' for automatic. */
  before: string;
  after: string;
  strip: boolean;
  frames: string;
}

export const NO_FIGURES: FigureChoices = { zone: '', pair: true, before: '', after: '', strip: true, frames: String(STRIP_DEFAULT_FRAMES) };

/** The scenes the pair may be chosen from: the zone's site's, in the period's days. */
export function pairScenes(scenes: readonly Scene[], zone: Pick<Zone, 'siteId'> | undefined, from: string, to: string): Scene[] {
  if (!zone) return [];
  return scenes.filter((s) => s.siteId === zone.siteId && (!from || fmtDate(s.acquired) >= from) && (!to || fmtDate(s.acquired) <= to));
}

export function figuresProblem(c: FigureChoices): string | null {
  return c.zone && c.strip ? numberProblem(c.frames, 'Frames', STRIP_MIN_FRAMES, STRIP_MAX_FRAMES) : null;
}

/** The request's pair and strip for these choices (none without a zone). */
export function figuresRequest(c: FigureChoices): Pick<RequestOf<'report.run'>, 'pair' | 'strip'> {
  if (!c.zone) return {};
  return {
    ...(c.pair ? { pair: { zone: c.zone, ...(c.before ? { before: c.before } : {}), ...(c.after ? { after: c.after } : {}) } } : {}),
    ...(c.strip ? { strip: { zone: c.zone, frames: Number(c.frames) } } : {}),
  };
}

interface Props {
  value: FigureChoices;
  onChange(c: FigureChoices): void;
  zones: readonly Zone[];
  scenes: readonly Scene[];
  from: string;
  to: string;
  disabled: boolean;
}

export function ReportFiguresFields({ value: c, onChange, zones, scenes, from, to, disabled }: Props) {
  const set = (patch: Partial<FigureChoices>) => onChange({ ...c, ...patch });
  const choices = pairScenes(scenes, zones.find((z) => z.id === c.zone), from, to);
  // A remembered scene outside this zone or period is not offered: automatic again.
  const shown = (id: string) => (choices.some((s) => s.id === id) ? id : '');
  const sceneSelect = (which: 'before' | 'after', auto: string) => (
    <label>
      {which === 'before' ? 'Before' : 'After'}
      <select data-testid={`report-pair-${which}`} value={shown(c[which])} disabled={disabled || !c.zone || !c.pair} onChange={(e) => set({ [which]: e.target.value })}>
        <option value="">{auto}</option>
        {choices.map((s) => (
          <option key={s.id} value={s.id}>
            {fmtDateTime(s.acquired)} · {sensorLabel(s)}
          </option>
        ))}
      </select>
    </label>
  );
  const problem = figuresProblem(c);
  return (
    <div className="field-group" data-testid="report-figures">
      <b>Figures</b>
      <div className="field-row">
        <label>
          Zone
          <select data-testid="report-figure-zone" value={c.zone} disabled={disabled} onChange={(e) => set({ zone: e.target.value })}>
            <ZoneOptions zones={zones} anyLabel="None (no figures)" />
          </select>
        </label>
      </div>
      <div className="field-row">
        <label className="inline">
          <input type="checkbox" data-testid="report-pair" checked={c.pair} disabled={disabled || !c.zone} onChange={(e) => set({ pair: e.target.checked })} /> Before/after pair
        </label>
        <label className="inline">
          <input type="checkbox" data-testid="report-strip" checked={c.strip} disabled={disabled || !c.zone} onChange={(e) => set({ strip: e.target.checked })} /> Strip of
          <input type="number" data-testid="report-strip-frames" min={STRIP_MIN_FRAMES} max={STRIP_MAX_FRAMES} value={c.frames} disabled={disabled || !c.zone || !c.strip} style={{ width: '4.5em' }} onChange={(e) => set({ frames: e.target.value })} />
          frames
        </label>
      </div>
      <div className="field-row">
        {sceneSelect('before', 'Automatic: first scene showing it')}
        {sceneSelect('after', 'Automatic: last scene showing it')}
      </div>
      <p className={problem ? 'error small' : 'hint'} role={problem ? 'alert' : undefined}>
        {problem ?? 'Drawn like Save figure: date, credit, marks, scale bar. Obscured scenes are left out; a scene whose pixels are not on this machine is said in the report.'}
      </p>
    </div>
  );
}
