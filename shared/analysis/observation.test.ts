// The observation record (METHOD.md "Radar and optical"): one scene's view of a zone, a day's best, a month's count.

import { AnalysisCache } from './engine';
import { daysObservedText, sceneObservation, type ObservationKind, type SceneView } from './observation';
import { obs, scene, sighting } from './testkit';
import type { AnalysisInput, AnalysisScene } from './input';

const view = (code: number, sar: boolean, examined: boolean, absence = code === 0 && examined): SceneView => ({ code, sar, examined, absence });

describe('one scene’s view of a zone', () => {
  it.each<[string, SceneView, ObservationKind]>([
    ['optical clear, examined', view(0, false, true), 'optical-clear'],
    ['radar clear, examined', view(0, true, true), 'radar-clear'],
    ['optical clear, not examined', view(0, false, false), 'unexamined'],
    ['radar clear, not examined', view(0, true, false), 'unexamined'],
    ['optical partial, examined', view(1, false, true), 'partial'],
    ['radar partial (zone partly in the footprint), examined', view(1, true, true), 'partial'],
    ['partial, not examined', view(1, false, false), 'unexamined'],
    ['obscured optical', view(2, false, true), 'obscured'],
    ['radar the analyst set obscured (noise, layover)', view(2, true, true), 'obscured'],
    ['outside the footprint', view(3, false, true), 'not-imaged'],
    ['a mosaic, clear and examined but no single instant', view(0, false, true, false), 'partial'],
  ])('%s → %s', (_, v, kind) => {
    expect(sceneObservation(v)).toBe(kind);
  });
});

const ZONE = 'Z';
/** Scene i on day i at 01:30 (optical) or, with `radar`, a radar scene that day at 13:30. */
const radar = (i: number): AnalysisScene => ({ ...scene(i, 12), id: `r${i}`, sensor: 'sar' });

function dayKinds(input: Omit<AnalysisInput, 'zones' | 'sightings'> & Partial<AnalysisInput>, from = '2025-01-01T00:00:00Z', to = '2025-02-01T00:00:00Z') {
  const cache = new AnalysisCache({ zones: [{ id: ZONE }], sightings: [], ...input }, { minConfidence: 'possible', from, to });
  return cache.observation();
}

describe('a day’s best observation', () => {
  it('ranks optical clear over radar over partial over unexamined over obscured over not imaged, the day counted once', () => {
    const scenes = [scene(0), radar(0), scene(1), radar(1), scene(2), radar(2), scene(3), scene(4), { ...scene(5), id: 'r5', sensor: 'sar' as const }];
    const observability = [obs(1, ZONE, 'obscured'), obs(2, ZONE, 'partial'), obs(3, ZONE, 'obscured'), obs(4, ZONE, 'outside'), { sceneId: 'r2', zoneId: ZONE, value: 'partial' as const }];
    // Every pair examined but scene 3's day (nothing to examine) and r5's.
    const examined = scenes.filter((s) => s.id !== 'r5').map((s) => ({ sceneId: s.id, zoneId: ZONE }));
    const { days, months } = dayKinds({ scenes, observability, examined });
    expect(days.slice(0, 7).map((d) => [d.day, d.kind, d.sceneId])).toEqual([
      ['2025-01-01', 'optical-clear', 's0'],
      ['2025-01-02', 'radar-clear', 'r1'],
      ['2025-01-03', 'partial', 's2'],
      ['2025-01-04', 'obscured', 's3'],
      ['2025-01-05', 'not-imaged', null],
      ['2025-01-06', 'unexamined', 'r5'],
      ['2025-01-07', 'not-imaged', null],
    ]);
    expect(days).toHaveLength(31);
    expect(months).toEqual([{ zoneId: ZONE, month: '2025-01', days: 31, optical: 1, radar: 1, partial: 1, unexamined: 1, obscured: 1, notImaged: 26 }]);
    expect(daysObservedText(months[0]!)).toBe('days observed: 1 optical + 1 radar of 31');
  });

  it('an optical clear scene nobody examined leaves the day to the examined radar scene', () => {
    const { days } = dayKinds({ scenes: [scene(0), radar(0)], examined: [{ sceneId: 'r0', zoneId: ZONE }] }, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z');
    expect([days[0]!.kind, days[0]!.sceneId, days[0]!.scenes]).toEqual(['radar-clear', 'r0', 2]);
    // The record spans the whole month, as the monthly coverage counts it.
    expect(days).toHaveLength(31);
  });

  it('a radar scene holding an unconfirmed mark is not examined', () => {
    const input = { scenes: [radar(0)], sightings: [{ ...sighting(0, ZONE, { vesselId: 'V' }), sceneId: 'r0', verified: false }], examined: [{ sceneId: 'r0', zoneId: ZONE }] };
    const { days } = dayKinds(input, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z');
    expect(days[0]!.kind).toBe('unexamined');
  });

  it('splits coverage by sensor, the parts adding up to the whole', () => {
    const scenes = [scene(0), radar(0), scene(1), radar(1), radar(2)];
    const observability = [obs(1, ZONE, 'obscured'), { sceneId: 'r2', zoneId: ZONE, value: 'partial' as const }];
    const cache = new AnalysisCache({ scenes, zones: [{ id: ZONE }], sightings: [], observability }, { minConfidence: 'possible' });
    const c = cache.monthCoverage(ZONE, '2025-01');
    expect(c.bySensor).toEqual({
      optical: { scenes: 2, clear: 1, examinedClear: 1, partial: 0, obscured: 1 },
      radar: { scenes: 3, clear: 2, examinedClear: 2, partial: 1, obscured: 0 },
    });
    expect(c.bySensor.optical.scenes + c.bySensor.radar.scenes).toBe(c.scenes);
    expect(c.bySensor.optical.clear + c.bySensor.radar.clear).toBe(c.clear);
  });
});
