// Visits per month (UTC month of firstSeen): per zone and vessel, per zone, and distinct vessels site-wide.

import type { Id, Visit } from '../domain';
import { monthKey, type Coverage } from './coverage';
import { toMs } from './input';

export interface MonthlyZoneVessel {
  month: string;
  zoneId: Id;
  subjectId: Id;
  visits: number;
}

export interface MonthlyZone {
  month: string;
  zoneId: Id;
  visits: number;
  distinctVessels: number;
  /** Shown beside the count: a count is only as good as the coverage behind it. */
  coverage: Coverage | null;
}

export interface MonthlySite {
  month: string;
  visits: number;
  distinctVessels: number;
}

export interface MonthlyVisits {
  byZoneVessel: MonthlyZoneVessel[];
  byZone: MonthlyZone[];
  byMonth: MonthlySite[];
}

export interface MonthlyOptions {
  /** Months to list even without visits (zero is a finding when coverage is good). */
  months?: string[];
  zoneIds?: Id[];
  coverageOf?: (zoneId: Id, month: string) => Coverage | null;
}

/** UTC month of an ISO time; slicing is exact for the canonical '…Z' form and avoids a Date per visit. */
export function isoMonth(iso: string): string {
  return iso.length >= 20 && iso.charCodeAt(iso.length - 1) === 90 /* Z */ && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 ? iso.slice(0, 7) : monthKey(toMs(iso));
}

export function monthlyVisits(visits: readonly Visit[], options: MonthlyOptions = {}): MonthlyVisits {
  const zv = new Map<string, MonthlyZoneVessel>();
  const zone = new Map<string, { month: string; zoneId: Id; visits: number; vessels: Set<Id> }>();
  const site = new Map<string, { visits: number; vessels: Set<Id> }>();
  const zoneKey = (m: string, z: Id) => `${m}\u0001${z}`;
  for (const m of options.months ?? []) {
    site.set(m, { visits: 0, vessels: new Set() });
    for (const z of options.zoneIds ?? []) zone.set(zoneKey(m, z), { month: m, zoneId: z, visits: 0, vessels: new Set() });
  }
  for (const v of visits) {
    const m = isoMonth(v.firstSeen);
    const k1 = `${m}\u0001${v.zoneId}\u0001${v.subjectId}`;
    const a = zv.get(k1);
    if (a) a.visits++;
    else zv.set(k1, { month: m, zoneId: v.zoneId, subjectId: v.subjectId, visits: 1 });
    const k2 = zoneKey(m, v.zoneId);
    let b = zone.get(k2);
    if (!b) zone.set(k2, (b = { month: m, zoneId: v.zoneId, visits: 0, vessels: new Set() }));
    b.visits++;
    b.vessels.add(v.subjectId);
    let c = site.get(m);
    if (!c) site.set(m, (c = { visits: 0, vessels: new Set() }));
    c.visits++;
    c.vessels.add(v.subjectId);
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
        distinctVessels: z.vessels.size,
        coverage: options.coverageOf ? options.coverageOf(z.zoneId, z.month) : null,
      })),
      (a, b) => cmpId(a.zoneId, b.zoneId),
    ),
    byMonth: byKey(
      [...site.entries()].map(([month, s]) => ({ month, visits: s.visits, distinctVessels: s.vessels.size })),
      () => 0,
    ),
  };
}
