// Bringing a mark into view (a sighting picked in the side list): the least movement that shows it.
// Already well inside the view: stay. Fits at this zoom: pan so it is centred, keeping the zoom the
// analyst chose. Too big for the view: zoom out just enough to frame it.

/** [minX, minY, maxX, maxY] in view units. */
export type Extent = [number, number, number, number];

export type RevealMove = { kind: 'stay' } | { kind: 'pan'; center: [number, number] } | { kind: 'fit' };

/**
 * `margin` is the share of the view's width/height kept clear at each edge: a mark in the outer
 * band (under the zoom buttons, the hint, the scale bar) does not count as in view.
 */
export function revealMove(view: Extent, mark: Extent, margin = 0.1): RevealMove {
  const w = view[2] - view[0];
  const h = view[3] - view[1];
  const inner: Extent = [view[0] + w * margin, view[1] + h * margin, view[2] - w * margin, view[3] - h * margin];
  if (mark[0] >= inner[0] && mark[1] >= inner[1] && mark[2] <= inner[2] && mark[3] <= inner[3]) return { kind: 'stay' };
  const fits = mark[2] - mark[0] <= inner[2] - inner[0] && mark[3] - mark[1] <= inner[3] - inner[1];
  if (!fits) return { kind: 'fit' };
  return { kind: 'pan', center: [(mark[0] + mark[2]) / 2, (mark[1] + mark[3]) / 2] };
}
