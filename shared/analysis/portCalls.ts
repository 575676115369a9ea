// Port calls: a vessel's continuous presence at a site, whatever the zone — the same run-and-bracket rule as a visit, over the site's zones together.

import type { Id, Visit } from '../domain';

/**
 * A vessel's continuous presence at a site (any of its zones). A scene is a presence when the vessel has a
 * counted sighting in any zone of the site on it, and an absence only when every zone of the site is an
 * absence for it there (clear, examined, no uncounted mark of it, not at the instant of one of its
 * presences): the whole site was seen without it. Bracketing and dwell bounds are a visit's (visits.ts).
 */
export interface PortCall extends Omit<Visit, 'zoneId'> {
  /** null: the zones recorded without a site, taken together as one site. */
  siteId: Id | null;
  /** Zones where the vessel was seen during the call, sorted by id. */
  zoneIds: Id[];
  // arrivalAfter/departureBefore (and their scene ids) are the nearest scenes on which the WHOLE site was
  // seen without the vessel; null = open, as for a visit.
}

export function comparePortCalls(a: PortCall, b: PortCall): number {
  const sa = a.siteId ?? '';
  const sb = b.siteId ?? '';
  return a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : sa < sb ? -1 : sa > sb ? 1 : 0;
}
