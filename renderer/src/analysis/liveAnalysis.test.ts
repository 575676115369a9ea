// The panel's live analysis: after each store change, the incremental result equals a fresh computation, and touches only what changed.
import type { Review, Scene, SceneZoneExamined, SceneZoneObservability, Sighting, Zone } from '../../../shared/domain';
import { DEFAULT_FILTERS, type AnalysisFilters } from './analysisStore';
import { LiveAnalysis, optionsOf, type AnalysisSource } from './liveAnalysis';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 11, 1, 2);
const scene = (i: number): Scene =>
  ({ id: `s${i}`, siteId: 'site', acquired: new Date(T0 + i * 3 * DAY).toISOString(), provider: 'Planet', product: 'PSScene', itemId: null, footprint: null, cloudCover: 0, gsd: 3, credit: '', source: { kind: 'geotiff', path: 'x.tif' } }) as Scene;
const zone = (id: string, name: string): Zone => ({ id, siteId: 'site', name, kind: 'quay', geometry: { type: 'Polygon', coordinates: [] } }) as unknown as Zone;
let seq = 0;
const sighting = (sceneIdx: number, zoneId: string, vesselId: string, extra: Partial<Sighting> = {}): Sighting =>
  ({ id: `g${++seq}`, sceneId: `s${sceneIdx}`, class: 'vessel', geometry: { type: 'Point', coordinates: [0, 0] }, zoneId, zoneOverridden: false, confidence: 'confirmed', count: null, vesselId, trackId: null, notes: '', author: 'a', createdAt: '', updatedAt: '', ...extra }) as Sighting;
const obs = (i: number, zoneId: string, value: SceneZoneObservability['value']): SceneZoneObservability => ({ sceneId: `s${i}`, zoneId, value, overridden: true });

function source(over: Partial<AnalysisSource> = {}): AnalysisSource {
  return {
    projectKey: 'p',
    scenes: Array.from({ length: 20 }, (_, i) => scene(i)),
    zones: [zone('A', 'Pier 1'), zone('B', 'Pier 2')],
    observability: [obs(5, 'A', 'obscured')],
    // Every pair examined, but Pier 1 on s14 and s15 (clear, not looked at yet).
    examined: Array.from({ length: 20 }, (_, i) => ['A', 'B'].map((zoneId): SceneZoneExamined => ({ sceneId: `s${i}`, zoneId, by: 'a', at: '' })))
      .flat()
      .filter((e) => !(e.zoneId === 'A' && (e.sceneId === 's14' || e.sceneId === 's15'))),
    sightings: [sighting(1, 'A', 'V1'), sighting(2, 'A', 'V1'), sighting(4, 'B', 'V2'), sighting(12, 'A', 'V1')],
    reviews: [],
    ...over,
  };
}

const fresh = (src: AnalysisSource, f: AnalysisFilters = DEFAULT_FILTERS) => new LiveAnalysis().update(src, f, null);
const summary = (v: ReturnType<typeof fresh>) => ({ visits: v.result.visits, monthly: v.result.monthly, counts: v.result.containerCounts, comparison: v.comparison, observation: v.observation, censoring: v.censoring });

describe('LiveAnalysis', () => {
  it('follows edits incrementally and always equals a fresh computation', () => {
    const live = new LiveAnalysis();
    let src = source();
    const first = live.update(src, DEFAULT_FILTERS, null);
    expect(first.result.visits.map((v) => [v.subjectId, v.zoneId, v.sceneIds])).toEqual([
      ['V1', 'A', ['s1', 's2']],
      ['V2', 'B', ['s4']],
      ['V1', 'A', ['s12']],
    ]);

    // Mark V1 at A on s3: the first visit grows; only that key is recomputed.
    src = { ...src, sightings: [...src.sightings, sighting(3, 'A', 'V1')] };
    let next = live.update(src, DEFAULT_FILTERS, null);
    expect(next.recomputed).toBe(1);
    expect(summary(next)).toEqual(summary(fresh(src)));
    expect(next.result.visits[0]!.sceneIds).toEqual(['s1', 's2', 's3']);

    // Pier 1 obscured on s4..s11: the two V1 visits merge (no clear absence between them).
    src = { ...src, observability: [...src.observability, ...[4, 6, 7, 8, 9, 10, 11].map((i) => obs(i, 'A', 'obscured'))] };
    next = live.update(src, DEFAULT_FILTERS, null);
    expect(summary(next)).toEqual(summary(fresh(src)));
    expect(next.result.visits.filter((v) => v.zoneId === 'A')).toHaveLength(1);

    // An override back to clear (the store replaces the record) splits them again.
    src = { ...src, observability: src.observability.map((o) => (o.sceneId === 's8' && o.zoneId === 'A' ? { ...o, value: 'clear' as const } : o)) };
    next = live.update(src, DEFAULT_FILTERS, null);
    expect(summary(next)).toEqual(summary(fresh(src)));
    expect(next.result.visits.filter((v) => v.zoneId === 'A')).toHaveLength(2);

    // Delete a sighting, change one's confidence.
    src = { ...src, sightings: src.sightings.filter((s) => s.sceneId !== 's12').map((s) => (s.sceneId === 's4' ? { ...s, confidence: 'possible' as const } : s)) };
    next = live.update(src, DEFAULT_FILTERS, null);
    expect(summary(next)).toEqual(summary(fresh(src)));
    const probable = { ...DEFAULT_FILTERS, minConfidence: 'probable' as const };
    expect(live.update(src, probable, null).result.visits.some((v) => v.subjectId === 'V2')).toBe(false);
  });

  it('follows the record of effort: examining a clear scene makes it an absence, unsetting undoes that', () => {
    const live = new LiveAnalysis();
    // V1 at Pier 1 on s13 and s16: s14 and s15 are clear but not examined, so one visit spans them.
    let src = source({ sightings: [sighting(13, 'A', 'V1'), sighting(16, 'A', 'V1')] });
    let view = live.update(src, DEFAULT_FILTERS, null);
    expect(view.result.visits.map((v) => v.sceneIds)).toEqual([['s13', 's16']]);
    expect(view.result.unexaminedClearScenes).toBe(2);

    src = { ...src, examined: [...src.examined, { sceneId: 's14', zoneId: 'A', by: 'a', at: '' }] };
    view = live.update(src, DEFAULT_FILTERS, null);
    expect(view.recomputed).toBe(1);
    expect(summary(view)).toEqual(summary(fresh(src)));
    expect(view.result.visits.map((v) => v.sceneIds)).toEqual([['s13'], ['s16']]);
    expect(view.result.unexaminedClearScenes).toBe(1);

    src = { ...src, examined: src.examined.filter((e) => e.sceneId !== 's14') };
    view = live.update(src, DEFAULT_FILTERS, null);
    expect(summary(view)).toEqual(summary(fresh(src)));
    expect(view.result.visits).toHaveLength(1);
  });

  it('a rejected review removes the sighting from the counts; a filter change recomputes nothing', () => {
    const live = new LiveAnalysis();
    let src = source();
    live.update(src, DEFAULT_FILTERS, null);
    const v2 = src.sightings.find((s) => s.vesselId === 'V2')!;
    const review: Review = { id: 'r1', sightingId: v2.id, reviewer: 'bo', verdict: 'rejected', comment: '', at: '2025-01-01T00:00:00.000Z' };
    src = { ...src, reviews: [review] };
    const next = live.update(src, DEFAULT_FILTERS, null);
    expect(next.result.visits.some((v) => v.subjectId === 'V2')).toBe(false);
    expect(summary(next)).toEqual(summary(fresh(src)));
    const onlyA = live.update(src, { ...DEFAULT_FILTERS, zoneId: 'A' }, null);
    expect(onlyA.recomputed).toBe(0);
    expect(onlyA.result.monthly.byZone.every((r) => r.zoneId === 'A')).toBe(true);
    expect(onlyA.observation.every((c) => c.zoneId === 'A')).toBe(true);
  });

  it('reads the date filter as whole UTC days, "to" included', () => {
    expect(optionsOf({ ...DEFAULT_FILTERS, from: '2024-12-01', to: '2024-12-31' })).toMatchObject({ from: '2024-12-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' });
    const v = fresh(source(), { ...DEFAULT_FILTERS, from: '2024-12-02', to: '2024-12-13' });
    expect(v.result.visits.map((x) => x.sceneIds)).toEqual([['s1', 's2'], ['s4']]);
    // The calendar spans the period's whole months, as the monthly coverage beside it counts them.
    expect(v.observation.filter((c) => c.zoneId === 'A').map((c) => c.day)).toEqual(Array.from({ length: 31 }, (_, i) => `2024-12-${String(i + 1).padStart(2, '0')}`));
  });

  it('keeps the "without radar" censoring in step as radar scenes and their marks change', () => {
    // Radar scenes between the optical ones (12 h later), V1 marked on two of them.
    const radar = (i: number): Scene => ({ ...scene(i), id: `r${i}`, sensor: 'sar', acquired: new Date(T0 + i * 3 * DAY + DAY / 2).toISOString() }) as Scene;
    const onRadar = (i: number, vesselId: string) => ({ ...sighting(i, 'A', vesselId), sceneId: `r${i}` });
    const radarScenes = [0, 1, 2, 3, 4].map(radar);
    const live = new LiveAnalysis();
    const examinedRadar = radarScenes.flatMap((r) => ['A', 'B'].map((zoneId): SceneZoneExamined => ({ sceneId: r.id, zoneId, by: 'a', at: '' })));
    let src = source({ scenes: [...source().scenes, ...radarScenes], examined: [...source().examined, ...examinedRadar], sightings: [...source().sightings, onRadar(1, 'V1'), onRadar(2, 'V1')] });
    const first = live.update(src, DEFAULT_FILTERS, null);
    expect(first.censoringWithoutRadar).not.toBeNull();
    // V1's visit at Pier 1 is bracketed by r0 (radar, before s1) with radar, by s0 without: the widths differ.
    const overall = (rows: typeof first.censoring | null) => rows!.find((r) => r.zoneId === null)!;
    expect(overall(first.censoring).width.median).not.toEqual(overall(first.censoringWithoutRadar).width.median);
    const check = (v: ReturnType<typeof fresh>, s: AnalysisSource) => {
      const f = fresh(s);
      expect(v.censoring).toEqual(f.censoring);
      expect(v.censoringWithoutRadar).toEqual(f.censoringWithoutRadar);
    };
    check(first, src);
    src = { ...src, sightings: src.sightings.filter((x) => x.sceneId !== 'r2') };
    check(live.update(src, DEFAULT_FILTERS, null), src);
    src = { ...src, scenes: src.scenes.filter((x) => x.id !== 'r0') };
    check(live.update(src, DEFAULT_FILTERS, null), src);
    // No radar scene left: no "without radar" run.
    src = { ...src, scenes: src.scenes.filter((x) => x.sensor !== 'sar'), sightings: src.sightings.filter((x) => !x.sceneId.startsWith('r')) };
    expect(live.update(src, DEFAULT_FILTERS, null).censoringWithoutRadar).toBeNull();
  });
});
