import { analyze, AnalysisCache } from './engine';
import { comparePeriods } from './comparison';
import { coverageForZone, monthsBetween, addMonths, type Coverage } from './coverage';
import { dwellDistribution } from './dwell';
import { monthlyVisits, monthsUnderWay } from './monthly';
import type { AnalysisOptions } from './input';
import { obs, scene, scenes, sighting } from './testkit';
import type { Visit } from '../domain';

const opts: AnalysisOptions = { minConfidence: 'possible' };

describe('coverage', () => {
  it('counts scenes by observability, clear days, share and the longest gap from start and to end', () => {
    const sc = [scene(0), { ...scene(0, 5), id: 's0b' }, scene(2), scene(5), scene(6), scene(8)];
    const cache = new AnalysisCache({ scenes: sc, zones: [{ id: 'A' }], sightings: [], observability: [
      { sceneId: sc[1]!.id, zoneId: 'A', value: 'clear' },
      obs(2, 'A', 'partial'),
      obs(5, 'A', 'obscured'),
      obs(6, 'A', 'outside'),
    ] }, opts);
    const c = cache.coverage('A', '2025-01-01T00:00:00.000Z', '2025-01-11T00:00:00.000Z');
    expect(c).toMatchObject({ days: 10, scenes: 5, clear: 3, partial: 1, obscured: 1, outside: 1, clearDays: 2, shareOfDaysObserved: 0.2 });
    // clear: day0 01:30, day0 06:30, day8 01:30; gaps: 1.5h, 8d-5h, end: 10d - (8d+1.5h)
    expect(c.longestGapDays).toBeCloseTo(8 - 5 / 24, 9);
  });

  it('a period without a clear scene: gap is the whole period, share 0', () => {
    const cache = new AnalysisCache({ scenes: scenes(3), zones: [{ id: 'A' }], sightings: [], observability: [0, 1, 2].map((i) => obs(i, 'A', 'obscured')) }, opts);
    const c = cache.coverage('A', '2025-01-01T00:00:00Z', '2025-01-04T00:00:00Z');
    expect(c).toMatchObject({ clear: 0, obscured: 3, clearDays: 0, shareOfDaysObserved: 0, longestGapDays: 3 });
  });

  it('month helpers', () => {
    expect(monthsBetween(Date.UTC(2024, 10, 15), Date.UTC(2025, 1, 1))).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(addMonths('2025-01', -3)).toBe('2024-10');
    const tl = { zoneId: 'A', times: new Float64Array([]), codes: new Uint8Array([]), examined: new Uint8Array([]), clear: new Int32Array([]), absent: new Int32Array([]) };
    expect(coverageForZone(tl, Date.UTC(2025, 1, 1), Date.UTC(2025, 2, 1)).days).toBe(28);
  });
});

describe('monthly visits', () => {
  it('counts a visit in the UTC month of its firstSeen, per zone/vessel, per zone, distinct vessels per site', () => {
    const v = (subjectId: string, zoneId: string, firstSeen: string) => ({ subjectId, zoneId, firstSeen, lastSeen: firstSeen }) as Visit;
    const m = monthlyVisits(
      [v('V', 'A', '2024-12-31T23:59:00Z'), v('V', 'A', '2025-01-01T00:01:00Z'), v('V', 'B', '2025-01-10T00:00:00Z'), v('W', 'A', '2025-01-20T00:00:00Z'), v('V', 'A', '2025-01-25T00:00:00Z')],
      { months: ['2024-12', '2025-01', '2025-02'], zoneIds: ['A', 'B'] },
    );
    expect(m.byMonth).toEqual([
      { month: '2024-12', visits: 1, underWay: 1, distinctVessels: 1 },
      { month: '2025-01', visits: 4, underWay: 4, distinctVessels: 2 },
      { month: '2025-02', visits: 0, underWay: 0, distinctVessels: 0 },
    ]);
    expect(m.byZone.filter((r) => r.month === '2025-01').map((r) => [r.zoneId, r.visits, r.distinctVessels])).toEqual([
      ['A', 3, 2],
      ['B', 1, 1],
    ]);
    expect(m.byZoneVessel.filter((r) => r.month === '2025-01').map((r) => [r.zoneId, r.subjectId, r.visits])).toEqual([
      ['A', 'V', 2],
      ['A', 'W', 1],
      ['B', 'V', 1],
    ]);
    expect(m.byZone.find((r) => r.month === '2025-02' && r.zoneId === 'B')).toMatchObject({ visits: 0 });
  });

  it('counts arrivals in the month of firstSeen, and a visit as under way in every month it overlaps', () => {
    // Arrived 20 December, last seen 5 January: one arrival in December, none in January, under way in both.
    const stay = { subjectId: 'V', zoneId: 'A', firstSeen: '2024-12-20T01:30:00.000Z', lastSeen: '2025-01-05T01:30:00.000Z' } as Visit;
    const m = monthlyVisits([stay], { months: ['2024-12', '2025-01', '2025-02'], zoneIds: ['A'] });
    expect(m.byZone.map((r) => [r.month, r.visits, r.underWay])).toEqual([
      ['2024-12', 1, 1],
      ['2025-01', 0, 1],
      ['2025-02', 0, 0],
    ]);
    expect(m.byMonth.map((r) => [r.month, r.visits, r.underWay])).toEqual([
      ['2024-12', 1, 1],
      ['2025-01', 0, 1],
      ['2025-02', 0, 0],
    ]);
    expect(m.byZoneVessel.map((r) => [r.month, r.subjectId, r.visits, r.underWay])).toEqual([
      ['2024-12', 'V', 1, 1],
      ['2025-01', 'V', 0, 1],
    ]);
    // A visit spanning three months is under way in the middle one too.
    expect(monthsUnderWay({ firstSeen: '2024-11-30T23:00:00Z', lastSeen: '2025-01-01T00:00:00Z' })).toEqual(['2024-11', '2024-12', '2025-01']);
  });

  it('analyze counts a visit under way in a period that began after its arrival', () => {
    // Scenes daily from 1 January; the vessel is seen on days 20-35 (21 January to 5 February).
    const input = { scenes: scenes(60), zones: [{ id: 'A' }], sightings: Array.from({ length: 16 }, (_, k) => sighting(20 + k, 'A', { vesselId: 'V' })) };
    const all = analyze(input, opts);
    expect(all.monthly.byZone.map((r) => [r.month, r.visits, r.underWay])).toEqual([
      ['2025-01', 1, 1],
      ['2025-02', 0, 1],
      ['2025-03', 0, 0],
    ]);
    const feb = analyze(input, { ...opts, from: '2025-02-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' });
    expect(feb.visits).toEqual([]);
    expect(feb.monthly.byZone.map((r) => [r.month, r.visits, r.underWay])).toEqual([['2025-02', 0, 1]]);
    expect(feb.monthly.byMonth).toEqual([{ month: '2025-02', visits: 0, underWay: 1, distinctVessels: 0 }]);
  });

  it('analyze puts coverage beside each zone-month', () => {
    const r = analyze({ scenes: scenes(40), zones: [{ id: 'A' }], sightings: [sighting(3, 'A', { vesselId: 'V' })] }, opts);
    expect(r.months).toEqual(['2025-01', '2025-02']);
    expect(r.monthly.byZone[0]).toMatchObject({ month: '2025-01', visits: 1, coverage: { clear: 31, clearDays: 31, shareOfDaysObserved: 1 } });
  });
});

describe('container counts', () => {
  it('sum on clear scenes, flagged partial on partial, unknown (null, never 0) on obscured and outside', () => {
    const stack = (i: number, count: number | null) => sighting(i, 'A', { trackId: `T${i}-${count}` }, { class: 'container_stack', count });
    const r = analyze({
      scenes: scenes(5),
      zones: [{ id: 'A' }],
      observability: [obs(1, 'A', 'partial'), obs(2, 'A', 'obscured'), obs(3, 'A', 'outside'), obs(4, 'A', 'outside')],
      sightings: [stack(0, 10), stack(0, 5), stack(0, null), stack(1, 7), stack(2, 3)],
    }, opts);
    expect(r.containerCounts.map((c) => [c.sceneId, c.observability, c.count, c.partial, c.stacks, c.uncountedStacks, c.markedCount])).toEqual([
      ['s0', 'clear', 15, false, 3, 1, 15],
      ['s1', 'partial', 7, true, 1, 0, 7],
      ['s2', 'obscured', null, false, 1, 0, 3],
      // s3, s4: outside and unmarked, so not listed (the zone was not imaged)
    ]);
  });

  it('a clear scene without stacks counts 0', () => {
    const r = analyze({ scenes: scenes(1), zones: [{ id: 'A' }], sightings: [] }, opts);
    expect(r.containerCounts).toMatchObject([{ count: 0, observability: 'clear' }]);
  });
});

describe('period comparison', () => {
  const cov = (share: number, gap: number, clear = 10): Coverage => ({ zoneId: 'A', from: '', to: '', days: 31, scenes: clear, clear, examinedClear: clear, partial: 0, obscured: 0, outside: 0, clearDays: Math.round(share * 31), shareOfDaysObserved: share, longestGapDays: gap, bySensor: { optical: { scenes: clear, clear, examinedClear: clear, partial: 0, obscured: 0 }, radar: { scenes: 0, clear: 0, examinedClear: 0, partial: 0, obscured: 0 } }, opticalDays: Math.round(share * 31), radarDays: 0 });
  const visitsIn = (month: string, n: number, vessels = n) => Array.from({ length: n }, (_, i) => ({ subjectId: `V${i % vessels}`, zoneId: 'A', firstSeen: `${month}-0${(i % 9) + 1}T00:00:00Z` }) as Visit);
  const visits = [...visitsIn('2024-10', 3), ...visitsIn('2024-11', 4), ...visitsIn('2024-12', 5), ...visitsIn('2025-01', 1)];

  it('compares with the mean of the previous N months', () => {
    const c = comparePeriods(visits, { month: '2025-01', previous: 3, zoneIds: ['A'], coverageOf: () => cov(0.8, 3) });
    expect(c.target).toMatchObject({ month: '2025-01', visits: 1, distinctVessels: 1 });
    expect(c.baseline).toMatchObject({ months: ['2024-10', '2024-11', '2024-12'], meanVisits: 4, meanDistinctVessels: 4 });
    expect(c.warnings).toEqual([]);
  });

  it('warns when coverage fell by ≥20% together with the count', () => {
    const c = comparePeriods(visits, { month: '2025-01', zoneIds: ['A'], coverageOf: (_z, m) => (m === '2025-01' ? cov(0.3, 3) : cov(0.8, 3)) });
    expect(c.warnings.filter((w) => w.kind === 'coverage-explains').map((w) => w.kind === 'coverage-explains' && w.metric)).toEqual(['visits', 'distinctVessels']);
  });

  it('does not warn when coverage rose while the count fell', () => {
    const c = comparePeriods(visits, { month: '2025-01', zoneIds: ['A'], coverageOf: (_z, m) => (m === '2025-01' ? cov(0.95, 1) : cov(0.5, 3)) });
    expect(c.warnings).toEqual([]);
  });

  it('warns on long gaps and on months without a clear scene', () => {
    const c = comparePeriods(visits, { month: '2025-01', zoneIds: ['A'], coverageOf: (_z, m) => (m === '2025-01' ? cov(0.75, 30) : m === '2024-10' ? cov(0, 31, 0) : cov(0.8, 3)) });
    expect(c.warnings.map((w) => w.kind)).toEqual(['no-coverage', 'longer-gaps', 'longer-gaps']);
  });
});

describe('dwell distribution', () => {
  it('gives a median as the range the data allow when half the visits lie on each side of a gap', () => {
    const v = (min: number, max: number) => ({ dwellMinHours: min, dwellMaxHours: max, arrivalAfter: 'x', departureBefore: 'y' }) as Visit;
    const d = dwellDistribution([v(1, 2), v(5, 6)]);
    // Any value from 1 h to 6 h is a median of these two stays (was reported as 5 – 6 h).
    expect(d.quantiles.median).toEqual({ p: 0.5, lower: 1, upper: 6, estimate: 3.5 });
  });

  it('states censoring and open visits, and gives quantiles in hours', () => {
    const v = (min: number, max: number | null, leftOpen = false) => ({ dwellMinHours: min, dwellMaxHours: max, arrivalAfter: leftOpen ? null : 'x', departureBefore: max === null && !leftOpen ? null : 'y' }) as Visit;
    const d = dwellDistribution([v(24, 72), v(48, 96), v(0, 48), v(100, null), v(10, null, true)]);
    expect(d.censoring).toEqual({ n: 5, exact: 0, leftCensored: 1, interval: 2, rightCensored: 2, uninformative: 0 });
    // The same visits by what bounds them: the seen-once visit (0 – 48 h) is bracketed on both sides.
    expect(d.stays).toEqual({ n: 5, bracketed: 3, bracketedSeenOnce: 1, open: 2, openSeenOnce: 0 });
    expect(d.leftOpenVisits).toBe(1);
    expect(d.rightOpenVisits).toBe(1);
    expect(d.quantiles.median).not.toBeNull();
    expect(d.fit.converged).toBe(true);
  });
});

describe('period comparison baseline', () => {
  it('leaves months without a clear scene out of the baseline mean, and names them in a warning', () => {
    const visit = (month: string): Visit => ({
      subjectId: 'v1', zoneId: 'z', firstSeen: `${month}-10T00:00:00.000Z`, lastSeen: `${month}-11T00:00:00.000Z`,
      arrivalAfter: null, arrivalAfterSceneId: null, departureBefore: null, departureBeforeSceneId: null,
      sceneIds: [], dwellMinHours: 24, dwellMaxHours: null,
    });
    const cov = (clear: number) => ({ scenes: clear, clear, examinedClear: clear, partial: 0, daysObserved: clear, days: 31, shareOfDaysObserved: clear / 31, longestGapDays: clear ? 5 : 31 });
    // October and November were never imaged; December had 2 visits, January 1.
    const coverage: Record<string, number> = { '2024-10': 0, '2024-11': 0, '2024-12': 8, '2025-01': 8 };
    const c = comparePeriods([visit('2024-12'), { ...visit('2024-12'), subjectId: 'v2' }, visit('2025-01')], {
      month: '2025-01', previous: 3, zoneIds: ['z'], coverageOf: (_z, m) => cov(coverage[m] ?? 0) as never,
    });
    expect(c.baseline.observedMonths).toEqual(['2024-12']);
    expect(c.baseline.meanVisits).toBe(2); // not 2/3: the blind months are unknown, not zero
    // baselineUnseen: false — December was seen, so the mean is known (the flag says when none was).
    expect(c.warnings).toContainEqual({ kind: 'no-coverage', months: ['2024-10', '2024-11'], baselineUnseen: false });
    expect(c.warnings.some((w) => w.kind === 'coverage-explains')).toBe(false); // same coverage as December
  });

  it('with no baseline month seen at all, the baseline means are unknown (null), not 0, and the warning says so', () => {
    const visit = (month: string): Visit => ({
      subjectId: 'v1', zoneId: 'z', firstSeen: `${month}-10T00:00:00.000Z`, lastSeen: `${month}-11T00:00:00.000Z`,
      arrivalAfter: null, arrivalAfterSceneId: null, departureBefore: null, departureBeforeSceneId: null,
      sceneIds: [], dwellMinHours: 24, dwellMaxHours: null,
    });
    const cov = (clear: number) => ({ scenes: clear, clear, examinedClear: clear, partial: 0, daysObserved: clear, days: 31, shareOfDaysObserved: clear / 31, longestGapDays: clear ? 5 : 31 });
    // October to December were never imaged; January was, and had 1 visit.
    const c = comparePeriods([visit('2025-01')], {
      month: '2025-01', previous: 3, zoneIds: ['z'], coverageOf: (_z, m) => cov(m === '2025-01' ? 8 : 0) as never,
    });
    expect(c.baseline.observedMonths).toEqual([]);
    expect(c.baseline.meanVisits).toBeNull(); // was 0: a mean of three unknowns is unknown, not zero traffic
    expect(c.baseline.meanDistinctVessels).toBeNull();
    // What was seen of the baseline is known: nothing.
    expect(c.baseline.coverage).toEqual({ clearScenes: 0, shareOfDaysObserved: 0, longestGapDays: 31 });
    expect(c.warnings).toEqual([{ kind: 'no-coverage', months: ['2024-10', '2024-11', '2024-12'], baselineUnseen: true }]);
  });
});
