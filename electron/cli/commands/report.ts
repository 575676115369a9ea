// `quaywatch report FILE --pdf OUT.pdf | --html OUT.html [--from DATE] [--to DATE] [--zone NAME]`: the report, headless and reproducible.
import { CONFIDENCES } from '../../../shared/domain';
import { namesZone, utcWhen } from '../../../shared/dates';
import { reportCalls } from '../../../shared/calls/export';
import { STRIP_DEFAULT_FRAMES, STRIP_MAX_FRAMES, STRIP_MIN_FRAMES } from '../../../shared/reportFigures';
import { ProjectStore } from '../../node/store/projectStore';
import { SCOPE_DETAILS, SCOPE_FLAGS, SCOPE_USAGE, scopeLine, scopeOf } from '../scopeFlags';
import { cliAuthor, cliOpenOptions, parseCommandArgs, positionalsOf, UsageError, type Command } from '../cliIo';

/**
 * The period reported, in UTC: whole days as days (the last one included), else the exact instants
 * used, saying so when a time typed without a zone was read as UTC.
 */
function periodText(from: string, to: string, typed: (string | undefined)[]): string {
  const midnight = (iso: string) => iso.endsWith('T00:00:00.000Z');
  if (midnight(from) && midnight(to)) return `${from.slice(0, 10)} – ${new Date(Date.parse(to) - 1).toISOString().slice(0, 10)} (UTC days)`;
  const unzoned = typed.some((v) => v !== undefined && /[T ]\d/i.test(v.trim()) && !namesZone(v));
  return `${from} – ${to} (UTC, end excluded${unzoned ? '; a time with no zone is read as UTC' : ''})`;
}

/**
 * `--pair ZONE[:BEFORE,AFTER]` and `--strip ZONE[:N]`: the zone, then after the last colon the pair's two scenes (ids or
 * days) or the strip's frame count; a zone named with a colon is read whole when what follows is not of that shape.
 */
export function pairOf(text: string): { zone: string; before?: string; after?: string } {
  const m = /^(.+):([^:,]+),([^:,]+)$/.exec(text);
  return m ? { zone: m[1]!.trim(), before: m[2]!.trim(), after: m[3]!.trim() } : { zone: text.trim() };
}
export function stripOf(text: string): { zone: string; frames?: number } {
  const m = /^(.+):\s*(\d+)\s*$/.exec(text);
  return m ? { zone: m[1]!.trim(), frames: Number(m[2]) } : { zone: text.trim() };
}

export const reportCommand: Command = {
  words: ['report'],
  usage: `report FILE (--pdf OUT.pdf | --html OUT.html) [--from DATE] [--to DATE] [--zone NAME] [--title TEXT] [--pair ZONE[:BEFORE,AFTER]] [--strip ZONE[:N]] [--author NAME] [--min-confidence ${CONFIDENCES.join('|')}] ${SCOPE_USAGE} [--force] [--json]`,
  details: [
    '--from/--to  in UTC: a date (2025-01-31) includes that whole UTC day; an ISO time (2025-01-31T12:00:00Z)',
    '             is exact and --to excludes it; a time with no zone is read as UTC, never this computer\'s zone.',
    `--pair ZONE  a before/after pair of the zone: by default its first and last scene in the period that show it (not`,
    `             obscured) with their pixels here; ZONE:BEFORE,AFTER names them (scene ids or days YYYY-MM-DD).`,
    `--strip ZONE a strip of ${STRIP_DEFAULT_FRAMES} frames of the zone (ZONE:N for N, ${STRIP_MIN_FRAMES} to ${STRIP_MAX_FRAMES}): scenes that show it, evenly spread over the period.`,
    SCOPE_DETAILS,
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      pdf: { type: 'string' },
      html: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      zone: { type: 'string' },
      title: { type: 'string' },
      pair: { type: 'string' },
      strip: { type: 'string' },
      author: { type: 'string' },
      'min-confidence': { type: 'string', default: 'possible' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...SCOPE_FLAGS,
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    if ((values.pdf === undefined) === (values.html === undefined)) throw new UsageError(`give exactly one of --pdf OUT.pdf or --html OUT.html. Usage: quaywatch ${this.usage}`);
    const format = values.pdf !== undefined ? 'pdf' : 'html';
    const parsed = reportCalls['report.run'].request.safeParse({
      format,
      path: values.pdf ?? values.html,
      overwrite: values.force,
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      ...(values.zone !== undefined ? { zone: values.zone } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.pair !== undefined ? { pair: pairOf(values.pair) } : {}),
      ...(values.strip !== undefined ? { strip: stripOf(values.strip) } : {}),
      minConfidence: values['min-confidence']!.toLowerCase(),
      scope: scopeOf(values),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const flag = issue.path[0] === 'path' ? format : issue.path[0] === 'minConfidence' ? 'min-confidence' : String(issue.path[0]);
      throw new UsageError(`--${flag}: ${issue.message}. Usage: quaywatch ${this.usage}`);
    }
    const store = ProjectStore.open(file!, cliOpenOptions());
    try {
      // Loaded on use: the PDF, image and chart libraries must not slow every other command's start.
      const { generateReport } = await import('../../node/report/generateReport');
      const r = await generateReport(store, parsed.data, values.author ?? cliAuthor());
      if (values.json) return io.out(JSON.stringify(r));
      io.out(`Wrote ${r.file} (${r.format.toUpperCase()}, ${r.pages} page${r.pages === 1 ? '' : 's'}, ${Math.round(r.bytes / 1024)} KiB) for ${periodText(r.from, r.to, [values.from, values.to])} in ${(r.millis / 1000).toFixed(1)} s`);
      // What the figures show, or that they could not be drawn (the report says why).
      // The scenes named by their times, as the analyst knows them (the report itself says sensor and credit).
      const when = (ids: string[]) => ids.map((id) => store.scenes().find((s) => s.id === id)).map((s) => (s ? utcWhen(s.acquired) : '?'));
      if (values.pair !== undefined) io.out(r.pairSceneIds.length ? `Before/after pair: ${when(r.pairSceneIds).join(' and ')}` : 'Before/after pair: not drawn (the report says why)');
      if (values.strip !== undefined) io.out(`Strip: ${r.stripSceneIds.length} frame${r.stripSceneIds.length === 1 ? '' : 's'}${r.stripSceneIds.length ? `, ${when(r.stripSceneIds).join(', ')}` : ''}`);
      const scope = scopeLine(r.scope);
      if (scope) io.out(scope);
    } finally {
      store.close();
    }
  },
};
