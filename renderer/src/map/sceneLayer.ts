// Makes the imagery layer of one scene. One place decides how a scene's pixels are read, so new
// imagery kinds (XYZ, MBTiles) plug in here without touching the map controller.
import WebGLTileLayer from 'ol/layer/WebGLTile';
import GeoTIFF from 'ol/source/GeoTIFF';
import type BaseLayer from 'ol/layer/Base';
import { register, setProjectionCodeLookup } from 'ol/proj/proj4';
import proj4 from 'proj4';
import { crsDefinition } from '../../../shared/crs';
import type { Scene } from '../../../shared/domain';
import { sceneImageryUrl, sessionHeaders } from '../api/client';
import { createTileSceneLayer, isTiledScene, tileSceneViewHint } from './tileSceneLayer';
import { createRadarLayer } from './radarLayer';

// A scene's CRS is defined when its GeoTIFF names it (loadMissingProjection), from the list the importers
// accept. proj4 comes with 130 definitions (every UTM zone); OpenLayers' register() links each pair
// (~15,000 transforms, ~110 ms of every start), so the map starts with lon/lat and web mercator only.
const START_WITH = new Set(['EPSG:4326', 'WGS84', 'EPSG:3857', 'EPSG:3785', 'GOOGLE', 'EPSG:900913', 'EPSG:102113']);
for (const code of Object.keys(proj4.defs)) if (!START_WITH.has(code)) delete (proj4.defs as unknown as Record<string, unknown>)[code];
register(proj4);
setProjectionCodeLookup(async (code) => {
  const definition = crsDefinition(code);
  if (!definition) throw new Error(`Quaywatch cannot draw imagery in ${code}`);
  return definition;
});

/** Any layer the map can show a scene with; the controller only sets visibility, opacity and z. */
export type SceneLayer = BaseLayer & {
  getSource(): unknown;
  dispose(): void;
  on(type: 'prerender' | 'postrender', listener: (e: unknown) => void): unknown;
};

/** Where a scene should put the view the first time imagery is shown. */
export interface SceneViewHint {
  projection: string;
  center?: number[];
  extent?: number[];
}

export function createSceneLayer(scene: Scene): SceneLayer {
  if (isTiledScene(scene)) return createTileSceneLayer(scene) as unknown as SceneLayer;
  // Radar amplitude is shown in dB with the analyst's stretch (radarLayer.ts); optical as it comes.
  if (scene.sensor === 'sar') return createRadarLayer(scene) as unknown as SceneLayer;
  const source = new GeoTIFF({
    sources: [{ url: sceneImageryUrl(scene.id) }],
    sourceOptions: { headers: sessionHeaders() },
    loadMissingProjection: true,
    interpolate: true,
    transition: 0,
  });
  source.setAttributions(scene.credit);
  return new WebGLTileLayer({ source, zIndex: 0, preload: 1, properties: { sceneId: scene.id } }) as unknown as SceneLayer;
}

/** The projection and extent a scene layer's source declares, or null when it declares none. */
export async function sceneViewHint(layer: SceneLayer): Promise<SceneViewHint | null> {
  const source = layer.getSource();
  const tiled = layer.get('footprint') !== undefined ? (layer.getProperties() as { sceneId: string; footprint: Scene['footprint'] }) : null;
  if (tiled) return tileSceneViewHint({ footprint: tiled.footprint } as Scene);
  if (!(source instanceof GeoTIFF)) return null;
  const opts = await source.getView();
  const projection = opts.projection;
  const code = typeof projection === 'string' ? projection : projection?.getCode();
  if (!code) return null;
  return { projection: code, center: opts.center, extent: opts.extent };
}
