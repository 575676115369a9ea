// The imagery layer of a tiled scene (MBTiles file, URL template, or its offline copy): XYZ tiles
// from the page's own origin, which serves them from the project, the file or the tile server —
// the API key never reaches the page. OpenLayers reprojects them into the view's projection.
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import { transformExtent } from 'ol/proj';
import type ImageTile from 'ol/ImageTile';
import type Tile from 'ol/Tile';
import TileState from 'ol/TileState';
import type { Scene } from '../../../shared/domain';
import { sessionHeaders } from '../api/client';

/** URL template of a scene's tiles on this page's origin (both hosts serve the same route). */
export const sceneTileUrlTemplate = (sceneId: string) => `/imagery/scene/${sceneId}/tiles/{z}/{x}/{y}`;

export const isTiledScene = (scene: Scene) => scene.source.kind === 'mbtiles' || scene.source.kind === 'xyz';

export function createTileSceneLayer(scene: Scene) {
  const source = new XYZ({
    url: sceneTileUrlTemplate(scene.id),
    projection: 'EPSG:3857',
    maxZoom: 22,
    transition: 0,
    attributions: scene.credit,
    tileLoadFunction: loadTileWithSession,
  });
  return new TileLayer({ source, zIndex: 0, preload: 1, properties: { sceneId: scene.id, footprint: scene.footprint } });
}

/** Web Mercator and the footprint's extent, for the first scene shown. */
export function tileSceneViewHint(scene: Scene): { projection: string; extent?: number[] } {
  const ring = scene.footprint?.coordinates[0];
  if (!ring?.length) return { projection: 'EPSG:3857' };
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { projection: 'EPSG:3857', extent: transformExtent([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 'EPSG:4326', 'EPSG:3857') };
}

/**
 * Tiles are fetched with the page's session header (an <img> cannot send one) and shown from a blob
 * URL, released once the image has decoded. A refused or failed fetch marks the tile as an error.
 */
function loadTileWithSession(tile: Tile, src: string) {
  const image = (tile as ImageTile).getImage() as HTMLImageElement;
  fetch(src, { headers: sessionHeaders(), credentials: 'omit' })
    .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(String(res.status)))))
    .then((blob) => {
      const objectUrl = URL.createObjectURL(blob);
      image.addEventListener('load', () => URL.revokeObjectURL(objectUrl), { once: true });
      image.addEventListener('error', () => URL.revokeObjectURL(objectUrl), { once: true });
      image.src = objectUrl;
    })
    .catch(() => tile.setState(TileState.ERROR));
}
