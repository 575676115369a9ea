// The figures of a project (visits, monthly, dwell, coverage, containers, comparison) in the stable
// shape of `quaywatch stats --json`, computed by the shared analysis functions over the project store.
import type { Confidence, Id, IsoTime } from '../../../shared/domain';
import { AnalysisCache, hasRadar, monthKey, toMs, withoutRadar, type ComparisonWarning, type ObservationKind, type PeriodCoverage, type SensorCoverage, type Spread } from '../../../shared/analysis';
import type { ProjectStore } from '../store/projectStore';
import { analysisInputOf, loadProjectData } from '../export/projectData';
import type { Scope, ScopeInfo } from '../../../shared/teamScope';
import { aisEvidence } from '../ais/aisAnalysis';
import { statsAis, type StatsAis } from './aisStats';

export interface StatsOptions {
  /** Period [from, to), ISO UTC. */
  from?: IsoTime;
  to?: IsoTime;
  zoneIds?: Id[];
  minConfidence: Confidence;
  reviewedOnly: boolean;
  /** Count carried marks nobody has confirmed on their own scene (default: left out, and counted in `unverifiedLeftOut`). */
  includeUnverified?: boolean;
  /** Compare a month (YYYY-MM) with the mean of the `baseline` months before it. */
  compare?: { month: string; baseline: number };
  /** Whose sightings (shared/teamScope.ts); none: every sighting in the project. */
  scope?: Scope;
}

interface Bracketed {
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  /** null = open (no observable scene without it before / after). */
  arrivalAfter: IsoTime | null;
  departureBefore: IsoTime | null;
  dwellMinHours: number;
  dwellMaxHours: number | null;
}

export interface StatsVisit extends Bracketed {
  /** Vessel (or aircraft) name. */
  vessel: string;
  zone: string;
  sceneIds: Id[];
}

/** A vessel's continuous presence at a site, any zone: a move between quays is two visits and one port call. */
export interface StatsPortCall extends Bracketed {
  vessel: string;
  site: string;
  /** Zones where the vessel was seen during the call, by name. */
  zones: string[];
  sceneIds: Id[];
}

export interface StatsMonthly {
  month: string;
  zone: string;
  /** Arrivals: visits whose first sighting falls in the month. */
  visits: number;
  /** Visits under way in the month: first to last sighting overlaps it (a December arrival still there in January counts in both). */
  underWay: number;
  /** Vessels among the month's arrivals. */
  vessels: string[];
}

export interface StatsDwell extends Bracketed {
  track: string;
  zone: string;
}

export interface StatsCoverage {
  month: string;
  zone: string;
  /** Scenes that image the zone (clear + partial + obscured). */
  scenes: number;
  clearScenes: number;
  /** Clear scenes the analyst examined: only these can show a ship was not there. */
  examinedClearScenes: number;
  /** Days with at least one clear scene. */
  daysObserved: number;
  daysInMonth: number;
  longestGapDays: number;
  /** The scene counts split by sensor (optical: every scene that is not radar). */
  bySensor: { optical: SensorCoverage; radar: SensorCoverage };
  /** "days observed: 12 optical + 9 radar of 31": days whose best observation was an examined clear optical scene… */
  opticalDaysObserved: number;
  /** …or, with none, an examined clear radar scene; each day counted once, for its best sensor. */
  radarDaysObserved: number;
}

/** One zone's UTC day by its best observation (METHOD.md "Radar and optical"). */
export interface StatsObservationDay {
  day: string;
  zone: string;
  kind: ObservationKind;
  /** The day's best scene; null when not imaged. */
  sceneId: Id | null;
}

/** Censoring per zone and month of first sighting (zone/month null: every zone / the whole period), in hours. */
export interface StatsCensoring {
  zone: string | null;
  month: string | null;
  visits: number;
  arrivalHours: Spread;
  departureHours: Spread;
  widthHours: Spread;
}

export interface StatsContainers {
  sceneId: Id;
  acquired: IsoTime;
  zone: string;
  /** null when the zone could not be seen on that scene (obscured or outside) or was not examined there. */
  count: number | null;
  observability: string;
  /** Whether the analyst examined the zone on this scene. */
  examined: boolean;
  /** A partial scene: part of the zone was not seen, so the count is a lower bound. */
  partial: boolean;
  /** Stacks marked without a count: when above 0 the count is a lower bound too. */
  uncountedStacks: number;
}

export interface StatsComparison {
  period: string;
  visits: number;
  /** Mean over the baseline months with a clear scene; null (unknown) when none has one. */
  baselineMean: number | null;
  vessels: number;
  baselineVesselsMean: number | null;
  coverage: PeriodCoverage;
  baselineCoverage: PeriodCoverage;
  /** Why coverage alone could explain the change, or null. */
  warning: string | null;
  baselineMonths: string[];
}

export interface StatsReport extends StatsAis {
  /** Whose sightings the figures rest on (shared/teamScope.ts). */
  scope: ScopeInfo;
  visits: StatsVisit[];
  monthly: StatsMonthly[];
  dwell: StatsDwell[];
  coverage: StatsCoverage[];
  containers: StatsContainers[];
  comparison: StatsComparison | null;
  /** Unverified (carried, unconfirmed) marks in the period and zones the figures leave out; 0 with includeUnverified. */
  unverifiedLeftOut: number;
  /** Scenes in the period with a selected zone that is clear and not examined: neither presence nor absence. */
  unexaminedClearScenes: number;
  /** Port calls (continuous presence at a site, any zone), by first sighting. */
  portCalls: StatsPortCall[];
  /** Every UTC day of the period per zone, by its best observation. */
  observation: StatsObservationDay[];
  /** How tightly the scenes bracket the visits, with every scene. */
  censoring: StatsCensoring[];
  /** The same without the radar scenes and the marks on them; null when the project has none. */
  censoringWithoutRadar: StatsCensoring[] | null;
}


const days = (x: number) => `${x.toFixed(1)} days`;
const metricName = (m: 'visits' | 'distinctVessels') => (m === 'visits' ? 'visits' : 'vessels');

/** One sentence per warning of the comparison rule (see shared/analysis/comparison.ts). */
export function warningText(w: ComparisonWarning): string {
  switch (w.kind) {
    case 'no-coverage':
      return `No clear scene in ${w.months.join(', ')}: absence cannot be told from lack of imagery there.${w.baselineUnseen ? ' No baseline month was seen at all, so the baseline mean is unknown.' : ''}`;
    case 'coverage-explains':
      return `Coverage changed as much as the count (days observed ×${w.coverageRatio.toFixed(2)}${w.countRatio === null ? '' : `, ${metricName(w.metric)} ×${w.countRatio.toFixed(2)}`}): coverage alone could explain the change in ${metricName(w.metric)}.`;
    case 'longer-gaps':
      return `The longest gap without a clear scene is ${days(w.targetGapDays)} against ${days(w.baselineGapDays)} in the baseline: whole visits could fall in it, so fewer ${metricName(w.metric)} may not mean fewer calls.`;
  }
}

export function projectStats(store: ProjectStore, options: StatsOptions): StatsReport {
  const data = loadProjectData(store, options.scope);
  const input = analysisInputOf(data);
  const zoneName = new Map(input.zones.map((z) => [z.id, z.name!]));
  const siteName = new Map(store.sites().map((s) => [s.id, s.name]));
  const vesselName = new Map(store.vessels().map((v) => [v.id, v.name]));
  const trackLabel = new Map(store.tracks().map((t) => [t.id, t.label || t.id]));
  const cache = new AnalysisCache(input, {
    minConfidence: options.minConfidence,
    reviewedOnly: options.reviewedOnly,
    includeUnverified: options.includeUnverified,
    from: options.from,
    to: options.to,
    zoneIds: options.zoneIds,
  });
  const result = cache.result();
  const bracket = (v: Bracketed): Bracketed => ({
    firstSeen: v.firstSeen,
    lastSeen: v.lastSeen,
    arrivalAfter: v.arrivalAfter,
    departureBefore: v.departureBefore,
    dwellMinHours: v.dwellMinHours,
    dwellMaxHours: v.dwellMaxHours,
  });
  const zone = (id: Id) => zoneName.get(id) ?? id;
  const byName = (a: string, b: string) => a.localeCompare(b);

  const namesByMonthZone = new Map<string, string[]>();
  for (const r of result.monthly.byZoneVessel) {
    if (r.visits === 0) continue; // under way only: no arrival that month
    const k = `${r.month}\u0001${r.zoneId}`;
    namesByMonthZone.set(k, [...(namesByMonthZone.get(k) ?? []), vesselName.get(r.subjectId) ?? r.subjectId]);
  }
  const monthly = result.monthly.byZone
    .map((r) => ({ month: r.month, zone: zone(r.zoneId), visits: r.visits, underWay: r.underWay, vessels: (namesByMonthZone.get(`${r.month}\u0001${r.zoneId}`) ?? []).sort(byName) }))
    .sort((a, b) => a.month.localeCompare(b.month) || byName(a.zone, b.zone));

  const coverage = result.coverage
    .map((c) => ({
      month: monthKey(toMs(c.from)),
      zone: zone(c.zoneId),
      scenes: c.scenes,
      clearScenes: c.clear,
      examinedClearScenes: c.examinedClear,
      daysObserved: c.clearDays,
      daysInMonth: c.days,
      longestGapDays: c.longestGapDays,
      bySensor: c.bySensor,
      opticalDaysObserved: c.opticalDays,
      radarDaysObserved: c.radarDays,
    }))
    .sort((a, b) => a.month.localeCompare(b.month) || byName(a.zone, b.zone));

  let comparison: StatsComparison | null = null;
  if (options.compare) {
    const c = cache.compare(options.compare.month, options.compare.baseline);
    comparison = {
      period: c.target.month,
      visits: c.target.visits,
      baselineMean: c.baseline.meanVisits,
      vessels: c.target.distinctVessels,
      baselineVesselsMean: c.baseline.meanDistinctVessels,
      coverage: c.target.coverage,
      baselineCoverage: c.baseline.coverage,
      warning: c.warnings.length ? c.warnings.map(warningText).join(' ') : null,
      baselineMonths: c.baseline.months,
    };
  }

  const cacheOptions = { minConfidence: options.minConfidence, reviewedOnly: options.reviewedOnly, includeUnverified: options.includeUnverified, from: options.from, to: options.to, zoneIds: options.zoneIds };
  const censoringOf = (c: AnalysisCache): StatsCensoring[] =>
    c.censoring(result.months).map((r) => ({ zone: r.zoneId === null ? null : zone(r.zoneId), month: r.month, visits: r.visits, arrivalHours: r.arrival, departureHours: r.departure, widthHours: r.width }));
  const observation = cache
    .observation()
    .days.map((d) => ({ day: d.day, zone: zone(d.zoneId), kind: d.kind, sceneId: d.sceneId }))
    .sort((a, b) => a.day.localeCompare(b.day) || byName(a.zone, b.zone));

  const stackZones = new Set(result.containerCounts.filter((c) => c.stacks > 0).map((c) => c.zoneId));
  return {
    // By first sighting, then by name: the same project always prints in the same order (ids are random).
    visits: result.visits
      .map((v) => ({ vessel: vesselName.get(v.subjectId) ?? v.subjectId, zone: zone(v.zoneId), ...bracket(v), sceneIds: v.sceneIds }))
      .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || byName(a.vessel, b.vessel) || byName(a.zone, b.zone)),
    monthly,
    dwell: result.trackDwell
      .map((v) => ({ track: trackLabel.get(v.subjectId) ?? v.subjectId, zone: zone(v.zoneId), ...bracket(v) }))
      .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || byName(a.track, b.track) || byName(a.zone, b.zone)),
    coverage,
    // Only zones where container stacks were marked at all: elsewhere a 0 would claim an empty quay nobody counted.
    containers: result.containerCounts
      .filter((c) => stackZones.has(c.zoneId))
      .map((c) => ({
        sceneId: c.sceneId,
        acquired: c.acquired,
        zone: zone(c.zoneId),
        count: c.count,
        observability: c.observability,
        examined: c.examined,
        partial: c.partial,
        uncountedStacks: c.uncountedStacks,
      }))
      .sort((a, b) => a.acquired.localeCompare(b.acquired) || byName(a.zone, b.zone)),
    comparison,
    unverifiedLeftOut: result.unverifiedLeftOut,
    unexaminedClearScenes: result.unexaminedClearScenes,
    portCalls: result.portCalls
      .map((c) => ({
        vessel: vesselName.get(c.subjectId) ?? c.subjectId,
        site: c.siteId === null ? '' : (siteName.get(c.siteId) ?? c.siteId),
        zones: c.zoneIds.map(zone).sort(byName),
        ...bracket(c),
        sceneIds: c.sceneIds,
      }))
      .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || byName(a.vessel, b.vessel) || byName(a.site, b.site)),
    observation,
    censoring: censoringOf(cache),
    censoringWithoutRadar: hasRadar(input) ? censoringOf(new AnalysisCache(withoutRadar(input), cacheOptions)) : null,
    // AIS beside the imagery (METHOD.md "AIS and imagery"), from the one host entry and the same engine as the figures above.
    ...statsAis(aisEvidence(store, data, cache), data, { from: options.from, to: options.to, zoneIds: options.zoneIds }),
    scope: data.scope,
  };
}
