// Measure mode: distance along a path or area of a polygon, in true ground metres on the WGS84
// ellipsoid (shared/measure.ts: geodesic lengths, ellipsoidal area, never the view's projected area),
// shown on the map until the next measurement or until the mode exits.
import Draw from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style, Text, Circle } from 'ol/style';
import LineString from 'ol/geom/LineString';
import Polygon from 'ol/geom/Polygon';
import type { Geometry } from 'ol/geom';
import type { MapMode, ModeContext } from './Mode';
import type { LonLat } from '../../../../shared/domain';
import { fmtArea, fmtLength, pathLengthM, polygonAreaM2 } from '../../../../shared/measure';

const style = (text: string) =>
  new Style({
    stroke: new Stroke({ color: '#fde047', width: 2, lineDash: [6, 4] }),
    fill: new Fill({ color: 'rgba(253,224,71,0.12)' }),
    image: new Circle({ radius: 4, fill: new Fill({ color: '#fde047' }) }),
    text: new Text({
      text,
      font: '600 13px system-ui, sans-serif',
      fill: new Fill({ color: '#0f172a' }),
      backgroundFill: new Fill({ color: '#fde047' }),
      padding: [2, 5, 2, 5],
      offsetY: -16,
      overflow: true,
    }),
  });

export default class MeasureMode implements MapMode {
  private ctx: ModeContext | null = null;
  private draw: Draw | null = null;
  private readonly layer = new VectorLayer({ source: new VectorSource(), zIndex: 40 });

  constructor(readonly kind: 'distance' | 'area') {}

  /** The measurement of a geometry drawn in the view's projection. */
  private measure(g: Geometry): string {
    const ctx = this.ctx!;
    if (g instanceof Polygon) {
      const rings = g.getCoordinates().map((r) => r.map((c) => ctx.toLonLat(c) as LonLat));
      const outer = rings[0] ?? [];
      if (outer.length < 4) return ''; // a polygon being drawn: fewer than three corners yet
      return `${fmtArea(polygonAreaM2({ type: 'Polygon', coordinates: rings }))} · perimeter ${fmtLength(pathLengthM(outer))}`;
    }
    if (g instanceof LineString) return fmtLength(pathLengthM(g.getCoordinates().map((c) => ctx.toLonLat(c))));
    return '';
  }

  enter(ctx: ModeContext) {
    this.ctx = ctx;
    ctx.map.addLayer(this.layer);
    const source = this.layer.getSource()!;
    this.draw = new Draw({
      type: this.kind === 'area' ? 'Polygon' : 'LineString',
      source,
      stopClick: true,
      style: (f) => style(this.measure(f.getGeometry() as Geometry)),
    });
    this.draw.on('drawstart', (e) => {
      source.clear();
      const g = e.feature.getGeometry()!;
      g.on('change', () => ctx.callbacks().measured(this.measure(g)));
    });
    this.draw.on('drawend', (e) => {
      const text = this.measure(e.feature.getGeometry()!);
      e.feature.setStyle(style(text));
      ctx.callbacks().measured(text);
    });
    ctx.map.addInteraction(this.draw);
  }

  exit() {
    if (this.ctx) {
      this.draw?.abortDrawing();
      if (this.draw) this.ctx.map.removeInteraction(this.draw);
      this.ctx.map.removeLayer(this.layer);
      this.layer.getSource()!.clear(); // the store forgets the figure when the tool changes
    }
    this.draw = null;
    this.ctx = null;
  }
}
