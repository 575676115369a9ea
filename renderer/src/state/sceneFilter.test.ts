// Unknown cloud cover is unknown on every screen and never passes a cloud limit; a jump that lands
// on another day says where it landed; a typed date is YYYY-MM-DD and a real day.
import { describe, expect, it } from 'vitest';
import type { Scene } from '../../../shared/domain';
import { CLOUD_LIMITS, cloudPasses, cloudText, filterSummary, jumpTarget, parseIsoDate, scenePasses } from './sceneFilter';

const scene = (id: string, acquired: string, cloudCover: number | null) => ({ id, acquired, cloudCover }) as Scene;
const series = [scene('a', '2025-01-03T01:58:04Z', 0), scene('b', '2025-01-13T01:44:37Z', 0.3), scene('c', '2025-01-20T01:39:30Z', null)];
const all = () => true;

describe('cloud cover', () => {
  it('says unknown for a scene without a figure, never 0%', () => {
    expect(cloudText(null)).toBe('unknown');
    expect(cloudText(0)).toBe('0%');
    expect(cloudText(0.094)).toBe('9%');
  });

  it('a cloud limit leaves unknown cover out, and its label says so', () => {
    expect(cloudPasses(null, 0.1)).toBe(false);
    expect(cloudPasses(null, null)).toBe(true);
    expect(cloudPasses(0.1, 0.1)).toBe(true);
    expect(cloudPasses(0.11, 0.1)).toBe(false);
    for (const c of CLOUD_LIMITS) if (c.value != null) expect(c.label).toContain('unknown excluded');
  });

  it('the filter and its summary agree, and the summary names the unknown ones left out', () => {
    const f = { maxCloud: 0.1, observableZoneId: null };
    expect(series.map((s) => scenePasses(s, f, []))).toEqual([true, false, false]);
    expect(filterSummary(series, f, [])).toBe('1 of 3 scenes · 1 with unknown cloud left out');
    expect(filterSummary(series, { maxCloud: null, observableZoneId: null }, [])).toBe('3 of 3 scenes');
  });
});

describe('jump to a date', () => {
  it('lands silently on a scene of that very day', () => {
    expect(jumpTarget(series, '2025-01-13', all)).toEqual({ index: 1, notice: null });
  });

  it('far after the series: the last scene, and says so', () => {
    expect(jumpTarget(series, '2030-01-01', all)).toEqual({ index: 2, notice: 'No scene on 2030-01-01; the nearest is 2025-01-20 (last scene), 1807 days away.' });
  });

  it('before the series: the first scene; between scenes: the nearest, with no first/last', () => {
    expect(jumpTarget(series, '2024-12-31', all)).toMatchObject({ index: 0, notice: expect.stringContaining('2025-01-03 (first scene), 3 days away') });
    expect(jumpTarget(series, '2025-01-15', all)).toEqual({ index: 1, notice: 'No scene on 2025-01-15; the nearest is 2025-01-13, 2 days away.' });
  });

  it('"last" means the last that passes the filter', () => {
    const known = (s: Scene) => s.cloudCover != null;
    expect(jumpTarget(series, '2030-01-01', known)).toMatchObject({ index: 1, notice: expect.stringContaining('2025-01-13 (last scene)') });
    expect(jumpTarget(series, '2030-01-01', () => false)).toBe('No scene passes the timeline filter; clear the filter to jump.');
  });
});

describe('typed dates', () => {
  it('takes YYYY-MM-DD and refuses anything else with the form to use', () => {
    expect(parseIsoDate(' 2025-01-20 ')).toBe('2025-01-20');
    expect(parseIsoDate('01/20/2025')).toEqual({ error: '“01/20/2025” is not a date: write it as YYYY-MM-DD, e.g. 2025-01-20.' });
    expect(parseIsoDate('2025-02-30')).toEqual({ error: '2025-02-30 is not a day of the calendar: write it as YYYY-MM-DD, e.g. 2025-01-20.' });
  });
});
