// When the opening scene's preview counts as the scene drawn: only when it is at least as sharp as
// the screen's pixels at the view it is shown at (a coarser one is a placeholder).
import type { FrameState } from 'ol/Map';
import { sharpEnough } from './previewLayer';
import type { ScenePreview } from '../api/scenePreview';

// 900 preview pixels across 2700 m: 3 m a pixel.
const preview = { sceneId: 's', crs: 'EPSG:32652', extent: [0, 0, 2700, 2700], image: { width: 900, height: 900 } } as unknown as ScenePreview;
const frame = (resolution: number, pixelRatio: number) => ({ viewState: { resolution }, pixelRatio }) as unknown as FrameState;

describe('sharpEnough', () => {
  it('counts a preview as sharp as, or sharper than, the screen’s pixels', () => {
    expect(sharpEnough(preview, frame(3.5, 1))).toBe(true);
    expect(sharpEnough(preview, frame(3, 1))).toBe(true);
  });
  it('does not count one coarser than the screen: zoomed in, or on a high-density display', () => {
    expect(sharpEnough(preview, frame(2, 1))).toBe(false);
    expect(sharpEnough(preview, frame(3.5, 2))).toBe(false);
    expect(sharpEnough(preview, null)).toBe(false);
  });
});
