// Which scenes a time-lapse shows, in what order, and which of them show nothing of what is framed: the
// same observability the analysis counts (shared/examination.ts), so a frame greyed "obscured" is a scene
// the analysis also treats as no observation of the zone.
import { observabilityOfPair, storedObservability } from './examination';
import { polygonRelation } from './geometry';
import { toMs } from './analysis/input';
import type { LonLat, Observability, PolygonGeometry, Scene, SceneZoneObservability, Site, Zone } from './domain';

/** What a time-lapse frames, resolved: one zone, or a lon/lat box [south-west, north-east]. */
export type TimelapseFraming = { zone: Zone } | { bbox: [LonLat, LonLat] };

export interface TimelapseFrame {
  scene: Scene;
  /** The zone (or every zone in the box) obscured or not imaged on this scene: nothing there to see. */
  obscured: boolean;
}

export interface TimelapsePlan {
  /** Frames to draw, oldest first. */
  frames: TimelapseFrame[];
  /** Obscured scenes left out (obscured: 'skip'). */
  skipped: number;
}

export interface TimelapseInput {
  scenes: readonly Scene[];
  sites: readonly Pick<Site, 'id' | 'aoi'>[];
  zones: readonly Zone[];
  observability: readonly Pick<SceneZoneObservability, 'sceneId' | 'zoneId' | 'value'>[];
}

const SHOWS: ReadonlySet<Observability> = new Set(['clear', 'partial']);

export const boxPolygon = ([[w, s], [e, n]]: [LonLat, LonLat]): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

/**
 * The day range as instants: `from` at the start of its UTC day, `to` through the end of its day
 * (both inclusive, as the analyst reads "2025-01-01 to 2025-01-31"); either left out is open.
 */
export function dayRange(from: string | undefined, to: string | undefined): { from: number; to: number } {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return { from: from ? day(from) : -Infinity, to: to ? day(to) + 86_400_000 : Infinity };
}

/**
 * The scenes of the framed place in [from, to], oldest first (ties by id, as the analysis orders them).
 * A zone: the scenes of its site; it is obscured on a scene whose observability is neither clear nor
 * partial. A box: the scenes whose footprint (else their site's area) meets it; obscured when every zone
 * meeting the box is obscured there (with no zone in the box, nothing says it is).
 */
export function planTimelapse(input: TimelapseInput, framing: TimelapseFraming, range: { from: number; to: number }, obscured: 'skip' | 'grey'): TimelapsePlan {
  const stored = storedObservability(input.observability);
  const box = 'bbox' in framing ? boxPolygon(framing.bbox) : null;
  const aoiOf = new Map(input.sites.map((s) => [s.id, s.aoi]));
  const meetsBox = (g: PolygonGeometry | null | undefined) => !g || !box || polygonRelation(box, g) !== 'disjoint';
  const boxZones = box ? input.zones.filter((z) => polygonRelation(z.geometry, box) !== 'disjoint') : [];

  const inFrame = (s: Scene) => ('zone' in framing ? s.siteId === framing.zone.siteId : s.footprint ? meetsBox(s.footprint) : meetsBox(aoiOf.get(s.siteId)));
  const isObscured = (s: Scene) => {
    if ('zone' in framing) return !SHOWS.has(observabilityOfPair(s, framing.zone, stored));
    const zones = boxZones.filter((z) => z.siteId === s.siteId);
    return zones.length > 0 && zones.every((z) => !SHOWS.has(observabilityOfPair(s, z, stored)));
  };

  const chosen = input.scenes
    .filter((s) => inFrame(s))
    .map((s) => ({ s, t: toMs(s.acquired) }))
    .filter(({ t }) => t >= range.from && t < range.to)
    .sort((a, b) => a.t - b.t || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  const frames: TimelapseFrame[] = [];
  let skipped = 0;
  for (const { s } of chosen) {
    const dark = isObscured(s);
    if (dark && obscured === 'skip') skipped++;
    else frames.push({ scene: s, obscured: dark });
  }
  return { frames, skipped };
}
