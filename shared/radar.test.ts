import { describe, expect, it } from 'vitest';
import { amplitudeToDb, clampStretch, DB_FLOOR, quantiles, radarPixel, radarStats, sensorLabel, stretchDb, stretchRange } from './radar';
import { mulberry32 } from './prng';

describe('radar display rule', () => {
  it('shows amplitude in decibels of power: 20·log10(a)', () => {
    expect(amplitudeToDb(1)).toBe(0);
    expect(amplitudeToDb(10)).toBeCloseTo(20, 12);
    expect(amplitudeToDb(0.1)).toBeCloseTo(-20, 12);
    // no return: the floor, never -Infinity or NaN (those would poison a stretch)
    expect(amplitudeToDb(0)).toBe(DB_FLOOR);
    expect(amplitudeToDb(NaN)).toBe(DB_FLOOR);
    expect(amplitudeToDb(-3)).toBe(DB_FLOOR);
  });

  it('takes whole-percent quantiles by nearest rank and skips NaN', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100 reversed
    const q = quantiles([...v, NaN])!;
    expect(q).toHaveLength(101);
    expect(q[0]).toBe(1);
    expect(q[2]).toBe(2);
    expect(q[50]).toBe(50);
    expect(q[98]).toBe(98);
    expect(q[100]).toBe(100);
    expect(quantiles([NaN])).toBeNull();
  });

  it('stretches linearly between the chosen percentiles and clamps outside them', () => {
    const q = Array.from({ length: 101 }, (_, p) => -30 + p * 0.3); // -30 … 0 dB
    const r = stretchRange(q, { lowPercent: 2, highPercent: 98 });
    expect(r[0]).toBeCloseTo(-29.4, 9);
    expect(r[1]).toBeCloseTo(-0.6, 9);
    expect(stretchDb(-40, r)).toBe(0);
    expect(stretchDb(10, r)).toBe(1);
    expect(stretchDb(-15, r)).toBeCloseTo(0.5, 9);
    // a flat scene still has a range (no division by zero)
    expect(stretchRange(Array(101).fill(-5), { lowPercent: 2, highPercent: 98 })).toEqual([-5, -4]);
    // the control's values are whole percents, low below high
    expect(clampStretch({ lowPercent: 60.4, highPercent: 20 })).toEqual({ lowPercent: 60, highPercent: 61 });
    expect(clampStretch({ lowPercent: -5, highPercent: 140 })).toEqual({ lowPercent: 0, highPercent: 100 });
  });

  it('makes a ship at a quay a bright return over speckled water, single and dual polarisation', () => {
    // Water σ⁰ ≈ -20 dB (VV), -27 dB (VH) with 4-look gamma speckle; one ship pixel in 400 at +12 / +2 dB.
    const rnd = mulberry32(5);
    const gamma4 = () => -Math.log(rnd() * rnd() * rnd() * rnd()) / 4; // mean 1
    const n = 4000;
    const vv = new Float32Array(n);
    const vh = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const ship = i % 400 === 0;
      vv[i] = Math.sqrt(10 ** ((ship ? 12 : -20) / 10) * gamma4());
      vh[i] = Math.sqrt(10 ** ((ship ? 2 : -27) / 10) * gamma4());
    }
    const single = radarStats([vv])!;
    expect(single.composition).toBe('single');
    const shipGrey = radarPixel([Math.sqrt(10 ** 1.2)], single, { lowPercent: 2, highPercent: 98 });
    const waterGrey = radarPixel([Math.sqrt(10 ** -2)], single, { lowPercent: 2, highPercent: 98 });
    expect(shipGrey).toEqual([255, 255, 255]);
    expect(waterGrey[0]).toBeGreaterThan(60);
    expect(waterGrey[0]).toBeLessThan(200);

    const dual = radarStats([vv, vh])!;
    expect(dual.composition).toBe('dual');
    expect(dual.channels).toHaveLength(3);
    const ship = radarPixel([Math.sqrt(10 ** 1.2), Math.sqrt(10 ** 0.2)], dual, { lowPercent: 2, highPercent: 98 });
    const water = radarPixel([Math.sqrt(10 ** -2), Math.sqrt(10 ** -2.7)], dual, { lowPercent: 2, highPercent: 98 });
    expect(ship[0]).toBe(255);
    expect(ship[1]).toBe(255);
    expect(ship[0]).toBeGreaterThan(water[0] + 60);
    expect(ship[1]).toBeGreaterThan(water[1] + 60);
    // widening the stretch darkens water's middle grey towards the middle
    const wide = radarPixel([Math.sqrt(10 ** -2)], single, { lowPercent: 0, highPercent: 100 });
    expect(wide[0]).toBeLessThan(waterGrey[0]);
  });

  it('leaves no-return pixels out of the percentiles', () => {
    const a = new Float32Array(1000).fill(0.1); // -20 dB
    for (let i = 0; i < 300; i++) a[i] = 0; // a no-data border
    const s = radarStats([a])!;
    expect(s.channels[0]![2]).toBeCloseTo(-20, 5);
  });

  it('names the sensor as an analyst says it', () => {
    expect(sensorLabel({ sensor: 'sar', acquisition: { platform: 'sentinel-1a', polarizations: ['VV', 'VH'] } })).toBe('radar, Sentinel-1A VV+VH');
    expect(sensorLabel({ sensor: 'sar', acquisition: {} })).toBe('radar');
    expect(sensorLabel({ sensor: 'optical', acquisition: {} })).toBe('optical');
    expect(sensorLabel({ sensor: 'optical', acquisition: { platform: 'SkySat-C3', polarizations: ['VV'] } })).toBe('optical, SkySat-C3');
  });
});
