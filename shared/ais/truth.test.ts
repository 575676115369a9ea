// The AIS rules end to end against a port whose every ship's moves are known (testkit.portOfTruth):
// noisy, duplicated, shuffled AIS; a ship dark for two days at the quay; a spoofed track; calls the
// analyst missed or could not see. The engine's own imagery visits are compared with AIS visits.
import { describe, expect, it } from 'vitest';
import { computeVisits } from '../analysis/engine';
import { aisGaps } from './gaps';
import { aisSaysHere } from './queue';
import { portOfTruth } from './testkit';
import { buildTrackIndex } from './track';
import { DEFAULT_AIS_SETTINGS } from './types';
import { aisVerdicts, buildBrackets, indexSource, tableSource } from './verdicts';
import { aisVisits, compareVisits } from './visits';

const H = 3_600_000;

describe.each([1, 2, 3])('a port of known truth (seed %i)', (seed) => {
  const p = portOfTruth(seed);
  const index = buildTrackIndex(p.positions);
  const hours = (iso: string) => (Date.parse(iso) - p.T0) / H;
  const settings = DEFAULT_AIS_SETTINGS;

  it('collapses the reports heard twice and keeps one per transmission', () => {
    expect(index.duplicatesDropped).toBeGreaterThan(p.positions.length * 0.1);
    expect(index.t.length + index.duplicatesDropped).toBe(p.positions.length);
    for (const [, [a, b]] of index.ranges) for (let i = a + 1; i < b; i++) expect(index.t[i]! - index.t[i - 1]!).toBeGreaterThan(250_000);
  });

  it('gives every mark its true verdict, from the index and from brackets alike', () => {
    const input = { sightings: p.verdictSightings, scenes: p.ctx.scenes, vessels: p.ctx.vessels };
    const fromIndex = aisVerdicts(input, indexSource(index), settings);
    expect(Object.fromEntries(fromIndex.map((v) => [v.sightingId, v.verdict]))).toEqual(p.truth.verdicts);
    const table = buildBrackets(index, p.ctx.scenes, p.ctx.vessels.flatMap((v) => (v.mmsi ? [v.mmsi] : [])), settings.windowMin);
    expect(aisVerdicts(input, tableSource(table), settings)).toEqual(fromIndex);
    for (const v of fromIndex.filter((x) => x.verdict === 'confirmed')) expect(v.distanceM!).toBeLessThan(60);
    for (const v of fromIndex.filter((x) => x.verdict !== 'silent' && x.verdict !== 'unlinked')) expect(v.nearestMinutes!).toBeLessThanOrEqual(3.5);
  });

  it('finds the two dark days as one gap whose scenes show the ship at the quay', () => {
    const gaps = aisGaps(index, p.ctx, settings);
    expect(gaps.map((g) => g.mmsi)).toEqual(p.truth.gaps.map((g) => g.mmsi));
    for (const [g, want] of gaps.map((g, i) => [g, p.truth.gaps[i]!] as const)) {
      expect(hours(g.from)).toBeGreaterThan(want.fromH - 0.2);
      expect(hours(g.from)).toBeLessThanOrEqual(want.fromH);
      expect(hours(g.to)).toBeGreaterThanOrEqual(want.toH);
      expect(hours(g.to)).toBeLessThan(want.toH + 0.2);
      expect(g.scenes.map((s) => s.sceneId)).toEqual(want.sceneIds);
      for (const s of g.scenes) {
        expect(s.seen).toBe(true);
        expect(s.zones.find((z) => z.zoneId === want.seenAt)?.shows).toBe('seen');
        expect(s.zones.filter((z) => z.shows === 'seen')).toHaveLength(1);
      }
    }
  });

  it('derives the true AIS visits, and none for the ship passing along the quays', () => {
    const visits = aisVisits(index, p.ctx.zones, p.ctx.vessels, settings);
    expect(visits.map((v) => [v.mmsi, v.zoneId])).toEqual(p.truth.aisVisits.map((v) => [v.mmsi, v.zoneId]));
    visits.forEach((v, i) => {
      const want = p.truth.aisVisits[i]!;
      expect(Math.abs(hours(v.start) - want.startH)).toBeLessThan(0.25);
      expect(Math.abs(hours(v.end) - want.endH)).toBeLessThan(0.25);
      expect(v.confidence).toBe(4);
      expect(v.stops).toBeGreaterThanOrEqual(1);
    });
  });

  it('queues the one call AIS saw at a clear quay where nothing is marked', () => {
    const queue = aisSaysHere(index, p.ctx, settings);
    expect(queue.map((q) => ({ sceneId: q.sceneId, zoneId: q.zoneId, mmsi: q.mmsi, examined: q.examined }))).toEqual(p.truth.queue);
    expect(queue[0]!.text).toBe('AIS says Ursa Major at Quay 2; nothing marked');
  });

  it("sets AIS visits beside the engine's imagery visits: both, dark calls, AIS only and why", () => {
    const imagery = computeVisits(p.analysis, { minConfidence: 'possible' });
    const c = compareVisits(imagery, aisVisits(index, p.ctx.zones, p.ctx.vessels, settings), index, p.ctx, settings);
    expect(c.both.map((b) => ({ vesselId: b.imagery.subjectId, zoneId: b.imagery.zoneId }))).toEqual(p.truth.both);
    const byVessel = <T extends { vesselId: string }>(xs: T[]) => xs.sort((a, b) => (a.vesselId < b.vesselId ? -1 : 1));
    expect(byVessel(c.imageryOnly.map((x) => ({ vesselId: x.imagery.subjectId, zoneId: x.imagery.zoneId, ais: x.ais })))).toEqual(p.truth.imageryOnly);
    expect(c.aisOnly.map((x) => ({ mmsi: x.ais.mmsi, zoneId: x.ais.zoneId, reason: x.reason }))).toEqual(p.truth.aisOnly);
    expect(c.unlinked.map((v) => ({ vesselId: v.subjectId, zoneId: v.zoneId }))).toEqual(p.truth.unlinked);
  });
});
