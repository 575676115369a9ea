// The other direction of the verdicts: AIS says a vessel is inside a zone at a scene's instant, the zone
// is clear on that scene, and nothing of that vessel is marked there. Each such case is one item of a
// review queue ("AIS says Sparta IV at Pier 2; nothing marked"): the analyst either finds the ship and
// marks it, or has found an AIS position the imagery contradicts.
import type { Id, IsoTime } from '../domain';
import { inBounds, inZone, toMs, zonesBounds, vesselMarksByScene, vesselsByMmsi, zoneShape, type AisImageryContext } from './context';
import { estimateFromIndex, type AisEstimate, type AisTrackIndex } from './track';
import type { AisSettings, Mmsi } from './types';

export interface AisQueueItem {
  sceneId: Id;
  acquired: IsoTime;
  zoneId: Id;
  zoneName: string;
  mmsi: Mmsi;
  /** The vessels carrying that MMSI (none: a ship the project has no identity for). */
  vesselIds: Id[];
  /** The vessel's name, else the AIS static name, else "MMSI 273…". */
  name: string;
  /** Where AIS puts it at the acquisition (interpolated within ± windowMin, as for verdicts). */
  ais: AisEstimate;
  /**
   * Whether the analyst examined the zone on that scene: examined, the analyst looked and marked
   * nothing of it (missed, or AIS is wrong); not examined, nobody has looked yet.
   */
  examined: boolean;
  /** Marks of that vessel on that scene in other zones (AIS and the analyst disagree on the quay). */
  markedElsewhere: Id[];
  /** Vessel marks in that zone on that scene linked to no vessel: perhaps this one, not yet identified. */
  unlinkedHere: Id[];
  /** "AIS says Sparta IV at Pier 2; nothing marked". */
  text: string;
}

/**
 * The review queue, ordered by acquisition, zone name and vessel name. A vessel is "inside" when AIS's
 * position at the acquisition lies in the zone's polygon (no buffer: the queue claims AIS puts it IN
 * the zone, where the analyst would mark it); only scenes where the zone is `clear` qualify, since a
 * partial, obscured or outside zone cannot show that nothing is there. `names` are AIS static names.
 */
export function aisSaysHere(index: AisTrackIndex, ctx: AisImageryContext, settings: Pick<AisSettings, 'windowMin'>, names: ReadonlyMap<Mmsi, string> = new Map()): AisQueueItem[] {
  const shapes = ctx.zones.map(zoneShape);
  const all = zonesBounds(shapes, 0);
  const byMmsi = vesselsByMmsi(ctx.vessels);
  const marks = vesselMarksByScene(ctx.sightings);
  const windowMs = settings.windowMin * 60_000;
  const out: AisQueueItem[] = [];
  for (const scene of ctx.scenes) {
    const t = toMs(scene.acquired);
    const sceneMarks = marks.get(scene.id) ?? [];
    for (const mmsi of index.mmsis) {
      const e = estimateFromIndex(index, mmsi, t, windowMs);
      if (!e) continue;
      const zone = inBounds(all, e.lon, e.lat) ? shapes.find((z) => inZone(z, e.lon, e.lat)) : undefined;
      if (!zone || ctx.observabilityOf(scene.id, zone.id) !== 'clear') continue;
      const vessels = byMmsi.get(mmsi) ?? [];
      const ids = new Set(vessels.map((v) => v.id));
      const ofVessel = sceneMarks.filter((m) => m.vesselId !== null && ids.has(m.vesselId));
      if (ofVessel.some((m) => m.zoneId === zone.id)) continue;
      const name = vessels[0]?.name ?? names.get(mmsi) ?? `MMSI ${mmsi}`;
      out.push({
        sceneId: scene.id,
        acquired: scene.acquired,
        zoneId: zone.id,
        zoneName: zone.name,
        mmsi,
        vesselIds: [...ids],
        name,
        ais: e,
        examined: ctx.examined(scene.id, zone.id),
        markedElsewhere: ofVessel.map((m) => m.id),
        unlinkedHere: sceneMarks.filter((m) => m.vesselId === null && m.zoneId === zone.id).map((m) => m.id),
        text: `AIS says ${name} at ${zone.name}; nothing marked`,
      });
    }
  }
  return out.sort((a, b) => cmp(toMs(a.acquired), toMs(b.acquired)) || cmp(a.zoneName, b.zoneName) || cmp(a.name, b.name) || cmp(a.mmsi, b.mmsi));
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
