// A scene's whole image at about the size of the screen, as raw RGBA bytes (no PNG to encode here and
// decode there: ~50 ms less on the way to the first picture), with where it lies (CRS and extent): the
// map draws it the moment the app starts, before its GeoTIFF layer has read a header or
// decoded a tile (renderer/src/map/sceneImagery.ts), and swaps it for that layer once it is drawn.
// Only for scenes the map would show exactly as stored: 8-bit RGB, no nodata, no GDAL statistics
// (OpenLayers stretches by those), a file small enough to read whole. Anything else gets no preview
// and opens as before; a preview never differs from the layer beyond resampling.
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import sharp from 'sharp';
import type { Scene } from '../../../shared/domain';
import type { ProjectStore } from '../store/projectStore';
import { sameFile, type FileIdentity } from '../store/sceneFiles';
import { crsOfImage, geoTiffOf, openSceneFile, type OpenedImageryFile } from './sceneFile';

export interface ScenePreview {
  /** width × height × 4 bytes, row by row from the top left: RGBA. */
  rgba: Buffer;
  width: number;
  height: number;
  /** The CRS the map's view takes from this scene, as OpenLayers names it from the GeoKeys. */
  crs: string;
  /** [minX, minY, maxX, maxY] of the whole image in `crs`: the GeoTIFF layer's own extent. */
  extent: [number, number, number, number];
}

/** Larger files (big COGs) are read tile by tile by the map anyway: no preview, nothing read whole. */
export const MAX_PREVIEW_FILE_BYTES = 32 * 1024 * 1024;
/** Neither side of a preview is larger than this, whatever the screen says. */
export const MAX_PREVIEW_SIDE = 4096;

/** Whether the map draws this image's pixels as they are stored (see the header). */
async function drawnAsStored(image: GeoTIFFImage): Promise<boolean> {
  const dir = image.fileDirectory;
  const bits = (dir.getValue('BitsPerSample') as ArrayLike<number> | undefined) ?? [];
  const format = (dir.getValue('SampleFormat') as ArrayLike<number> | undefined) ?? [1];
  // RGB as stored (not YCbCr, which geotiff.js and libvips might convert differently).
  if (image.getSamplesPerPixel() !== 3 || dir.getValue('PhotometricInterpretation') !== 2) return false;
  if (!Array.from(bits).every((b) => b === 8) || !Array.from(format).every((f) => f === 1)) return false;
  if (image.getGDALNoData() !== null) return false;
  const stats = await image.getGDALMetadata(0).catch(() => null);
  return !stats || !Object.keys(stats).some((k) => k.startsWith('STATISTICS_'));
}

/**
 * The scene the app opens on: the first of the scene list (the renderer's project slice starts at
 * index 0). The host decodes it ahead (session.ts) and serves its preview (appHandler.ts) by this rule.
 */
export const openingScene = (store: ProjectStore): Scene | null => store.scenes()[0] ?? null;

/** Whether a scene can have a preview at all: a local GeoTIFF, optical (radar is drawn stretched in dB). */
const mayHavePreview = (scene: Scene) => scene.source.kind === 'geotiff' && scene.sensor !== 'sar';

/** The size a `width` × `height` image is drawn at to fit `box`, never enlarged. */
export function previewSize(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, Math.min(box.width, MAX_PREVIEW_SIDE) / width, Math.min(box.height, MAX_PREVIEW_SIDE) / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A scene's pixels decoded (fitted into MAX_PREVIEW_SIDE), from the file `identity` names. */
export interface DecodedScene {
  sceneId: string;
  identity: FileIdentity;
  rgb: Buffer;
  width: number;
  height: number;
  crs: string;
  extent: [number, number, number, number];
}

/** Decodes an opened scene file if the map draws it as stored (see the header), else null. */
async function decode(file: OpenedImageryFile, sceneId: string): Promise<DecodedScene | null> {
  if (file.size > MAX_PREVIEW_FILE_BYTES) return null;
  let tiff: GeoTIFF | null = null;
  try {
    tiff = await geoTiffOf(file);
    const image = await tiff.getImage();
    const crs = crsOfImage(image);
    if (!crs || !(await drawnAsStored(image))) return null;
    const extent = image.getBoundingBox() as [number, number, number, number];
    if (extent.length !== 4 || !extent.every(Number.isFinite)) return null;
    const bytes = Buffer.alloc(file.size);
    await file.handle.read(bytes, 0, file.size, 0);
    const size = previewSize(image.getWidth(), image.getHeight(), { width: MAX_PREVIEW_SIDE, height: MAX_PREVIEW_SIDE });
    // libvips decodes and resizes on its own threads: the host keeps answering meanwhile.
    const rgb = await sharp(bytes, { limitInputPixels: 1 << 28 }).resize(size.width, size.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    return { sceneId, identity: file.identity, rgb, ...size, crs, extent };
  } catch {
    return null; // a file sharp or geotiff.js cannot read whole: the map reads it as before
  } finally {
    await tiff?.close();
  }
}

/**
 * Decodes a scene ahead of its preview being asked for: a host does it for the scene the app opens on
 * as the project opens, while the browser is still opening the page (session.ts). Null when the scene
 * gets no preview or its file cannot be opened as the imported one.
 */
export async function decodeSceneAhead(store: ProjectStore, scene: Scene): Promise<DecodedScene | null> {
  if (!mayHavePreview(scene)) return null;
  const file = await openSceneFile(store, scene).catch(() => null);
  if (!file) return null;
  try {
    return await decode(file, scene.id);
  } finally {
    await file.close();
  }
}

/**
 * The preview of a scene to fit `box` (device pixels), or null when the scene gets none. `ahead` is
 * the same scene decoded earlier, used only if its file is still the very one read then. Throws
 * SceneFileError when the file is gone or changed (the imagery route says so the same way).
 */
export async function scenePreview(store: ProjectStore, scene: Scene, box: { width: number; height: number }, ahead?: Promise<DecodedScene | null> | null): Promise<ScenePreview | null> {
  if (!mayHavePreview(scene)) return null;
  const file = await openSceneFile(store, scene);
  let decoded: DecodedScene | null;
  try {
    const early = ahead ? await ahead : null;
    decoded = early && early.sceneId === scene.id && sameFile(early.identity, file.identity) ? early : await decode(file, scene.id);
  } finally {
    await file.close();
  }
  if (!decoded) return null;
  const size = previewSize(decoded.width, decoded.height, box);
  const raw = { raw: { width: decoded.width, height: decoded.height, channels: 3 as const } };
  const rgba = await sharp(decoded.rgb, raw).resize(size.width, size.height, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
  return { rgba, ...size, crs: decoded.crs, extent: decoded.extent };
}
