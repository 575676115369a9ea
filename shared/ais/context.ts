// What the imagery side tells the AIS rules (queue, gaps, visit comparison): the site's scenes, zones,
// marks and identities, what each scene shows of each zone, and whether the analyst looked. Plain data
// and two callbacks, so the host (AnalysisCache.observabilityOf, the examined set) and the renderer
// (its store) both fill it without a database.
import { polygonBounds, polygonContains } from '../geometry';
import type { Id, Observability, Scene, Sighting, Vessel, Zone } from '../domain';
import { localFrame } from '../measure';
import type { Mmsi } from './types';

export interface AisImageryContext {
  /** The site's scenes (any order). */
  scenes: readonly Pick<Scene, 'id' | 'acquired'>[];
  /** The site's zones, in the store's order (the first containing zone wins, as for sightings). */
  zones: readonly Pick<Zone, 'id' | 'name' | 'geometry'>[];
  /** Sightings of the site's scenes (only vessel marks are read). */
  sightings: readonly Pick<Sighting, 'id' | 'sceneId' | 'class' | 'zoneId' | 'vesselId'>[];
  vessels: readonly Pick<Vessel, 'id' | 'name' | 'mmsi'>[];
  /** What the scene shows of the zone (stored, else derived: AnalysisCache.observabilityOf); null for an unknown pair. */
  observabilityOf(sceneId: Id, zoneId: Id): Observability | null;
  /**
   * Whether the analyst examined the zone on the scene, as the engine counts it (a zone holding an
   * unverified mark is not examined: METHOD.md "Examined").
   */
  examined(sceneId: Id, zoneId: Id): boolean;
}

/** MMSI → the vessels that carry it (one MMSI can belong to two ships over time: both are listed). */
export function vesselsByMmsi(vessels: AisImageryContext['vessels']): Map<Mmsi, Pick<Vessel, 'id' | 'name' | 'mmsi'>[]> {
  const out = new Map<Mmsi, Pick<Vessel, 'id' | 'name' | 'mmsi'>[]>();
  for (const v of vessels) {
    if (!v.mmsi) continue;
    const list = out.get(v.mmsi);
    if (list) list.push(v);
    else out.set(v.mmsi, [v]);
  }
  return out;
}

/** The vessel marks of each scene: scene → marks (with their zone and vessel). */
export function vesselMarksByScene(sightings: AisImageryContext['sightings']): Map<Id, Pick<Sighting, 'id' | 'zoneId' | 'vesselId'>[]> {
  const out = new Map<Id, Pick<Sighting, 'id' | 'zoneId' | 'vesselId'>[]>();
  for (const s of sightings) {
    if (s.class !== 'vessel') continue;
    const list = out.get(s.sceneId);
    if (list) list.push(s);
    else out.set(s.sceneId, [s]);
  }
  return out;
}

/**
 * A zone prepared for "how far is this position from it": its ring in a local metric frame of the
 * ellipsoid (measure.ts localFrame; exact to millimetres over a port) and its bounds in degrees for a
 * cheap first rejection.
 */
export interface ZoneShape {
  id: Id;
  name: string;
  geometry: Pick<Zone, 'geometry'>['geometry'];
  bounds: [number, number, number, number];
  toMetres: (p: [number, number]) => [number, number];
  rings: [number, number][][];
}

export function zoneShape(z: Pick<Zone, 'id' | 'name' | 'geometry'>): ZoneShape {
  const bounds = polygonBounds(z.geometry);
  const f = localFrame([(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2]);
  return { id: z.id, name: z.name, geometry: z.geometry, bounds, toMetres: f.toMetres, rings: z.geometry.coordinates.map((r) => r.map((p) => f.toMetres(p))) };
}

/**
 * The bounds of all the zones, padded by `padM`: most of a log lies outside it (messages are kept
 * 30 km around the site, quays are a few hundred metres), so one test spares the per-zone ones.
 */
export function zonesBounds(shapes: readonly ZoneShape[], padM: number): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const z of shapes) {
    x0 = Math.min(x0, z.bounds[0]); y0 = Math.min(y0, z.bounds[1]);
    x1 = Math.max(x1, z.bounds[2]); y1 = Math.max(y1, z.bounds[3]);
  }
  const padLat = padM / M_PER_DEG_LAT;
  const padLon = padLat / Math.max(0.01, Math.cos((Math.max(Math.abs(y0), Math.abs(y1)) * Math.PI) / 180));
  return [x0 - padLon, y0 - padLat, x1 + padLon, y1 + padLat];
}

export const inBounds = (b: readonly [number, number, number, number], lon: number, lat: number) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

/** Whether the position is inside the zone's polygon (holes excluded). */
export function inZone(z: ZoneShape, lon: number, lat: number): boolean {
  const [x0, y0, x1, y1] = z.bounds;
  return lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1 && polygonContains(z.geometry, [lon, lat]);
}

const M_PER_DEG_LAT = 110_574; // the shortest degree of latitude (equator): a safe lower bound

/**
 * Metres from the position to the zone: 0 inside, else to the nearest edge; Infinity when it is
 * certainly farther than `limitM` (the bounds test, so most of a track never reaches the edge loop).
 */
export function distanceToZoneM(z: ZoneShape, lon: number, lat: number, limitM: number): number {
  const [x0, y0, x1, y1] = z.bounds;
  const padLat = limitM / M_PER_DEG_LAT;
  const padLon = padLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  if (lon < x0 - padLon || lon > x1 + padLon || lat < y0 - padLat || lat > y1 + padLat) return Infinity;
  if (polygonContains(z.geometry, [lon, lat])) return 0;
  const [px, py] = z.toMetres([lon, lat]);
  let best = Infinity;
  for (const ring of z.rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]!;
      const [bx, by] = ring[i]!;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const u = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(px - ax - u * dx, py - ay - u * dy));
    }
  }
  return best;
}

/** Milliseconds of an ISO time (sub-millisecond digits kept, as the analysis does). */
export { toMs, toIso } from '../analysis/input';
