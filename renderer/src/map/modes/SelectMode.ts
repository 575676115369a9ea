// Select mode: click a mark (shift-click adds/removes, shift-drag box-selects), then drag it to
// move it or drag a vertex to reshape it; a zone is selected by clicking inside it.
import DragBox from 'ol/interaction/DragBox';
import Modify from 'ol/interaction/Modify';
import Translate from 'ol/interaction/Translate';
import type Feature from 'ol/Feature';
import { unByKey } from 'ol/Observable';
import type { MapBrowserEvent } from 'ol';
import type { Geometry } from 'ol/geom';
import type { Coordinate } from 'ol/coordinate';
import type { Pixel } from 'ol/pixel';
import { KIND, type MapMode, type ModeContext } from './Mode';
import { featureGeometryToLonLat } from './geometryOut';

/**
 * A press that travels less than this is a click: it selects and never moves or reshapes (OpenLayers'
 * Modify inserts a vertex on a plain click on an edge, and Translate ends a "move" on every click).
 */
export const DRAG_TOLERANCE_PX = 4;

const travelled = (a: Pixel | null | undefined, b: Pixel | null | undefined) =>
  a && b ? Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) : Infinity;

export default class SelectMode implements MapMode {
  private ctx: ModeContext | null = null;
  private keys: Parameters<typeof unByKey>[0][] = [];
  private dragBox: DragBox | null = null;
  private translate: Translate | null = null;
  private modify: Modify | null = null;

  enter(ctx: ModeContext) {
    this.ctx = ctx;
    const { map } = ctx;
    // Shift-drag box-selects (ol/events/condition is off limits to our lint's Node-builtin rule).
    const shiftOnly = (e: MapBrowserEvent<PointerEvent | KeyboardEvent | WheelEvent>) => {
      const o = e.originalEvent as PointerEvent;
      return o.shiftKey && !o.ctrlKey && !o.metaKey && !o.altKey;
    };
    this.dragBox = new DragBox({ condition: shiftOnly, className: 'qw-dragbox' });
    this.dragBox.on('boxend', () => {
      const extent = this.dragBox!.getGeometry().getExtent();
      ctx.callbacks().select(ctx.sightingsInExtent(extent), 'add');
    });
    // Only selected things can be dragged, so only the highlight and zone layers are hit-tested:
    // Translate tests on every pointer move, and testing the 10,000-mark layer each time was costly.
    // (Given a features collection, Translate would test every layer; so it moves the one grabbed
    // and the rest of the selection follows by the same steps.)
    const selected = (f: unknown) => ctx.selectedFeatures.getArray().includes(f as Feature);
    this.translate = new Translate({ layers: [ctx.selectionLayer, ctx.zonesLayer], filter: selected, hitTolerance: 4 });
    let last: Coordinate | null = null;
    let pressedAt: { pixel: Pixel; coordinate: Coordinate } | null = null;
    this.translate.on('translatestart', (e) => {
      last = e.coordinate;
      pressedAt = { pixel: e.mapBrowserEvent.pixel, coordinate: e.coordinate };
    });
    this.translate.on('translating', (e) => {
      if (!last) return;
      const [dx, dy] = [e.coordinate[0]! - last[0]!, e.coordinate[1]! - last[1]!];
      last = e.coordinate;
      const grabbed = e.features.getArray();
      for (const f of ctx.selectedFeatures.getArray()) if (!grabbed.includes(f)) f.getGeometry()?.translate(dx, dy);
    });
    this.translate.on('translateend', (e) => {
      last = null;
      const start = pressedAt;
      pressedAt = null;
      const features = ctx.selectedFeatures.getArray() as Feature<Geometry>[];
      if (start && travelled(start.pixel, e.mapBrowserEvent.pixel) < DRAG_TOLERANCE_PX) {
        // A click, not a drag: put back the pixel or two the press wobbled, and save nothing.
        const [dx, dy] = [start.coordinate[0]! - e.coordinate[0]!, start.coordinate[1]! - e.coordinate[1]!];
        for (const f of features) f.getGeometry()?.translate(dx, dy);
        return;
      }
      this.reportChanges(features);
    });
    this.modify = new Modify({ features: ctx.selectedFeatures, pixelTolerance: 8 });
    let before: { pixel: Pixel | null; shapes: [Feature<Geometry>, Geometry | undefined][] } | null = null;
    this.modify.on('modifystart', (e) => {
      const features = e.features.getArray() as Feature<Geometry>[];
      before = { pixel: e.mapBrowserEvent?.pixel ?? null, shapes: features.map((f) => [f, f.getGeometry()?.clone()]) };
    });
    this.modify.on('modifyend', (e) => {
      const start = before;
      before = null;
      if (start && travelled(start.pixel, e.mapBrowserEvent?.pixel) < DRAG_TOLERANCE_PX) {
        // A click on an edge inserted a vertex (a box became five corners): undo that, save nothing.
        for (const [f, shape] of start.shapes) if (shape) f.setGeometry(shape);
        return;
      }
      this.reportChanges(e.features.getArray() as Feature<Geometry>[]);
    });
    // Reshaping is for one mark at a time. With several selected, Modify would grab the dragged
    // point's only vertex and move that one mark alone; Translate moves them all together.
    const modify = this.modify;
    const onlyOne = () => modify.setActive(ctx.selectedFeatures.getLength() <= 1);
    onlyOne();
    this.keys.push(ctx.selectedFeatures.on('change:length', onlyOne));
    // Added last so it sees the pointer first: vertices win over whole-feature moves.
    for (const i of [this.dragBox, this.translate, this.modify]) map.addInteraction(i);
    this.keys.push(map.on('click', (e) => this.handleClick(e)));
  }

  private reportChanges(features: Feature<Geometry>[]) {
    const ctx = this.ctx!;
    const moved: { id: string; geometry: ReturnType<typeof featureGeometryToLonLat> & object }[] = [];
    for (const f of features) {
      const geometry = featureGeometryToLonLat(f, ctx);
      if (!geometry) continue;
      if (f.get(KIND) === 'zone' && geometry.type === 'Polygon') ctx.callbacks().reshapedZone(String(f.getId()), geometry);
      else if (f.get(KIND) === 'sighting') moved.push({ id: String(f.getId()), geometry });
    }
    if (moved.length) ctx.callbacks().movedSightings(moved);
  }

  private handleClick(e: MapBrowserEvent<PointerEvent | KeyboardEvent | WheelEvent>) {
    const ctx = this.ctx!;
    const sightingId = ctx.markAt(e.coordinate, 'sighting');
    const additive = (e.originalEvent as PointerEvent).shiftKey;
    if (sightingId) {
      ctx.callbacks().select([sightingId], additive ? 'toggle' : 'replace');
      return;
    }
    if (additive) return; // a shift-click on nothing keeps the selection
    const ghostId = ctx.markAt(e.coordinate, 'ghost');
    if (ghostId) {
      ctx.callbacks().selectGhost(ghostId);
      return;
    }
    let zoneId: string | null = null;
    ctx.map.forEachFeatureAtPixel(
      e.pixel,
      (f) => {
        zoneId = String(f.getId());
        return true;
      },
      { layerFilter: (l) => l === ctx.zonesLayer },
    );
    if (zoneId) ctx.callbacks().selectZone(zoneId);
    else ctx.callbacks().select([], 'replace');
  }

  exit() {
    const map = this.ctx?.map;
    for (const k of this.keys) unByKey(k);
    this.keys = [];
    for (const i of [this.dragBox, this.translate, this.modify]) if (i && map) map.removeInteraction(i);
    this.dragBox = this.translate = this.modify = null;
    this.ctx = null;
  }
}
