// The marks of one vector layer kept by id, so a change to the list touches only what changed:
// with 10,000 sightings on a scene, marking, moving or selecting one must not rebuild the other 9,999.
import Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import type VectorSource from 'ol/source/Vector';
import type { Style } from 'ol/style';
import { KIND, type FeatureKind } from './modes/Mode';

interface Drawn<T> {
  item: T;
  feature: Feature<Geometry>;
  style: Style;
}

export interface MarkLook<T> {
  /** The view geometry of an item; called only for new items and items whose geometry object changed. */
  geometry(item: T): Geometry;
  /** The (shared, cached) style of an item in its current state. */
  style(item: T): Style;
}

export class MarkFeatures<T extends { id: string; geometry: unknown }> {
  private readonly drawn = new Map<string, Drawn<T>>();

  constructor(
    private readonly source: VectorSource,
    private readonly kind: FeatureKind,
  ) {}

  /**
   * Brings the layer to `items`: adds the new, removes the gone, replaces the geometry of an item
   * whose geometry object changed (the store hands out a new object on every saved edit) and sets
   * the style only where it differs. Feature objects live as long as their item, so the selection
   * collection and a running drag keep holding the features on screen.
   * Returns how many features were added, removed and updated, for tests and the benchmark.
   */
  sync(items: readonly T[], look: MarkLook<T>): { added: number; removed: number; updated: number } {
    const seen = new Set<string>();
    const added: Feature<Geometry>[] = [];
    let updated = 0;
    for (const item of items) {
      seen.add(item.id);
      const d = this.drawn.get(item.id);
      const style = look.style(item);
      if (!d) {
        const feature = new Feature<Geometry>({ geometry: look.geometry(item) });
        feature.setId(item.id);
        feature.set(KIND, this.kind);
        feature.setStyle(style);
        this.drawn.set(item.id, { item, feature, style });
        added.push(feature);
        continue;
      }
      let touched = false;
      if (d.item !== item) {
        if (d.item.geometry !== item.geometry) {
          d.feature.setGeometry(look.geometry(item));
          touched = true;
        }
        d.item = item;
      }
      if (d.style !== style) {
        d.feature.setStyle(style);
        d.style = style;
        touched = true;
      }
      if (touched) updated++;
    }
    const gone: Feature<Geometry>[] = [];
    for (const [id, d] of this.drawn) {
      if (seen.has(id)) continue;
      gone.push(d.feature);
      this.drawn.delete(id);
    }
    // Removing most of a large layer one by one is slower than starting over (scene switch).
    if (gone.length > 0 && gone.length >= this.source.getFeatures().length / 2) {
      this.source.clear(true);
      const fresh = new Set(added);
      this.source.addFeatures([...this.drawn.values()].filter((d) => !fresh.has(d.feature)).map((d) => d.feature));
    } else {
      for (const f of gone) this.source.removeFeature(f);
    }
    if (added.length) this.source.addFeatures(added);
    return { added: added.length, removed: gone.length, updated };
  }

  /** Forgets every mark (the view's projection changed, or another project opened). */
  clear() {
    this.drawn.clear();
    this.source.clear(true);
  }

  /** The item a mark was last drawn from. */
  item(id: string): T | null {
    return this.drawn.get(id)?.item ?? null;
  }

  feature(id: string): Feature<Geometry> | null {
    return this.drawn.get(id)?.feature ?? null;
  }
}
