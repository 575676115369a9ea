import { describe, expect, it } from 'vitest';
import { geodesic } from '../measure';
import { bracketAt, buildTrackIndex, estimateAt, positionAt, tailBefore, vesselsAt, type AisFix } from './track';
import type { AisPosition } from './types';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 10, 1, 30);

function pos(mmsi: string, tMin: number, lon: number, lat: number, extra: Partial<AisPosition> = {}): AisPosition {
  return { mmsi, t: T0 + tMin * MIN, lon, lat, sog: null, cog: null, heading: null, navStatus: null, ...extra };
}

describe('buildTrackIndex', () => {
  it('sorts each MMSI by time from any input order, one contiguous run per MMSI', () => {
    const idx = buildTrackIndex([pos('2', 5, 1, 1), pos('1', 10, 0, 0), pos('2', -5, 2, 2), pos('1', 0, 3, 3), pos('1', 20, 4, 4)]);
    expect(idx.mmsis).toEqual(['1', '2']);
    expect(idx.ranges.get('1')).toEqual([0, 3]);
    expect(idx.ranges.get('2')).toEqual([3, 5]);
    expect([...idx.t].map((t) => (t - T0) / MIN)).toEqual([0, 10, 20, -5, 5]);
    expect([...idx.lon]).toEqual([3, 0, 4, 2, 1]);
  });

  it.each([
    ['same report heard by two stations 400 ms apart', 0.4 / 60, 130.3, 42.25, 1],
    ['same place exactly 1 s apart (the limit)', 1 / 60, 130.3, 42.25, 1],
    ['same place 1.5 s apart: a second report', 1.5 / 60, 130.3, 42.25, 0],
    ['same time, 5 m away: another report', 0, 130.3, 42.25 + 5 / 111_320, 0],
    ['same time, 0.5 m away (rounding): one report', 0, 130.3 + 0.5 / 82_000, 42.25, 1],
  ])('duplicates: %s', (_, dtMin, lon, lat, dropped) => {
    const idx = buildTrackIndex([pos('1', dtMin, lon, lat), pos('1', 0, 130.3, 42.25)]);
    expect(idx.duplicatesDropped).toBe(dropped);
    expect(idx.t.length).toBe(2 - dropped);
    expect(idx.t[0]).toBe(T0); // the earliest reception is kept
  });

  it('does not collapse the same place at the same time across two MMSIs', () => {
    const idx = buildTrackIndex([pos('1', 0, 130.3, 42.25), pos('2', 0, 130.3, 42.25)]);
    expect(idx.duplicatesDropped).toBe(0);
  });

  it('keeps nulls as nulls through the typed columns', () => {
    const idx = buildTrackIndex([pos('1', 0, 1, 2, { sog: 3.5, cog: 90, heading: null, navStatus: 5 }), pos('1', 1, 1, 2.1)]);
    const b = bracketAt(idx, '1', T0 + 0.5 * MIN, 30 * MIN);
    expect(b.before).toEqual({ t: T0, lon: 1, lat: 2, sog: 3.5, cog: 90, heading: null, navStatus: 5 });
    expect(b.after).toMatchObject({ sog: null, cog: null, heading: null, navStatus: null });
  });
});

describe('bracketAt and estimateAt', () => {
  // Messages at −40, −20, +10 and +50 min of T0 for MMSI 1.
  const idx = buildTrackIndex([pos('1', -40, 130.0, 42.0), pos('1', -20, 130.2, 42.2), pos('1', 10, 130.5, 42.5), pos('1', 50, 131, 43)]);
  const W = 30 * MIN;
  const times = (b: { before: AisFix | null; after: AisFix | null }) => [b.before && (b.before.t - T0) / MIN, b.after && (b.after.t - T0) / MIN];

  it.each([
    ['between −20 and +10: both', 0, [-20, 10]],
    ['at a message: it is the one before', -20, [-20, 10]],
    ['−20 within the window, +10 too', -5, [-20, 10]],
    ['at +25: +10 before, +50 after (25 min) both inside', 25, [10, 50]],
    ['at −55: nothing before, −40 is 15 min after', -55, [null, -40]],
    ['at −75: −40 is 35 min after: outside', -75, [null, null]],
    ['at +85: +50 is 35 min before: outside', 85, [null, null]],
    ['at +45: +10 is 35 min before (out), +50 after (in)', 45, [null, 50]],
    ['at +40: +10 exactly 30 min before: inside (the window is closed)', 40, [10, 50]],
  ])('%s', (_, tMin, expected) => {
    expect(times(bracketAt(idx, '1', T0 + tMin * MIN, W))).toEqual(expected);
  });

  it('an unknown MMSI has no bracket', () => {
    expect(bracketAt(idx, '999', T0, W)).toEqual({ before: null, after: null });
  });

  it('interpolates linearly in time between the bracketing messages', () => {
    const e = positionAt(idx, '1', T0 - 10 * MIN, W)!; // a third of the way from −20 to +10
    expect(e.kind).toBe('interpolated');
    expect(e.lon).toBeCloseTo(130.3, 9);
    expect(e.lat).toBeCloseTo(42.3, 9);
    expect(e.nearestMinutes).toBe(10);
  });

  it('uses a single message within the window as is, with its minutes away', () => {
    const e = positionAt(idx, '1', T0 + 45 * MIN, W)!;
    expect(e).toMatchObject({ kind: 'single', lon: 131, lat: 43, nearestMinutes: 5 });
  });

  it('gives nothing when only messages outside the window exist', () => {
    expect(positionAt(idx, '1', T0 + 100 * MIN, W)).toBeNull();
  });

  it('interpolates the short way across the antimeridian', () => {
    const e = estimateAt({ before: { t: 0, lon: 179.9, lat: 0, sog: null, cog: null, heading: null, navStatus: null }, after: { t: 4, lon: -179.9, lat: 0, sog: null, cog: null, heading: null, navStatus: null } }, 1)!;
    expect(e.lon).toBeCloseTo(179.95, 9);
    const e3 = estimateAt({ before: { t: 0, lon: 179.9, lat: 0, sog: null, cog: null, heading: null, navStatus: null }, after: { t: 4, lon: -179.9, lat: 0, sog: null, cog: null, heading: null, navStatus: null } }, 3)!;
    expect(e3.lon).toBeCloseTo(-179.95, 9);
  });

  it('lies on the great circle within a metre for a ship 30 km apart in 30 min', () => {
    const a = { t: 0, lon: 130.0, lat: 42.0, sog: null, cog: null, heading: null, navStatus: null };
    const b = { ...a, t: 30 * MIN, lon: 130.3, lat: 42.15 };
    const e = estimateAt({ before: a, after: b }, 15 * MIN)!;
    const d1 = geodesic([a.lon, a.lat], [e.lon, e.lat]).distanceM;
    const d2 = geodesic([e.lon, e.lat], [b.lon, b.lat]).distanceM;
    const whole = geodesic([a.lon, a.lat], [b.lon, b.lat]).distanceM;
    expect(d1 + d2 - whole).toBeLessThan(1); // on the path
    expect(Math.abs(d1 - d2)).toBeLessThan(20); // and halfway along it
  });
});

describe('tailBefore and vesselsAt', () => {
  const idx = buildTrackIndex([0, 5, 10, 15, 20, 25].map((m) => pos('1', m, 130 + m / 100, 42)).concat([pos('2', 100, 1, 1)]));

  it('returns the messages of the last span up to the instant, oldest first', () => {
    expect(tailBefore(idx, '1', T0 + 17 * MIN, 10 * MIN).map((f) => (f.t - T0) / MIN)).toEqual([10, 15]);
    expect(tailBefore(idx, '1', T0 + 20 * MIN, 10 * MIN).map((f) => (f.t - T0) / MIN)).toEqual([10, 15, 20]);
    expect(tailBefore(idx, '1', T0 + 30 * MIN, 60 * MIN, 2).map((f) => (f.t - T0) / MIN)).toEqual([20, 25]);
    expect(tailBefore(idx, 'x', T0, MIN)).toEqual([]);
  });

  it('lists the vessels with a message in the window only', () => {
    const at = vesselsAt(idx, T0 + 12 * MIN, 30 * MIN, 10 * MIN);
    expect(at.map((v) => v.mmsi)).toEqual(['1']);
    expect(at[0]!.tail.map((f) => (f.t - T0) / MIN)).toEqual([5, 10]);
  });
});
