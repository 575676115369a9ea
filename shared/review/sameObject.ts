// When two sightings on one scene are taken to show the same object: the rule shared by conflict detection and agreement.
import type { LonLat, Sighting, SightingGeometry } from '../domain';
import { geodesic } from '../measure';
import { polygonContains, polygonRelation } from '../geometry';

/**
 * Two marks whose anchors lie within this many metres are the same object. 25 m is about half the
 * beam-to-beam spacing of ships rafted at a quay and a tenth of a feeder's length: two analysts
 * clicking one hull land well inside it, two hulls side by side rarely do.
 */
export const SAME_OBJECT_DISTANCE_M = 25;

/** A mark's anchor: the point itself, or the mean of a polygon's outer-ring corners (the box centre). */
export function anchorOf(g: SightingGeometry): LonLat {
  if (g.type === 'Point') return g.coordinates;
  const ring = g.coordinates[0]!;
  // The closing position repeats the first: leave it out so a box's anchor is its centre.
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  let x = 0;
  let y = 0;
  for (const [lon, lat] of corners) {
    x += lon;
    y += lat;
  }
  return [x / corners.length, y / corners.length];
}

/** Geodesic distance between two marks' anchors, in metres (WGS84, shared/measure.ts). */
export function anchorDistanceM(a: SightingGeometry, b: SightingGeometry): number {
  return geodesic(anchorOf(a), anchorOf(b)).distanceM;
}

/** Overlapping outlines, or a point inside the other's outline. Two points never "overlap". */
export function geometriesOverlap(a: SightingGeometry, b: SightingGeometry): boolean {
  if (a.type === 'Polygon' && b.type === 'Polygon') return polygonRelation(a, b) !== 'disjoint';
  if (a.type === 'Polygon' && b.type === 'Point') return polygonContains(a, b.coordinates);
  if (a.type === 'Point' && b.type === 'Polygon') return polygonContains(b, a.coordinates);
  return false;
}

/** Same scene, and overlapping outlines or anchors within `distanceM`. */
export function sameObject(a: Pick<Sighting, 'sceneId' | 'geometry'>, b: Pick<Sighting, 'sceneId' | 'geometry'>, distanceM = SAME_OBJECT_DISTANCE_M): boolean {
  if (a.sceneId !== b.sceneId) return false;
  return geometriesOverlap(a.geometry, b.geometry) || anchorDistanceM(a.geometry, b.geometry) <= distanceM;
}
