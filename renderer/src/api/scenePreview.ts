// The opening scene's preview (electron/node/imagery/scenePreview.ts): asked by the page's small entry
// at once, made into a bitmap while the app's code loads, then taken once by the map
// (map/sceneImagery.ts), which draws it before the GeoTIFF layer has read anything. No OpenLayers
// here: this runs in the entry.
import { fetchImagery } from './client';

export interface ScenePreview {
  sceneId: string;
  image: ImageBitmap;
  crs: string;
  extent: [number, number, number, number];
}

let opening: Promise<ScenePreview | null> | null = null;

/** The opening scene's preview for a screen of `width` × `height` device pixels, or null when there is none. */
async function fetchPreview(width: number, height: number): Promise<ScenePreview | null> {
  const res = await fetchImagery(`/imagery/opening/preview?w=${Math.round(width)}&h=${Math.round(height)}`);
  if (res.status !== 200) return null;
  const sceneId = res.headers.get('Quaywatch-Scene');
  const crs = res.headers.get('Quaywatch-Crs');
  const [w, h] = (res.headers.get('Quaywatch-Size') ?? '').split('x').map(Number);
  const extent = (res.headers.get('Quaywatch-Extent') ?? '').split(',').map(Number);
  if (!sceneId || !crs || !w || !h || extent.length !== 4 || !extent.every(Number.isFinite)) return null;
  const bytes = new Uint8ClampedArray(await res.arrayBuffer());
  if (bytes.length !== w * h * 4) return null;
  const image = await createImageBitmap(new ImageData(bytes, w, h));
  return { sceneId, image, crs, extent: extent as ScenePreview['extent'] };
}

/** Starts fetching the opening scene's preview for this window's size. Any failure only means no preview. */
export function fetchOpeningPreview(): void {
  if (typeof createImageBitmap !== 'function') return;
  opening = fetchPreview(innerWidth * devicePixelRatio, innerHeight * devicePixelRatio).catch(() => null);
}

/** The opening preview (once) if there is one and it is of this scene, else null. */
export async function takeOpeningPreview(sceneId: string): Promise<ScenePreview | null> {
  const taken = opening;
  opening = null;
  const preview = taken ? await taken : null;
  return preview?.sceneId === sceneId ? preview : null;
}
