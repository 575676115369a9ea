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

export function monthlyVisits(visits: readonly Visit[], options: MonthlyOptions = {}): MonthlyVisits {
  const zv = new Map<string, MonthlyZoneVessel>();
  const zone = new Map<string, { month: string; zoneId: Id; visits: number; underWay: number; vessels: Set<Id> }>();
  const site = new Map<string, { visits: number; underWay: number; vessels: Set<Id> }>();
  const zoneKey = (m: string, z: Id) => `${m}\u0001${z}`;
  const listed = options.months ? new Set(options.months) : null;
  for (const m of options.months ?? []) {
    site.set(m, { visits: 0, underWay: 0, vessels: new Set() });
    for (const z of options.zoneIds ?? []) zone.set(zoneKey(m, z), { month: m, zoneId: z, visits: 0, underWay: 0, vessels: new Set() });
  }
  const rows = (m: string, v: Visit) => {
    const k1 = `${m}\u0001${v.zoneId}\u0001${v.subjectId}`;
    let a = zv.get(k1);
    if (!a) zv.set(k1, (a = { month: m, zoneId: v.zoneId, subjectId: v.subjectId, visits: 0, underWay: 0 }));
    const k2 = zoneKey(m, v.zoneId);
    let b = zone.get(k2);
    if (!b) zone.set(k2, (b = { month: m, zoneId: v.zoneId, visits: 0, underWay: 0, vessels: new Set() }));
    let c = site.get(m);
    if (!c) site.set(m, (c = { visits: 0, underWay: 0, vessels: new Set() }));
    return [a, b, c] as const;
  };
  for (const v of visits) {
    const [a, b, c] = rows(isoMonth(v.firstSeen), v);
    a.visits++;
    b.visits++;
    b.vessels.add(v.subjectId);
    c.visits++;
    c.vessels.add(v.subjectId);
  }
  for (const v of options.underWay ?? visits) {
    const first = isoMonth(v.firstSeen);
    for (const m of first === isoMonth(v.lastSeen) ? [first] : monthsUnderWay(v)) {
      if (listed && !listed.has(m)) continue;
      const [a, b, c] = rows(m, v);
      a.underWay++;
      b.underWay++;
      c.underWay++;
    }
  }
  const byKey = <T extends { month: string }>(rows: T[], rest: (a: T, b: T) => number) =>
    rows.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : rest(a, b)));
  const cmpId = (a: Id, b: Id) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    byZoneVessel: byKey([...zv.values()], (a, b) => cmpId(a.zoneId, b.zoneId) || cmpId(a.subjectId, b.subjectId)),
    byZone: byKey(
      [...zone.values()].map((z) => ({
        month: z.month,
        zoneId: z.zoneId,
        visits: z.visits,
        underWay: z.underWay,
        distinctVessels: z.vessels.size,
        coverage: options.coverageOf ? options.coverageOf(z.zoneId, z.month) : null,
      })),
      (a, b) => cmpId(a.zoneId, b.zoneId),
    ),
    byMonth: byKey(
      [...site.entries()].map(([month, s]) => ({ month, visits: s.visits, underWay: s.underWay, distinctVessels: s.vessels.size })),
      () => 0,
    ),
  };
}
