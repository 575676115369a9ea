import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameOf, initialFrame, rememberChoices, rememberedChoices, styleOfTheme } from './figureChoices';

const zones = [{ id: 'z1' }, { id: 'z2' }];
const view: [[number, number], [number, number]] = [
  [130.2, 42.3],
  [130.3, 42.4],
];

describe('the frame a figure dialog starts with', () => {
  it('is the selected zone, else the zone used last (if it still exists), else the view', () => {
    expect(initialFrame('z2', 'z1', zones, view)).toBe('z2');
    expect(initialFrame(null, 'z1', zones, view)).toBe('z1');
    expect(initialFrame(null, 'gone', zones, view)).toBe('');
    expect(initialFrame(null, '', zones, view)).toBe('');
  });
  it('is the first zone when the map shows no view (nothing to frame there)', () => {
    expect(initialFrame(null, '', zones, null)).toBe('z1');
    expect(frameOf('', null)).toBeNull();
  });
  it('goes to figure.save as a zone or as the view’s box', () => {
    expect(frameOf('z1', view)).toEqual({ zone: 'z1' });
    expect(frameOf('', view)).toEqual({ bbox: view });
  });
  it('is drawn light on a light or print window, dark on a dark one', () => {
    expect(styleOfTheme('dark')).toBe('dark');
    expect(styleOfTheme('light')).toBe('light');
    expect(styleOfTheme('print')).toBe('light');
  });
});

describe('choices remembered per project', () => {
  afterEach(() => vi.unstubAllGlobals());
  const storage = () => {
    const m = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) });
    return m;
  };
  const defaults = { width: 1600, title: '', marks: true };

  it('come back for the same project only', () => {
    storage();
    rememberChoices('figure', 'p1', { width: 1200, title: 'Pier 1', marks: false });
    expect(rememberedChoices('figure', 'p1', defaults)).toEqual({ width: 1200, title: 'Pier 1', marks: false });
    expect(rememberedChoices('figure', 'p2', defaults)).toEqual(defaults);
    expect(rememberedChoices('timelapse', 'p1', defaults)).toEqual(defaults);
  });
  it('never let a stored value of another type or an unknown key into the form', () => {
    const m = storage();
    m.set('quaywatch.figure.p1', JSON.stringify({ width: '9999', title: 'Kept', extra: 1 }));
    expect(rememberedChoices('figure', 'p1', defaults)).toEqual({ width: 1600, title: 'Kept', marks: true });
    m.set('quaywatch.figure.p1', '{not json');
    expect(rememberedChoices('figure', 'p1', defaults)).toEqual(defaults);
  });
});
