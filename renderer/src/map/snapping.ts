// Snapping (optional, Shift+S): a click, a drawn corner or a dragged vertex within 10 px of a
// zone's edge or corner, a mark, or a ghost (where the ship lay on the previous scene) lands
// exactly on it.
import type OlMap from 'ol/Map';
import type VectorSource from 'ol/source/Vector';
import Snap from 'ol/interaction/Snap';

export class Snapping {
  private on = false;
  private snaps: Snap[] = [];

  constructor(
    private readonly map: OlMap,
    private readonly sources: VectorSource[],
  ) {
    for (const source of sources) {
      source.on('clear', () => {
        if (this.on) this.place();
      });
    }
  }

  set(on: boolean) {
    if (on === this.on) return;
    this.on = on;
    this.place();
    this.map.getTargetElement()?.setAttribute('data-snapping', on ? 'on' : 'off');
  }

  /**
   * Snap must be added after the tool's Draw/Modify to see the pointer first, so it is placed
   * again whenever the tool changes. It is also rebuilt when a source is cleared in one go
   * (a scene switch): a fast clear does not tell Snap which features went.
   */
  place() {
    for (const snap of this.snaps) this.map.removeInteraction(snap);
    this.snaps = [];
    if (!this.on) return;
    for (const source of this.sources) {
      const snap = new Snap({ source, pixelTolerance: 10 });
      this.map.addInteraction(snap);
      this.snaps.push(snap);
    }
  }
}
