// AIS at the scene's instant: each vessel where AIS puts it then (interpolated), an arrow along its
// course, a short tail of where it came from, and its name and speed. Drawn above the marks, in a
// colour no sighting class uses, so a mark and an AIS position are never confused.
import Feature from 'ol/Feature';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import type { AisVesselAtScene } from '../../../shared/calls/aisView';
import type { LonLat } from '../../../shared/domain';

export const AIS_COLOUR = '#f472b6';
const ARROW_HALO = '#0f172a';

/** What a vessel's label says: its name (else its MMSI) and speed, e.g. "Sparta IV · 0.1 kn". */
export function aisLabel(v: Pick<AisVesselAtScene, 'name' | 'mmsi' | 'sog' | 'minutesAway'>): string {
  const parts = [v.name ?? `MMSI ${v.mmsi}`];
  if (v.sog !== null) parts.push(`${v.sog.toFixed(1)} kn`);
  if (v.minutesAway >= 1) parts.push(`${Math.round(v.minutesAway)} min`);
  return parts.join(' · ');
}

const tailStyle = new Style({ stroke: new Stroke({ color: AIS_COLOUR, width: 1.5, lineDash: [2, 4] }) });

function arrowStyle(v: AisVesselAtScene): Style {
  const moving = v.cog !== null && (v.sog ?? 0) >= 0.5;
  return new Style({
    // A pointed arrow along the course when under way; a diamond when stopped or the course is unknown.
    image: new RegularShape({
      points: moving ? 3 : 4,
      radius: moving ? 9 : 7,
      rotation: moving ? (v.cog! * Math.PI) / 180 : 0,
      fill: new Fill({ color: AIS_COLOUR }),
      stroke: new Stroke({ color: ARROW_HALO, width: 1.5 }),
    }),
    text: new Text({
      text: aisLabel(v),
      font: '600 11px system-ui, sans-serif',
      fill: new Fill({ color: AIS_COLOUR }),
      stroke: new Stroke({ color: ARROW_HALO, width: 3 }),
      offsetY: 18,
      overflow: true,
    }),
  });
}

export class AisLayer {
  readonly layer = new VectorLayer({ source: new VectorSource(), zIndex: 25, visible: false, properties: { name: 'ais' } });

  /** Shows `vessels` (projected by `toView`), or hides the layer when null. */
  set(vessels: AisVesselAtScene[] | null, toView: (p: LonLat) => number[]) {
    const source = this.layer.getSource()!;
    source.clear(true);
    this.layer.setVisible(vessels !== null);
    if (!vessels) return;
    const features: Feature[] = [];
    for (const v of vessels) {
      if (v.tail.length >= 2) {
        const tail = new Feature(new LineString(v.tail.map((p) => toView(p))));
        tail.setStyle(tailStyle);
        features.push(tail);
      }
      const at = new Feature(new Point(toView([v.lon, v.lat])));
      at.setId(`ais:${v.mmsi}`);
      at.setStyle(arrowStyle(v));
      features.push(at);
    }
    source.addFeatures(features);
  }

  /** What is drawn (for the tests' probe): each vessel's label and place, or null when hidden. */
  drawn(toLonLat: (c: number[]) => LonLat): { label: string; lonLat: LonLat }[] | null {
    if (!this.layer.getVisible()) return null;
    return this.layer
      .getSource()!
      .getFeatures()
      .filter((f) => f.getGeometry() instanceof Point)
      .map((f) => ({ label: String((f.getStyle() as Style).getText()?.getText() ?? ''), lonLat: toLonLat((f.getGeometry() as Point).getCoordinates()) }));
  }
}
