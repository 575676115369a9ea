// GeoJSON (RFC 7946): WGS84 lon/lat, no "crs" member, exterior rings counter-clockwise, every attribute as a property.
import type { AnalysisCache } from '../../../shared/analysis';
import type { LonLat, PolygonGeometry } from '../../../shared/domain';
import type { ExportGeometry } from './geometryCodecs';
import { sightingAttrs, visitAttrs, zoneAttrs, type Attrs } from './features';
import { lookupsOf, type ProjectData } from './projectData';
import type { AisEvidence } from '../ais/aisAnalysis';

interface Feature {
  type: 'Feature';
  id: string;
  geometry: ExportGeometry | null;
  properties: Attrs;
}

/** Twice the signed area: > 0 for counter-clockwise rings. */
function signedArea(ring: LonLat[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return a;
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. */
export function rightHanded(p: PolygonGeometry): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: p.coordinates.map((ring, i) => {
      const ccw = signedArea(ring) > 0;
      return (i === 0) === ccw ? ring : [...ring].reverse();
    }),
  };
}

const rfc = (g: ExportGeometry): ExportGeometry => (g.type === 'Polygon' ? rightHanded(g) : g);

export type GeoJsonWhat = 'zones' | 'sightings' | 'visits';

export function toGeoJson(data: ProjectData, cache: AnalysisCache, parts: GeoJsonWhat[], ais: AisEvidence | null = null): string {
  const lk = lookupsOf(data, ais);
  const siteName = (id: string) => data.sites.find((s) => s.id === id)?.name ?? '';
  const features: Feature[] = [];
  if (parts.includes('zones')) {
    for (const z of data.zones) features.push({ type: 'Feature', id: z.id, geometry: rfc(z.geometry), properties: { feature_type: 'zone', ...zoneAttrs(z, siteName) } });
  }
  if (parts.includes('sightings')) {
    for (const s of data.sightings) features.push({ type: 'Feature', id: s.id, geometry: rfc(s.geometry), properties: { feature_type: 'sighting', ...sightingAttrs(s, lk) } });
  }
  if (parts.includes('visits')) {
    for (const [kind, visits] of [['vessel', cache.visits('vessel')], ['track', cache.visits('track')]] as const) {
      for (const v of visits) {
        const zone = lk.zone.get(v.zoneId);
        features.push({
          type: 'Feature',
          id: `${v.subjectId}/${v.zoneId}/${v.firstSeen}`,
          geometry: zone ? rfc(zone.geometry) : null,
          properties: { feature_type: 'visit', ...visitAttrs(v, kind, lk) },
        });
      }
    }
  }
  // `scope`: a foreign member (RFC 7946 §6.1) saying whose sightings the file holds; GIS tools pass it by.
  return `${JSON.stringify({ type: 'FeatureCollection', name: data.project.name, scope: data.scope, features }, null, 1)}\n`;
}
