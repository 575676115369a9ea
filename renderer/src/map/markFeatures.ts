// The marks of one vector layer kept by id, so a change to the list touches only what changed:
// with 10,000 sightings on a scene, marking, moving or selecting one must not rebuild the other 9,999.
//
// With a staging source, a few new marks go there first (a small layer drawn every frame) instead of
// into the big layer, whose image would have to be redrawn whole for each one. They join the big
// layer when it is redrawn anyway, after the view moves: promote() adds them to it when a move
// starts (they stay staged too, so they show while the old image is reused), and settle() takes
// them out of staging once the big layer has drawn its next image.
import Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import type VectorSource from 'ol/source/Vector';
import type { Style } from 'ol/style';
import { KIND, type FeatureKind } from './modes/Mode';

/** Where a mark's feature is: the big source, staging, or both (promoted, until the big layer draws it). */
type Place = 'main' | 'staged' | 'promoted';

interface Drawn<T> {
  item: T;
  feature: Feature<Geometry>;
  style: Style;
  place: Place;
}

export interface MarkLook<T> {
  /** The view geometry of an item; called only for new items and items whose geometry object changed. */
  geometry(item: T): Geometry;
  /** The (shared, cached) style of an item in its current state. */
  style(item: T): Style;
}

/** At most this many new marks at once are staged; more (a scene switch, an import) go to the big layer. */
const STAGE_BATCH = 20;
/** Staged marks beyond this many join the big layer at once (one redraw). */
const STAGE_LIMIT = 200;

export class MarkFeatures<T extends { id: string; geometry: unknown }> {
  private readonly drawn = new Map<string, Drawn<T>>();

  constructor(
    private readonly source: VectorSource,
    private readonly kind: FeatureKind,
    private readonly staging: VectorSource | null = null,
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
    const added: Drawn<T>[] = [];
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
        const entry: Drawn<T> = { item, feature, style, place: 'main' };
        this.drawn.set(item.id, entry);
        added.push(entry);
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
    const gone: Drawn<T>[] = [];
    for (const [id, d] of this.drawn) {
      if (seen.has(id)) continue;
      gone.push(d);
      this.drawn.delete(id);
    }
    for (const d of gone) if (d.place !== 'main') this.staging!.removeFeature(d.feature);
    const goneMain = gone.filter((d) => d.place !== 'staged').map((d) => d.feature);
    // Removing most of a large layer one by one is slower than starting over (scene switch).
    if (goneMain.length > 0 && goneMain.length >= this.source.getFeatures().length / 2) {
      this.source.clear(true);
      const fresh = new Set(added);
      this.source.addFeatures([...this.drawn.values()].filter((d) => !fresh.has(d) && d.place !== 'staged').map((d) => d.feature));
    } else {
      for (const f of goneMain) this.source.removeFeature(f);
    }
    if (added.length) this.place(added);
    return { added: added.length, removed: gone.length, updated };
  }

  private place(added: Drawn<T>[]) {
    const staging = this.staging;
    // A few marks added to a layer that has others: staged. The first marks of a scene, or many at
    // once (a scene switch, an import), go straight to the big layer.
    const stage = staging !== null && added.length <= STAGE_BATCH && this.drawn.size > added.length;
    if (!stage) {
      this.source.addFeatures(added.map((d) => d.feature));
      return;
    }
    for (const d of added) d.place = 'staged';
    staging.addFeatures(added.map((d) => d.feature));
    if (this.stagedCount() > STAGE_LIMIT) this.promote();
  }

  /** How many marks are drawn by staging alone (not yet in the big layer). */
  stagedCount() {
    let n = 0;
    for (const d of this.drawn.values()) if (d.place === 'staged') n++;
    return n;
  }

  /** Staged marks join the big layer (and stay staged, shown, until it has drawn them: settle()). */
  promote() {
    const promoted: Feature<Geometry>[] = [];
    for (const d of this.drawn.values()) {
      if (d.place !== 'staged') continue;
      d.place = 'promoted';
      promoted.push(d.feature);
    }
    if (promoted.length) this.source.addFeatures(promoted);
  }

  /** The big layer has drawn a new image: promoted marks are in it, so staging lets them go. */
  settle() {
    for (const d of this.drawn.values()) {
      if (d.place !== 'promoted') continue;
      d.place = 'main';
      this.staging!.removeFeature(d.feature);
    }
  }

  /** Forgets every mark (the view's projection changed, or another project opened). */
  clear() {
    this.drawn.clear();
    this.source.clear(true);
    this.staging?.clear(true);
  }

  /** How many marks are drawn (in the big layer or staged). */
  size(): number {
    return this.drawn.size;
  }

  /** The item a mark was last drawn from. */
  item(id: string): T | null {
    return this.drawn.get(id)?.item ?? null;
  }

  feature(id: string): Feature<Geometry> | null {
    return this.drawn.get(id)?.feature ?? null;
  }
}
