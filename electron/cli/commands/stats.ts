// `quaywatch stats FILE …`: visits, monthly counts, dwell, coverage, containers and a period comparison, as tables or JSON.
import { dwellText } from '../../../shared/charts/format';
import { CONFIDENCES, type Confidence, type Id } from '../../../shared/domain';
import { QuaywatchError } from '../../node/errors';
import { zoneByRef } from '../../node/importers/resolve';
import { projectStats, type StatsOptions, type StatsReport } from '../../node/stats/projectStats';
import { agreementOf } from '../../node/review/reviews';
import { parseCommandArgs, positionalsOf, table, UsageError, withProject, type CliIo, type Command } from '../cliIo';

const DAY_MS = 86_400_000;

/**
 * A period bound. A date (YYYY-MM-DD) or month (YYYY-MM) names a whole day or month, so --to includes
 * it: `--from 2025-01 --to 2025-01` is January. A full ISO time (with Z or an offset) is used as is,
 * and --to is then exclusive.
 */
export function parseBound(raw: string, which: 'from' | 'to'): string {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - (which === 'to' ? 0 : 1), 1)).toISOString();
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12 && new Date(t).getUTCDate() === Number(m[3])) return new Date(t + (which === 'to' ? DAY_MS : 0)).toISOString();
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) {
    return new Date(Date.parse(s)).toISOString();
  }
  throw new UsageError(`--${which} is "${raw}"; give a date (2025-01-31), a month (2025-01) or an ISO time with a zone (2025-01-31T12:00:00Z)`);
}

const fmtT = (t: string | null) => (t === null ? 'open' : t.slice(0, 16).replace('T', ' '));
const fmtN = (x: number | null) => (x === null ? 'unknown' : Number.isInteger(x) ? String(x) : x.toFixed(2));

function printHuman(r: StatsReport, io: CliIo) {
  io.out(`Visits (${r.visits.length})`);
  if (r.visits.length) {
    io.out(
      table(
        ['Vessel', 'Zone', 'Arrived after', 'First seen', 'Last seen', 'Left before', 'Dwell'],
        r.visits.map((v) => [v.vessel, v.zone, fmtT(v.arrivalAfter), fmtT(v.firstSeen), fmtT(v.lastSeen), fmtT(v.departureBefore), dwellText(v)]),
      ).join('\n'),
    );
  }
  const cov = new Map(r.coverage.map((c) => [`${c.month}\u0001${c.zone}`, c]));
  io.out('');
  io.out('Visits per month (with the coverage behind each count)');
  io.out(
    table(
      ['Month', 'Zone', 'Visits', 'Vessels', 'Clear scenes', 'Days observed', 'Longest gap'],
      r.monthly.map((m) => {
        const c = cov.get(`${m.month}\u0001${m.zone}`);
        return [m.month, m.zone, m.visits, m.vessels.join(', ') || '—', c ? `${c.clearScenes}/${c.scenes}` : '', c ? `${c.daysObserved}/${c.daysInMonth}` : '', c ? `${c.longestGapDays.toFixed(1)} d` : ''];
      }),
    ).join('\n'),
  );
  if (r.dwell.length) {
    io.out('');
    io.out(`Track dwell (${r.dwell.length})`);
    io.out(table(['Track', 'Zone', 'First seen', 'Last seen', 'Dwell'], r.dwell.map((d) => [d.track, d.zone, fmtT(d.firstSeen), fmtT(d.lastSeen), dwellText(d)])).join('\n'));
  }
  if (r.containers.length) {
    io.out('');
    io.out('Containers per scene');
    io.out(table(['Scene time', 'Zone', 'Count'], r.containers.map((c) => [fmtT(c.acquired), c.zone, c.count === null ? `unknown (${c.observability})` : c.count])).join('\n'));
  }
  if (r.comparison) {
    const c = r.comparison;
    io.out('');
    io.out(`${c.period} against the mean of ${c.baselineMonths.join(', ')}`);
    io.out(
      table(
        ['', c.period, 'Baseline mean'],
        [
          ['Visits', c.visits, fmtN(c.baselineMean)],
          ['Vessels', c.vessels, fmtN(c.baselineVesselsMean)],
          ['Clear scenes', fmtN(c.coverage.clearScenes), fmtN(c.baselineCoverage.clearScenes)],
          ['Days observed', `${Math.round(c.coverage.shareOfDaysObserved * 100)}%`, `${Math.round(c.baselineCoverage.shareOfDaysObserved * 100)}%`],
          ['Longest gap', `${c.coverage.longestGapDays.toFixed(1)} d`, `${c.baselineCoverage.longestGapDays.toFixed(1)} d`],
        ],
      ).join('\n'),
    );
    io.out(c.warning ? `Warning: ${c.warning}` : 'Coverage is comparable: it does not explain the change.');
  }
}

export const statsCommand: Command = {
  words: ['stats'],
  usage: 'stats FILE [--json] [--from DATE] [--to DATE] [--zone NAME]… [--min-confidence confirmed|probable|possible] [--reviewed-only] [--compare YYYY-MM [--baseline N]]',
  details: [
    '--from/--to  a date (2025-01-31) or month (2025-01) includes that whole day or month;',
    '             a full ISO time with a zone (2025-01-31T12:00:00Z) is exact and --to excludes it.',
    '             Visits count in the period of their first sighting.',
    '--zone       repeatable; default every zone.',
    '--min-confidence  default possible (every sighting counts, as in the app); rejected sightings never count.',
    '--reviewed-only   only sightings whose latest review confirms them.',
    '--compare    a month against the mean of the --baseline N months before it (default 3), with',
    '             the coverage of both and a warning when coverage alone could explain the change.',
    'Times are ISO 8601 UTC; open visit ends are null (shown as "open").',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      zone: { type: 'string', multiple: true },
      'min-confidence': { type: 'string', default: 'possible' },
      'reviewed-only': { type: 'boolean', default: false },
      compare: { type: 'string' },
      baseline: { type: 'string' },
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const minConfidence = values['min-confidence']!.toLowerCase() as Confidence;
    if (!CONFIDENCES.includes(minConfidence)) throw new UsageError(`--min-confidence is "${values['min-confidence']}"; use one of ${CONFIDENCES.join(', ')}`);
    const from = values.from === undefined ? undefined : parseBound(values.from, 'from');
    const to = values.to === undefined ? undefined : parseBound(values.to, 'to');
    if (from && to && from >= to) throw new UsageError(`--from ${values.from} is not before --to ${values.to}`);
    if (values.baseline !== undefined && values.compare === undefined) throw new UsageError('--baseline needs --compare YYYY-MM');
    let compare: StatsOptions['compare'];
    if (values.compare !== undefined) {
      const m = /^(\d{4})-(\d{2})$/.exec(values.compare.trim());
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UsageError(`--compare is "${values.compare}"; give a month as YYYY-MM`);
      const baseline = values.baseline === undefined ? 3 : Number(values.baseline);
      if (!Number.isInteger(baseline) || baseline < 1 || baseline > 120) throw new UsageError(`--baseline is "${values.baseline}"; give a whole number of months from 1 to 120`);
      compare = { month: values.compare.trim(), baseline };
    }
    const report = withProject(file!, (store) => {
      let zoneIds: Id[] | undefined;
      if (values.zone?.length) {
        const zones = store.zones();
        zoneIds = values.zone.map((name) => {
          const z = zoneByRef(zones, name);
          if (typeof z === 'string') throw new QuaywatchError('not_found', `${z[0]!.toUpperCase()}${z.slice(1)}.`);
          return z.id;
        });
      }
      const stats = projectStats(store, { from, to, zoneIds, minConfidence, reviewedOnly: values['reviewed-only'], compare });
      // Between every two analysts who marked anything (shared/review/agreement.ts has the rules).
      return { ...stats, agreement: agreementOf(store, {}) };
    });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printHuman(report, io);
  },
};
