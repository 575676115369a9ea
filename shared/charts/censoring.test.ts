// The censoring sentence under the dwell figure: its categories add up to the visits, and each is what its name says,
// counted here from the scenes and sightings by rules of this test, not from the fields the analysis works them out with.

import { AnalysisCache } from '../analysis/engine';
import { obs, scene, sighting } from '../analysis/testkit';
import type { AnalysisObservability, AnalysisSighting } from '../analysis/input';
import { mulberry32 } from '../prng';
import { censoringText } from './index';

const ZONE = 'A';
const SCENES = 60;

/** Ten vessels calling at one quay over 60 daily scenes, a third of them cloudy; most calls last a single scene. */
function project(seed: number) {
  const rnd = mulberry32(seed);
  const sc = Array.from({ length: SCENES }, (_, i) => scene(i));
  const observability: AnalysisObservability[] = [];
  const clear = new Set<number>();
  for (let i = 0; i < SCENES; i++) {
    if (rnd() < 0.3) observability.push(obs(i, ZONE, 'obscured'));
    else clear.add(i);
  }
  const sightings: AnalysisSighting[] = [];
  for (let v = 0; v < 10; v++) {
    // Vessel 0 is there at the first scene and vessel 1 at the last: open ends, one of them seen once.
    let i = v === 0 ? 0 : Math.floor(rnd() * 6);
    while (i < SCENES) {
      const len = rnd() < 0.6 ? 1 : 2 + Math.floor(rnd() * 3);
      for (let k = 0; k < len && i + k < SCENES; k++) sightings.push(sighting(i + k, ZONE, { vesselId: `V${v}` }));
      i += len + 3 + Math.floor(rnd() * 10);
    }
    if (v === 1) sightings.push(sighting(SCENES - 1, ZONE, { vesselId: 'V1' }));
  }
  return { input: { scenes: sc, zones: [{ id: ZONE }], sightings, observability }, sc, clear, sightings };
}

/** "35 visits: 30 bracketed on both sides (23 of them seen on one scene only), 5 with an open end (…; 2 of them seen on one scene only …)" */
function parse(text: string) {
  const m =
    /^(\d+) visits?: (?:(\d+) bracketed on both sides(?: \((\d+) of them seen on one scene only: an upper bound on the stay\))?)?(?:, )?(?:(\d+) with an open end \(a lower bound only(?:; (\d+) of them seen on one scene only: no bound at all)?\))?$/.exec(
      text,
    );
  if (!m) throw new Error(`unexpected censoring sentence: ${text}`);
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return { total: n(m[1]), bracketed: n(m[2]), bracketedOnce: n(m[3]), open: n(m[4]), openOnce: n(m[5]) };
}

describe('censoring sentence', () => {
  it.each([3, 17, 42])('seed %i: the categories add up to the visits, each counted by its own rule', (seed) => {
    const { input, sc, clear, sightings } = project(seed);
    const cache = new AnalysisCache(input, { minConfidence: 'possible' });
    const visits = cache.result().visits;
    const t = (i: number) => Date.parse(sc[i]!.acquired);
    const idx = (sceneId: string) => Number(sceneId.slice(1));
    // Bracketed on both sides: a clear scene of the quay before the first sighting and one after the last
    // (the nearest such scene either has the vessel away, or another call of it lies between, ended by one).
    const bracketed = (v: (typeof visits)[number]) =>
      [...clear].some((i) => t(i) < Date.parse(v.firstSeen)) && [...clear].some((i) => t(i) > Date.parse(v.lastSeen));
    // Seen on one scene only: exactly one scene of this call has a sighting of the vessel.
    const seenOnce = (v: (typeof visits)[number]) =>
      new Set(
        sightings
          .filter((s) => s.vesselId === v.subjectId && t(idx(s.sceneId)) >= Date.parse(v.firstSeen) && t(idx(s.sceneId)) <= Date.parse(v.lastSeen))
          .map((s) => s.sceneId),
      ).size === 1;
    const expected = {
      total: visits.length,
      bracketed: visits.filter(bracketed).length,
      bracketedOnce: visits.filter((v) => bracketed(v) && seenOnce(v)).length,
      open: visits.filter((v) => !bracketed(v)).length,
      openOnce: visits.filter((v) => !bracketed(v) && seenOnce(v)).length,
    };
    // The dataset has every kind, so the sentence cannot pass by leaving one out.
    expect(expected.bracketedOnce).toBeGreaterThan(0);
    expect(expected.bracketed - expected.bracketedOnce).toBeGreaterThan(0);
    expect(expected.open).toBeGreaterThan(0);
    const text = censoringText(cache.dwell('vessel'));
    const said = parse(text);
    expect(said).toEqual(expected);
    expect(said.bracketed + said.open).toBe(said.total);
  });

  it('a visit seen on one scene only but bracketed on both sides is counted as bracketed on both sides', () => {
    // s0 clear without the vessel, s1 with it, s2 clear without it.
    const cache = new AnalysisCache({ scenes: [scene(0), scene(1), scene(2)], zones: [{ id: ZONE }], sightings: [sighting(1, ZONE, { vesselId: 'V' })] }, { minConfidence: 'possible' });
    expect(censoringText(cache.dwell('vessel'))).toBe('1 visit: 1 bracketed on both sides (1 of them seen on one scene only: an upper bound on the stay)');
  });
});
