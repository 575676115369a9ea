import { describe, expect, it } from 'vitest';
import { DARK_THEME, LIGHT_THEME } from '../../shared/charts/theme';
import { appliedTheme, chartThemeFor, nextTheme, THEME_CHOICES } from './theme';

describe('theme', () => {
  it('"system" follows the OS; the others are what they say', () => {
    expect(appliedTheme('system', true)).toBe('dark');
    expect(appliedTheme('system', false)).toBe('light');
    expect(appliedTheme('dark', false)).toBe('dark');
    expect(appliedTheme('light', true)).toBe('light');
    expect(appliedTheme('print', true)).toBe('print');
  });
  it('the button goes round every choice once and comes back', () => {
    const seen = [THEME_CHOICES[0]!];
    for (let i = 1; i < THEME_CHOICES.length; i++) seen.push(nextTheme(seen[i - 1]!));
    expect(new Set(seen).size).toBe(THEME_CHOICES.length);
    expect(nextTheme(seen[seen.length - 1]!)).toBe(seen[0]);
  });
  it('charts are light on a light or print window', () => {
    expect(chartThemeFor('dark')).toBe(DARK_THEME);
    expect(chartThemeFor('light')).toBe(LIGHT_THEME);
    expect(chartThemeFor('print')).toBe(LIGHT_THEME);
  });
});
