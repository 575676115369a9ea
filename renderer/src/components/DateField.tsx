// The one way a date or an instant is typed: a text field in ISO 8601, UTC (not type=date, which
// Chromium shows in the OS locale's mm/dd/yyyy, nor datetime-local, which means the machine's local
// time). What is typed is checked as it is written; a bad value is said in words beside the field
// and never reaches the form (onChange gets the last valid value, or '' for empty).
import { useEffect, useState } from 'react';
import { instantText, parseIsoDate, parseUtcInstant } from '../../../shared/dates';

interface Props {
  kind: 'date' | 'instant';
  /** YYYY-MM-DD for a date, ISO 8601 with Z for an instant, '' for none. */
  value: string;
  onChange(value: string): void;
  testId?: string;
  label?: string;
  disabled?: boolean;
}

const shown = (kind: Props['kind'], v: string) => (kind === 'instant' ? instantText(v) : v);
const parserOf = (kind: Props['kind']) => (kind === 'date' ? parseIsoDate : parseUtcInstant);

export function DateField({ kind, value, onChange, testId, label, disabled }: Props) {
  const [text, setText] = useState(() => shown(kind, value));
  const [error, setError] = useState<string | null>(null);
  // A value set from outside (a reset, a remembered period) replaces what is shown.
  useEffect(() => {
    const parsed = text.trim() ? parserOf(kind)(text) : '';
    if (parsed !== value) setText(shown(kind, value));
  }, [value, kind]);
  const placeholder = kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:MM:SS';
  return (
    <span className="date-field">
      <input
        type="text"
        inputMode="numeric"
        className={`mono${error ? ' invalid' : ''}`}
        data-testid={testId}
        aria-label={label ? `${label} (${placeholder}${kind === 'instant' ? ', UTC' : ''})` : undefined}
        aria-invalid={error != null}
        placeholder={placeholder}
        maxLength={kind === 'date' ? 10 : 24}
        disabled={disabled}
        title={error ?? `${placeholder}${kind === 'instant' ? ' in UTC' : ' (UTC)'}`}
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (!next.trim()) {
            setError(null);
            onChange('');
            return;
          }
          const parsed = parserOf(kind)(next);
          if (typeof parsed === 'string') {
            setError(null);
            onChange(parsed);
          } else setError(parsed.error);
        }}
        onBlur={() => {
          if (!error) setText(shown(kind, value));
        }}
      />
      {kind === 'instant' && <span className="muted small"> UTC</span>}
      {error && (
        <span className="field-error small" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
    </span>
  );
}
