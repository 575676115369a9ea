// Builders for analysis tests and the benchmark: days as scenes, compact sighting and observability records.

import type { Confidence, Id, Observability, SightingClass } from '../domain';
import type { AnalysisInput, AnalysisObservability, AnalysisScene, AnalysisSighting } from './input';
import { mulberry32 } from '../prng';

export const DAY0 = Date.UTC(2025, 0, 1, 1, 30);

/** Scene `s<i>` acquired on day i (2025-01-01 + i), 01:30 UTC, plus `hourOffset`. */
export function scene(i: number, hourOffset = 0): AnalysisScene {
  return { id: `s${i}`, acquired: new Date(DAY0 + i * 86_400_000 + hourOffset * 3_600_000).toISOString() };
}

export function scenes(n: number): AnalysisScene[] {
  return Array.from({ length: n }, (_, i) => scene(i));
}

let seq = 0;
export function sighting(sceneIdx: number, zoneId: Id | null, subject: { vesselId?: Id; trackId?: Id }, extra: Partial<AnalysisSighting> = {}): AnalysisSighting {
  return {
    id: extra.id ?? `g${++seq}`,
    sceneId: `s${sceneIdx}`,
    class: (extra.class ?? (subject.trackId ? 'container_stack' : 'vessel')) as SightingClass,
    zoneId,
    confidence: (extra.confidence ?? 'confirmed') as Confidence,
    count: extra.count ?? null,
    vesselId: subject.vesselId ?? null,
    trackId: subject.trackId ?? null,
    ...(extra.verified !== undefined && { verified: extra.verified }),
  };
}

export function obs(sceneIdx: number, zoneId: Id, value: Observability): AnalysisObservability {
  return { sceneId: `s${sceneIdx}`, zoneId, value };
}

export const HOURS_PER_DAY = 24;

export const BENCH_SCENES = 2_000;
export const BENCH_ZONES = 20;
export const BENCH_VESSELS = 200;

/**
 * The analysis benchmark's synthetic project (scripts/bench-analysis.ts): 2,000 scenes six hours
 * apart, 20 zones, 200 vessels staying at a quay for runs of scenes, a fifth of marks container stacks.
 */
export function benchmarkProject(seed: number, sightingCount = 100_000): AnalysisInput {
  const rnd = mulberry32(seed);
  const t0 = Date.UTC(2022, 0, 1);
  const scenes = Array.from({ length: BENCH_SCENES }, (_, i) => ({ id: `s${i}`, acquired: new Date(t0 + i * 21_600_000 + Math.floor(rnd() * 3_600_000)).toISOString() }));
  const zones = Array.from({ length: BENCH_ZONES }, (_, i) => ({ id: `z${i}` }));
  const observability: { sceneId: string; zoneId: string; value: Observability }[] = [];
  for (const s of scenes) {
    const cloudy = rnd() < 0.3;
    for (const z of zones) {
      const r = rnd();
      const value: Observability = cloudy ? (r < 0.7 ? 'obscured' : 'partial') : r < 0.85 ? 'clear' : r < 0.95 ? 'partial' : 'outside';
      observability.push({ sceneId: s.id, zoneId: z.id, value });
    }
  }
  // Vessels stay at a quay for runs of consecutive scenes, as in real data.
  const sightings: AnalysisSighting[] = [];
  const conf = ['confirmed', 'probable', 'possible'] as const;
  while (sightings.length < sightingCount) {
    const v = Math.floor(rnd() * BENCH_VESSELS);
    const z = Math.floor(rnd() * BENCH_ZONES);
    const start = Math.floor(rnd() * BENCH_SCENES);
    const len = 1 + Math.floor(rnd() * 12);
    for (let k = 0; k < len && start + k < BENCH_SCENES && sightings.length < sightingCount; k++) {
      const stack = rnd() < 0.2;
      sightings.push({
        id: `g${sightings.length}`,
        sceneId: `s${start + k}`,
        class: stack ? 'container_stack' : 'vessel',
        zoneId: `z${z}`,
        confidence: conf[Math.floor(rnd() * 3)]!,
        count: stack ? 1 + Math.floor(rnd() * 40) : null,
        vesselId: stack ? null : `v${v}`,
        trackId: stack ? `t${v}-${z}` : null,
      });
    }
  }
  return { scenes, zones, observability, sightings, reviews: [] };
}
