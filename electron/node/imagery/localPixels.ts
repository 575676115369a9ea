// Where a scene's own pixels are on this machine, for the pictures that go out (report chips, figures).
import fs from 'node:fs';
import path from 'node:path';
import type { Scene } from '../../../shared/domain';
import type { ProjectStore } from '../store/projectStore';
import { cachedTile, cachedZooms, mbtilesTile, mbtilesZooms } from './tiles';
import { openSceneFile, sceneMbtilesFile } from './sceneFile';
import type { ScenePixels } from './sceneWindow';

/** Where a scene's pixels are on this machine: its GeoTIFF, its MBTiles file, or the tiles copied into the project. Never the network. */
export async function localPixels(store: ProjectStore, scene: Scene): Promise<ScenePixels> {
  const source = scene.source;
  // Local files only as the scene's imported file (sceneFile.ts): a swapped or crafted one is a caveat, not a chip.
  if (source.kind === 'geotiff') return { kind: 'geotiff', open: () => openSceneFile(store, scene) };
  if (source.kind === 'mbtiles') {
    const file = await sceneMbtilesFile(store, scene);
    return { kind: 'tiles', zooms: () => mbtilesZooms(file), tile: (z, x, y) => mbtilesTile(file, z, x, y), missing: `its MBTiles file ${path.basename(file)} has no tile there` };
  }
  return {
    kind: 'tiles',
    zooms: () => cachedZooms(store, scene.id),
    tile: (z, x, y) => cachedTile(store, scene.id, z, x, y),
    missing: "that scene's tiles there are not stored in the project (reports and figures never fetch tiles: make the scene available offline over this place first)",
  };
}


/** Whether a scene's pixels are on this machine at all (its file, or tiles made available offline): what chips and report figures may draw. */
export function hasLocalPixels(store: ProjectStore, scene: Scene): boolean {
  if (scene.source.kind === 'xyz') return cachedZooms(store, scene.id).length > 0;
  return fs.existsSync(store.resolveSourcePath(scene.source)!);
}
