// The strip's spreading rule, as a table: first and last always in, no scene twice, all of them when there are few.
import { evenlySpread } from './reportFigures';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('evenlySpread', () => {
  it.each([
    [10, 6, [0, 2, 4, 5, 7, 9]],
    [22, 6, [0, 4, 8, 13, 17, 21]],
    [7, 6, [0, 1, 2, 4, 5, 6]],
    [6, 6, [0, 1, 2, 3, 4, 5]],
    [4, 6, [0, 1, 2, 3]],
    [12, 2, [0, 11]],
    [0, 6, []],
  ])('%i scenes, %i frames → %j', (n, frames, expected) => {
    expect(evenlySpread(range(n), frames)).toEqual(expected);
  });

  it('never repeats a scene and keeps the date order, whatever the counts', () => {
    for (let n = 0; n <= 40; n++) {
      for (let k = 2; k <= 12; k++) {
        const picked = evenlySpread(range(n), k);
        expect(picked).toHaveLength(Math.min(n, k));
        expect(new Set(picked).size).toBe(picked.length);
        expect(picked).toEqual([...picked].sort((a, b) => a - b));
        if (n) expect([picked[0], picked.at(-1)]).toEqual([0, n - 1]);
      }
    }
  });
});
