// Dwell is written one way in the app, the reports and the CLI: one unit per range, open ends said in words.
import { dwellText, durationRangeText, formatDuration } from './format';

const closed = { arrivalAfter: '2025-01-01T00:00:00Z', departureBefore: '2025-01-13T00:00:00Z' };

describe('dwell wording', () => {
  it('gives a range one unit, chosen by its longer end (no "24.1 h - 12.0 d")', () => {
    expect(dwellText({ ...closed, dwellMinHours: 24.1, dwellMaxHours: 288 })).toBe('1.0 – 12 d');
    expect(dwellText({ ...closed, dwellMinHours: 5.5, dwellMaxHours: 30 })).toBe('5.5 – 30 h');
    expect(dwellText({ ...closed, dwellMinHours: 0, dwellMaxHours: 72 })).toBe('0 – 3.0 d');
    expect(dwellText({ ...closed, dwellMinHours: 72, dwellMaxHours: 72 })).toBe('3.0 d');
  });

  it('says which end is open instead of "open" or "at least 0.0 d"', () => {
    expect(dwellText({ arrivalAfter: '2025-01-01T00:00:00Z', departureBefore: null, dwellMinHours: 28.8, dwellMaxHours: null })).toBe('≥ 29 h (still there at the last scene)');
    expect(dwellText({ arrivalAfter: null, departureBefore: '2025-01-13T00:00:00Z', dwellMinHours: 72, dwellMaxHours: null })).toBe('≥ 3.0 d (already there at the first scene)');
    expect(dwellText({ arrivalAfter: null, departureBefore: null, dwellMinHours: 0, dwellMaxHours: null })).toBe('≥ 0 h (there from the first scene to the last)');
  });

  it('writes single durations and unbounded ranges the same way', () => {
    expect(formatDuration(0)).toBe('0 h');
    expect(formatDuration(47.9)).toBe('48 h');
    expect(formatDuration(48)).toBe('2.0 d');
    expect(formatDuration(24 * 30)).toBe('30 d');
    expect(formatDuration(24 * 9.97)).toBe('10 d');
    expect(formatDuration(24 * 9.94)).toBe('9.9 d');
    expect(durationRangeText(120, Infinity)).toBe('≥ 5.0 d');
    expect(durationRangeText(120, 144)).toBe('5.0 – 6.0 d');
  });
});
