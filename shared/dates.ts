// Dates as analysts type them: one convention everywhere, ISO 8601 in UTC (YYYY-MM-DD, and
// YYYY-MM-DD HH:MM[:SS] for an instant), never the OS locale's mm/dd/yyyy, never local time.

const sayDate = 'write it as YYYY-MM-DD, e.g. 2025-01-20';
const sayInstant = 'write it as YYYY-MM-DD HH:MM:SS in UTC, e.g. 2025-01-20 01:39:00';

/**
 * A date typed as YYYY-MM-DD, checked as a real calendar day (2025-02-30 is refused), or the
 * sentence that tells the analyst how to write it.
 */
export function parseIsoDate(text: string): string | { error: string } {
  const s = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return { error: `“${s}” is not a date: ${sayDate}.` };
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s ? s : { error: `${s} is not a day of the calendar: ${sayDate}.` };
}

/**
 * An instant typed as YYYY-MM-DD HH:MM[:SS] (a "T" for the space and a trailing "Z" are taken too),
 * always UTC, as acquisition times are given; returned as ISO 8601 with Z, or the sentence that
 * says how to write it. An offset other than Z is refused rather than guessed at.
 */
export function parseUtcInstant(text: string): string | { error: string } {
  const s = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:Z| ?UTC)?$/i.exec(s);
  if (!m) return { error: `“${s}” is not a date and time: ${sayInstant}.` };
  const day = parseIsoDate(m[1]!);
  if (typeof day !== 'string') return { error: `${m[1]} is not a day of the calendar: ${sayInstant}.` };
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return { error: `${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''} is not a time of day: ${sayInstant}.` };
  return `${day}T${m[2]}:${m[3]}:${String(sec).padStart(2, '0')}.000Z`;
}

/** How an ISO instant is shown in a field: YYYY-MM-DD HH:MM:SS (UTC). */
export function instantText(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '';
}
