import fc from 'fast-check';
import type { Observability } from '../domain';
import { AnalysisCache, analyze } from './engine';
import { CONFIDENCE_RANK, type AnalysisInput, type AnalysisOptions } from './input';
import type { PortCall } from './portCalls';
import { obs, scene, scenes, sighting } from './testkit';

const opts: AnalysisOptions = { minConfidence: 'possible' };
/** Two piers of one port, and a quay of another site. */
const zones = [
  { id: 'P1', siteId: 'port' },
  { id: 'P2', siteId: 'port' },
  { id: 'Q', siteId: 'other' },
];
const V = { vesselId: 'V' };

function run(input: Partial<AnalysisInput> & Pick<AnalysisInput, 'sightings'>, o: AnalysisOptions = opts) {
  return analyze({ scenes: scenes(10), zones, ...input }, o);
}

describe('port calls: a vessel’s continuous presence at a site, any zone', () => {
  it('a move from Pier 1 to Pier 2, both piers clear and examined: two visits, one port call', () => {
    const r = run({ sightings: [sighting(3, 'P1', V), sighting(4, 'P2', V)] });
    expect(r.visits.map((v) => [v.zoneId, v.sceneIds])).toEqual([
      ['P1', ['s3']],
      ['P2', ['s4']],
    ]);
    expect(r.portCalls).toEqual([
      {
        subjectId: 'V',
        siteId: 'port',
        zoneIds: ['P1', 'P2'],
        sceneIds: ['s3', 's4'],
        firstSeen: '2025-01-04T01:30:00.000Z',
        lastSeen: '2025-01-05T01:30:00.000Z',
        arrivalAfter: '2025-01-03T01:30:00.000Z',
        arrivalAfterSceneId: 's2',
        departureBefore: '2025-01-06T01:30:00.000Z',
        departureBeforeSceneId: 's5',
        dwellMinHours: 24,
        dwellMaxHours: 72,
      } satisfies PortCall,
    ]);
  });

  it('a day when only Pier 1 is seen without it (Pier 2 obscured) does not end the port call', () => {
    const r = run({ sightings: [sighting(3, 'P1', V), sighting(5, 'P2', V)], observability: [obs(4, 'P2', 'obscured')] });
    // Each pier on its own: Pier 1's visit ends on day 4, where Pier 1 was clear.
    expect(r.visits.map((v) => [v.zoneId, v.sceneIds, v.arrivalAfterSceneId, v.departureBeforeSceneId])).toEqual([
      ['P1', ['s3'], 's2', 's4'],
      ['P2', ['s5'], 's3', 's6'],
    ]);
    expect(r.portCalls.map((c) => [c.sceneIds, c.zoneIds, c.arrivalAfterSceneId, c.departureBeforeSceneId, c.dwellMinHours, c.dwellMaxHours])).toEqual([[['s3', 's5'], ['P1', 'P2'], 's2', 's6', 48, 96]]);
  });

  it('a day when both piers are seen without it ends the port call', () => {
    const r = run({ sightings: [sighting(3, 'P1', V), sighting(5, 'P2', V)] });
    expect(r.portCalls.map((c) => [c.sceneIds, c.zoneIds, c.arrivalAfterSceneId, c.departureBeforeSceneId])).toEqual([
      [['s3'], ['P1'], 's2', 's4'],
      [['s5'], ['P2'], 's4', 's6'],
    ]);
  });

  it('a pier not examined, or holding a mark of it that does not count, is no site absence', () => {
    const all = (i: number) => [{ sceneId: `s${i}`, zoneId: 'P1' }, { sceneId: `s${i}`, zoneId: 'P2' }];
    const examined = [0, 1, 2, 3, 5, 6, 7, 8, 9].flatMap(all).concat([{ sceneId: 's4', zoneId: 'P1' }]);
    const unexamined = run({ sightings: [sighting(3, 'P1', V), sighting(5, 'P1', V)], examined });
    expect(unexamined.portCalls.map((c) => c.sceneIds)).toEqual([['s3', 's5']]);
    const weak = run({ sightings: [sighting(3, 'P1', V), sighting(4, 'P2', V, { confidence: 'possible' }), sighting(5, 'P1', V)] }, { minConfidence: 'probable' });
    expect(weak.portCalls.map((c) => [c.sceneIds, c.arrivalAfterSceneId, c.departureBeforeSceneId])).toEqual([[['s3', 's5'], 's2', 's6']]);
    // Another site's quay never ends or starts a call at the port, and makes its own.
    const elsewhere = run({ sightings: [sighting(3, 'P1', V), sighting(4, 'Q', V), sighting(5, 'P1', V)] });
    expect(elsewhere.portCalls.map((c) => [c.siteId, c.sceneIds])).toEqual([
      ['port', ['s3']],
      ['other', ['s4']],
      ['port', ['s5']],
    ]);
  });

  it('a scene at the instant of a presence is no site absence (one instant, one observation)', () => {
    const twin = { ...scene(4), id: 's4b' };
    const r = run({ scenes: [...scenes(10), twin], sightings: [sighting(3, 'P1', V), { ...sighting(4, 'P2', V), sceneId: 's4b' }, sighting(5, 'P1', V)] });
    expect(r.portCalls.map((c) => c.sceneIds)).toEqual([['s3', 's4b', 's5']]);
  });

  it('zones without a site are one site; open ends are null', () => {
    const r = analyze({ scenes: scenes(3), zones: [{ id: 'A' }, { id: 'B' }], sightings: [sighting(0, 'A', V), sighting(1, 'B', V), sighting(2, 'A', V)] }, opts);
    expect(r.portCalls).toMatchObject([{ siteId: null, zoneIds: ['A', 'B'], arrivalAfter: null, departureBefore: null, dwellMinHours: 48, dwellMaxHours: null }]);
  });

  it('filters like visits: by firstSeen in the period, by vessel, and by a zone the call touched', () => {
    const input: AnalysisInput = { scenes: scenes(10), zones, sightings: [sighting(3, 'P1', V), sighting(4, 'P2', V), sighting(7, 'P1', { vesselId: 'W' })] };
    const cache = new AnalysisCache(input, opts);
    expect(cache.portCalls().map((c) => c.subjectId)).toEqual(['V', 'W']);
    cache.setOptions({ ...opts, zoneIds: ['P2'] });
    expect(cache.portCalls().map((c) => [c.subjectId, c.zoneIds])).toEqual([['V', ['P1', 'P2']]]);
    cache.setOptions({ ...opts, subjectIds: ['W'] });
    expect(cache.portCalls().map((c) => c.subjectId)).toEqual(['W']);
    // Seen from day 3: a period from day 4 leaves the call out, as it does the visit at Pier 1.
    cache.setOptions({ ...opts, from: scene(4).acquired });
    expect(cache.portCalls().map((c) => c.subjectId)).toEqual(['W']);
  });
});

// ---- against a reference implementation of the rule, and the incremental cache against a recompute ----

const OBS: Observability[] = ['clear', 'partial', 'obscured', 'outside'];
const ZONES = ['A', 'B', 'C'];
const arbInput = fc
  .record({
    n: fc.integer({ min: 1, max: 16 }),
    obsCodes: fc.array(fc.constantFrom<Observability>('clear', 'clear', ...OBS), { minLength: 48, maxLength: 48 }),
    marks: fc.array(fc.record({ scene: fc.nat(15), zone: fc.constantFrom(...ZONES), vessel: fc.constantFrom('V1', 'V2'), conf: fc.constantFrom('confirmed' as const, 'possible' as const) }), { maxLength: 24 }),
    twins: fc.array(fc.nat(15), { maxLength: 3 }),
  })
  .map(({ n, obsCodes, marks, twins }): AnalysisInput => {
    const sc = [...scenes(n), ...twins.filter((t) => t < n).map((t, i) => ({ ...scene(t), id: `t${i}` }))];
    return {
      scenes: sc,
      // A and B are one port; C another.
      zones: [{ id: 'A', siteId: 'port' }, { id: 'B', siteId: 'port' }, { id: 'C', siteId: 'far' }],
      observability: sc.flatMap((s, i) => ZONES.map((z, k) => ({ sceneId: s.id, zoneId: z, value: obsCodes[(i * 3 + k) % 48]! }))),
      sightings: marks.filter((m) => m.scene < n).map((m) => sighting(m.scene, m.zone, { vesselId: m.vessel }, { confidence: m.conf })),
    };
  });

/** The rule as METHOD.md states it, scene by scene, with no shared code. */
function referencePortCalls(input: AnalysisInput, o: AnalysisOptions) {
  const order = [...input.scenes].sort((a, b) => Date.parse(a.acquired) - Date.parse(b.acquired) || (a.id < b.id ? -1 : 1));
  const obsOf = (sceneId: string, zoneId: string) => input.observability!.find((x) => x.sceneId === sceneId && x.zoneId === zoneId)?.value ?? 'clear';
  const counted = (s: (typeof input.sightings)[number]) => CONFIDENCE_RANK[s.confidence] >= CONFIDENCE_RANK[o.minConfidence];
  const out: { subjectId: string; siteId: string; sceneIds: string[]; zoneIds: string[]; arrival: string | null; departure: string | null }[] = [];
  for (const vessel of ['V1', 'V2']) {
    for (const site of ['port', 'far']) {
      const siteZones = input.zones.filter((z) => z.siteId === site).map((z) => z.id);
      const marks = input.sightings.filter((s) => s.vesselId === vessel && siteZones.includes(s.zoneId!));
      const presentAt = (sceneId: string) => marks.some((s) => s.sceneId === sceneId && counted(s));
      const state = order.map((sc) => {
        if (presentAt(sc.id)) return 'P';
        const sameInstant = order.some((x) => x.acquired === sc.acquired && presentAt(x.id));
        const empty = siteZones.every((z) => obsOf(sc.id, z) === 'clear' && !marks.some((s) => s.sceneId === sc.id && s.zoneId === z));
        return empty && !sameInstant ? 'A' : '?';
      });
      let run: number[] = [];
      const close = () => {
        if (!run.length) return;
        const before = state.slice(0, run[0]).lastIndexOf('A');
        const after = state.findIndex((x, i) => i > run[run.length - 1]! && x === 'A');
        const ids = run.map((i) => order[i]!.id);
        const zs = [...new Set(marks.filter((s) => ids.includes(s.sceneId) && counted(s)).map((s) => s.zoneId!))].sort();
        out.push({ subjectId: vessel, siteId: site, sceneIds: ids, zoneIds: zs, arrival: before >= 0 ? order[before]!.id : null, departure: after >= 0 ? order[after]!.id : null });
        run = [];
      };
      state.forEach((x, i) => {
        if (x === 'P') run.push(i);
        else if (x === 'A') close();
      });
      close();
    }
  }
  return out;
}

const shape = (cs: PortCall[]) =>
  cs
    .map((c) => ({ subjectId: c.subjectId, siteId: c.siteId!, sceneIds: c.sceneIds, zoneIds: c.zoneIds, arrival: c.arrivalAfterSceneId, departure: c.departureBeforeSceneId }))
    .sort((a, b) => `${a.subjectId}${a.siteId}${a.sceneIds[0]}`.localeCompare(`${b.subjectId}${b.siteId}${b.sceneIds[0]}`));

describe('port call properties', () => {
  it('equal the rule applied scene by scene', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom<AnalysisOptions>(opts, { minConfidence: 'confirmed' }), (input, o) => {
        const ref = referencePortCalls(input, o);
        expect(shape(analyze(input, o).portCalls)).toEqual(ref.sort((a, b) => `${a.subjectId}${a.siteId}${a.sceneIds[0]}`.localeCompare(`${b.subjectId}${b.siteId}${b.sceneIds[0]}`)));
      }),
      { numRuns: 300 },
    );
  });

  it('a port call spans at least the visits it holds, and every visit lies in exactly one port call', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = analyze(input, opts);
        const site = (z: string) => input.zones.find((x) => x.id === z)!.siteId;
        for (const v of r.visits) {
          const holding = r.portCalls.filter((c) => c.subjectId === v.subjectId && c.siteId === site(v.zoneId) && v.sceneIds.every((s) => c.sceneIds.includes(s)));
          expect(holding).toHaveLength(1);
          const c = holding[0]!;
          expect(c.dwellMinHours).toBeGreaterThanOrEqual(v.dwellMinHours);
          if (c.dwellMaxHours !== null && v.dwellMaxHours !== null) expect(c.dwellMaxHours).toBeGreaterThanOrEqual(v.dwellMaxHours);
        }
      }),
    );
  });

  it('the incremental cache equals a recompute after any sequence of edits', () => {
    type Edit = { t: 'add'; scene: number; zone: string; vessel: string } | { t: 'remove'; which: number } | { t: 'obs'; scene: number; zone: string; value: Observability } | { t: 'site'; zone: string; siteId: string };
    const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ t: fc.constant('add' as const), scene: fc.nat(15), zone: fc.constantFrom(...ZONES), vessel: fc.constantFrom('V1', 'V2') }),
      fc.record({ t: fc.constant('remove' as const), which: fc.nat() }),
      fc.record({ t: fc.constant('obs' as const), scene: fc.nat(15), zone: fc.constantFrom(...ZONES), value: fc.constantFrom(...OBS) }),
      fc.record({ t: fc.constant('site' as const), zone: fc.constantFrom(...ZONES), siteId: fc.constantFrom('port', 'far') }),
    );
    fc.assert(
      fc.property(arbInput, fc.array(arbEdit, { maxLength: 10 }), (input, edits) => {
        const state = { ...input, sightings: [...input.sightings], observability: [...input.observability!], zones: [...input.zones] };
        const cache = new AnalysisCache(input, opts);
        cache.portCalls();
        for (const e of edits) {
          if (e.t === 'add') {
            const s = sighting(e.scene, e.zone, { vesselId: e.vessel });
            if (!state.scenes.some((x) => x.id === s.sceneId)) continue;
            state.sightings.push(s);
            cache.upsertSighting(s);
          } else if (e.t === 'remove') {
            const s = state.sightings[e.which % Math.max(1, state.sightings.length)];
            if (!s) continue;
            state.sightings = state.sightings.filter((x) => x.id !== s.id);
            cache.removeSighting(s.id);
          } else if (e.t === 'obs') {
            const o2 = obs(e.scene, e.zone, e.value);
            state.observability = [...state.observability.filter((x) => !(x.sceneId === o2.sceneId && x.zoneId === o2.zoneId)), o2];
            cache.setObservability(o2);
          } else {
            const z = { id: e.zone, siteId: e.siteId };
            state.zones = state.zones.map((x) => (x.id === z.id ? z : x));
            cache.upsertZone(z);
          }
          expect(cache.portCalls()).toEqual(new AnalysisCache(state, opts).portCalls());
        }
      }),
      { numRuns: 200 },
    );
  });
});
