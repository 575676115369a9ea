import fixture from './fixtures/turnbull-r.json';
import { TURNBULL_DATASETS } from './fixtures/turnbull-datasets';
import { compareWithR, type RFit } from './fixtures/compare-r';
import { censoringCounts, quantile, survivalBoundsAt, turnbull } from './turnbull';

const fits = (fixture as unknown as { fits: RFit[] }).fits;

describe('Turnbull against the recorded R survival::survfit figures', () => {
  it.each(TURNBULL_DATASETS.map((d) => [d.name]))('%s: survival within 1e-4 of R at every R time, same quantiles', (name) => {
    const r = fits.find((f) => f.name === name)!;
    const ds = TURNBULL_DATASETS.find((d) => d.name === name)!;
    expect(r.n).toBe(ds.data.length);
    const tight = compareWithR(ds.data, r.tight);
    expect(tight.rows.length).toBeGreaterThan(2);
    expect(tight.maxSurvivalDiff).toBeLessThan(1e-4);
    expect(tight.quantileMismatches).toEqual([]);
    const shipped = compareWithR(ds.data, r.default);
    expect(tight.fit.logLikelihood).toBeGreaterThanOrEqual(shipped.rLogLik - 1e-9);
  });
});

describe('turnbull', () => {
  it('uncensored data give the empirical distribution', () => {
    const fit = turnbull([1, 2, 2, 4].map((v) => ({ lower: v, upper: v })));
    expect(fit.intervals.map((i) => [i.lower, i.upper, +i.mass.toFixed(10)])).toEqual([
      [1, 1, 0.25],
      [2, 2, 0.5],
      [4, 4, 0.25],
    ]);
    expect(quantile(fit, 0.5)).toMatchObject({ lower: 2, upper: 2, estimate: 2 });
    const b = survivalBoundsAt(fit, 3);
    expect(b.min).toBeCloseTo(0.25, 12);
    expect(b.max).toBeCloseTo(0.25, 12);
  });

  it('right-censored data reproduce Kaplan–Meier', () => {
    // KM: times 1,2(c),3,4(c): S(1)=3/4, S(3)=3/4*1/2=3/8
    const fit = turnbull([
      { lower: 1, upper: 1 },
      { lower: 2, upper: Infinity },
      { lower: 3, upper: 3 },
      { lower: 4, upper: Infinity },
    ]);
    expect(survivalBoundsAt(fit, 1.5).min).toBeCloseTo(0.75, 8);
    expect(survivalBoundsAt(fit, 3.5).min).toBeCloseTo(0.375, 8);
    const last = fit.intervals[fit.intervals.length - 1]!;
    expect(last.upper).toBe(Infinity);
    expect(quantile(fit, 0.9)).toMatchObject({ lower: 4, upper: Infinity, estimate: null });
  });

  it('conventions decide whether touching intervals overlap', () => {
    const data = [
      { lower: 0, upper: 2 },
      { lower: 2, upper: 4 },
    ];
    expect(turnbull(data, { convention: 'closed' }).intervals).toHaveLength(1);
    expect(turnbull(data, { convention: 'right-open' }).intervals).toHaveLength(2);
    expect(turnbull(data, { convention: 'left-open' }).intervals).toHaveLength(2);
  });

  it('masses sum to 1 and the optimality certificate holds', () => {
    const ds = TURNBULL_DATASETS.find((d) => d.name === 'dwell-hours-200')!;
    const fit = turnbull(ds.data);
    expect(fit.converged).toBe(true);
    expect(fit.intervals.reduce((a, i) => a + i.mass, 0)).toBeCloseTo(1, 12);
    expect(fit.intervals.at(-1)!.survivalAfter).toBe(0);
  });

  it('states the censoring', () => {
    expect(
      censoringCounts([
        { lower: 3, upper: 3 },
        { lower: 0, upper: 5 },
        { lower: 1, upper: 5 },
        { lower: 2, upper: Infinity },
        { lower: 0, upper: Infinity },
      ]),
    ).toEqual({ n: 5, exact: 1, leftCensored: 1, interval: 1, rightCensored: 1, uninformative: 1 });
  });

  it('a median where the CDF sits at 0.5 over a flat stretch is the whole stretch, not the interval after it', () => {
    // Two dwells, one in [1, 2) and one in [5, 6): half the mass lies below 2, the other half from 5 on, so
    // any value from the first interval to the second is a median (of two values, anything between them).
    const fit = turnbull([{ lower: 1, upper: 2 }, { lower: 5, upper: 6 }], { convention: 'right-open' });
    // Was { lower: 5, upper: 6, estimate: 5.5 }: the interval after the tie, stated as if the data said so.
    // The point estimate is R's: survfit's converged fit puts the masses at 1.5 and 5.5 and, finding the
    // survival within tolerance of 0.5 between them, returns their mean, 3.5 (see the R fixture's tied datasets).
    expect(quantile(fit, 0.5)).toEqual({ p: 0.5, lower: 1, upper: 6, estimate: 3.5 });
    // Not a tie: unchanged.
    expect(quantile(fit, 0.25)).toEqual({ p: 0.25, lower: 1, upper: 2, estimate: 1.5 });
    expect(quantile(fit, 0.75)).toEqual({ p: 0.75, lower: 5, upper: 6, estimate: 5.5 });
  });

  it('a tie followed by mass beyond every bound: the range is open and there is no point estimate', () => {
    const fit = turnbull([{ lower: 1, upper: 2 }, { lower: 5, upper: Infinity }], { convention: 'right-open' });
    expect(quantile(fit, 0.5)).toEqual({ p: 0.5, lower: 1, upper: Infinity, estimate: null });
  });

  it('empty and invalid input', () => {
    expect(turnbull([]).intervals).toEqual([]);
    expect(quantile(turnbull([]), 0.5)).toBeNull();
    expect(() => turnbull([{ lower: 3, upper: 2 }])).toThrow(RangeError);
  });
});
