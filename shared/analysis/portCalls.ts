// Port calls: a vessel's continuous presence at a site, whatever the zone — the same run-and-bracket rule as a visit, over the site's zones together.

import type { Id, IsoTime } from '../domain';

/**
 * A vessel's continuous presence at a site (any of its zones). A scene is a presence when the vessel has a
 * counted sighting in any zone of the site on it, and an absence only when every zone of the site is an
 * absence for it there (clear, examined, no uncounted mark of it, not at the instant of one of its
 * presences): the whole site was seen without it. Bracketing and dwell bounds are a visit's (visits.ts).
 */
export interface PortCall {
  subjectId: Id;
  /** null: the zones recorded without a site, taken together as one site. */
  siteId: Id | null;
  /** Zones where the vessel was seen during the call, sorted by id. */
  zoneIds: Id[];
  sceneIds: Id[];
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  /** Last scene before firstSeen on which the whole site was seen without the vessel; null = left-open. */
  arrivalAfter: IsoTime | null;
  arrivalAfterSceneId: Id | null;
  /** First scene after lastSeen on which the whole site was seen without the vessel; null = right-open. */
  departureBefore: IsoTime | null;
  departureBeforeSceneId: Id | null;
  dwellMinHours: number;
  /** null when either end is open. */
  dwellMaxHours: number | null;
}

export function comparePortCalls(a: PortCall, b: PortCall): number {
  const sa = a.siteId ?? '';
  const sb = b.siteId ?? '';
  return a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : sa < sb ? -1 : sa > sb ? 1 : 0;
}
