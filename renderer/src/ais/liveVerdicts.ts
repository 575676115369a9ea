// Every vessel sighting's AIS verdict, kept in step with the workbench store: one AisVerdictCache
// (shared/ais/verdicts.ts, the rule the host, the CLI and reports use) fed by the host's bracket table,
// updated by diffing records by reference, so an edit recomputes only the sightings it touches.
import type { AisBracketTable, SightingAisVerdict } from '../../../shared/ais/verdicts';
import { AisVerdictCache, tableSource } from '../../../shared/ais/verdicts';
import { DEFAULT_AIS_SETTINGS, type AisSettings } from '../../../shared/ais/types';
import type { Scene, Sighting, Vessel } from '../../../shared/domain';

export interface VerdictSource {
  scenes: Scene[];
  sightings: Sighting[];
  vessels: Vessel[];
}

function diff<T extends { id: string }>(prev: readonly T[], next: readonly T[], upsert: (t: T) => void, remove: (id: string) => void) {
  if (prev === next) return;
  const old = new Map(prev.map((t) => [t.id, t]));
  for (const t of next) {
    if (old.get(t.id) !== t) upsert(t);
    old.delete(t.id);
  }
  for (const id of old.keys()) remove(id);
}

export class LiveVerdicts {
  private cache: AisVerdictCache | null = null;
  private src: VerdictSource | null = null;
  private table: AisBracketTable | null = null;
  private settings: AisSettings = DEFAULT_AIS_SETTINGS;

  /** The verdicts for this state; null until the host's brackets are known. */
  update(src: VerdictSource, table: AisBracketTable | null, settings: AisSettings = DEFAULT_AIS_SETTINGS): AisVerdictCache | null {
    // Brackets of another window are being replaced (the thresholds changed): no verdict from them.
    if (!table || table.windowMin !== settings.windowMin) {
      this.cache = null;
      this.table = null;
      return null;
    }
    const prev = this.src;
    if (!this.cache || !prev || this.table !== table || this.settings !== settings) {
      this.cache = new AisVerdictCache({ sightings: src.sightings, scenes: src.scenes, vessels: src.vessels }, tableSource(table), settings);
    } else {
      const c = this.cache;
      diff(prev.scenes, src.scenes, (s) => c.upsertScene(s), (id) => c.removeScene(id));
      diff(prev.vessels, src.vessels, (v) => c.upsertVessel(v), (id) => c.removeVessel(id));
      diff(prev.sightings, src.sightings, (s) => c.upsertSighting(s), (id) => c.removeSighting(id));
    }
    this.src = src;
    this.table = table;
    this.settings = settings;
    return this.cache;
  }
}

const live = new LiveVerdicts();

/** Every verdict for the store's state now (null until the host's brackets are known): one cache for the whole page. */
export function liveVerdicts(src: VerdictSource, table: AisBracketTable | null, settings?: AisSettings) {
  return live.update(src, table, settings);
}

/** The verdict of one sighting for the store's state now (undefined: not a vessel sighting, or AIS not known yet). */
export function verdictFor(src: VerdictSource, table: AisBracketTable | null, sightingId: string, settings?: AisSettings): SightingAisVerdict | undefined {
  return live.update(src, table, settings)?.verdictOf(sightingId);
}
