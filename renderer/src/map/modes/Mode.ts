// What a map tool is (iD-style): a mode enters by adding its interactions and exits by removing
// them, so exactly one tool owns the pointer at a time.
import type OlMap from 'ol/Map';
import type Collection from 'ol/Collection';
import type Feature from 'ol/Feature';
import type VectorLayer from 'ol/layer/Vector';
import type { Coordinate } from 'ol/coordinate';
import type { Extent } from 'ol/extent';
import type { Geometry } from 'ol/geom';
import type { LonLat, PolygonGeometry, SightingClass, SightingGeometry } from '../../../../shared/domain';

/** What a mode reports back; bindMap turns these into store actions. */
export interface ModeCallbacks {
  select(ids: string[], how: 'replace' | 'toggle' | 'add'): void;
  selectZone(id: string | null): void;
  selectGhost(id: string): void;
  marked(geometry: SightingGeometry): void;
  movedSightings(changes: { id: string; geometry: SightingGeometry }[]): void;
  reshapedZone(id: string, geometry: PolygonGeometry): void;
  zoneDrawn(geometry: PolygonGeometry): void;
  measured(text: string | null): void;
}

export interface ModeContext {
  map: OlMap;
  /** Ids of the current scene's marks whose extent meets a (view) extent. */
  sightingsInExtent(extent: Extent): string[];
  /** The selected sightings drawn again on top; their features are the ones in selectedFeatures. */
  selectionLayer: VectorLayer;
  zonesLayer: VectorLayer;
  ghostsLayer: VectorLayer;
  /**
   * The features of the selected sightings (their highlights, with their own copy of the marks'
   * geometry, which a drag moves) and of the selected zone, kept current by the controller.
   */
  selectedFeatures: Collection<Feature>;
  projection(): string;
  toLonLat(c: Coordinate): LonLat;
  fromLonLat(p: LonLat): Coordinate;
  callbacks(): ModeCallbacks;
  /** Shows a mark just drawn until the store has it saved (or refused). */
  showPending(geometry: Geometry, cls: SightingClass): void;
  /** The id of the sighting (or ghost) drawn under a map coordinate, or null. */
  markAt(coordinate: Coordinate, kind: 'sighting' | 'ghost'): string | null;
}

export type ModeSpec =
  | { name: 'select' }
  | { name: 'mark'; cls: SightingClass; shape: 'point' | 'box' }
  | { name: 'zone' }
  | { name: 'measure'; kind: 'distance' | 'area' };

export interface MapMode {
  enter(ctx: ModeContext): void;
  exit(): void;
}

/** Feature property naming what a feature on the map stands for. */
export const KIND = 'qwKind';
export type FeatureKind = 'sighting' | 'zone' | 'ghost' | 'compare';
