// The AIS part of `quaywatch stats --json`: what aisEvidence (electron/node/ais/aisAnalysis.ts) found,
// in the stable, name-based shape of the other figures. Nothing is computed here but the shape: the
// verdicts, gaps and visits are the same the app, exports and reports show.
import type { AisOnlyReason, AisVerdict } from '../../../shared/ais';
import { toMs } from '../../../shared/analysis';
import type { Id, IsoTime } from '../../../shared/domain';
import type { AisEvidence } from '../ais/aisAnalysis';
import type { ProjectData } from '../export/projectData';

export interface StatsAisVerdict {
  sighting: Id;
  /** The linked vessel's name; null when the mark has none. */
  vessel: string | null;
  mmsi: string | null;
  zone: string | null;
  acquired: IsoTime;
  verdict: AisVerdict;
  /** Minutes from the acquisition to the nearest AIS message used (null: silent or unlinked). */
  nearestMinutes: number | null;
  /** Metres from the mark to AIS's position at the acquisition (null: silent or unlinked). */
  distanceM: number | null;
}

export interface StatsAisGap {
  /** The project's vessel(s) carrying the MMSI, by name ("A / B" when two records share it). */
  vessel: string;
  mmsi: string;
  /** The last message before the silence and the first after it. */
  from: IsoTime;
  to: IsoTime;
  hours: number;
  /** Acquisition times of the site's scenes inside the gap. */
  scenes: IsoTime[];
  /** Of those, the scenes that show the vessel marked at the site: the imagery-backed port calls. */
  seen: IsoTime[];
}

interface StatsAisSide {
  start: IsoTime;
  end: IsoTime;
  enteredAfter: IsoTime | null;
  exitedBefore: IsoTime | null;
  hours: number;
  /** Global Fishing Watch's confidence: 4 entry and exit seen, 3 one of them, 2 neither. */
  confidence: 2 | 3 | 4;
}

interface StatsImagerySide {
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  sceneIds: Id[];
}

export interface StatsAisVisit {
  /** both: AIS and imagery agree; ais-only: AIS made a call the imagery has no visit for; imagery-only: a dark call. */
  status: 'both' | 'ais-only' | 'imagery-only';
  /**
   * ais-only: why the imagery has none (not-counted, seen-elsewhere, missed, unexamined, obscured, not-imaged);
   * imagery-only: whether the MMSI was 'silent' through the visit or heard 'elsewhere'; both: null.
   */
  reason: AisOnlyReason | 'silent' | 'elsewhere' | null;
  /** The project's vessel name, else AIS's static name, else "MMSI …". */
  vessel: string;
  mmsi: string;
  zone: string;
  ais: StatsAisSide | null;
  imagery: StatsImagerySide | null;
}

export interface StatsAisQueueItem {
  acquired: IsoTime;
  zone: string;
  vessel: string;
  mmsi: string;
  examined: boolean;
  text: string;
}

export interface StatsAisSummary {
  /** Whether the project holds any AIS position; without it every verdict would be "silent", so none is given. */
  hasAis: boolean;
  verdicts: Record<AisVerdict, number>;
  both: number;
  darkCalls: number;
  aisOnly: number;
  queue: number;
  gaps: number;
}

export interface StatsAis {
  aisVerdicts: StatsAisVerdict[];
  aisGaps: StatsAisGap[];
  aisVisits: StatsAisVisit[];
  aisQueue: StatsAisQueueItem[];
  aisSummary: StatsAisSummary;
}

export interface StatsAisFilter {
  from?: IsoTime;
  to?: IsoTime;
  zoneIds?: Id[];
}

const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The evidence in the stats' shape, within the stats' period and zones: a verdict by its scene's
 * acquisition and its mark's zone, a gap when it overlaps the period, an AIS visit by its start (as
 * imagery visits by their first sighting), a queue item by its scene. The imagery visits were already
 * filtered by the engine that counted them (the same AnalysisCache).
 */
export function statsAis(e: AisEvidence, data: ProjectData, filter: StatsAisFilter = {}): StatsAis {
  const zoneName = new Map(data.zones.map((z) => [z.id, z.name]));
  const vessel = new Map(data.vessels.map((v) => [v.id, v]));
  const acquired = new Map(data.scenes.map((s) => [s.id, s.acquired]));
  const sighting = new Map(data.sightings.map((s) => [s.id, s]));
  const lo = filter.from ? toMs(filter.from) : -Infinity;
  const hi = filter.to ? toMs(filter.to) : Infinity;
  const inPeriod = (t: IsoTime) => toMs(t) >= lo && toMs(t) < hi;
  const zones = filter.zoneIds ? new Set(filter.zoneIds) : null;
  const inZones = (id: Id | null) => zones === null || (id !== null && zones.has(id));
  const names = (ids: Id[], mmsi: string) => ids.map((id) => vessel.get(id)?.name).filter((n): n is string => !!n).join(' / ') || e.names.get(mmsi) || `MMSI ${mmsi}`;

  const aisVerdicts: StatsAisVerdict[] = !e.hasAis
    ? []
    : e.verdicts
        .map((v) => {
          const s = sighting.get(v.sightingId)!;
          return {
            sighting: v.sightingId,
            vessel: v.vesselId ? (vessel.get(v.vesselId)?.name ?? null) : null,
            mmsi: v.mmsi,
            zone: s.zoneId ? (zoneName.get(s.zoneId) ?? null) : null,
            zoneId: s.zoneId,
            acquired: acquired.get(s.sceneId) ?? '',
            verdict: v.verdict,
            nearestMinutes: round(v.nearestMinutes, 1),
            distanceM: round(v.distanceM, 1),
          };
        })
        .filter((v) => v.acquired !== '' && inPeriod(v.acquired) && inZones(v.zoneId))
        .map(({ zoneId: _zoneId, ...v }) => v)
        .sort((a, b) => byText(a.acquired, b.acquired) || byText(a.vessel ?? '', b.vessel ?? '') || byText(a.sighting, b.sighting));

  const aisGaps: StatsAisGap[] = e.gaps
    .filter((g) => toMs(g.to) > lo && toMs(g.from) < hi)
    .map((g) => ({
      vessel: names(g.vesselIds, g.mmsi),
      mmsi: g.mmsi,
      from: g.from,
      to: g.to,
      hours: round(g.hours, 2)!,
      scenes: g.scenes.map((s) => s.acquired),
      seen: g.scenes.filter((s) => s.seen && s.zones.some((z) => z.shows === 'seen' && inZones(z.zoneId))).map((s) => s.acquired),
    }))
    .sort((a, b) => byText(a.from, b.from) || byText(a.vessel, b.vessel));

  const aisSide = (a: AisEvidence['visits'][number]): StatsAisSide => ({
    start: a.start, end: a.end, enteredAfter: a.enteredAfter, exitedBefore: a.exitedBefore, hours: round(a.hours, 2)!, confidence: a.confidence,
  });
  const imagerySide = (v: { firstSeen: IsoTime; lastSeen: IsoTime; sceneIds: Id[] }): StatsImagerySide => ({ firstSeen: v.firstSeen, lastSeen: v.lastSeen, sceneIds: v.sceneIds });
  // Without any AIS every imagery visit would look like a dark call: nothing is compared.
  const c = e.hasAis ? e.comparison : { both: [], aisOnly: [], imageryOnly: [], unlinked: [] };
  const aisVisits: StatsAisVisit[] = [
    ...c.both.map(({ imagery, ais }) => ({ status: 'both' as const, reason: null, vessel: names([imagery.subjectId], ais.mmsi), mmsi: ais.mmsi, zone: zoneName.get(ais.zoneId) ?? ais.zoneId, ais: aisSide(ais), imagery: imagerySide(imagery) })),
    ...c.aisOnly
      .filter(({ ais }) => inPeriod(ais.start) && inZones(ais.zoneId))
      .map(({ ais, reason }) => ({ status: 'ais-only' as const, reason, vessel: names(ais.vesselIds, ais.mmsi), mmsi: ais.mmsi, zone: zoneName.get(ais.zoneId) ?? ais.zoneId, ais: aisSide(ais), imagery: null })),
    ...c.imageryOnly.map(({ imagery, mmsi, ais }) => ({ status: 'imagery-only' as const, reason: ais, vessel: names([imagery.subjectId], mmsi), mmsi, zone: zoneName.get(imagery.zoneId) ?? imagery.zoneId, ais: null, imagery: imagerySide(imagery) })),
  ].sort((a, b) => byText(a.ais?.start ?? a.imagery!.firstSeen, b.ais?.start ?? b.imagery!.firstSeen) || byText(a.vessel, b.vessel) || byText(a.zone, b.zone));

  const aisQueue: StatsAisQueueItem[] = e.queue
    .filter((q) => inPeriod(q.acquired) && inZones(q.zoneId))
    .map((q) => ({ acquired: q.acquired, zone: q.zoneName, vessel: q.name, mmsi: q.mmsi, examined: q.examined, text: q.text }));

  const verdicts: Record<AisVerdict, number> = { confirmed: 0, nearby: 0, contradicted: 0, silent: 0, unlinked: 0 };
  for (const v of aisVerdicts) verdicts[v.verdict]++;
  return {
    aisVerdicts,
    aisGaps,
    aisVisits,
    aisQueue,
    aisSummary: {
      hasAis: e.hasAis,
      verdicts,
      both: aisVisits.filter((v) => v.status === 'both').length,
      darkCalls: aisVisits.filter((v) => v.status === 'imagery-only').length,
      aisOnly: aisVisits.filter((v) => v.status === 'ais-only').length,
      queue: aisQueue.length,
      gaps: aisGaps.length,
    },
  };
}
