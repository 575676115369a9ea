// The opening scene's preview on the map (api/scenePreview.ts): one image in the scene's CRS, drawn
// by the canvas renderer (no WebGL context to start), under everything, until the scene's GeoTIFF
// layer is drawn. It tells whether it is as sharp as the screen: only then does the map count the
// scene as drawn (a preview coarser than the view's pixels is a placeholder, not the scene).
import ImageLayer from 'ol/layer/Image';
import ImageSource from 'ol/source/Image';
import { getWidth, getHeight } from 'ol/extent';
import { fromProjectionCode } from 'ol/proj/proj4';
import { get as getProjection } from 'ol/proj';
import type { FrameState } from 'ol/Map';
import type { ScenePreview } from '../api/scenePreview';

export type PreviewLayer = ImageLayer<ImageSource>;

/** The scene's CRS defined (from shared/crs.ts, via sceneLayer.ts's lookup), so a view can be made in it. */
export async function definePreviewCrs(preview: ScenePreview): Promise<void> {
  if (!getProjection(preview.crs)) await fromProjectionCode(preview.crs);
}

export function createPreviewLayer(preview: ScenePreview): PreviewLayer {
  const { image, extent } = preview;
  const resolution = [getWidth(extent) / image.width, getHeight(extent) / image.height];
  const source = new ImageSource({
    projection: preview.crs,
    interpolate: true,
    // A loader without arguments is static: the one image whatever the view.
    loader: () => Promise.resolve({ image, extent, resolution, pixelRatio: 1 }),
  });
  return new ImageLayer({ source, zIndex: 0, properties: { sceneId: preview.sceneId, preview: true } });
}

/** Whether a frame showed the preview at least as sharp as the screen's pixels (5 % slack for rounding). */
export function sharpEnough(preview: ScenePreview, frame: FrameState | null | undefined): boolean {
  if (!frame) return false;
  const previewResolution = Math.max(getWidth(preview.extent) / preview.image.width, getHeight(preview.extent) / preview.image.height);
  return previewResolution <= (frame.viewState.resolution / frame.pixelRatio) * 1.05;
}
