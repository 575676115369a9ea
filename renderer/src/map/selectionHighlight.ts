// The selected marks drawn again, highlighted, on a small plain layer above the big marks layer:
// selecting one of 10,000 then restyles nothing in the big layer, so its image is not redrawn (that
// redraw was most of a click's cost). Drags and reshapes move the highlight's own copy of the
// geometry, so the big layer is redrawn once when the edit is saved, not on every pointer move; the
// mark's saved place shows beneath until then. Also keeps the collection Translate/Modify act on.
import Collection from 'ol/Collection';
import Feature from 'ol/Feature';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type { Geometry } from 'ol/geom';
import type { Sighting } from '../../../shared/domain';
import type { MarkFeatures } from './markFeatures';
import { KIND } from './modes/Mode';
import { sightingStyle } from './vectorStyles';

export class SelectionHighlight {
  readonly layer = new VectorLayer({ source: new VectorSource(), zIndex: 21 });
  /** What Translate/Modify act on: the highlights and the selected zone. */
  readonly features = new Collection<Feature>();
  /** Highlight features by sighting id, kept while the mark stays selected (a running drag holds one). */
  private readonly highlights = new Map<string, Feature>();
  /** The mark geometry each highlight was copied from. */
  private readonly highlightSource = new WeakMap<Feature, Geometry | undefined>();
  private version = 0;
  private drawnVersion = 0;

  constructor(
    private readonly marks: MarkFeatures<Sighting>,
    private readonly zones: VectorSource,
  ) {
    this.layer.on('postrender', () => (this.drawnVersion = this.version));
  }

  /** Whether a frame has drawn the selection as it is now. */
  drawn(): boolean {
    return this.drawnVersion === this.version;
  }

  /**
   * Brings the highlight layer to the selection and keeps the collection that Translate/Modify act
   * on equal to it: the highlights (they share geometry with the marks, so moving one moves both)
   * and the selected zone.
   */
  sync(selectedIds: Set<string>, selectedZoneId: string | null, labels: Map<string, string>) {
    const overlay = this.layer.getSource()!;
    let changed = false;
    for (const [id, h] of this.highlights) {
      if (selectedIds.has(id) && this.marks.feature(id)) continue;
      overlay.removeFeature(h);
      this.highlights.delete(id);
      changed = true;
    }
    const features: Feature[] = [];
    for (const id of selectedIds) {
      const mark = this.marks.feature(id);
      const s = this.marks.item(id);
      if (!mark || !s) continue;
      const style = sightingStyle(s.class, true, labels.get(id) ?? '', s.verified === false);
      let h = this.highlights.get(id);
      if (!h) {
        h = new Feature({ geometry: mark.getGeometry()?.clone() });
        this.highlightSource.set(h, mark.getGeometry());
        h.setId(id);
        h.set(KIND, 'sighting');
        h.setStyle(style);
        this.highlights.set(id, h);
        overlay.addFeature(h);
        changed = true;
      } else {
        // A saved (or refused) edit gives the mark a new geometry object: show that one.
        if (this.highlightSource.get(h) !== mark.getGeometry()) {
          h.setGeometry(mark.getGeometry()?.clone());
          this.highlightSource.set(h, mark.getGeometry());
          changed = true;
        }
        if (h.getStyle() !== style) {
          h.setStyle(style);
          changed = true;
        }
      }
      features.push(h);
    }
    if (changed) this.version++;
    if (selectedZoneId) {
      const f = this.zones.getFeatureById(selectedZoneId);
      if (f) features.push(f as Feature);
    }
    const now = this.features.getArray();
    if (now.length === features.length && now.every((f, i) => f === features[i])) return;
    this.features.clear();
    this.features.extend(features);
  }
}
