import { describe, expect, it } from 'vitest';
import { revealMove } from './reveal';

describe('bringing a mark into view', () => {
  const view = [0, 0, 1000, 500] as [number, number, number, number];

  it('stays when the mark is well inside the view', () => {
    expect(revealMove(view, [400, 200, 420, 220])).toEqual({ kind: 'stay' });
  });

  it('pans, keeping the zoom, to a mark outside the view or in its edge band', () => {
    expect(revealMove(view, [3000, 3000, 3010, 3010])).toEqual({ kind: 'pan', center: [3005, 3005] });
    // Inside the view, but under its edge band (zoom buttons, scale bar).
    expect(revealMove(view, [10, 10, 20, 20])).toEqual({ kind: 'pan', center: [15, 15] });
  });

  it('zooms out to frame a mark bigger than the view', () => {
    expect(revealMove(view, [0, 0, 5000, 100])).toEqual({ kind: 'fit' });
  });
});
