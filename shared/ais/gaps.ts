// AIS gaps: spells of at least gapH hours with no message from an MMSI, each with the site's scenes
// taken inside it and what each shows at each zone. A gap is where a port call could hide from AIS
// (the transponder off, as the vessels of the real case); the scenes inside it are the imagery that
// can say whether it did: the imagery-backed list of possible port calls.
import type { Id, IsoTime, Observability } from '../domain';
import { toIso, toMs, vesselMarksByScene, vesselsByMmsi, type AisImageryContext } from './context';
import { firstAfter, type AisTrackIndex } from './track';
import type { AisSettings, Mmsi } from './types';

export interface AisGapZone {
  zoneId: Id;
  /** 'seen': the vessel is marked there; otherwise what the scene shows of the zone. */
  shows: 'seen' | Observability;
  examined: boolean;
  /** The marks of the vessel in that zone on that scene. */
  sightingIds: Id[];
}

export interface AisGapScene {
  sceneId: Id;
  acquired: IsoTime;
  /** True when the vessel is marked in some zone of the site on this scene: the imagery shows the call. */
  seen: boolean;
  zones: AisGapZone[];
}

export interface AisGap {
  mmsi: Mmsi;
  vesselIds: Id[];
  /** The last message before the silence and the first after it. */
  from: IsoTime;
  to: IsoTime;
  hours: number;
  /** The site's scenes acquired strictly inside the gap, in time order. */
  scenes: AisGapScene[];
}

/**
 * Gaps of each MMSI (default: those of the context's vessels), in time order per MMSI. Only silences
 * between two messages are gaps: before the first and after the last message of a log, AIS says nothing
 * about whether the vessel was silent or simply outside what was recorded.
 */
export function aisGaps(index: AisTrackIndex, ctx: AisImageryContext, settings: Pick<AisSettings, 'gapH'>, mmsis?: readonly Mmsi[]): AisGap[] {
  const byMmsi = vesselsByMmsi(ctx.vessels);
  const marks = vesselMarksByScene(ctx.sightings);
  const scenes = ctx.scenes.map((s) => ({ s, t: toMs(s.acquired) })).sort((a, b) => a.t - b.t || (a.s.id < b.s.id ? -1 : 1));
  const times = Float64Array.from(scenes, (x) => x.t);
  const gapMs = settings.gapH * 3_600_000;
  const out: AisGap[] = [];
  for (const mmsi of mmsis ?? [...byMmsi.keys()].sort()) {
    const r = index.ranges.get(mmsi);
    if (!r) continue;
    const vesselIds = (byMmsi.get(mmsi) ?? []).map((v) => v.id);
    const ids = new Set(vesselIds);
    for (let i = r[0] + 1; i < r[1]; i++) {
      const a = index.t[i - 1]!;
      const b = index.t[i]!;
      if (b - a < gapMs) continue;
      const inside: AisGapScene[] = [];
      for (let k = firstAfter(times, 0, times.length, a); k < times.length && times[k]! < b; k++) {
        const scene = scenes[k]!.s;
        const ofVessel = (marks.get(scene.id) ?? []).filter((m) => m.vesselId !== null && ids.has(m.vesselId));
        const zones: AisGapZone[] = ctx.zones.map((z) => {
          const here = ofVessel.filter((m) => m.zoneId === z.id).map((m) => m.id);
          return { zoneId: z.id, shows: here.length > 0 ? 'seen' : (ctx.observabilityOf(scene.id, z.id) ?? 'outside'), examined: ctx.examined(scene.id, z.id), sightingIds: here };
        });
        inside.push({ sceneId: scene.id, acquired: scene.acquired, seen: zones.some((z) => z.shows === 'seen'), zones });
      }
      out.push({ mmsi, vesselIds, from: toIso(a), to: toIso(b), hours: (b - a) / 3_600_000, scenes: inside });
    }
  }
  return out;
}
