// Visits per month: arrivals (UTC month of firstSeen) and visits under way (any overlap with the UTC month), per zone and vessel, per zone, and site-wide.

import type { Id, Visit } from '../domain';
import { addMonths, monthKey, type Coverage } from './coverage';
import { toMs } from './input';

export interface MonthlyZoneVessel {
  month: string;
  zoneId: Id;
  subjectId: Id;
  /** Arrivals: visits whose firstSeen falls in the month (0 when the vessel was only under way there). */
  visits: number;
  /** Visits under way in the month: [firstSeen, lastSeen] overlaps it. */
  underWay: number;
}

export interface MonthlyZone {
  month: string;
  zoneId: Id;
  /** Arrivals: visits whose firstSeen falls in the month. */
  visits: number;
  /** Visits under way in the month: [firstSeen, lastSeen] overlaps it (a December arrival still there in January counts in both). */
  underWay: number;
  /** Distinct vessels among the month's arrivals. */
  distinctVessels: number;
  /** Shown beside the count: a count is only as good as the coverage behind it. */
  coverage: Coverage | null;
}

export interface MonthlySite {
  month: string;
  visits: number;
  underWay: number;
  distinctVessels: number;
}

export interface MonthlyVisits {
  byZoneVessel: MonthlyZoneVessel[];
  byZone: MonthlyZone[];
  byMonth: MonthlySite[];
}

export interface MonthlyOptions {
  /** Months to list even without visits (zero is a finding when coverage is good); under way counts only in these when given. */
  months?: string[];
  zoneIds?: Id[];
  coverageOf?: (zoneId: Id, month: string) => Coverage | null;
  /**
   * The visits to count as under way (default: `visits`). With a period, the engine passes every visit
   * overlapping the period, so a visit that began before it is still under way in its first month.
   */
  underWay?: readonly Visit[];
}

/** UTC month of an ISO time; slicing is exact for the canonical '…Z' form and avoids a Date per visit. */
export function isoMonth(iso: string): string {
  return iso.length >= 20 && iso.charCodeAt(iso.length - 1) === 90 /* Z */ && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 ? iso.slice(0, 7) : monthKey(toMs(iso));
}

/** The UTC months a visit is under way in: from its firstSeen's month to its lastSeen's, both included. */
export function monthsUnderWay(v: Pick<Visit, 'firstSeen' | 'lastSeen'>): string[] {
  const first = isoMonth(v.firstSeen);
  const last = isoMonth(v.lastSeen);
  const out = [first];
  for (let m = first; m < last && out.length < 100_000; ) out.push((m = addMonths(m, 1)));
  return out;
}

interface ZoneAgg {
  month: string;
  zoneId: Id;
  visits: number;
  underWay: number;
  byVessel: Map<Id, MonthlyZoneVessel>;
}

interface SiteAgg {
  visits: number;
  underWay: number;
  vessels: Set<Id>;
}

export function monthlyVisits(visits: readonly Visit[], options: MonthlyOptions = {}): MonthlyVisits {
  // month → zone → aggregate (nested maps: no string key per visit, this runs on every edit).
  const zones = new Map<string, Map<Id, ZoneAgg>>();
  const site = new Map<string, SiteAgg>();
  const listed = options.months ? new Set(options.months) : null;
  const zoneAgg = (m: string, z: Id): ZoneAgg => {
    let byZone = zones.get(m);
    if (!byZone) zones.set(m, (byZone = new Map()));
    let a = byZone.get(z);
    if (!a) byZone.set(z, (a = { month: m, zoneId: z, visits: 0, underWay: 0, byVessel: new Map() }));
    return a;
  };
  const siteAgg = (m: string): SiteAgg => {
    let c = site.get(m);
    if (!c) site.set(m, (c = { visits: 0, underWay: 0, vessels: new Set() }));
    return c;
  };
  const vesselRow = (a: ZoneAgg, subjectId: Id): MonthlyZoneVessel => {
    let r = a.byVessel.get(subjectId);
    if (!r) a.byVessel.set(subjectId, (r = { month: a.month, zoneId: a.zoneId, subjectId, visits: 0, underWay: 0 }));
    return r;
  };
  for (const m of options.months ?? []) {
    siteAgg(m);
    for (const z of options.zoneIds ?? []) zoneAgg(m, z);
  }
  const arrive = (m: string, v: Visit) => {
    const a = zoneAgg(m, v.zoneId);
    a.visits++;
    vesselRow(a, v.subjectId).visits++;
    const c = siteAgg(m);
    c.visits++;
    c.vessels.add(v.subjectId);
  };
  const underWay = (m: string, v: Visit) => {
    if (listed && !listed.has(m)) return;
    const a = zoneAgg(m, v.zoneId);
    a.underWay++;
    vesselRow(a, v.subjectId).underWay++;
    siteAgg(m).underWay++;
  };
  const spanned = (v: Visit, first: string) => {
    const last = isoMonth(v.lastSeen);
    if (last === first) return;
    for (let m = first; m < last; ) underWay((m = addMonths(m, 1)), v);
  };
  if (!options.underWay || options.underWay === visits) {
    for (const v of visits) {
      const first = isoMonth(v.firstSeen);
      arrive(first, v);
      underWay(first, v);
      spanned(v, first);
    }
  } else {
    for (const v of visits) arrive(isoMonth(v.firstSeen), v);
    for (const v of options.underWay) {
      const first = isoMonth(v.firstSeen);
      underWay(first, v);
      spanned(v, first);
    }
  }
  const byKey = <T extends { month: string }>(rows: T[], rest: (a: T, b: T) => number) =>
    rows.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : rest(a, b)));
  const cmpId = (a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);
  const aggs: ZoneAgg[] = [];
  for (const byZone of zones.values()) for (const a of byZone.values()) aggs.push(a);
  const zv: MonthlyZoneVessel[] = [];
  for (const a of aggs) for (const r of a.byVessel.values()) zv.push(r);
  return {
    byZoneVessel: byKey(zv, (a, b) => cmpId(a.zoneId, b.zoneId) || cmpId(a.subjectId, b.subjectId)),
    byZone: byKey(
      aggs.map((z) => {
        let distinct = 0;
        for (const r of z.byVessel.values()) if (r.visits > 0) distinct++;
        return {
          month: z.month,
          zoneId: z.zoneId,
          visits: z.visits,
          underWay: z.underWay,
          distinctVessels: distinct,
          coverage: options.coverageOf ? options.coverageOf(z.zoneId, z.month) : null,
        };
      }),
      (a, b) => cmpId(a.zoneId, b.zoneId),
    ),
    byMonth: byKey(
      [...site.entries()].map(([month, s]) => ({ month, visits: s.visits, underWay: s.underWay, distinctVessels: s.vessels.size })),
      () => 0,
    ),
  };
}
