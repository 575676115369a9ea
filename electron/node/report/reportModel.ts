// What a report says, as plain data: the period, key figures each with the coverage behind it, the visits table, review status, method and caveats. Pdf and Html writers only lay it out.
import { plural } from '../../../shared/words';
import type { Confidence, Id, IsoTime, Visit } from '../../../shared/domain';
import { censoringFallText, censoringRows, censoringText, dwellText, quantileText, type CensoringRow } from '../../../shared/charts';
import { COVERAGE_RATIO_THRESHOLD, daysObservedText, GAP_MIN_DAYS, GAP_RATIO_THRESHOLD, monthsBetween, type AnalysisCache, type AnalysisResult, type Coverage } from '../../../shared/analysis';
import { warningText } from '../stats/projectStats';
import { lookupsOf, type Lookups, type ProjectData } from '../export/projectData';
import type { AisEvidence } from '../ais/aisAnalysis';
import { buildAisSection, type AisReportSection } from './reportAis';

export interface KeyFigure {
  /** The finding, e.g. "3 visits in January 2025 at Pier 1". */
  figure: string;
  /** The coverage behind it, e.g. "9 clear scenes of Pier 1, longest gap 6.0 days, 29 % of days with a clear scene; days observed: 8 optical + 0 radar of 31". */
  coverage: string;
  /** A warning that coverage alone could explain it, when the comparison rule says so. */
  warning?: string;
}

export interface VisitRow {
  vessel: string;
  zone: string;
  arrivalAfter: string;
  firstSeen: string;
  lastSeen: string;
  departureBefore: string;
  dwell: string;
  scenes: number;
}

export interface MonthRow {
  month: string;
  zone: string;
  /** Arrivals: visits first seen in the month. */
  visits: number;
  /** Visits under way in the month: any part of the visit in it. */
  underWay: number;
  vessels: number;
  clearScenes: string;
  daysObserved: string;
  longestGap: string;
}

export interface ReportModel {
  title: string;
  project: string;
  author: string;
  /** Whose sightings the report covers, and when the team's were last synced (shared/teamScope.ts). */
  scope: string;
  generatedAt: IsoTime;
  from: IsoTime;
  to: IsoTime;
  /** "1 Dec 2024 – 28 Feb 2025" */
  periodLabel: string;
  zones: string[];
  minConfidence: Confidence;
  scenesInPeriod: number;
  /** Carried marks nobody confirmed on their scene, left out of every figure. */
  unverifiedLeftOut: number;
  /** Scenes with a zone that is clear and not examined: neither presence nor absence. */
  unexaminedClearScenes: number;
  keyFigures: KeyFigure[];
  monthTable: MonthRow[];
  /** Each visit's censoring summarised per zone and month, with and without the radar scenes (METHOD.md "Censoring"). */
  censoring: CensoringRow[];
  /** "Median censoring width 30 h with the radar scenes, 50 h without: 40 % narrower"; null without radar. */
  censoringFall: string | null;
  visits: VisitRow[];
  /** Port calls, as visit rows whose zone lists every quay of the call. */
  portCalls: VisitRow[];
  review: { confirmed: number; disputed: number; rejected: number; unreviewed: number; total: number; unconfirmedCarried: number };
  /** "AIS and imagery": verdicts, dark calls, AIS-only visits, gaps, the review queue (reportAis.ts). */
  ais: AisReportSection;
  method: { heading: string; text: string }[];
  caveats: string[];
  credits: string[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const monthName = (key: string) => `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
export const dayLabel = (iso: IsoTime) => {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
export const timeLabel = (iso: IsoTime | null) => (iso === null ? 'open' : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')}`);
// Counts with their plural, as every screen says them (shared/words.ts).
const pct = (x: number) => `${Math.round(x * 100)} %`;

export function coverageText(c: Coverage, zoneName: string): string {
  // Only examined clear scenes are absences: said whenever some clear scene is not examined yet.
  const notes = [c.examinedClear < c.clear ? `${c.examinedClear} examined` : '', c.obscured ? `${c.obscured} obscured` : ''].filter(Boolean);
  const radar = c.bySensor.radar.scenes ? ` (${c.bySensor.optical.clear} optical, ${c.bySensor.radar.clear} radar)` : '';
  return `${plural(c.clear, 'clear scene')}${radar} of ${zoneName}${notes.length ? ` (${notes.join('; ')})` : ''}, longest gap ${c.longestGapDays.toFixed(1)} days, ${pct(c.shareOfDaysObserved)} of days with a clear scene; ${daysObservedText({ optical: c.opticalDays, radar: c.radarDays, days: c.days })}`;
}

export interface ModelOptions {
  title?: string;
  author: string;
  from: IsoTime;
  to: IsoTime;
  zoneIds: Id[];
  minConfidence: Confidence;
  now?: Date;
  /** The project's AIS evidence (aisAnalysis.ts), null or absent when it was not worked out. */
  ais?: AisEvidence | null;
  /** Each MMSI's name from AIS static reports, for ships the project has no vessel for. */
  aisNames?: ReadonlyMap<string, string>;
  /** The same analysis without the radar scenes (censoring.ts withoutRadar); absent when the project has none. */
  withoutRadar?: AnalysisCache | null;
}

export function buildReportModel(data: ProjectData, cache: AnalysisCache, result: AnalysisResult, opts: ModelOptions): ReportModel {
  const lk: Lookups = lookupsOf(data);
  const zoneName = (id: Id) => lk.zone.get(id)?.name ?? 'unknown zone';
  const zones = opts.zoneIds.map(zoneName);
  const fromMs = Date.parse(opts.from);
  const toMs = Date.parse(opts.to);
  const visits = result.visits;
  const figures: KeyFigure[] = [];

  // Whole period, per zone.
  for (const z of opts.zoneIds) {
    const cov = cache.coverage(z, opts.from, opts.to);
    const vz = visits.filter((v) => v.zoneId === z);
    const vessels = new Set(vz.map((v) => v.subjectId)).size;
    figures.push({ figure: `${plural(vz.length, 'visit')} by ${plural(vessels, 'vessel')} at ${zoneName(z)} in the period`, coverage: coverageText(cov, zoneName(z)) });
  }
  // Port calls: a move between quays is two visits and one call; the whole port must be seen without the
  // vessel to end one, so the coverage behind it is the scenes on which every zone of the port was.
  if (visits.length) {
    const calls = result.portCalls;
    const callVessels = new Set(calls.map((c) => c.subjectId)).size;
    const sites = new Set(opts.zoneIds.map((z) => lk.zone.get(z)?.siteId));
    const portZones = data.zones.filter((z) => sites.has(z.siteId)).map((z) => cache.timeline(z.id));
    const index = cache.sceneIndex();
    let inPeriod = 0;
    let wholePort = 0;
    for (let i = 0; i < index.ids.length; i++) {
      const t = index.times[i]!;
      if (t < fromMs || t >= toMs) continue;
      inPeriod++;
      if (portZones.length && portZones.every((tl) => tl.codes[i] === 0 && tl.examined[i] === 1)) wholePort++;
    }
    figures.push({
      figure: `${plural(calls.length, 'port call')} by ${plural(callVessels, 'vessel')} in the period (a move between quays is one call)`,
      coverage: `every zone of the port clear and examined on ${wholePort} of ${plural(inPeriod, 'scene')}: only those can end a call`,
    });
  }
  // The last month of the period against the mean of the three before it (the editor's "January vs before").
  const months = monthsBetween(fromMs, toMs);
  const last = months[months.length - 1];
  if (last && months.length >= 2) {
    const cmp = cache.compare(last, Math.min(3, months.length - 1));
    const m = monthName(last);
    const base = cmp.baseline.months.map(monthName);
    const span = `${base[0]}${base.length > 1 ? ` – ${base[base.length - 1]}` : ''}`;
    // No baseline month had a clear scene: the mean is unknown (null), said in words, never 0.
    const against = cmp.baseline.meanVisits === null ? `against an unknown mean: no clear scene in ${span}` : `against a mean of ${cmp.baseline.meanVisits.toFixed(1)} a month in ${span}`;
    figures.push({
      figure: `${plural(cmp.target.visits, 'visit')} in ${m} (${plural(cmp.target.distinctVessels, 'vessel')}), ${against}`,
      coverage: `${m}: ${plural(cmp.target.coverage.clearScenes, 'clear scene')}, longest gap ${cmp.target.coverage.longestGapDays.toFixed(1)} days, ${pct(cmp.target.coverage.shareOfDaysObserved)} of days with a clear scene; before: ${cmp.baseline.coverage.clearScenes.toFixed(1)} clear scenes a month, ${pct(cmp.baseline.coverage.shareOfDaysObserved)} of days`,
      ...(cmp.warnings.length ? { warning: [...new Set(cmp.warnings.filter((w, i, all) => all.findIndex((x) => x.kind === w.kind) === i).map(warningText))].join(' ') } : {}),
    });
  }
  // Dwell, with its censoring stated: the Analysis view's own distribution and words (shared/charts), so
  // every visit is accounted for once (bracketed on both sides or with an open end, each saying how many
  // were seen on one scene only) and the totals agree.
  if (visits.length) {
    const d = cache.dwell('vessel');
    figures.push({ figure: `Median stay at the quay ${quantileText(d.quantiles.median)}`, coverage: `from ${censoringText(d)}` });
  }
  // Container counts: the largest count seen, and on how many scenes a count could be made at all.
  const counts = result.containerCounts;
  if (counts.some((c) => c.stacks > 0)) {
    for (const z of opts.zoneIds) {
      const rows = counts.filter((c) => c.zoneId === z);
      const known = rows.filter((c) => c.count !== null);
      const top = known.reduce<(typeof known)[number] | null>((a, c) => (!a || c.count! > a.count! ? c : a), null);
      if (!top || !top.count) continue;
      figures.push({
        figure: `Up to ${top.count} containers on ${zoneName(z)} (${dayLabel(top.acquired)}${top.partial || top.uncountedStacks ? ', a lower bound' : ''})`,
        coverage: `counted on ${plural(known.length, 'scene')}; unknown on ${plural(rows.length - known.length, 'obscured scene')}`,
      });
    }
  }

  const monthTable: MonthRow[] = result.monthly.byZone.map((m) => ({
    month: monthName(m.month),
    zone: zoneName(m.zoneId),
    visits: m.visits,
    underWay: m.underWay,
    vessels: m.distinctVessels,
    clearScenes: m.coverage ? `${m.coverage.clear}/${m.coverage.scenes}${m.coverage.examinedClear < m.coverage.clear ? ` (${m.coverage.examinedClear} examined)` : ''}` : '',
    // Each day once, for its best sensor: only examined clear scenes can show a ship was not there.
    daysObserved: m.coverage ? `${m.coverage.opticalDays} optical + ${m.coverage.radarDays} radar of ${m.coverage.days}` : '',
    longestGap: m.coverage ? `${m.coverage.longestGapDays.toFixed(1)} d` : '',
  }));

  const censoringWith = cache.censoring(result.months);
  const censoringWithout = opts.withoutRadar ? opts.withoutRadar.censoring(result.months) : null;
  const overall = (rows: typeof censoringWith | null) => rows?.find((r) => r.zoneId === null) ?? null;

  const stayRow = (v: Omit<Visit, 'zoneId'>, zone: string): VisitRow => ({
    vessel: lk.subjectName(v.subjectId),
    zone,
    arrivalAfter: timeLabel(v.arrivalAfter),
    firstSeen: timeLabel(v.firstSeen),
    lastSeen: timeLabel(v.lastSeen),
    departureBefore: timeLabel(v.departureBefore),
    dwell: dwellText(v),
    scenes: v.sceneIds.length,
  });
  const visitRows = visits.map((v) => stayRow(v, zoneName(v.zoneId)));
  const portCallRows = result.portCalls.map((c) => stayRow(c, c.zoneIds.map(zoneName).sort((a, b) => a.localeCompare(b)).join(', ')));

  // Review status of the sightings in the period and zones.
  const sceneTime = new Map(data.scenes.map((s) => [s.id, Date.parse(s.acquired)]));
  const zoneSet = new Set(opts.zoneIds);
  const review = { confirmed: 0, disputed: 0, rejected: 0, unreviewed: 0, total: 0, unconfirmedCarried: 0 };
  for (const s of data.sightings) {
    const t = sceneTime.get(s.sceneId);
    if (t === undefined || t < fromMs || t >= toMs) continue;
    if (s.zoneId !== null && !zoneSet.has(s.zoneId)) continue;
    review[lk.verdict(s.id)]++;
    review.total++;
    if (!s.verified) review.unconfirmedCarried++;
  }

  const scenesInPeriod = data.scenes.filter((s) => {
    const t = Date.parse(s.acquired);
    return t >= fromMs && t < toMs;
  });
  const credits = [...new Set(scenesInPeriod.map((s) => s.credit || s.provider).filter(Boolean))].sort();
  const lastDay = new Date(toMs - 1).toISOString();
  return {
    title: opts.title ?? `${data.project.name}: visits and coverage`,
    project: data.project.name,
    author: opts.author,
    scope: data.scope.sentence,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    from: opts.from,
    to: opts.to,
    periodLabel: `${dayLabel(opts.from)} – ${dayLabel(lastDay)} (UTC)`,
    zones,
    minConfidence: opts.minConfidence,
    scenesInPeriod: scenesInPeriod.length,
    unverifiedLeftOut: result.unverifiedLeftOut,
    unexaminedClearScenes: result.unexaminedClearScenes,
    keyFigures: figures,
    monthTable,
    censoring: censoringRows(censoringWith, censoringWithout, zoneName),
    censoringFall: censoringFallText(overall(censoringWith)!, overall(censoringWithout)),
    visits: visitRows,
    portCalls: portCallRows,
    review,
    ais: buildAisSection(data, opts.ais ?? null, { from: opts.from, to: opts.to, zoneIds: opts.zoneIds, ...(opts.aisNames ? { aisNames: opts.aisNames } : {}) }),
    method: methodSections(opts.minConfidence),
    caveats: [...CAVEATS], // a copy: the report adds its own ("No chip for …") and must not change the next one's
    credits,
  };
}

/** The rules of shared/analysis/METHOD.md in plain words for an editor; the thresholds are the analysis constants themselves. */
export function methodSections(minConfidence: Confidence): { heading: string; text: string }[] {
  const counted = minConfidence === 'confirmed' ? 'confirmed' : minConfidence === 'probable' ? 'confirmed and probable' : 'confirmed, probable and possible';
  return [
    { heading: 'What counts', text: `Sightings marked ${counted} count; a sighting whose latest review rejected it does not. Each sighting belongs to the zone it lies in, or the zone the analyst chose.` },
    { heading: 'Observability', text: 'Each scene either shows a zone clearly, shows part of it, shows it obscured (cloud, haze, shadow), or does not image it. Only a clear scene the analyst examined (looked at the zone and marked everything there) can show that a vessel is absent; a clear scene not yet examined counts as neither presence nor absence.' },
    { heading: 'Visits', text: 'A visit is a vessel\'s continuous presence at a zone, derived from the sightings, never typed in. It starts after the last clear scene without the vessel and ends before the next clear scene without it; obscured or missing scenes neither start nor end a visit. Arrival and departure are therefore known only between two scenes, and the table gives both brackets. An end with no clear scene beyond it is shown as open.' },
    { heading: 'Dwell', text: 'A stay lasted at least from first to last sighting and less than from the scene before arrival to the scene after departure. The distribution of stays is estimated from these bounds (Turnbull\'s estimator), so a median is an interval, not a single number; where the estimate puts exactly half the stays below a stretch of time and half above it, every value on that stretch is a median, and the interval spans it. The figure says how many stays were bracketed on both sides (an examined clear scene without the vessel before arrival and after departure) and how many have an open end, and of each how many were seen on one scene only: a vessel seen once between two such scenes is still bracketed on both sides.' },
    { heading: 'Port calls', text: 'A port call is a vessel\'s continuous presence at the port, whatever the quay: a vessel that moves from one quay to another makes two visits and one port call. A call ends only at a scene on which every zone of the port is clear, examined and without the vessel; a scene that shows one quay empty while another is obscured neither starts nor ends it. Its arrival and departure brackets and its stay are worked out as for a visit.' },
    { heading: 'Months', text: 'Each month gives two counts: arrivals, the visits first seen in the month (UTC), and visits under way, those with any part between first and last sighting in the month. A vessel that arrived in December and stayed into January is a December arrival, and under way in both months. Months without a visit are listed with their coverage: none seen with good coverage is a finding; none seen without coverage is not.' },
    { heading: 'Coverage', text: 'Beside every count: clear scenes of the zone, the share of days with at least one clear scene, the days observed, and the longest gap between clear scenes (counted from the period\'s start and to its end). A day is observed when a clear scene the analyst examined shows the zone: "days observed: 12 optical + 9 radar of 31" counts each day once, for its best sensor (optical first). A day not observed is not a day without ships: nobody could see.' },
    { heading: 'Radar and optical', text: 'Radar sees through cloud and at night. A radar scene shows a zone clearly where the zone lies in its footprint, unless the analyst set otherwise (layover, noise, a wind-roughened harbour); an examined radar scene without a vessel is as good an absence as an examined clear optical one. The observation calendar gives each day its best observation: optical clear, radar, partly seen, not examined, obscured, not imaged.' },
    { heading: 'Censoring', text: 'How tightly the scenes bracket each visit: the time between the last absence and the first sighting (arrival), between the last sighting and the next absence (departure), and their sum, the width of the stay\'s bounds. Per zone and month of first sighting, the median and the 90th percentile of the bracketed ends, with and without the radar scenes; open ends are counted, not measured.' },
    {
      heading: 'Comparisons',
      text: `A month is compared with the mean of the months before it that have at least one clear scene (a month nobody could see has unknown traffic, not zero); when none of them has, the mean is unknown. A warning is given when the share of days with a clear scene changed by a factor of ${(1 / COVERAGE_RATIO_THRESHOLD).toFixed(2)} or more in the same direction as the count, or when the count fell while the longest gap grew to at least ${GAP_RATIO_THRESHOLD}× the baseline's and at least ${GAP_MIN_DAYS} days. A warning means coverage alone could produce the change, not that it did.`,
    },
  ];
}

export const CAVEATS = [
  'A visit shorter than the interval between two clear scenes can be missed entirely; counts are lower bounds where gaps are long.',
  'A vessel seen at another quay is not taken as absent from this one: each zone is judged only by its own clear scenes (a port call takes the whole port together).',
  'Container counts on partially seen zones, or with stacks marked without a count, are lower bounds; on obscured scenes they are unknown, never zero.',
  'Identities rest on the analyst\'s marking; disputed and unreviewed sightings are counted unless the report says otherwise (see review status).',
];

/** The period: the request's, or the whole series of scenes. */
export function defaultPeriod(data: ProjectData): { from: IsoTime; to: IsoTime } {
  const times = data.scenes.map((s) => Date.parse(s.acquired)).sort((a, b) => a - b);
  if (!times.length) {
    const now = Date.now();
    return { from: new Date(now).toISOString(), to: new Date(now + 1).toISOString() };
  }
  // From the first scene's UTC day to the end of the last scene's day: whole days read better.
  const day = 86_400_000;
  return { from: new Date(Math.floor(times[0]! / day) * day).toISOString(), to: new Date((Math.floor(times[times.length - 1]! / day) + 1) * day).toISOString() };
}

/** Under the visits table, in the PDF and the HTML alike. */
export const STAY_NOTE = 'Times in UTC. Arrival lies between "arrived after" and "first seen"; departure between "last seen" and "left before".';
/** Under the censoring table. */
export const CENSORING_NOTE =
  'Arrival: from the last scene without the vessel to its first sighting; departure: from its last sighting to the next scene without it; width: the two together, how far the stay\'s lower and upper bounds lie apart. Median · 90th percentile, per zone and month of first sighting; open ends (no scene without the vessel beyond them) are counted, not measured.';
/** Under the port-call table. */
export const PORT_CALL_NOTE = 'A vessel\'s stay at the port, whatever the quay: a move between quays is two visits and one port call. It ends only on a scene where every zone of the port was seen without it. Times in UTC.';

/** The review-status table, as the PDF and the HTML both draw it: headings and the one row of counts. */
export function reviewStatusTable(model: Pick<ReportModel, 'review'>): { headings: string[]; counts: number[] } {
  const r = model.review;
  return {
    headings: ['Confirmed', 'Disputed', 'Rejected', 'Unreviewed', 'Carried, unconfirmed', 'Total'],
    counts: [r.confirmed, r.disputed, r.rejected, r.unreviewed, r.unconfirmedCarried, r.total],
  };
}

/** The report's heading facts, in order: written once here, drawn by the PDF and the HTML alike. */
export function reportMetaRows(model: ReportModel): [string, string][] {
  return [
    ['Project', model.project],
    ['Period', model.periodLabel],
    ['Zones', model.zones.join(', ') || 'none'],
    ['Author', model.author],
    ['Sightings', model.scope.replace(/^Scope: /, '')],
    ['Generated', `${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`],
    [
      'Counting',
      [
        `${model.minConfidence === 'possible' ? 'all' : `${model.minConfidence} and higher`} sightings, rejected ones excluded; ${model.scenesInPeriod} scenes in the period`,
        // What the figures do not rest on, said where the reader looks first.
        model.unverifiedLeftOut ? `${plural(model.unverifiedLeftOut, 'unconfirmed carried mark')} left out` : '',
        model.unexaminedClearScenes ? `${plural(model.unexaminedClearScenes, 'clear scene')} not yet examined (neither presence nor absence)` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ],
  ];
}
