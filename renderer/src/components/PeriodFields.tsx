// The From/To row of the dialogs that cover a period of days (Report, Time-lapse): UTC days typed as ISO dates
// (DateField), "to" included, and the one sentence said when they are the wrong way round.
import { DateField } from './DateField';

/** Why the period cannot be used, or null: both dialogs say it alike. */
export const periodProblem = (from: string, to: string): string | null => (from && to && from > to ? '“From” must not be after “to”.' : null);

interface Props {
  /** "report" or "timelapse": the fields are `${testIdPrefix}-from` and `${testIdPrefix}-to`. */
  testIdPrefix: string;
  from: string;
  to: string;
  onFrom(day: string): void;
  onTo(day: string): void;
  disabled: boolean;
}

export function PeriodFields({ testIdPrefix, from, to, onFrom, onTo, disabled }: Props) {
  return (
    <div className="field-row">
      <label>
        From (UTC day)
        <DateField kind="date" testId={`${testIdPrefix}-from`} label="From" value={from} disabled={disabled} onChange={onFrom} />
      </label>
      <label>
        To (UTC day, included)
        <DateField kind="date" testId={`${testIdPrefix}-to`} label="To" value={to} disabled={disabled} onChange={onTo} />
      </label>
    </div>
  );
}
