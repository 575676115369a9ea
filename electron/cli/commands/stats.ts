// `quaywatch stats FILE …`: visits, port calls, monthly counts, dwell, coverage, containers and a period comparison, as tables or JSON.
import { dwellText, spreadText } from '../../../shared/charts/format';
import { namesZone, parseIsoInstant } from '../../../shared/dates';
import { CONFIDENCES, type Confidence, type Id } from '../../../shared/domain';
import { QuaywatchError } from '../../node/errors';
import { zoneByRef } from '../../node/importers/resolve';
import { projectStats, type StatsOptions, type StatsReport } from '../../node/stats/projectStats';
import { agreementOf } from '../../node/review/reviews';
import { SCOPE_FLAGS, SCOPE_DETAILS, scopeLine, scopeOf } from '../scopeFlags';
import { parseCommandArgs, positionalsOf, table, UsageError, withProject, type CliIo, type Command } from '../cliIo';

const DAY_MS = 86_400_000;

/**
 * A period bound, in UTC. A date (YYYY-MM-DD) or month (YYYY-MM) names a whole UTC day or month, so
 * --to includes it: `--from 2025-01 --to 2025-01` is January. An ISO time is that instant (no zone:
 * UTC, never this computer's zone; an offset is converted: shared/dates.ts), and --to then excludes it.
 */
export function parseBound(raw: string, which: 'from' | 'to'): string {
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - (which === 'to' ? 0 : 1), 1)).toISOString();
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const iso = isDay || /^\d{4}-\d{2}-\d{2}[T ]\d/i.test(s) ? parseIsoInstant(s) : null;
  if (typeof iso === 'string') return isDay && which === 'to' ? new Date(Date.parse(iso) + DAY_MS).toISOString() : iso;
  throw new UsageError(
    `--${which} is "${raw}"; give a date (2025-01-31), a month (2025-01) or an ISO time in UTC (2025-01-31T12:00:00Z; with no zone it is read as UTC)`,
  );
}

const fmtT = (t: string | null) => (t === null ? 'open' : t.slice(0, 16).replace('T', ' '));
const fmtN = (x: number | null) => (x === null ? 'unknown' : Number.isInteger(x) ? String(x) : x.toFixed(2));

function printHuman(r: StatsReport, io: CliIo) {
  // What the figures rest on, first: nothing left out silently.
  const scope = scopeLine(r.scope);
  if (scope) io.out(scope);
  if (r.unexaminedClearScenes) io.out(`Note: ${r.unexaminedClearScenes} clear scene(s) not examined: neither presence nor absence until examined (quaywatch examined set).`);
  if (r.unverifiedLeftOut) io.out(`Note: ${r.unverifiedLeftOut} unconfirmed (carried) mark(s) left out; --include-unverified counts them.`);
  io.out(`Visits (${r.visits.length})`);
  if (r.visits.length) {
    io.out(
      table(
        ['Vessel', 'Zone', 'Arrived after', 'First seen', 'Last seen', 'Left before', 'Dwell'],
        r.visits.map((v) => [v.vessel, v.zone, fmtT(v.arrivalAfter), fmtT(v.firstSeen), fmtT(v.lastSeen), fmtT(v.departureBefore), dwellText(v)]),
      ).join('\n'),
    );
  }
  // A move between quays is two visits and one port call: the vessel's stay at the site, any zone.
  io.out('');
  io.out(`Port calls (${r.portCalls.length})`);
  if (r.portCalls.length) {
    io.out(
      table(
        ['Vessel', 'Site', 'Zones', 'Arrived after', 'First seen', 'Last seen', 'Left before', 'Dwell'],
        r.portCalls.map((c) => [c.vessel, c.site || '—', c.zones.join(', '), fmtT(c.arrivalAfter), fmtT(c.firstSeen), fmtT(c.lastSeen), fmtT(c.departureBefore), dwellText(c)]),
      ).join('\n'),
    );
  }
  const cov = new Map(r.coverage.map((c) => [`${c.month}\u0001${c.zone}`, c]));
  io.out('');
  io.out('Visits per month (arrivals by first sighting; under way: any part of the visit in the month; with the coverage behind each count)');
  io.out(
    table(
      ['Month', 'Zone', 'Arrivals', 'Under way', 'Vessels', 'Clear scenes', 'Clear days', 'Days observed (examined clear, each day once)', 'Longest gap'],
      r.monthly.map((m) => {
        const c = cov.get(`${m.month}\u0001${m.zone}`);
        return [m.month, m.zone, m.visits, m.underWay, m.vessels.join(', ') || '—', c ? `${c.clearScenes}/${c.scenes}` : '', c ? `${c.daysObserved}/${c.daysInMonth}` : '', c ? `${c.opticalDaysObserved} optical + ${c.radarDaysObserved} radar of ${c.daysInMonth}` : '', c ? `${c.longestGapDays.toFixed(1)} d` : ''];
      }),
    ).join('\n'),
  );
  printCensoring(r, io);
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
  printAis(r, io);
}

/** How tightly the scenes bracket the visits, per zone over the period, with and without radar (the months are in --json). */
function printCensoring(r: StatsReport, io: CliIo) {
  const rows = r.censoring.filter((c) => c.month === null);
  if (!rows.some((c) => c.visits > 0)) return;
  const without = new Map((r.censoringWithoutRadar ?? []).filter((c) => c.month === null).map((c) => [c.zone, c]));
  io.out('');
  io.out('How tightly the scenes bracket the visits (median · 90th percentile; open ends counted, not measured)');
  io.out(
    table(
      ['Zone', 'Visits', 'Arrival', 'Departure', 'Width', ...(r.censoringWithoutRadar ? ['Width without radar'] : [])],
      rows.map((c) => [c.zone ?? 'all zones', c.visits, spreadText(c.arrivalHours), spreadText(c.departureHours), spreadText(c.widthHours), ...(r.censoringWithoutRadar ? [without.get(c.zone) ? spreadText(without.get(c.zone)!.widthHours) : '—'] : [])]),
    ).join('\n'),
  );
}

/** A short summary of AIS beside the imagery; the lists themselves are in --json (aisVerdicts, aisGaps, aisVisits, aisQueue). */
function printAis(r: StatsReport, io: CliIo) {
  const a = r.aisSummary;
  io.out('');
  io.out('AIS and imagery');
  if (!a.hasAis) {
    io.out('No AIS in this project (quaywatch ais import).');
    return;
  }
  const v = a.verdicts;
  io.out(`Vessel marks: ${v.confirmed} confirmed, ${v.nearby} nearby, ${v.contradicted} contradicted, ${v.silent} silent (dark), ${v.unlinked} unlinked (no MMSI)`);
  io.out(`Visits: ${a.both} seen in both, ${a.darkCalls} dark call(s) (imagery only), ${a.aisOnly} AIS only`);
  io.out(`AIS gaps: ${a.gaps}; review queue (AIS says here, nothing marked): ${a.queue}`);
  const dark = r.aisVisits.filter((x) => x.status === 'imagery-only');
  if (dark.length) {
    io.out(
      table(
        ['Dark call', 'Zone', 'First seen', 'Last seen', 'AIS'],
        dark.map((x) => [x.vessel, x.zone, fmtT(x.imagery!.firstSeen), fmtT(x.imagery!.lastSeen), x.reason === 'silent' ? 'silent' : 'heard elsewhere']),
      ).join('\n'),
    );
  }
}

export const statsCommand: Command = {
  words: ['stats'],
  usage: 'stats FILE [--json] [--from DATE] [--to DATE] [--zone NAME]… [--min-confidence confirmed|probable|possible] [--reviewed-only] [--include-unverified] [--compare YYYY-MM [--baseline N]] [--mine | --team]',
  details: [
    SCOPE_DETAILS,
    '--from/--to  in UTC: a date (2025-01-31) or month (2025-01) includes that whole UTC day or month;',
    '             an ISO time (2025-01-31T12:00:00Z) is exact and --to excludes it; a time with no zone',
    '             (2025-01-31T12:00:00) is read as UTC, never this computer\'s zone; an offset is converted.',
    '             Visits and port calls count in the period of their first sighting; monthly rows',
    '             also give the visits under way (any part of the visit in the month).',
    '--zone       repeatable; default every zone.',
    '--min-confidence  default possible (every sighting counts, as in the app); rejected sightings never count.',
    '--reviewed-only   only sightings whose latest review confirms them.',
    '--include-unverified  count carried marks nobody has confirmed on their scene (left out by default;',
    '             unverifiedLeftOut says how many). Only examined clear scenes are absences;',
    '             unexaminedClearScenes says how many clear scenes are neither presence nor absence.',
    '--compare    a month against the mean of the --baseline N months before it (default 3), with',
    '             the coverage of both and a warning when coverage alone could explain the change.',
    'Times are ISO 8601 UTC; open visit ends are null (shown as "open").',
    '--json also gives observation (every UTC day per zone by its best observation: optical-clear, radar-clear,',
    '             partial, unexamined, obscured, not-imaged), censoring (each visit\'s arrival and departure',
    '             uncertainty and dwell width, median and 90th percentile per zone and month, in hours) and',
    '             censoringWithoutRadar (the same without the radar scenes; null when there are none).',
    'With AIS in the project (quaywatch ais import), --json adds aisVerdicts (one per vessel mark), aisGaps,',
    'aisVisits (seen in both, AIS only with why, imagery only: dark calls), aisQueue and aisSummary.',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      zone: { type: 'string', multiple: true },
      'min-confidence': { type: 'string', default: 'possible' },
      'reviewed-only': { type: 'boolean', default: false },
      'include-unverified': { type: 'boolean', default: false },
      compare: { type: 'string' },
      baseline: { type: 'string' },
      ...SCOPE_FLAGS,
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const scope = scopeOf(values);
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
      const stats = projectStats(store, { from, to, zoneIds, minConfidence, reviewedOnly: values['reviewed-only'], includeUnverified: values['include-unverified'], compare, scope });
      // Between every two analysts who marked anything (shared/review/agreement.ts has the rules).
      return { ...stats, agreement: agreementOf(store, {}) };
    });
    // The instants used, in UTC: on stderr with --json (stdout stays one JSON document), and there only
    // when a time without a zone was read as UTC.
    if (from || to) {
      const period = `Period (UTC): ${from ?? 'the start'} to ${to ?? 'the end'} (excluded)`;
      const unzoned = [values.from, values.to].some((v) => v !== undefined && /[T ]\d/i.test(v.trim()) && !namesZone(v));
      if (!values.json) io.out(`${period}${unzoned ? '; a time with no zone is read as UTC' : ''}.`);
      else if (unzoned) io.err(`${period}; a time with no zone is read as UTC.`);
    }
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printHuman(report, io);
  },
};
