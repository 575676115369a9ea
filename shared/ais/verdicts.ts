// A vessel sighting against AIS at its scene's instant: confirmed, nearby, contradicted, silent or
// unlinked (types.ts AisVerdict). One rule (verdictAt) over one input (a bracket), whether the bracket
// comes from the host's track index or from the small table of brackets the renderer receives, so the
// two can never disagree. AisVerdictCache keeps every verdict and recomputes only what an edit touches.
import { toMs } from '../analysis/input';
import type { Id, LonLat, Scene, Sighting, Vessel } from '../domain';
import { geodesicDistanceM } from '../measure';
import { anchorOf } from '../review/sameObject';
import { bracketAt, estimateAt, estimateFromIndex, estimateFromNumbers, NO_BRACKET, type AisBracket, type AisEstimate, type AisFix, type AisTrackIndex } from './track';
import type { AisSettings, AisVerdict, Mmsi } from './types';

export type AisVerdictSighting = Pick<Sighting, 'id' | 'sceneId' | 'class' | 'vesselId' | 'geometry'>;
export type AisVerdictScene = Pick<Scene, 'id' | 'acquired'>;
export type AisVerdictVessel = Pick<Vessel, 'id' | 'mmsi'>;

export interface SightingAisVerdict {
  sightingId: Id;
  vesselId: Id | null;
  mmsi: Mmsi | null;
  verdict: AisVerdict;
  /** Minutes from the acquisition to the nearest AIS message used; null when silent or unlinked. */
  nearestMinutes: number | null;
  /** Metres (WGS84, measure.ts) from the mark's anchor to AIS's position at the acquisition; null when silent or unlinked. */
  distanceM: number | null;
  /**
   * Where AIS puts the vessel at the acquisition and how (for the map and the panel): the estimate
   * itself (track.ts AisEstimate), no copy of it; null when silent or unlinked.
   */
  ais: AisEstimate | null;
}

type VerdictFigures = Pick<SightingAisVerdict, 'verdict' | 'nearestMinutes' | 'distanceM' | 'ais'>;

/** The rule, from a bracket: what every verdict in the app, the CLI and reports comes from. */
export function verdictAt(anchor: LonLat, bracket: AisBracket, tMs: number, settings: Pick<AisSettings, 'confirmM' | 'contradictM'>): VerdictFigures {
  const e = estimateAt(bracket, tMs);
  if (!e) return { verdict: 'silent', nearestMinutes: null, distanceM: null, ais: null };
  const distanceM = distanceToM(anchor, e);
  return { verdict: classify(distanceM, settings), nearestMinutes: e.nearestMinutes, distanceM, ais: e };
}

/** Metres from a mark's anchor to where AIS puts the vessel: THE geodesic (measure.ts), without its bearing. */
function distanceToM(anchor: LonLat, e: AisEstimate): number {
  return geodesicDistanceM(anchor[0], anchor[1], e.lon, e.lat);
}

/**
 * Confirmed up to and including confirmM; contradicted only strictly beyond contradictM; between
 * them AIS neither confirms the identification nor contradicts it (a ship at the anchorage 2 km off
 * while the mark is on the quay: a wrong link, or an AIS position an hour stale).
 */
export function classify(distanceM: number, settings: Pick<AisSettings, 'confirmM' | 'contradictM'>): AisVerdict {
  return distanceM <= settings.confirmM ? 'confirmed' : distanceM > settings.contradictM ? 'contradicted' : 'nearby';
}

/** Where a verdict's AIS comes from: the host's track index, or a table of brackets (the renderer). */
export interface AisBracketSource {
  /** The bracket of `mmsi` at scene `sceneId` (acquired at tMs) within ± windowMs. */
  bracket(mmsi: Mmsi, sceneId: Id, tMs: number, windowMs: number): AisBracket;
  /** estimateAt(bracket(…), tMs): the index answers it without building the bracket's messages. */
  estimate(mmsi: Mmsi, sceneId: Id, tMs: number, windowMs: number): AisEstimate | null;
}

export function indexSource(index: AisTrackIndex): AisBracketSource {
  return {
    bracket: (mmsi, _sceneId, tMs, windowMs) => bracketAt(index, mmsi, tMs, windowMs),
    estimate: (mmsi, _sceneId, tMs, windowMs) => estimateFromIndex(index, mmsi, tMs, windowMs),
  };
}

/** The bracket of one MMSI at one scene: what the renderer receives instead of the track. */
export interface AisBracketRow {
  sceneId: Id;
  mmsi: Mmsi;
  before: AisFix | null;
  after: AisFix | null;
}

/**
 * The brackets of every scene × MMSI pair with a message within ± windowMin, built by the host from
 * the index; a pair with no row is silent. Rebuild when positions are imported, a scene's acquisition
 * time changes, a vessel gains an MMSI not yet in it, or the window is widened.
 */
export interface AisBracketTable {
  windowMin: number;
  rows: AisBracketRow[];
}

export function buildBrackets(index: AisTrackIndex, scenes: readonly AisVerdictScene[], mmsis: Iterable<Mmsi>, windowMin: number): AisBracketTable {
  const ms = [...new Set(mmsis)];
  const rows: AisBracketRow[] = [];
  for (const s of scenes) {
    const t = toMs(s.acquired);
    for (const mmsi of ms) {
      const b = bracketAt(index, mmsi, t, windowMin * 60_000);
      if (b.before || b.after) rows.push({ sceneId: s.id, mmsi, before: b.before, after: b.after });
    }
  }
  return { windowMin, rows };
}

/**
 * Brackets from a table. A window up to the table's is answered exactly as the index would: the
 * stored messages are the last before and the first after the instant, so narrowing the window only
 * drops them when they fall outside it. A wider window than the table's cannot be answered (a message
 * between the two windows is not in the table): that is a programming error, and throws.
 */
export function tableSource(table: AisBracketTable): AisBracketSource {
  const { rows } = table;
  const { find, fix } = indexTable(rows);
  const widest = table.windowMin * 60_000;
  /** The row of (scene, MMSI) usable at tMs, or -1. */
  const rowAt = (mmsi: Mmsi, sceneId: Id, tMs: number, windowMs: number): number => {
    if (windowMs > widest) throw new RangeError(`AIS brackets were built for ±${table.windowMin} min; ±${windowMs / 60_000} min needs new brackets`);
    const i = find(sceneId, mmsi);
    // A row whose messages do not straddle the instant was built for another one (the scene's time
    // edited since): silence until new brackets come, never a position from the wrong side of it.
    // (A message that is not there has a NaN time, and every comparison with NaN is false.)
    return i < 0 || fix[i * FIX_STRIDE + BEFORE_T]! > tMs || fix[i * FIX_STRIDE + AFTER_T]! <= tMs ? -1 : i;
  };
  const hasBefore = (i: number, tMs: number, windowMs: number) => tMs - fix[i * FIX_STRIDE + BEFORE_T]! <= windowMs;
  const hasAfter = (i: number, tMs: number, windowMs: number) => fix[i * FIX_STRIDE + AFTER_T]! - tMs <= windowMs;
  return {
    bracket(mmsi, sceneId, tMs, windowMs) {
      const i = rowAt(mmsi, sceneId, tMs, windowMs);
      const before = i >= 0 && hasBefore(i, tMs, windowMs) ? rows[i]!.before : null;
      const after = i >= 0 && hasAfter(i, tMs, windowMs) ? rows[i]!.after : null;
      return before || after ? { before, after } : NO_BRACKET;
    },
    // What a verdict asks, answered from the row's numbers: no bracket built, no message object read.
    estimate(mmsi, sceneId, tMs, windowMs) {
      const i = rowAt(mmsi, sceneId, tMs, windowMs);
      if (i < 0) return null;
      const k = i * FIX_STRIDE;
      return estimateFromNumbers(
        hasBefore(i, tMs, windowMs) ? fix[k + BEFORE_T]! : NaN, fix[k + BEFORE_T + 1]!, fix[k + BEFORE_T + 2]!, fix[k + BEFORE_T + 3]!,
        hasAfter(i, tMs, windowMs) ? fix[k + AFTER_T]! : NaN, fix[k + AFTER_T + 1]!, fix[k + AFTER_T + 2]!, fix[k + AFTER_T + 3]!, tMs);
    },
  };
}

/** A row's numbers in indexTable's `fix`: before's t, lon, lat, sog, then after's (NaN: no message, no speed). */
const FIX_STRIDE = 8;
const BEFORE_T = 0;
const AFTER_T = 4;

/**
 * A bracket table indexed for 100,000 lookups. Each row's messages are copied, in the order the rows
 * came, into eight numbers side by side (one cache line), so a lookup reads them at once rather than
 * chasing the row to two message objects scattered in the heap: that chase was the largest cost of the
 * page's verdicts. A row is found by numbering scenes and MMSIs (two small Maps) and reading a scenes ×
 * MMSIs grid of row numbers; nested Maps of 250,000 rows were slower to build and to read. A grid much
 * larger than the table (few pairs present: years of scenes, thousands of ships each passing a few
 * times) would be memory for nothing: then one Map per scene. A pair given twice: the last row.
 */
function indexTable(rows: readonly AisBracketRow[]): { find: (sceneId: Id, mmsi: Mmsi) => number; fix: Float64Array } {
  const n = rows.length;
  const fix = new Float64Array(n * FIX_STRIDE);
  const sceneNo = new Map<Id, number>();
  const mmsiNo = new Map<Mmsi, number>();
  const rowScene = new Int32Array(n);
  const rowMmsi = new Int32Array(n);
  let scene: Id | undefined;
  let s = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    // Rows come scene by scene (buildBrackets): a Map lookup per scene, not per row.
    if (r.sceneId !== scene) {
      scene = r.sceneId;
      s = sceneNo.get(scene) ?? sceneNo.size;
      if (s === sceneNo.size) sceneNo.set(scene, s);
    }
    let m = mmsiNo.get(r.mmsi);
    if (m === undefined) mmsiNo.set(r.mmsi, (m = mmsiNo.size));
    rowScene[i] = s;
    rowMmsi[i] = m;
    putFix(fix, i * FIX_STRIDE + BEFORE_T, r.before);
    putFix(fix, i * FIX_STRIDE + AFTER_T, r.after);
  }
  const width = mmsiNo.size;
  const cells = sceneNo.size * width;
  if (cells <= 4 * n + 4_096) {
    const grid = new Int32Array(cells).fill(-1);
    for (let i = 0; i < n; i++) grid[rowScene[i]! * width + rowMmsi[i]!] = i;
    const find = (sceneId: Id, mmsi: Mmsi) => {
      const si = sceneNo.get(sceneId);
      const mi = mmsiNo.get(mmsi);
      return si === undefined || mi === undefined ? -1 : grid[si * width + mi]!;
    };
    return { find, fix };
  }
  const byScene = Array.from({ length: sceneNo.size }, () => new Map<Mmsi, number>());
  for (let i = 0; i < n; i++) byScene[rowScene[i]!]!.set(rows[i]!.mmsi, i);
  const find = (sceneId: Id, mmsi: Mmsi) => {
    const si = sceneNo.get(sceneId);
    return (si === undefined ? undefined : byScene[si]!.get(mmsi)) ?? -1;
  };
  return { find, fix };
}

function putFix(fix: Float64Array, k: number, f: AisFix | null): void {
  fix[k] = f ? f.t : NaN;
  fix[k + 1] = f ? f.lon : NaN;
  fix[k + 2] = f ? f.lat : NaN;
  fix[k + 3] = f?.sog ?? NaN;
}

export interface AisVerdictInput {
  sightings: readonly AisVerdictSighting[];
  scenes: readonly AisVerdictScene[];
  vessels: readonly AisVerdictVessel[];
}

/** Verdicts of every vessel sighting, from scratch (AisVerdictCache keeps them up to date). */
export function aisVerdicts(input: AisVerdictInput, source: AisBracketSource, settings: AisSettings): SightingAisVerdict[] {
  return new AisVerdictCache(input, source, settings).verdicts();
}

/**
 * Every vessel sighting's verdict, kept up to date: an edit of a sighting recomputes it, of a scene
 * (its time) its sightings, of a vessel (its MMSI) its sightings; settings or a new source recompute
 * all. Only `class: 'vessel'` sightings get a verdict (an aircraft's identity has no MMSI); a sighting
 * whose scene is unknown has none.
 *
 * Sightings live in dense slots (one Map from id to slot, arrays beside it), not in Maps of Sets per
 * scene and vessel: building those for 100,000 sightings cost more than all the verdicts, while finding
 * a scene's or a vessel's sightings by scanning the slots takes about a millisecond.
 */
export class AisVerdictCache {
  private readonly slotOf = new Map<Id, number>();
  private readonly sightings: (AisVerdictSighting | undefined)[] = [];
  private readonly results: (SightingAisVerdict | undefined)[] = [];
  private readonly sceneT = new Map<Id, number>();
  private readonly mmsiOf = new Map<Id, Mmsi | null>();
  private list: SightingAisVerdict[] | null = null;
  private settings: AisSettings;
  private source: AisBracketSource;
  /** How many sightings the last edit recomputed (tests and the benchmark). */
  lastRecomputed = 0;

  constructor(input: AisVerdictInput, source: AisBracketSource, settings: AisSettings) {
    this.source = source;
    this.settings = { ...settings };
    for (const s of input.scenes) this.sceneT.set(s.id, toMs(s.acquired));
    for (const v of input.vessels) this.mmsiOf.set(v.id, v.mmsi || null);
    // Slots first, in a loop of their own: interleaved with the verdicts, each lookup in a Map of
    // 100,000 ids missed the processor's cache, and cost a quarter of the whole.
    for (const s of input.sightings) this.sightings[this.slot(s.id)] = s;
    const windowMs = this.settings.windowMin * 60_000;
    for (let slot = 0; slot < this.sightings.length; slot++) this.results[slot] = this.compute(this.sightings[slot]!, windowMs);
  }

  // ---- reads ---------------------------------------------------------------------------------

  verdictOf(sightingId: Id): SightingAisVerdict | undefined {
    const slot = this.slotOf.get(sightingId);
    return slot === undefined ? undefined : this.results[slot];
  }

  /** Every verdict (one per vessel sighting on a known scene), in the order sightings came; the same array until something changes. */
  verdicts(): SightingAisVerdict[] {
    if (!this.list) {
      const out: SightingAisVerdict[] = [];
      for (const v of this.results) if (v) out.push(v);
      this.list = out;
    }
    return this.list;
  }

  getSettings(): AisSettings {
    return { ...this.settings };
  }

  // ---- edits ---------------------------------------------------------------------------------

  upsertSighting(s: AisVerdictSighting): void {
    const slot = this.slot(s.id);
    this.sightings[slot] = s;
    this.recompute([slot]);
  }

  removeSighting(id: Id): void {
    const slot = this.slotOf.get(id);
    this.lastRecomputed = 0;
    if (slot === undefined) return;
    this.sightings[slot] = undefined;
    if (this.results[slot]) this.list = null;
    this.results[slot] = undefined;
  }

  upsertScene(scene: AisVerdictScene): void {
    this.sceneT.set(scene.id, toMs(scene.acquired));
    this.recompute(this.slotsWhere((s) => s.sceneId === scene.id));
  }

  removeScene(id: Id): void {
    this.sceneT.delete(id);
    this.recompute(this.slotsWhere((s) => s.sceneId === id));
  }

  upsertVessel(v: AisVerdictVessel): void {
    this.mmsiOf.set(v.id, v.mmsi || null);
    this.recompute(this.slotsWhere((s) => s.vesselId === v.id));
  }

  removeVessel(id: Id): void {
    this.mmsiOf.delete(id);
    this.recompute(this.slotsWhere((s) => s.vesselId === id));
  }

  /**
   * New thresholds. A window wider than a bracket table's needs new brackets: pass them here too, so the
   * verdicts are recomputed once, from the new table (a table source refuses a wider window).
   */
  setSettings(settings: AisSettings, source?: AisBracketSource): void {
    const prev = this.settings;
    this.settings = { ...settings };
    if (source) this.source = source;
    if (source || prev.windowMin !== settings.windowMin || prev.confirmM !== settings.confirmM || prev.contradictM !== settings.contradictM) this.recomputeAll();
    else this.lastRecomputed = 0;
  }

  /** New positions (an import) or new brackets: every verdict may change. */
  setSource(source: AisBracketSource): void {
    this.source = source;
    this.recomputeAll();
  }

  // ---- internals -----------------------------------------------------------------------------

  private slot(id: Id): number {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.sightings.length;
      this.slotOf.set(id, slot);
      this.sightings.push(undefined);
      this.results.push(undefined);
    }
    return slot;
  }

  private slotsWhere(pred: (s: AisVerdictSighting) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.sightings.length; i++) {
      const s = this.sightings[i];
      if (s && pred(s)) out.push(i);
    }
    return out;
  }

  private recomputeAll(): void {
    this.recompute(this.slotsWhere(() => true));
  }

  private recompute(slots: readonly number[]): void {
    const windowMs = this.settings.windowMin * 60_000;
    for (const slot of slots) {
      const s = this.sightings[slot];
      this.results[slot] = s && this.compute(s, windowMs);
    }
    this.lastRecomputed = slots.length;
    this.list = null;
  }

  private compute(s: AisVerdictSighting, windowMs: number): SightingAisVerdict | undefined {
    const t = this.sceneT.get(s.sceneId);
    if (s.class !== 'vessel' || t === undefined) return undefined;
    const mmsi = s.vesselId ? (this.mmsiOf.get(s.vesselId) ?? null) : null;
    if (!mmsi) return { sightingId: s.id, vesselId: s.vesselId, mmsi: null, verdict: 'unlinked', nearestMinutes: null, distanceM: null, ais: null };
    const e = this.source.estimate(mmsi, s.sceneId, t, windowMs);
    if (!e) return { sightingId: s.id, vesselId: s.vesselId, mmsi, verdict: 'silent', nearestMinutes: null, distanceM: null, ais: null };
    const distanceM = distanceToM(anchorOf(s.geometry), e);
    return { sightingId: s.id, vesselId: s.vesselId, mmsi, verdict: classify(distanceM, this.settings), nearestMinutes: e.nearestMinutes, distanceM, ais: e };
  }
}
