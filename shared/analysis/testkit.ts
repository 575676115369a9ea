// Builders for analysis tests and the benchmark: days as scenes, compact sighting and observability records.

import type { Confidence, Id, Observability, SightingClass } from '../domain';
import type { AnalysisObservability, AnalysisScene, AnalysisSighting } from './input';

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
  };
}

export function obs(sceneIdx: number, zoneId: Id, value: Observability): AnalysisObservability {
  return { sceneId: `s${sceneIdx}`, zoneId, value };
}

export const HOURS_PER_DAY = 24;
