// What a figure frames, as a north-up Web-Mercator box (the grid of web maps and XYZ tiles; any scene CRS is warped to it),
// and where a lon/lat falls in the picture's pixels.
import type { LonLat, Zone } from '../../../shared/domain';
import { mercator, unmercator } from '../imagery/sceneWindow';

/** A zone's frame: its outline plus this share of its size on every side (at least MIN_MARGIN_M). */
const MARGIN = 0.15;
const MIN_MARGIN_M = 60;
/** A frame is never narrower or flatter than this (a long quay stays readable): the short side grows. */
const MAX_ASPECT = 2.4;

export interface FigureFrameBox {
  /** Web-Mercator metres: left, top, right, bottom. */
  merc: [number, number, number, number];
  zone: Zone | null;
}

function ringsBox(points: LonLat[]): [number, number, number, number] {
  const xy = points.map(mercator);
  return [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[0])), Math.min(...xy.map((p) => p[1]))];
}

/** A zone's box with a margin, or a lon/lat box as given; the short side widened to MAX_ASPECT. */
export function frameOf(target: { zone: Zone } | { bbox: [LonLat, LonLat] }): FigureFrameBox {
  let [l, t, r, b] = 'zone' in target ? ringsBox(target.zone.geometry.coordinates[0]!) : ringsBox(target.bbox);
  if ('zone' in target) {
    // Mercator metres are ground metres / cos(latitude).
    const cos = Math.cos((unmercator([(l + r) / 2, (t + b) / 2])[1] * Math.PI) / 180);
    const m = Math.max(MIN_MARGIN_M / cos, MARGIN * Math.max(r - l, t - b));
    [l, t, r, b] = [l - m, t + m, r + m, b - m];
  }
  const w = r - l;
  const h = t - b;
  if (w / h > MAX_ASPECT) [t, b] = [(t + b) / 2 + w / MAX_ASPECT / 2, (t + b) / 2 - w / MAX_ASPECT / 2];
  else if (h / w > MAX_ASPECT) [l, r] = [(l + r) / 2 - h / MAX_ASPECT / 2, (l + r) / 2 + h / MAX_ASPECT / 2];
  return { merc: [l, t, r, b], zone: 'zone' in target ? target.zone : null };
}

/** The picture's height for a width, keeping the frame's shape. */
export function pictureHeight(frame: FigureFrameBox, width: number): number {
  const [l, t, r, b] = frame.merc;
  return Math.max(1, Math.round((width * (t - b)) / (r - l)));
}

/** Lon/lat → pixels of a `width` × `height` picture of the frame (fractional, from its top-left corner). */
export function framePx(frame: FigureFrameBox, width: number, height: number): (p: LonLat) => [number, number] {
  const [l, t, r, b] = frame.merc;
  return (p) => {
    const [x, y] = mercator(p);
    return [((x - l) / (r - l)) * width, ((t - y) / (t - b)) * height];
  };
}

/** Ground metres per picture pixel at the frame's centre (Mercator scaled by cos(latitude)). */
export function groundPerPx(frame: FigureFrameBox, width: number): number {
  const [l, t, r, b] = frame.merc;
  const lat = unmercator([(l + r) / 2, (t + b) / 2])[1];
  return ((r - l) / width) * Math.cos((lat * Math.PI) / 180);
}

/** Whether a lon/lat lies inside the frame. */
export function frameHolds(frame: FigureFrameBox, p: LonLat): boolean {
  const [l, t, r, b] = frame.merc;
  const [x, y] = mercator(p);
  return x >= l && x <= r && y >= b && y <= t;
}
