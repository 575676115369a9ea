// The analysis engine (AnalysisCache, analyze): incremental state: visits are kept per (subject, zone) key so that one edit recomputes only the keys it touches.

import type { Id, IsoTime, Observability, Visit } from '../domain';
import { comparePeriods, type PeriodComparison } from './comparison';
import { coverageForZone, monthBounds, monthsBetween, type Coverage } from './coverage';
import { dwellDistribution, type DwellDistribution } from './dwell';
import {
  buildSceneIndex,
  defaultObservability,
  isCounted,
  isMosaic,
  lowerBound,
  newerReview,
  upperBound,
  OBS_BY_CODE,
  toMs,
  type AnalysisExamined,
  type AnalysisInput,
  type AnalysisObservability,
  type AnalysisOptions,
  type AnalysisReview,
  type AnalysisScene,
  type AnalysisSighting,
  type AnalysisZone,
  type LatestVerdict,
  type SceneIndex,
  type ZoneTimeline,
} from './input';
import { monthlyVisits, type MonthlyVisits } from './monthly';
import { comparePortCalls, type PortCall } from './portCalls';
import { visitsForKey } from './visits';
import { observationDays, observationMonths, type ObservationDay, type ObservationMonth } from './observation';
import { censoringSummary, type CensoringSummary } from './censoring';

/** Vessel (or aircraft) identities make visits; tracks make dwell. */
export type SubjectKind = 'vessel' | 'track';

export interface ContainerCount {
  zoneId: Id;
  sceneId: Id;
  acquired: IsoTime;
  observability: Observability;
  /**
   * Sum of `count` over counted container-stack sightings, on examined clear and partial scenes; null
   * ("unknown") on obscured and outside scenes and where the zone was not examined — never 0, since
   * nothing could be seen there, or nobody has looked yet.
   */
  count: number | null;
  /** True on a partial scene: part of the zone was not seen, so the count is a lower bound. */
  partial: boolean;
  /** Whether the analyst examined the zone on this scene (the count is unknown where not). */
  examined: boolean;
  stacks: number;
  /** Stacks marked without a count; when > 0, `count` is a lower bound too. */
  uncountedStacks: number;
  /** Sum of marked counts whatever the observability (what the analyst saw through gaps). */
  markedCount: number;
}

export interface AnalysisResult {
  visits: Visit[];
  /** A vessel's continuous presence at a site, any zone (portCalls.ts): a move between quays is two visits and one port call. */
  portCalls: PortCall[];
  trackDwell: Visit[];
  monthly: MonthlyVisits;
  containerCounts: ContainerCount[];
  /** Per zone per month over the analysed range. */
  coverage: Coverage[];
  months: string[];
  /** Scenes in the period with a selected zone that is clear but not examined: neither presence nor absence yet. */
  unexaminedClearScenes: number;
  /** Unverified (carried) marks in the period and zones left out because `includeUnverified` is off. */
  unverifiedLeftOut: number;
}

interface KeyInfo {
  kind: SubjectKind;
  subjectId: Id;
  zoneId: Id;
}

/** Reused across vessels: a position is seen (or dropped) for the current vessel-site when it holds the current stamp. */
interface PortCallScratch {
  seen: Int32Array;
  dropped: Int32Array;
  stamp: number;
}

interface StackCell {
  sum: number;
  stacks: number;
  uncounted: number;
}

const SEP = '\u0001';
const keyOf = (kind: SubjectKind, subjectId: Id, zoneId: Id) => `${kind}${SEP}${subjectId}${SEP}${zoneId}`;

function getOrSet<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

function compareVisits(a: Visit, b: Visit): number {
  return a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0;
}

export class AnalysisCache {
  private options: AnalysisOptions;
  private readonly scenes = new Map<Id, AnalysisScene>();
  private readonly zones = new Map<Id, AnalysisZone>();
  /** zone → scene → stored value */
  private readonly stored = new Map<Id, Map<Id, Observability>>();
  /** zone → scene → derived default, kept because footprint geometry is the costly part. */
  private readonly derived = new Map<Id, Map<Id, Observability>>();
  private readonly sightings = new Map<Id, AnalysisSighting>();
  private readonly sightingsByScene = new Map<Id, Set<Id>>();
  private readonly reviews = new Map<Id, AnalysisReview>();
  private readonly reviewsBySighting = new Map<Id, Set<Id>>();
  private readonly verdicts = new Map<Id, LatestVerdict>();
  /** zone → examined scenes; null: every pair counts as examined (AnalysisInput.examined omitted). */
  private readonly examined: Map<Id, Set<Id>> | null;
  /** zone → scenes where the analyst set the observability (a mosaic is an absence only where so set). */
  private readonly overridden = new Map<Id, Set<Id>>();
  /** zone → scene → unverified marks there: the zone is not examined on that scene until they are confirmed. */
  private readonly unverifiedAt = new Map<Id, Map<Id, number>>();
  private readonly unverifiedIds = new Set<Id>();
  /**
   * key → scene → sightings of the subject that do not count (below the confidence, rejected,
   * unreviewed when asked, unverified): that scene is unknown for the subject, never an absence.
   */
  private readonly uncounted = new Map<string, Map<Id, number>>();

  private index: SceneIndex | null = null;
  private readonly timelines = new Map<Id, ZoneTimeline>();
  /** key → scene → number of counted sightings */
  private readonly presence = new Map<string, Map<Id, number>>();
  private readonly keyInfo = new Map<string, KeyInfo>();
  private readonly keysByZone = new Map<Id, Set<string>>();
  private readonly stacks = new Map<Id, Map<Id, StackCell>>();
  private readonly visitsByKey = new Map<string, Visit[]>();
  private readonly dirty = new Set<string>();
  /** Container-count rows per zone, valid while the zone's timeline, its stacks and the range are unchanged. */
  private readonly countRows = new Map<Id, { tl: ZoneTimeline; lo: number; hi: number; rows: ContainerCount[] }>();
  /** Coverage per zone-month, valid while the zone's timeline is unchanged. */
  private readonly coverageCache = new Map<string, { tl: ZoneTimeline; cov: Coverage }>();
  private assembled: Record<SubjectKind, Visit[] | null> = { vessel: null, track: null };
  /** vessel → its vessel keys (one per zone it was counted at). */
  private readonly keysByVessel = new Map<Id, Set<string>>();
  /** vessel → its port calls at every site, unfiltered. */
  private readonly portCallsByVessel = new Map<Id, PortCall[]>();
  /** Vessels whose port calls must be recomputed; 'all' after a change to scenes, zones or the counting rules. */
  private portCallsDirty: Set<Id> | 'all' = 'all';
  private portCallsAssembled: PortCall[] | null = null;
  /** Per site: the scenes on which every zone of the site is a possible absence, valid while the zones' timelines are unchanged. */
  private readonly siteAbsentCache = new Map<string, { tls: ZoneTimeline[]; absent: Int32Array }>();
  /** How many keys the last refresh recomputed (for tests and the benchmark). */
  lastRecomputed = 0;
  /** Keys recomputed since construction. */
  totalRecomputed = 0;

  constructor(input: AnalysisInput, options: AnalysisOptions) {
    this.options = { ...options };
    for (const s of input.scenes) this.scenes.set(s.id, s);
    for (const z of input.zones) this.zones.set(z.id, z);
    for (const o of input.observability ?? []) {
      getOrSet(this.stored, o.zoneId, () => new Map()).set(o.sceneId, o.value);
      if (o.overridden) getOrSet(this.overridden, o.zoneId, () => new Set()).add(o.sceneId);
    }
    this.examined = input.examined ? new Map() : null;
    for (const e of input.examined ?? []) getOrSet(this.examined!, e.zoneId, () => new Set()).add(e.sceneId);
    for (const r of input.reviews ?? []) this.addReview(r);
    for (const s of input.sightings) {
      this.sightings.set(s.id, s);
      getOrSet(this.sightingsByScene, s.sceneId, () => new Set()).add(s.id);
      this.apply(s, 1);
    }
  }

  // ---- edits ---------------------------------------------------------------------------------

  upsertSighting(s: AnalysisSighting): void {
    const old = this.sightings.get(s.id);
    if (old) {
      this.apply(old, -1);
      this.sightingsByScene.get(old.sceneId)?.delete(old.id);
    }
    this.sightings.set(s.id, s);
    getOrSet(this.sightingsByScene, s.sceneId, () => new Set()).add(s.id);
    this.apply(s, 1);
  }

  removeSighting(id: Id): void {
    const old = this.sightings.get(id);
    if (!old) return;
    this.apply(old, -1);
    this.sightingsByScene.get(old.sceneId)?.delete(id);
    this.sightings.delete(id);
  }

  upsertReview(r: AnalysisReview): void {
    const old = this.reviews.get(r.id);
    this.withSightingReapplied([r.sightingId, old?.sightingId], () => {
      if (old) this.dropReview(old);
      this.addReview(r);
    });
  }

  removeReview(id: Id): void {
    const old = this.reviews.get(id);
    if (!old) return;
    this.withSightingReapplied([old.sightingId], () => this.dropReview(old));
  }

  setObservability(o: AnalysisObservability): void {
    getOrSet(this.stored, o.zoneId, () => new Map()).set(o.sceneId, o.value);
    const set = getOrSet(this.overridden, o.zoneId, () => new Set());
    if (o.overridden) set.add(o.sceneId);
    else set.delete(o.sceneId);
    this.zoneChanged(o.zoneId);
  }

  /** Back to the derived default for this pair. */
  clearObservability(sceneId: Id, zoneId: Id): void {
    this.overridden.get(zoneId)?.delete(sceneId);
    if (this.stored.get(zoneId)?.delete(sceneId)) this.zoneChanged(zoneId);
  }

  /** The analyst examined (or unset) a zone on a scene: the zone's absences change. */
  setExamined(e: AnalysisExamined, value: boolean): void {
    if (!this.examined) return; // every pair counts as examined already
    const scenes = getOrSet(this.examined, e.zoneId, () => new Set());
    if (scenes.has(e.sceneId) === value) return;
    if (value) scenes.add(e.sceneId);
    else scenes.delete(e.sceneId);
    this.countRows.delete(e.zoneId);
    this.zoneChanged(e.zoneId);
  }

  upsertScene(scene: AnalysisScene): void {
    const had = this.scenes.has(scene.id);
    const before = had ? this.clearZonesOf(scene.id) : [];
    this.scenes.set(scene.id, scene);
    for (const d of this.derived.values()) d.delete(scene.id);
    this.sceneChanged(scene.id, [...before, ...this.clearZonesOf(scene.id)]);
  }

  removeScene(id: Id): void {
    if (!this.scenes.has(id)) return;
    const before = this.clearZonesOf(id);
    this.scenes.delete(id);
    for (const d of this.derived.values()) d.delete(id);
    this.sceneChanged(id, before);
  }

  upsertZone(zone: AnalysisZone): void {
    this.zones.set(zone.id, zone);
    this.derived.delete(zone.id);
    this.zoneChanged(zone.id);
  }

  removeZone(id: Id): void {
    this.zones.delete(id);
    this.derived.delete(id);
    this.zoneChanged(id);
  }

  /** Filters (period, zones, subjects) only re-filter; confidence, review and default rules recount. */
  setOptions(options: AnalysisOptions): void {
    const prev = this.options;
    this.options = { ...options };
    const recount =
      prev.minConfidence !== options.minConfidence ||
      !!prev.reviewedOnly !== !!options.reviewedOnly ||
      !!prev.includeUnverified !== !!options.includeUnverified ||
      prev.defaultObservability !== options.defaultObservability;
    if (!recount) return;
    this.presence.clear();
    this.uncounted.clear();
    this.unverifiedAt.clear();
    this.unverifiedIds.clear();
    this.stacks.clear();
    this.countRows.clear();
    this.derived.clear();
    this.timelines.clear();
    this.dirtyPortCalls(null);
    for (const k of this.keyInfo.keys()) this.dirty.add(k);
    for (const s of this.sightings.values()) this.apply(s, 1);
  }

  // ---- reads ---------------------------------------------------------------------------------

  getOptions(): AnalysisOptions {
    return { ...this.options };
  }

  sceneIndex(): SceneIndex {
    this.refresh();
    return this.index!;
  }

  timeline(zoneId: Id): ZoneTimeline {
    this.refresh();
    return this.ensureTimeline(zoneId);
  }

  observabilityOf(sceneId: Id, zoneId: Id): Observability | null {
    const scene = this.scenes.get(sceneId);
    const zone = this.zones.get(zoneId);
    if (!scene || !zone) return null;
    return this.obs(scene, zone);
  }

  /** Visits (kind 'vessel') or track dwell (kind 'track'), filtered by the options, ordered by firstSeen. */
  visits(kind: SubjectKind = 'vessel'): Visit[] {
    this.refresh();
    let all = this.assembled[kind];
    if (!all) {
      all = [];
      for (const [k, vs] of this.visitsByKey) if (this.keyInfo.get(k)!.kind === kind) for (const v of vs) all.push(v);
      all.sort(compareVisits);
      this.assembled[kind] = all;
    }
    return this.filtered(all, (v) => [v.zoneId]);
  }

  /** The options' filters on stays (visits, port calls): firstSeen in the period, a selected subject, a selected zone touched. */
  private filtered<T extends { firstSeen: IsoTime; subjectId: Id }>(all: T[], zonesOf: (stay: T) => readonly Id[]): T[] {
    const { from, to, zoneIds, subjectIds } = this.options;
    if (!from && !to && !zoneIds && !subjectIds) return all.slice();
    const lo = from ? toMs(from) : -Infinity;
    const hi = to ? toMs(to) : Infinity;
    const zs = zoneIds ? new Set(zoneIds) : null;
    const ss = subjectIds ? new Set(subjectIds) : null;
    return all.filter((v) => {
      const t = toMs(v.firstSeen);
      return t >= lo && t < hi && (!zs || zonesOf(v).some((z) => zs.has(z))) && (!ss || ss.has(v.subjectId));
    });
  }

  /**
   * Port calls (vessels only), filtered by the options like visits: by firstSeen in the period, by
   * vessel, and by zone (calls that touched a selected zone); ordered by firstSeen. The absences that
   * bracket them are always the whole site's, whatever the zone filter.
   */
  portCalls(): PortCall[] {
    this.refresh();
    return this.filtered(this.assemblePortCalls(), (c) => c.zoneIds);
  }

  /** Visits of one subject at one zone, unfiltered. */
  visitsFor(subjectId: Id, zoneId: Id, kind: SubjectKind = 'vessel'): Visit[] {
    this.refresh();
    return (this.visitsByKey.get(keyOf(kind, subjectId, zoneId)) ?? []).slice();
  }

  coverage(zoneId: Id, from: IsoTime, to: IsoTime): Coverage {
    return coverageForZone(this.timeline(zoneId), toMs(from), toMs(to));
  }

  monthCoverage(zoneId: Id, month: string): Coverage {
    const tl = this.timeline(zoneId);
    const key = `${zoneId}${SEP}${month}`;
    const hit = this.coverageCache.get(key);
    if (hit && hit.tl === tl) return hit.cov;
    const [a, b] = monthBounds(month);
    const cov = coverageForZone(tl, a, b);
    this.coverageCache.set(key, { tl, cov });
    return cov;
  }

  containerCounts(): ContainerCount[] {
    this.refresh();
    const [lo, hi] = this.rangeMs();
    const out: ContainerCount[] = [];
    for (const zoneId of this.selectedZones()) {
      const tl = this.ensureTimeline(zoneId);
      const cached = this.countRows.get(zoneId);
      if (cached && cached.tl === tl && cached.lo === lo && cached.hi === hi) {
        for (const r of cached.rows) out.push(r);
        continue;
      }
      const rows = this.zoneCounts(zoneId, tl, lo, hi);
      this.countRows.set(zoneId, { tl, lo, hi, rows });
      for (const r of rows) out.push(r);
    }
    return out;
  }

  private zoneCounts(zoneId: Id, tl: ZoneTimeline, lo: number, hi: number): ContainerCount[] {
    const index = this.index!;
    const out: ContainerCount[] = [];
    const cells = this.stacks.get(zoneId);
    {
      for (let i = 0; i < index.ids.length; i++) {
        const t = index.times[i]!;
        if (t < lo || t >= hi) continue;
        const code = tl.codes[i]!;
        const cell = cells?.get(index.ids[i]!);
        if (code === 3 && !cell) continue;
        const examined = tl.examined[i] === 1;
        const observable = code <= 1 && examined;
        out.push({
          zoneId,
          sceneId: index.ids[i]!,
          acquired: index.scenes[i]!.acquired,
          observability: OBS_BY_CODE[code]!,
          count: observable ? (cell?.sum ?? 0) : null,
          partial: code === 1,
          examined,
          stacks: cell?.stacks ?? 0,
          uncountedStacks: cell?.uncounted ?? 0,
          markedCount: cell?.sum ?? 0,
        });
      }
    }
    return out;
  }

  /** Months covered by the period filter, or by the scenes when there is none. */
  months(): string[] {
    const [lo, hi] = this.rangeMs();
    return monthsBetween(lo, hi);
  }

  result(): AnalysisResult {
    const visits = this.visits('vessel');
    const months = this.months();
    const zoneIds = this.selectedZones();
    const coverageOf = (zoneId: Id, month: string) => this.monthCoverage(zoneId, month);
    const underWay = this.options.from || this.options.to ? this.visitsOverlappingPeriod() : visits;
    const monthly = monthlyVisits(visits, { months, zoneIds, coverageOf, underWay });
    const coverage: Coverage[] = [];
    for (const z of zoneIds) for (const m of months) coverage.push(coverageOf(z, m));
    return {
      visits,
      portCalls: this.portCalls(),
      trackDwell: this.visits('track'),
      monthly,
      containerCounts: this.containerCounts(),
      coverage,
      months,
      unexaminedClearScenes: this.unexaminedClearScenes(zoneIds),
      unverifiedLeftOut: this.unverifiedLeftOut(zoneIds),
    };
  }

  /** Unverified marks in the period and zones that would count if unverified marks were asked for. */
  private unverifiedLeftOut(zoneIds: Id[]): number {
    if (this.options.includeUnverified) return 0;
    const [lo, hi] = this.rangeMs();
    const zones = new Set(zoneIds);
    const asked = { ...this.options, includeUnverified: true };
    let n = 0;
    for (const id of this.unverifiedIds) {
      const s = this.sightings.get(id);
      const scene = s && this.scenes.get(s.sceneId);
      if (!s || !scene || !s.zoneId || !zones.has(s.zoneId)) continue;
      const t = toMs(scene.acquired);
      if (t >= lo && t < hi && isCounted(s, this.verdicts.get(s.id)?.verdict, asked)) n++;
    }
    return n;
  }

  /** Scenes in the period where one of `zoneIds` is clear and not examined. */
  private unexaminedClearScenes(zoneIds: Id[]): number {
    const [lo, hi] = this.rangeMs();
    const index = this.index!;
    const timelines = zoneIds.map((z) => this.ensureTimeline(z));
    let n = 0;
    for (let i = lowerBound(index.times, lo); i < index.ids.length && index.times[i]! < hi; i++) {
      if (timelines.some((tl) => tl.codes[i] === 0 && tl.examined[i] === 0)) n++;
    }
    return n;
  }

  compare(month: string, previous = 3): PeriodComparison {
    // The baseline months lie before any period filter, so the comparison ignores from/to.
    const visits = this.unrangedVisits();
    return comparePeriods(visits, { month, previous, zoneIds: this.selectedZones(), coverageOf: (z, m) => this.monthCoverage(z, m) });
  }

  /**
   * The observation record of the selected zones over the months of the analysed range: every UTC day with its best
   * observation (observation.ts), and per zone and month the days by best observation.
   */
  observation(): { days: ObservationDay[]; months: ObservationMonth[] } {
    this.refresh();
    // Whole months, as the monthly coverage counts them: "days observed … of 31" is the same figure in the calendar.
    const months = this.months();
    if (months.length === 0) return { days: [], months: [] };
    const lo = monthBounds(months[0]!)[0];
    const hi = monthBounds(months[months.length - 1]!)[1];
    const days: ObservationDay[] = [];
    for (const z of this.selectedZones()) for (const d of observationDays(this.ensureTimeline(z), this.index!.ids, lo, hi)) days.push(d);
    return { days, months: observationMonths(days) };
  }

  /** Censoring of the (filtered) vessel visits per zone and month, per zone, and overall; `months` defaults to the analysed range's. */
  censoring(months: readonly string[] = this.months()): CensoringSummary[] {
    return censoringSummary(this.visits('vessel'), { zoneIds: this.selectedZones(), months });
  }

  dwell(kind: SubjectKind = 'vessel'): DwellDistribution {
    return dwellDistribution(this.visits(kind));
  }

  // ---- internals -----------------------------------------------------------------------------

  /**
   * Vessel visits under way in the period: [firstSeen, lastSeen] overlaps [from, to), so a visit that
   * began before the period still counts as under way in its first month. Zone and vessel filters apply.
   */
  private visitsOverlappingPeriod(): Visit[] {
    const { from, to } = this.options;
    const all = this.unrangedVisits();
    const lo = from ? toMs(from) : -Infinity;
    const hi = to ? toMs(to) : Infinity;
    return all.filter((v) => toMs(v.firstSeen) < hi && toMs(v.lastSeen) >= lo);
  }

  private assemblePortCalls(): PortCall[] {
    if (this.portCallsAssembled && this.portCallsDirty !== 'all' && this.portCallsDirty.size === 0) return this.portCallsAssembled;
    const vessels = this.portCallsDirty === 'all' ? [...this.keysByVessel.keys()] : [...this.portCallsDirty];
    if (this.portCallsDirty === 'all') this.portCallsByVessel.clear();
    const n = this.index!.ids.length;
    const scratch: PortCallScratch = { seen: new Int32Array(n), dropped: new Int32Array(n), stamp: 0 };
    for (const v of vessels) {
      const calls = this.portCallsOf(v, scratch);
      if (calls.length) this.portCallsByVessel.set(v, calls);
      else this.portCallsByVessel.delete(v);
    }
    this.portCallsDirty = new Set();
    const all: PortCall[] = [];
    for (const calls of this.portCallsByVessel.values()) for (const c of calls) all.push(c);
    all.sort(comparePortCalls);
    this.portCallsAssembled = all;
    return all;
  }

  private dirtyPortCalls(vesselId: Id | null): void {
    this.portCallsAssembled = null;
    if (vesselId === null) this.portCallsDirty = 'all';
    else if (this.portCallsDirty !== 'all') this.portCallsDirty.add(vesselId);
  }

  /** Zones of each site; zones recorded without a site are one site (key ''). */
  private zonesBySite(): Map<string, Id[]> {
    const out = new Map<string, Id[]>();
    for (const z of this.zones.values()) getOrSet(out, z.siteId ?? '', () => []).push(z.id);
    return out;
  }

  /**
   * Scenes on which every zone of the site is a possible absence (clear and examined, not a mosaic unless
   * set clear): the intersection of the zones' `ZoneTimeline.absent`.
   */
  private siteAbsent(siteKey: string, zoneIds: Id[]): Int32Array {
    const tls = zoneIds.map((z) => this.ensureTimeline(z));
    const hit = this.siteAbsentCache.get(siteKey);
    if (hit && hit.tls.length === tls.length && hit.tls.every((t, i) => t === tls[i])) return hit.absent;
    const counts = new Int32Array(this.index!.ids.length);
    for (const tl of tls) for (const a of tl.absent) counts[a]!++;
    const out: number[] = [];
    for (let i = 0; i < counts.length; i++) if (counts[i] === tls.length) out.push(i);
    const absent = Int32Array.from(out);
    this.siteAbsentCache.set(siteKey, { tls, absent });
    return absent;
  }

  /**
   * One vessel's port calls at every site. A scene is a site absence for it iff it is in its absence list
   * (absencesOf) of every zone of the site: the intersection of the zones' absences, less every scene
   * that any zone's list drops for it (its uncounted marks, the instants of its presences), less its presences.
   */
  private portCallsOf(vesselId: Id, scratch: PortCallScratch): PortCall[] {
    const index = this.index!;
    // Presence positions per site, per zone (typed arrays and stamps: this runs for every vessel).
    const bySite = new Map<string, { zoneId: Id; positions: number[] }[]>();
    for (const k of this.keysByVessel.get(vesselId) ?? []) {
      const info = this.keyInfo.get(k)!;
      const zone = this.zones.get(info.zoneId);
      const p = this.presence.get(k);
      if (!zone || !p || p.size === 0) continue;
      const positions: number[] = [];
      for (const sceneId of p.keys()) {
        const pos = index.pos.get(sceneId);
        if (pos !== undefined) positions.push(pos);
      }
      if (positions.length) getOrSet(bySite, zone.siteId ?? '', () => []).push({ zoneId: info.zoneId, positions });
    }
    if (bySite.size === 0) return [];
    const sites = this.zonesBySite();
    const { seen, dropped } = scratch;
    const out: PortCall[] = [];
    for (const [siteKey, perZone] of bySite) {
      const stamp = ++scratch.stamp;
      const zoneIds = sites.get(siteKey)!;
      const list: number[] = [];
      for (const { positions } of perZone) {
        for (const pos of positions) {
          if (seen[pos] === stamp) continue;
          seen[pos] = stamp;
          dropped[pos] = stamp; // a presence is never an absence of its own call
          list.push(pos);
        }
      }
      const presence = Int32Array.from(list).sort();
      // The same rule as a zone's absences (absencesOf), over the keys of every zone of the site.
      this.forEachDropped(
        zoneIds.map((z) => keyOf('vessel', vesselId, z)),
        presence,
        (p) => (dropped[p] = stamp),
      );
      const absent = this.siteAbsent(siteKey, zoneIds).filter((a) => dropped[a] !== stamp);
      const calls = visitsForKey(vesselId, siteKey, presence, absent, index);
      // The zones seen in each call: each presence falls in the call whose first scene is the last one at or before it.
      const starts = calls.map((c) => index.pos.get(c.sceneIds[0]!)!);
      const zonesOf = calls.map(() => new Set<Id>());
      for (const { zoneId, positions } of perZone) for (const pos of positions) zonesOf[upperBound(starts, pos) - 1]!.add(zoneId);
      const siteId = siteKey === '' ? null : siteKey;
      // Written out, not `{ ...rest }`: a literal gives every call one object shape, and bench:analysis's
      // one-edit update was 9 ms slower (29 vs 20 ms) with the spread.
      calls.forEach((v, i) =>
        out.push({
          subjectId: vesselId,
          siteId,
          zoneIds: [...zonesOf[i]!].sort(),
          sceneIds: v.sceneIds,
          firstSeen: v.firstSeen,
          lastSeen: v.lastSeen,
          arrivalAfter: v.arrivalAfter,
          arrivalAfterSceneId: v.arrivalAfterSceneId,
          departureBefore: v.departureBefore,
          departureBeforeSceneId: v.departureBeforeSceneId,
          dwellMinHours: v.dwellMinHours,
          dwellMaxHours: v.dwellMaxHours,
        }),
      );
    }
    return out;
  }

  private unrangedVisits(): Visit[] {
    const saved = this.options;
    this.options = { ...saved, from: undefined, to: undefined };
    try {
      return this.visits('vessel');
    } finally {
      this.options = saved;
    }
  }

  private selectedZones(): Id[] {
    const ids = this.options.zoneIds ?? [...this.zones.keys()];
    return ids.filter((z) => this.zones.has(z)).sort();
  }

  private rangeMs(): [number, number] {
    this.refresh();
    const t = this.index!.times;
    const lo = this.options.from ? toMs(this.options.from) : t.length ? t[0]! : 0;
    const hi = this.options.to ? toMs(this.options.to) : t.length ? t[t.length - 1]! + 1 : 0;
    return [lo, hi];
  }

  private obs(scene: AnalysisScene, zone: AnalysisZone): Observability {
    const s = this.stored.get(zone.id)?.get(scene.id);
    if (s) return s;
    const d = getOrSet(this.derived, zone.id, () => new Map());
    let v = d.get(scene.id);
    if (!v) d.set(scene.id, (v = defaultObservability(scene, zone, this.options)));
    return v;
  }

  private clearZonesOf(sceneId: Id): Id[] {
    const scene = this.scenes.get(sceneId);
    if (!scene) return [];
    const out: Id[] = [];
    for (const z of this.zones.values()) if (this.obs(scene, z) === 'clear') out.push(z.id);
    return out;
  }

  private sceneChanged(sceneId: Id, clearZones: Id[]): void {
    this.index = null;
    this.timelines.clear();
    this.dirtyPortCalls(null);
    for (const z of clearZones) this.markZone(z);
    for (const sid of this.sightingsByScene.get(sceneId) ?? []) {
      const s = this.sightings.get(sid);
      if (s) for (const k of this.keysOf(s)) this.dirty.add(k);
    }
    this.assembled = { vessel: null, track: null };
  }

  private zoneChanged(zoneId: Id): void {
    this.timelines.delete(zoneId);
    // A zone's absences (or its site) changed: every site absence may have.
    this.dirtyPortCalls(null);
    this.markZone(zoneId);
  }

  private markZone(zoneId: Id): void {
    for (const k of this.keysByZone.get(zoneId) ?? []) this.dirty.add(k);
    this.assembled = { vessel: null, track: null };
  }

  private addReview(r: AnalysisReview): void {
    this.reviews.set(r.id, r);
    getOrSet(this.reviewsBySighting, r.sightingId, () => new Set()).add(r.id);
    if (newerReview(this.verdicts.get(r.sightingId), r)) this.verdicts.set(r.sightingId, { verdict: r.verdict, at: r.at, reviewId: r.id });
  }

  private dropReview(r: AnalysisReview): void {
    this.reviews.delete(r.id);
    const set = this.reviewsBySighting.get(r.sightingId);
    set?.delete(r.id);
    this.verdicts.delete(r.sightingId);
    for (const id of set ?? []) {
      const other = this.reviews.get(id)!;
      if (newerReview(this.verdicts.get(r.sightingId), other)) this.verdicts.set(r.sightingId, { verdict: other.verdict, at: other.at, reviewId: other.id });
    }
  }

  private withSightingReapplied(ids: (Id | undefined)[], change: () => void): void {
    const affected = [...new Set(ids.filter((x): x is Id => !!x))].map((id) => this.sightings.get(id)).filter((s): s is AnalysisSighting => !!s);
    for (const s of affected) this.apply(s, -1);
    change();
    for (const s of affected) this.apply(s, 1);
  }

  private keysOf(s: AnalysisSighting): string[] {
    if (!s.zoneId) return [];
    const out: string[] = [];
    if (s.vesselId) out.push(keyOf('vessel', s.vesselId, s.zoneId));
    if (s.trackId) out.push(keyOf('track', s.trackId, s.zoneId));
    return out;
  }

  /** Add (sign 1) or withdraw (sign −1) what one sighting contributes, marking the keys it touches. */
  private apply(s: AnalysisSighting, sign: 1 | -1): void {
    if (!s.zoneId) return;
    const zoneId = s.zoneId;
    if (s.vesselId) this.dirtyPortCalls(s.vesselId);
    if (s.verified === false) {
      // An unverified mark keeps its zone unexamined on its scene, whatever the filters.
      if (sign > 0) this.unverifiedIds.add(s.id);
      else this.unverifiedIds.delete(s.id);
      const cells = getOrSet(this.unverifiedAt, zoneId, () => new Map());
      const n = (cells.get(s.sceneId) ?? 0) + sign;
      if (n > 0) cells.set(s.sceneId, n);
      else cells.delete(s.sceneId);
      this.countRows.delete(zoneId);
      this.zoneChanged(zoneId);
    }
    if (!isCounted(s, this.verdicts.get(s.id)?.verdict, this.options)) {
      // Not counted is not absent: the scene is unknown for this subject (a weak, rejected or unverified mark).
      for (const k of this.keysOf(s)) {
        const u = getOrSet(this.uncounted, k, () => new Map());
        const n = (u.get(s.sceneId) ?? 0) + sign;
        if (n > 0) u.set(s.sceneId, n);
        else u.delete(s.sceneId);
        if (this.keyInfo.has(k)) this.dirty.add(k);
      }
      return;
    }
    const subjects: [SubjectKind, Id | null][] = [
      ['vessel', s.vesselId],
      ['track', s.trackId],
    ];
    for (const [kind, subjectId] of subjects) {
      if (!subjectId) continue;
      const k = keyOf(kind, subjectId, zoneId);
      if (!this.keyInfo.has(k)) {
        this.keyInfo.set(k, { kind, subjectId, zoneId });
        getOrSet(this.keysByZone, zoneId, () => new Set()).add(k);
        if (kind === 'vessel') getOrSet(this.keysByVessel, subjectId, () => new Set()).add(k);
      }
      const p = getOrSet(this.presence, k, () => new Map());
      const n = (p.get(s.sceneId) ?? 0) + sign;
      if (n > 0) p.set(s.sceneId, n);
      else p.delete(s.sceneId);
      this.dirty.add(k);
    }
    if (s.class === 'container_stack') {
      const cells = getOrSet(this.stacks, zoneId, () => new Map());
      const cell = getOrSet(cells, s.sceneId, () => ({ sum: 0, stacks: 0, uncounted: 0 }));
      cell.stacks += sign;
      if (s.count === null) cell.uncounted += sign;
      else cell.sum += sign * s.count;
      if (cell.stacks === 0) cells.delete(s.sceneId);
      this.countRows.delete(zoneId);
    }
  }

  private ensureTimeline(zoneId: Id): ZoneTimeline {
    let tl = this.timelines.get(zoneId);
    if (tl) return tl;
    const index = this.index!;
    const zone = this.zones.get(zoneId);
    const n = index.ids.length;
    const codes = new Uint8Array(n);
    const examined = new Uint8Array(n);
    const examinedHere = this.examined ? this.examined.get(zoneId) : null;
    const unverified = this.unverifiedAt.get(zoneId);
    const overridden = this.overridden.get(zoneId);
    const canBeAbsent = new Uint8Array(n);
    const sar = new Uint8Array(n);
    let nClear = 0;
    let nAbsent = 0;
    for (let i = 0; i < n; i++) {
      const scene = index.scenes[i]!;
      if (scene.sensor === 'sar') sar[i] = 1;
      const v = zone ? this.obs(scene, zone) : 'outside';
      codes[i] = v === 'clear' ? 0 : v === 'partial' ? 1 : v === 'obscured' ? 2 : 3;
      // Examined, and not holding a mark the analyst has yet to confirm.
      examined[i] = (examinedHere === null || examinedHere?.has(scene.id)) && !unverified?.has(scene.id) ? 1 : 0;
      if (codes[i] === 0) {
        nClear++;
        // A mosaic (tile URL, basemap) is no single instant: an absence only where the analyst set it clear.
        canBeAbsent[i] = examined[i] && (!isMosaic(scene) || !!overridden?.has(scene.id)) ? 1 : 0;
        if (canBeAbsent[i]) nAbsent++;
      }
    }
    const clear = new Int32Array(nClear);
    const absent = new Int32Array(nAbsent);
    for (let i = 0, k = 0, a = 0; i < n; i++) {
      if (codes[i] !== 0) continue;
      clear[k++] = i;
      if (canBeAbsent[i]) absent[a++] = i;
    }
    tl = { zoneId, times: index.times, codes, examined, clear, absent, sar };
    this.timelines.set(zoneId, tl);
    return tl;
  }

  /**
   * The zone's absences as they apply to one subject: without the scenes where the subject has a mark
   * that does not count (unknown, not absent), and without the scenes taken at the same instant as one
   * of its presences (one instant is one observation, and the sighting wins), so that the order of
   * equal times — by random id — never decides a visit.
   */
  private absencesOf(k: string, presence: number[], absent: Int32Array): ArrayLike<number> {
    const drop = new Set<number>();
    this.forEachDropped([k], presence, (p) => drop.add(p));
    return drop.size === 0 ? absent : absent.filter((a) => !drop.has(a));
  }

  /**
   * Calls `drop` with each scene position that cannot be an absence for a subject: where it has a mark
   * that does not count (under any of `keys`), and every scene at the instant of one of its `presence`
   * positions. The one statement of the rule for visits (a Set) and port calls (stamped typed arrays).
   */
  private forEachDropped(keys: readonly string[], presence: ArrayLike<number>, drop: (pos: number) => void): void {
    const { times, pos } = this.index!;
    for (const k of keys) {
      for (const sceneId of this.uncounted.get(k)?.keys() ?? []) {
        const p = pos.get(sceneId);
        if (p !== undefined) drop(p);
      }
    }
    for (let i = 0; i < presence.length; i++) {
      const p = presence[i]!;
      for (let q = p - 1; q >= 0 && times[q] === times[p]; q--) drop(q);
      for (let q = p + 1; q < times.length && times[q] === times[p]; q++) drop(q);
    }
  }

  private refresh(): void {
    if (!this.index) this.index = buildSceneIndex(this.scenes.values());
    if (this.dirty.size === 0) return;
    this.lastRecomputed = this.dirty.size;
    this.totalRecomputed += this.dirty.size;
    const patch = this.dirty.size <= 64;
    const index = this.index;
    for (const k of this.dirty) {
      const info = this.keyInfo.get(k)!;
      const p = this.presence.get(k);
      const positions: number[] = [];
      if (p) for (const sceneId of p.keys()) {
        const pos = index.pos.get(sceneId);
        if (pos !== undefined) positions.push(pos);
      }
      const old = this.visitsByKey.get(k);
      let fresh: Visit[] = [];
      if (positions.length === 0 || !this.zones.has(info.zoneId)) this.visitsByKey.delete(k);
      else {
        positions.sort((a, b) => a - b);
        fresh = visitsForKey(info.subjectId, info.zoneId, positions, this.absencesOf(k, positions, this.ensureTimeline(info.zoneId).absent), index);
        this.visitsByKey.set(k, fresh);
      }
      // A few edits patch the sorted list in place instead of re-sorting every visit.
      const list = this.assembled[info.kind];
      if (patch && list) {
        if (old?.length) {
          const gone = new Set(old);
          this.assembled[info.kind] = list.filter((v) => !gone.has(v));
        }
        const target = this.assembled[info.kind]!;
        for (const v of fresh) {
          let lo = 0;
          let hi = target.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (compareVisits(target[mid]!, v) <= 0) lo = mid + 1;
            else hi = mid;
          }
          target.splice(lo, 0, v);
        }
      } else this.assembled[info.kind] = null;
    }
    this.dirty.clear();
  }
}

/** Everything at once, from scratch. */
export function analyze(input: AnalysisInput, options: AnalysisOptions): AnalysisResult {
  return new AnalysisCache(input, options).result();
}

/** Visits (or track dwell) from scratch, filtered by the options. */
export function computeVisits(input: AnalysisInput, options: AnalysisOptions, kind: SubjectKind = 'vessel'): Visit[] {
  return new AnalysisCache(input, options).visits(kind);
}

