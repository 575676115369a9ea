// A vessel sighting against AIS at its scene's instant: confirmed, nearby, contradicted, silent or
// unlinked (types.ts AisVerdict). One rule (verdictAt) over one input (a bracket), whether the bracket
// comes from the host's track index or from the small table of brackets the renderer receives, so the
// two can never disagree. AisVerdictCache keeps every verdict and recomputes only what an edit touches.
import { toMs } from '../analysis/input';
import type { Id, LonLat, Scene, Sighting, Vessel } from '../domain';
import { geodesic } from '../measure';
import { anchorOf } from '../review/sameObject';
import { bracketAt, estimateAt, NO_BRACKET, type AisBracket, type AisFix, type AisTrackIndex } from './track';
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
  /** Where AIS puts the vessel at the acquisition (for the map and the panel); null when silent or unlinked. */
  ais: { lon: number; lat: number; kind: 'interpolated' | 'single' } | null;
}

/** The rule, from a bracket: what every verdict in the app, the CLI and reports comes from. */
export function verdictAt(anchor: LonLat, bracket: AisBracket, tMs: number, settings: Pick<AisSettings, 'confirmM' | 'contradictM'>): Pick<SightingAisVerdict, 'verdict' | 'nearestMinutes' | 'distanceM' | 'ais'> {
  const e = estimateAt(bracket, tMs);
  if (!e) return { verdict: 'silent', nearestMinutes: null, distanceM: null, ais: null };
  const distanceM = geodesic(anchor, [e.lon, e.lat]).distanceM;
  // Confirmed up to and including confirmM; contradicted only strictly beyond contradictM; between
  // them AIS neither confirms the identification nor contradicts it (a ship at the anchorage 2 km off
  // while the mark is on the quay: a wrong link, or an AIS position an hour stale).
  const verdict: AisVerdict = distanceM <= settings.confirmM ? 'confirmed' : distanceM > settings.contradictM ? 'contradicted' : 'nearby';
  return { verdict, nearestMinutes: e.nearestMinutes, distanceM, ais: { lon: e.lon, lat: e.lat, kind: e.kind } };
}

/** Where a verdict's bracket comes from: the host's track index, or a table of brackets (the renderer). */
export interface AisBracketSource {
  /** The bracket of `mmsi` at scene `sceneId` (acquired at tMs) within ± windowMs. */
  bracket(mmsi: Mmsi, sceneId: Id, tMs: number, windowMs: number): AisBracket;
}

export function indexSource(index: AisTrackIndex): AisBracketSource {
  return { bracket: (mmsi, _sceneId, tMs, windowMs) => bracketAt(index, mmsi, tMs, windowMs) };
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

const SEP = '\u0001';

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
  const rows = new Map<string, AisBracketRow>();
  for (const r of table.rows) rows.set(`${r.sceneId}${SEP}${r.mmsi}`, r);
  const widest = table.windowMin * 60_000;
  return {
    bracket(mmsi, sceneId, tMs, windowMs) {
      if (windowMs > widest) throw new RangeError(`AIS brackets were built for ±${table.windowMin} min; ±${windowMs / 60_000} min needs new brackets`);
      const r = rows.get(`${sceneId}${SEP}${mmsi}`);
      if (!r) return NO_BRACKET;
      const before = r.before && tMs - r.before.t <= windowMs ? r.before : null;
      const after = r.after && r.after.t - tMs <= windowMs ? r.after : null;
      return before || after ? { before, after } : NO_BRACKET;
    },
  };
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

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

/**
 * Every vessel sighting's verdict, kept up to date: an edit of a sighting recomputes it, of a scene
 * (its time) its sightings, of a vessel (its MMSI) its sightings; settings or a new source recompute
 * all. Only `class: 'vessel'` sightings get a verdict (an aircraft's identity has no MMSI); a sighting
 * whose scene is unknown has none.
 */
export class AisVerdictCache {
  private readonly sightings = new Map<Id, AisVerdictSighting>();
  private readonly byScene = new Map<Id, Set<Id>>();
  private readonly byVessel = new Map<Id, Set<Id>>();
  private readonly sceneT = new Map<Id, number>();
  private readonly mmsiOf = new Map<Id, Mmsi | null>();
  private readonly results = new Map<Id, SightingAisVerdict>();
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
    for (const s of input.sightings) this.attach(s);
    this.recomputeAll();
  }

  // ---- reads ---------------------------------------------------------------------------------

  verdictOf(sightingId: Id): SightingAisVerdict | undefined {
    return this.results.get(sightingId);
  }

  /** Every verdict (one per vessel sighting on a known scene); the same array until something changes. */
  verdicts(): SightingAisVerdict[] {
    return (this.list ??= [...this.results.values()]);
  }

  getSettings(): AisSettings {
    return { ...this.settings };
  }

  // ---- edits ---------------------------------------------------------------------------------

  upsertSighting(s: AisVerdictSighting): void {
    this.detach(s.id);
    this.attach(s);
    this.recompute([s.id]);
  }

  removeSighting(id: Id): void {
    this.detach(id);
    if (this.results.delete(id)) this.list = null;
    this.lastRecomputed = 0;
  }

  upsertScene(scene: AisVerdictScene): void {
    this.sceneT.set(scene.id, toMs(scene.acquired));
    this.recompute(this.byScene.get(scene.id) ?? []);
  }

  removeScene(id: Id): void {
    this.sceneT.delete(id);
    this.recompute(this.byScene.get(id) ?? []);
  }

  upsertVessel(v: AisVerdictVessel): void {
    this.mmsiOf.set(v.id, v.mmsi || null);
    this.recompute(this.byVessel.get(v.id) ?? []);
  }

  removeVessel(id: Id): void {
    this.mmsiOf.delete(id);
    this.recompute(this.byVessel.get(id) ?? []);
  }

  setSettings(settings: AisSettings): void {
    const prev = this.settings;
    this.settings = { ...settings };
    if (prev.windowMin !== settings.windowMin || prev.confirmM !== settings.confirmM || prev.contradictM !== settings.contradictM) this.recomputeAll();
    else this.lastRecomputed = 0;
  }

  /** New positions (an import) or new brackets: every verdict may change. */
  setSource(source: AisBracketSource): void {
    this.source = source;
    this.recomputeAll();
  }

  // ---- internals -----------------------------------------------------------------------------

  private attach(s: AisVerdictSighting): void {
    this.sightings.set(s.id, s);
    addTo(this.byScene, s.sceneId, s.id);
    if (s.vesselId) addTo(this.byVessel, s.vesselId, s.id);
  }

  private detach(id: Id): void {
    const old = this.sightings.get(id);
    if (!old) return;
    this.byScene.get(old.sceneId)?.delete(id);
    if (old.vesselId) this.byVessel.get(old.vesselId)?.delete(id);
    this.sightings.delete(id);
  }

  private recomputeAll(): void {
    this.results.clear();
    this.recompute(this.sightings.keys());
  }

  private recompute(ids: Iterable<Id>): void {
    let n = 0;
    const windowMs = this.settings.windowMin * 60_000;
    for (const id of ids) {
      n++;
      const s = this.sightings.get(id);
      const t = s && this.sceneT.get(s.sceneId);
      if (!s || s.class !== 'vessel' || t === undefined) {
        this.results.delete(id);
        continue;
      }
      const mmsi = s.vesselId ? (this.mmsiOf.get(s.vesselId) ?? null) : null;
      if (!mmsi) {
        this.results.set(id, { sightingId: id, vesselId: s.vesselId, mmsi: null, verdict: 'unlinked', nearestMinutes: null, distanceM: null, ais: null });
        continue;
      }
      const bracket = this.source.bracket(mmsi, s.sceneId, t, windowMs);
      this.results.set(id, { sightingId: id, vesselId: s.vesselId, mmsi, ...verdictAt(anchorOf(s.geometry), bracket, t, this.settings) });
    }
    this.lastRecomputed = n;
    this.list = null;
  }
}
