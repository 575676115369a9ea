// AIS port visits from AIS alone, after Global Fishing Watch's published port-visit rules (METHOD.md
// "AIS and imagery" cites them), scaled from ports to quays; and their comparison with the imagery
// visits the analysis derives (shared/analysis: Visit): seen in both, imagery only (a dark call), AIS
// only (and why the imagery has none: not imaged, obscured, not examined, or missed).
import type { Id, IsoTime, Observability, Visit } from '../domain';
import { geodesic } from '../measure';
import { distanceToZoneM, inBounds, inZone, toIso, zonesBounds, toMs, vesselMarksByScene, vesselsByMmsi, zoneShape, type AisImageryContext, type ZoneShape } from './context';
import { firstAtOrAfter, type AisTrackIndex } from './track';
import type { AisSettings, Mmsi } from './types';

/**
 * The geometry of an AIS visit at quay scale. GFW enters a port within 3 km of an anchorage point and
 * leaves it beyond 4 km, and counts a silence of more than 4 h in port as a "port gap". A quay is a
 * polygon a few hundred metres long, and a ship alongside reports from its antenna, a beam's width off
 * the quay's edge if the zone was drawn on land: entry within `entryM` of the polygon (or inside it),
 * exit beyond `exitM`, the same hysteresis as GFW's 3 → 4 km (GPS jitter at the edge must not end a
 * call), scaled to metres. Candidates for the project's AisSettings; defaults stated in METHOD.md.
 */
export interface AisVisitRules {
  entryM: number;
  exitM: number;
  portGapH: number;
}

export const DEFAULT_AIS_VISIT_RULES: AisVisitRules = { entryM: 100, exitM: 200, portGapH: 4 };

export interface AisVisit {
  mmsi: Mmsi;
  vesselIds: Id[];
  zoneId: Id;
  /** The first and last messages at the zone. */
  start: IsoTime;
  end: IsoTime;
  /** The last message before `start`, away from the zone (null: the log begins at the quay — no entry seen). */
  enteredAfter: IsoTime | null;
  /** The first message after `end`, away from the zone (null: the log ends at the quay — no exit seen). */
  exitedBefore: IsoTime | null;
  hours: number;
  /** Times the vessel came below stopKn at the zone (GFW's PORT_STOP_BEGIN). */
  stops: number;
  /** Silences of more than portGapH at the zone (GFW's PORT_GAP). */
  portGaps: number;
  /** GFW's confidence: 4 entry, stop or gap, and exit; 3 one of entry or exit missing; 2 only a stop or gap. */
  confidence: 2 | 3 | 4;
}

const MS_PER_H = 3_600_000;
const KN = 1852 / 3600; // m/s per knot

/**
 * The AIS visits of each MMSI (default: every MMSI in the index) at the zones, ordered by start.
 *
 * Each message is at most at one zone: the one whose polygon contains it, else the nearest within
 * entryM (the first in the zones' order on a tie). A vessel at a zone stays there while it is within
 * exitM of it and inside no other zone's polygon (a move to the next berth ends one visit and starts
 * another). A stop is a message at the zone below stopKn: its SOG, or when it has none the speed
 * implied by the previous message. A stay at a zone is a visit only with at least one stop or port gap
 * (GFW: a vessel passing through does not call).
 */
export function aisVisits(index: AisTrackIndex, zones: AisImageryContext['zones'], vessels: AisImageryContext['vessels'], settings: Pick<AisSettings, 'stopKn'>, rules: AisVisitRules = DEFAULT_AIS_VISIT_RULES, mmsis: readonly Mmsi[] = index.mmsis): AisVisit[] {
  const shapes = zones.map(zoneShape);
  const byMmsi = vesselsByMmsi(vessels);
  const out: AisVisit[] = [];
  for (const mmsi of mmsis) {
    const r = index.ranges.get(mmsi);
    if (!r) continue;
    const vesselIds = (byMmsi.get(mmsi) ?? []).map((v) => v.id);
    out.push(...visitsOfTrack(index, r[0], r[1], shapes, settings.stopKn, rules).map((v) => ({ mmsi, vesselIds, ...v })));
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.mmsi < b.mmsi ? -1 : a.mmsi > b.mmsi ? 1 : 0));
}

type TrackVisit = Omit<AisVisit, 'mmsi' | 'vesselIds'>;

function visitsOfTrack(index: AisTrackIndex, lo: number, hi: number, shapes: ZoneShape[], stopKn: number, rules: AisVisitRules): TrackVisit[] {
  const { t, lon, lat, sog } = index;
  const out: TrackVisit[] = [];
  const gapMs = rules.portGapH * MS_PER_H;
  const near = zonesBounds(shapes, rules.entryM);
  let cur = -1; // zone index, or -1 at sea
  let first = 0, last = 0, stops = 0, gaps = 0, stopped = false;
  let enteredAfter: number | null = null;
  const close = (exitedBefore: number | null) => {
    if (stops + gaps > 0) {
      const confidence = (enteredAfter !== null ? 1 : 0) + (exitedBefore !== null ? 1 : 0) + 2;
      out.push({
        zoneId: shapes[cur]!.id, start: toIso(t[first]!), end: toIso(t[last]!),
        enteredAfter: enteredAfter === null ? null : toIso(enteredAfter), exitedBefore: exitedBefore === null ? null : toIso(exitedBefore),
        hours: (t[last]! - t[first]!) / MS_PER_H, stops, portGaps: gaps, confidence: confidence as 2 | 3 | 4,
      });
    }
    cur = -1;
  };
  for (let i = lo; i < hi; i++) {
    const x = lon[i]!, y = lat[i]!;
    let speed = sog[i]!;
    if (Number.isNaN(speed) && i > lo && t[i]! > t[i - 1]!) speed = geodesic([lon[i - 1]!, lat[i - 1]!], [x, y]).distanceM / ((t[i]! - t[i - 1]!) / 1000) / KN;
    if (cur >= 0) {
      const stays = distanceToZoneM(shapes[cur]!, x, y, rules.exitM) <= rules.exitM && !shapes.some((z, k) => k !== cur && inZone(z, x, y));
      if (stays) {
        if (t[i]! - t[last]! > gapMs) gaps++;
        last = i;
        const slow = speed < stopKn;
        if (slow && !stopped) stops++;
        stopped = slow;
        continue;
      }
      close(t[i]!);
    }
    const z = inBounds(near, x, y) ? zoneOf(shapes, x, y, rules.entryM) : -1;
    if (z >= 0) {
      cur = z;
      first = last = i;
      enteredAfter = i > lo ? t[i - 1]! : null;
      stops = gaps = 0;
      stopped = speed < stopKn;
      if (stopped) stops++;
    }
  }
  if (cur >= 0) close(null);
  return out;
}

/** The zone a position is at: the first containing it, else the nearest within entryM; -1 for none. */
function zoneOf(shapes: ZoneShape[], x: number, y: number, entryM: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let k = 0; k < shapes.length; k++) {
    const d = distanceToZoneM(shapes[k]!, x, y, entryM);
    if (d === 0) return k;
    if (d <= entryM && d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

// ---- side by side with the imagery --------------------------------------------------------------

/** Why an AIS visit has no imagery visit, from the scenes taken during it (strongest first). */
export type AisOnlyReason =
  /** The vessel is marked at the zone during the visit, but those marks do not count (confidence, review, unverified). */
  | 'not-counted'
  /** The vessel is marked at another zone of the site: AIS and the analyst disagree on the quay. */
  | 'seen-elsewhere'
  /** An examined clear scene shows the zone without the vessel: missed by the analyst, or AIS is wrong. */
  | 'missed'
  /** A clear scene nobody has examined yet. */
  | 'unexamined'
  /** Only partial or obscured scenes. */
  | 'obscured'
  /** No scene of the zone during the visit. */
  | 'not-imaged';

export interface AisOnlyScene {
  sceneId: Id;
  acquired: IsoTime;
  shows: 'marked' | 'marked-elsewhere' | Observability;
  examined: boolean;
}

export interface VisitComparison {
  /** Imagery and AIS visits of the same vessel at the same zone that overlap in time (± windowMin). */
  both: { imagery: Visit; ais: AisVisit }[];
  /**
   * Imagery visits no AIS visit matches: dark calls. `ais` says whether the MMSI sent nothing from
   * the first to the last scene (± window): 'silent', or was heard but made no visit there: 'elsewhere'.
   */
  imageryOnly: { imagery: Visit; mmsi: Mmsi; ais: 'silent' | 'elsewhere' }[];
  aisOnly: { ais: AisVisit; reason: AisOnlyReason; scenes: AisOnlyScene[] }[];
  /** Imagery visits of vessels without an MMSI: nothing to compare with. */
  unlinked: Visit[];
}

/**
 * Imagery visits (AnalysisCache.visits('vessel')) beside AIS visits. A pair matches when the vessel
 * carries the MMSI, the zone is the same and [firstSeen, lastSeen] meets [start − window, end + window]
 * (a scene a few minutes before AIS's first message at the quay is the same call). One long imagery
 * visit may match two AIS visits (the imagery saw no departure between them), and the reverse.
 */
export function compareVisits(imagery: readonly Visit[], ais: readonly AisVisit[], index: AisTrackIndex, ctx: AisImageryContext, settings: Pick<AisSettings, 'windowMin'>): VisitComparison {
  const windowMs = settings.windowMin * 60_000;
  const mmsiOf = new Map(ctx.vessels.map((v) => [v.id, v.mmsi || null]));
  const aisByKey = new Map<string, AisVisit[]>();
  for (const a of ais) for (const v of a.vesselIds) push(aisByKey, `${v}\u0001${a.zoneId}`, a);
  const matched = new Set<AisVisit>();
  const out: VisitComparison = { both: [], imageryOnly: [], aisOnly: [], unlinked: [] };
  for (const v of imagery) {
    const mmsi = mmsiOf.get(v.subjectId) ?? null;
    if (!mmsi) {
      out.unlinked.push(v);
      continue;
    }
    const lo = toMs(v.firstSeen);
    const hi = toMs(v.lastSeen);
    const pairs = (aisByKey.get(`${v.subjectId}\u0001${v.zoneId}`) ?? []).filter((a) => a.mmsi === mmsi && toMs(a.start) - windowMs <= hi && toMs(a.end) + windowMs >= lo);
    for (const a of pairs) {
      out.both.push({ imagery: v, ais: a });
      matched.add(a);
    }
    if (pairs.length === 0) out.imageryOnly.push({ imagery: v, mmsi, ais: heardBetween(index, mmsi, lo - windowMs, hi + windowMs) ? 'elsewhere' : 'silent' });
  }
  const marks = vesselMarksByScene(ctx.sightings);
  const scenes = ctx.scenes.map((s) => ({ s, t: toMs(s.acquired) })).sort((a, b) => a.t - b.t);
  const times = Float64Array.from(scenes, (x) => x.t);
  for (const a of ais) {
    if (matched.has(a)) continue;
    const ids = new Set(a.vesselIds);
    const during: AisOnlyScene[] = [];
    for (let k = firstAtOrAfter(times, 0, times.length, toMs(a.start)); k < times.length && times[k]! <= toMs(a.end); k++) {
      const scene = scenes[k]!.s;
      const ofVessel = (marks.get(scene.id) ?? []).filter((m) => m.vesselId !== null && ids.has(m.vesselId));
      const shows: AisOnlyScene['shows'] = ofVessel.some((m) => m.zoneId === a.zoneId) ? 'marked' : ofVessel.length > 0 ? 'marked-elsewhere' : (ctx.observabilityOf(scene.id, a.zoneId) ?? 'outside');
      during.push({ sceneId: scene.id, acquired: scene.acquired, shows, examined: ctx.examined(scene.id, a.zoneId) });
    }
    out.aisOnly.push({ ais: a, reason: reasonOf(during), scenes: during });
  }
  return out;
}

function reasonOf(scenes: AisOnlyScene[]): AisOnlyReason {
  if (scenes.some((s) => s.shows === 'marked')) return 'not-counted';
  if (scenes.some((s) => s.shows === 'marked-elsewhere')) return 'seen-elsewhere';
  if (scenes.some((s) => s.shows === 'clear' && s.examined)) return 'missed';
  if (scenes.some((s) => s.shows === 'clear')) return 'unexamined';
  if (scenes.some((s) => s.shows === 'partial' || s.shows === 'obscured')) return 'obscured';
  return 'not-imaged';
}

/** Whether the MMSI sent any message in [lo, hi]. */
function heardBetween(index: AisTrackIndex, mmsi: Mmsi, lo: number, hi: number): boolean {
  const r = index.ranges.get(mmsi);
  if (!r) return false;
  const i = firstAtOrAfter(index.t, r[0], r[1], lo);
  return i < r[1] && index.t[i]! <= hi;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
