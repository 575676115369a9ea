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
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3])); // not Date.UTC: it reads years 0–99 as 1900–1999
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

const sayIsoInstant = 'write it as ISO 8601, e.g. 2025-01-14T01:38:45Z (a time with no zone is read as UTC)';
/** Day; hour, minute, second, fraction; zone (Z, UTC, or sign, hours, minutes). */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|UTC|([+-])(\d{2})(?::?(\d{2}))?)?)?$/i;

/**
 * An instant read from a file or a command line (a Planet "acquired", a package's times, --acquired,
 * --from): ISO 8601 YYYY-MM-DD[THH:MM[:SS[.fff…]]][Z|±HH:MM]. This, not Date.parse, because
 * Date.parse reads a date-time without a zone in the machine's time zone: the same file would give
 * another instant in Seoul than in London. Here a time with no zone is UTC, always (acquisition times
 * are given in UTC), as is a bare date (its midnight); an offset is converted to UTC. Returned as
 * Date#toISOString() gives it (milliseconds, Z), with the microseconds after the milliseconds when the
 * text has them (Planet's "…45.123456Z"): two scenes 300 µs apart stay two instants (the analysis reads
 * the extra digits, shared/analysis/input.ts toMs). Equal instants are equal text; text order is time
 * order except within one millisecond. Digits past the microsecond are dropped, never rounded. Anything
 * else is refused with the sentence that says how to write it; the caller names the field and the file or flag.
 */
export function parseIsoInstant(text: string): string | { error: string } {
  const s = text.trim();
  const m = ISO_INSTANT.exec(s);
  if (!m) return { error: `“${s}” is not a date and time: ${sayIsoInstant}.` };
  const day = parseIsoDate(m[1]!);
  if (typeof day !== 'string') return { error: `${m[1]} is not a day of the calendar: ${sayIsoInstant}.` };
  const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return { error: `“${s}” is not a time of day: ${sayIsoInstant}.` };
  const ms = Number((m[5] ?? '').padEnd(3, '0').slice(0, 3));
  const [oh, om] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  if (oh > 23 || om > 59) return { error: `“${s}” has no such time zone offset (${m[6]}): ${sayIsoInstant}.` };
  const offsetMin = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0–99 as 1900–1999
  t.setUTCHours(h, min, sec, ms);
  const micro = (m[5] ?? '').padEnd(6, '0').slice(3, 6);
  const iso = new Date(t.getTime() - offsetMin * 60_000).toISOString().replace('Z', micro === '000' ? 'Z' : `${micro}Z`);
  // An offset can carry 0000-01-01 or 9999-12-31 out of four-digit years, where ISO text changes shape.
  return /^\d{4}-/.test(iso) ? iso : { error: `“${s}” is out of range: ${sayIsoInstant}.` };
}

/** Whether text parseIsoInstant reads names its zone (Z, UTC or an offset): else it was read as UTC, which is worth saying. */
export function namesZone(text: string): boolean {
  return !!ISO_INSTANT.exec(text.trim())?.[6];
}

/** How an ISO instant is shown in a field: YYYY-MM-DD HH:MM:SS (UTC). */
export function instantText(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '';
}

/** A scene's time as figures stamp it and the CLI names it: "2025-01-14 01:38 UTC". */
export function utcWhen(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
