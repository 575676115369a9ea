// Where AIS is worth keeping: within `bufferKm` of a site's area of interest (or, for a site that has
// none, of its zones and the footprints of its scenes). A point is kept when its distance to one of
// those polygons is at most the buffer, measured on a local equirectangular plane around the polygon
// (good to well under 1% at 30 km). Each polygon's box grown by the buffer rejects the far majority first.
import { polygonBounds, polygonContainsXY } from '../../../shared/geometry';
import type { PolygonGeometry } from '../../../shared/domain';

const KM_PER_DEG_LAT = 111.32;

interface Shape {
  polygon: PolygonGeometry;
  /** Box grown by the buffer, degrees. */
  w: number;
  s: number;
  e: number;
  n: number;
  /** Kilometres per degree of longitude at the polygon's latitude. */
  kx: number;
  /** The first corner of its outer ring, and the square of the buffer less a millimetre (km²). */
  x0: number;
  y0: number;
  nearKm2: number;
}

export class KeepArea {
  private readonly shapes: Shape[];

  constructor(
    polygons: readonly PolygonGeometry[],
    readonly bufferKm: number,
  ) {
    this.shapes = polygons.map((polygon) => {
      const [w, s, e, n] = polygonBounds(polygon);
      const kx = KM_PER_DEG_LAT * Math.cos((((s + n) / 2) * Math.PI) / 180);
      const dLat = bufferKm / KM_PER_DEG_LAT;
      // Degrees of longitude shrink poleward: the box is grown by the buffer at its most poleward latitude.
      const poleward = Math.min(89, Math.max(Math.abs(s), Math.abs(n)) + dLat);
      const dLon = bufferKm / (KM_PER_DEG_LAT * Math.cos((poleward * Math.PI) / 180));
      const [x0, y0] = polygon.coordinates[0]?.[0] ?? [NaN, NaN];
      const near = bufferKm - 1e-6;
      return { polygon, w: w - dLon, s: s - dLat, e: e + dLon, n: n + dLat, kx, x0: x0!, y0: y0!, nearKm2: near > 0 ? near * near : -1 };
    });
  }

  get empty(): boolean {
    return this.shapes.length === 0;
  }

  contains(lon: number, lat: number): boolean {
    for (const sh of this.shapes) {
      if (lon < sh.w || lon > sh.e || lat < sh.s || lat > sh.n) continue;
      // Well within the buffer of the polygon's first corner is within the buffer of the polygon: no
      // need to measure each edge. The margin (1 mm) dwarfs any rounding in the exact measure below.
      const cx = (sh.x0 - lon) * sh.kx;
      const cy = (sh.y0 - lat) * KM_PER_DEG_LAT;
      if (cx * cx + cy * cy <= sh.nearKm2) return true;
      if (polygonContainsXY(sh.polygon, lon, lat)) return true;
      if (this.distanceKm(sh, lon, lat) <= this.bufferKm) return true;
    }
    return false;
  }

  private distanceKm(sh: Shape, lon: number, lat: number): number {
    let best = Infinity;
    for (const ring of sh.polygon.coordinates) {
      // Scalars, not pairs: this runs for every position near the area, millions in a large log.
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1]![0] - lon) * sh.kx;
        const ay = (ring[i - 1]![1] - lat) * KM_PER_DEG_LAT;
        const bx = (ring[i]![0] - lon) * sh.kx;
        const by = (ring[i]![1] - lat) * KM_PER_DEG_LAT;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        best = Math.min(best, Math.hypot(ax + u * dx, ay + u * dy));
      }
    }
    return best;
  }
}

/** The polygons AIS is kept around: each site's area of interest, else its zones and scene footprints. */
export function keepPolygons(sites: readonly { id: string; aoi: PolygonGeometry | null }[], zones: readonly { siteId: string; geometry: PolygonGeometry }[], scenes: readonly { siteId: string; footprint: PolygonGeometry | null }[]): PolygonGeometry[] {
  return sites.flatMap((site) =>
    site.aoi ? [site.aoi] : [...zones.filter((z) => z.siteId === site.id).map((z) => z.geometry), ...scenes.filter((s) => s.siteId === site.id && s.footprint).map((s) => s.footprint!)],
  );
}
