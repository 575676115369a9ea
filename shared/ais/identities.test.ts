import { describe, expect, it } from 'vitest';
import { editingCalls } from '../calls/editing';
import { aisIdentities, broadcastIdentities, identityCounts, type AisIdentityVessel, type AisMmsiIdentities } from './identities';
import type { AisStatic } from './types';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
/** A static report on day `d` of January 2025. */
const report = (mmsi: string, d: number, over: Partial<AisStatic> = {}): AisStatic => ({
  mmsi,
  t: T0 + d * DAY,
  name: null,
  imo: null,
  callSign: null,
  shipType: 70,
  lengthM: null,
  widthM: null,
  draughtM: null,
  destination: null,
  ...over,
});
const vessel = (id: string, over: Partial<AisIdentityVessel> = {}): AisIdentityVessel => ({ id, kind: 'vessel', name: id, aliases: [], imo: null, mmsi: null, callSign: null, lengthM: null, beamM: null, ...over });

// Valid IMO numbers (check digit right), and one that fails it.
const IMO_A = '9312341';
const IMO_B = '9407861';
const IMO_C = '9354521';
const IMO_BAD = '9312342';
const M1 = '273351220';
const M2 = '273412870';

const one = (statics: AisStatic[], vessels: AisIdentityVessel[]): AisMmsiIdentities => {
  const out = aisIdentities(statics, vessels);
  expect(out).toHaveLength(1);
  return out[0]!;
};
/** A compact reading: proposals as [vessel, patch], conflicts as [kind, vessels], unknown ships as [name, create, note?]. */
const read = (m: AisMmsiIdentities) => ({
  proposals: m.proposals.map((p) => [p.vesselId, p.patch]),
  conflicts: m.conflicts.map((c) => [c.kind, c.vesselIds]),
  unknown: m.unknown.map((u) => [u.name, u.create, u.note !== null]),
});

describe('broadcastIdentities: one MMSI’s reports cut into identities at each change of name or IMO', () => {
  it('joins type 24 part A (name) and part B (call sign, dimensions) into one identity, the latest values winning', () => {
    const ids = broadcastIdentities([
      report(M1, 2, { callSign: 'UBVT7', lengthM: 20, widthM: 6 }),
      report(M1, 1, { name: 'KESTREL' }),
      report(M1, 3, { name: 'KESTREL', lengthM: 21 }),
    ]);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({ name: 'KESTREL', imo: null, callSign: 'UBVT7', lengthM: 21, beamM: 6, periods: [{ from: '2025-01-02T00:00:00.000Z', to: '2025-01-04T00:00:00.000Z', reports: 3 }] });
  });

  it('a name change is a new identity with its own period; going back adds a period to the first', () => {
    const ids = broadcastIdentities([report(M1, 1, { name: 'ANGARA' }), report(M1, 5, { name: 'ANGARA' }), report(M1, 10, { name: 'LADY R' }), report(M1, 20, { name: 'angara ' })]);
    expect(ids.map((i) => [i.name, i.periods.map((p) => [p.from.slice(8, 10), p.to.slice(8, 10), p.reports])])).toEqual([
      ['angara', [['02', '06', 2], ['21', '21', 1]]],
      ['LADY R', [['11', '11', 1]]],
    ]);
  });

  it('the latest period lasts to the MMSI’s last message; earlier ones end at their last record', () => {
    const ids = broadcastIdentities([report(M1, 1, { name: 'ANGARA' }), report(M1, 10, { name: 'LADY R' })], T0 + 30 * DAY);
    expect(ids.map((i) => i.periods.map((p) => [p.from.slice(0, 10), p.to.slice(0, 10)]))).toEqual([[['2025-01-02', '2025-01-02']], [['2025-01-11', '2025-01-31']]]);
    // A last message before the last record changes nothing.
    expect(broadcastIdentities([report(M1, 10, { name: 'LADY R' })], T0)[0]!.periods[0]!.to).toBe('2025-01-11T00:00:00.000Z');
  });

  it('a report without an IMO agrees with the identity that has one; another IMO under the same name is another identity', () => {
    const ids = broadcastIdentities([report(M1, 1, { name: 'X', imo: IMO_A }), report(M1, 2, { name: 'X' }), report(M1, 3, { name: 'X', imo: IMO_B })]);
    expect(ids.map((i) => [i.imo, i.periods.length])).toEqual([[IMO_A, 1], [IMO_B, 1]]);
  });
});

describe('aisIdentities: proposals, conflicts and unknown ships per MMSI', () => {
  const cases: {
    name: string;
    statics: AisStatic[];
    vessels: AisIdentityVessel[];
    expect: ReturnType<typeof read>;
  }[] = [
    {
      name: 'a vessel found by MMSI gains the IMO, call sign, length and beam it lacks; the upper-case name agrees with the analyst’s',
      statics: [report(M1, 1, { name: 'VOSTOK TRADER', imo: IMO_A, callSign: 'UBVT7', lengthM: 128, widthM: 19 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1 })],
      expect: { proposals: [['Vostok Trader', { imo: IMO_A, callSign: 'UBVT7', lengthM: 128, beamM: 19 }]], conflicts: [], unknown: [] },
    },
    {
      name: 'a call sign in other case or spacing, and a beam within a metre, agree: nothing to do',
      statics: [report(M1, 1, { name: 'VOSTOK TRADER', imo: IMO_A, callSign: 'ubvt 7', lengthM: 128, widthM: 19 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, imo: IMO_A, callSign: 'UBVT7', lengthM: 128, beamM: 18.5 })],
      expect: { proposals: [], conflicts: [], unknown: [] },
    },
    {
      name: 'a different call sign is a conflict, never an overwrite; what else the vessel lacks is still proposed',
      statics: [report(M1, 1, { name: 'VOSTOK TRADER', callSign: 'UBXX1', widthM: 19 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, callSign: 'UBVT7' })],
      expect: { proposals: [['Vostok Trader', { beamM: 19 }]], conflicts: [['callSign', ['Vostok Trader']]], unknown: [] },
    },
    {
      name: 'a beam more than a metre off is a conflict',
      statics: [report(M1, 1, { name: 'KESTREL', widthM: 24 })],
      vessels: [vessel('Kestrel', { mmsi: M1, beamM: 19 })],
      expect: { proposals: [], conflicts: [['beam', ['Kestrel']]], unknown: [] },
    },
    {
      name: 'a call sign the API would refuse (8 characters, a sign) is not proposed; it is said',
      statics: [report(M1, 1, { name: 'KESTREL', callSign: 'UB-VT7' })],
      vessels: [vessel('Kestrel', { mmsi: M1 })],
      expect: { proposals: [], conflicts: [['invalid', ['Kestrel']]], unknown: [] },
    },
    {
      name: 'an unknown ship is offered with its call sign (upper case) and beam',
      statics: [report(M1, 1, { name: 'SPARTA IV', callSign: 'ubsp4', lengthM: 154, widthM: 24 })],
      vessels: [],
      expect: { proposals: [], conflicts: [], unknown: [['SPARTA IV', { name: 'SPARTA IV', imo: null, mmsi: M1, callSign: 'UBSP4', lengthM: 154, beamM: 24 }, false]] },
    },
    {
      name: 'a vessel the sightings import named “MMSI …” gets its name from AIS',
      statics: [report(M1, 1, { name: 'SPARTA IV', imo: IMO_C, lengthM: 154 })],
      vessels: [vessel('v', { name: `MMSI ${M1}`, mmsi: M1 })],
      expect: { proposals: [['v', { name: 'SPARTA IV', imo: IMO_C, lengthM: 154 }]], conflicts: [], unknown: [] },
    },
    {
      name: 'a vessel that already says everything AIS says: nothing to do (a length within a metre agrees)',
      statics: [report(M1, 1, { name: 'Vostok  Trader', imo: IMO_A, lengthM: 128 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, imo: IMO_A, lengthM: 127.6 })],
      expect: { proposals: [], conflicts: [], unknown: [] },
    },
    {
      name: 'an MMSI no project vessel has: an unknown ship, offered with everything AIS sent',
      statics: [report(M1, 1, { name: 'SPARTA IV', imo: IMO_C, lengthM: 154 })],
      vessels: [vessel('Other', { mmsi: M2 })],
      expect: { proposals: [], conflicts: [], unknown: [['SPARTA IV', { name: 'SPARTA IV', imo: IMO_C, mmsi: M1, callSign: null, lengthM: 154, beamM: null }, false]] },
    },
    {
      name: 'an unknown ship that never sent a name is offered as “MMSI …”',
      statics: [report(M1, 1, { callSign: 'ABC', lengthM: 30 })],
      vessels: [],
      expect: { proposals: [], conflicts: [], unknown: [[`MMSI ${M1}`, { name: `MMSI ${M1}`, imo: null, mmsi: M1, callSign: 'ABC', lengthM: 30, beamM: null }, false]] },
    },
    {
      name: 'type 5 name change, same IMO: the ship renamed; both names are the vessel’s (found by IMO), shown as periods, nothing renamed',
      statics: [report(M1, 1, { name: 'OLD STAR', imo: IMO_A }), report(M1, 2, { name: 'OLD STAR', imo: IMO_A }), report(M1, 10, { name: 'NEW STAR', imo: IMO_A, lengthM: 90 })],
      vessels: [vessel('New Star', { mmsi: M1, imo: IMO_A })],
      expect: { proposals: [['New Star', { lengthM: 90 }]], conflicts: [['renamed', ['New Star']]], unknown: [] },
    },
    {
      name: 'type 5 name change, no IMO: possibly two ships; the new name is not merged into the vessel but offered apart, without the MMSI',
      statics: [report(M1, 1, { name: 'ANGARA' }), report(M1, 10, { name: 'LADY R', lengthM: 120 })],
      vessels: [vessel('Angara', { mmsi: M1 })],
      expect: { proposals: [], conflicts: [['ships', ['Angara']]], unknown: [['LADY R', { name: 'LADY R', imo: null, mmsi: null, callSign: null, lengthM: 120, beamM: null }, true]] },
    },
    {
      name: 'an MMSI reused by a second ship (another IMO): the second is a new ship, never the first',
      statics: [report(M1, 1, { name: 'VOSTOK TRADER', imo: IMO_A }), report(M1, 30, { name: 'BALTIC DAWN', imo: IMO_B, lengthM: 99 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, imo: IMO_A })],
      expect: { proposals: [], conflicts: [['ships', ['Vostok Trader']]], unknown: [['BALTIC DAWN', { name: 'BALTIC DAWN', imo: IMO_B, mmsi: null, callSign: null, lengthM: 99, beamM: null }, true]] },
    },
    {
      name: 'the reusing ship is in the project by its IMO: linked to it, and the MMSI stays with the first (one vessel per MMSI)',
      statics: [report(M1, 1, { name: 'VOSTOK TRADER', imo: IMO_A }), report(M1, 30, { name: 'BALTIC DAWN', imo: IMO_B, lengthM: 99 })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, imo: IMO_A }), vessel('Baltic Dawn', { imo: IMO_B })],
      expect: { proposals: [['Baltic Dawn', { lengthM: 99 }]], conflicts: [['ships', ['Vostok Trader', 'Baltic Dawn']], ['taken', ['Baltic Dawn', 'Vostok Trader']]], unknown: [] },
    },
    {
      name: 'the same MMSI reused with a different IMO, the project knowing only the first ship and AIS only the second',
      statics: [report(M1, 30, { name: 'BALTIC DAWN', imo: IMO_B })],
      vessels: [vessel('Vostok Trader', { mmsi: M1, imo: IMO_A })],
      expect: { proposals: [], conflicts: [['ships', ['Vostok Trader']]], unknown: [['BALTIC DAWN', { name: 'BALTIC DAWN', imo: IMO_B, mmsi: null, callSign: null, lengthM: null, beamM: null }, true]] },
    },
    {
      name: 'an IMO matching a vessel with another MMSI: that vessel (the hull’s number wins), its MMSI kept and the difference stated',
      statics: [report(M1, 1, { name: 'AMUR EXPRESS', imo: IMO_B, lengthM: 158 })],
      vessels: [vessel('Amur Express', { mmsi: M2, imo: IMO_B })],
      expect: { proposals: [['Amur Express', { lengthM: 158 }]], conflicts: [['mmsi', ['Amur Express']]], unknown: [] },
    },
    {
      name: 'an IMO matching a vessel with no MMSI: it gains this MMSI',
      statics: [report(M1, 1, { name: 'AMUR EXPRESS', imo: IMO_B })],
      vessels: [vessel('Amur Express', { imo: IMO_B })],
      expect: { proposals: [['Amur Express', { mmsi: M1 }]], conflicts: [], unknown: [] },
    },
    {
      name: 'an IMO matching a vessel while another vessel holds the MMSI: the MMSI is not given to a second vessel',
      statics: [report(M1, 1, { name: 'AMUR EXPRESS', imo: IMO_B })],
      vessels: [vessel('Amur Express', { imo: IMO_B }), vessel('Kestrel', { mmsi: M1 })],
      expect: { proposals: [], conflicts: [['taken', ['Amur Express', 'Kestrel']]], unknown: [] },
    },
    {
      name: 'same MMSI, another name and no IMO to tell: a name conflict, and the broadcast name offered apart',
      statics: [report(M1, 1, { name: 'LADY R' })],
      vessels: [vessel('Angara', { mmsi: M1 })],
      expect: { proposals: [], conflicts: [['name', ['Angara']]], unknown: [['LADY R', { name: 'LADY R', imo: null, mmsi: null, callSign: null, lengthM: null, beamM: null }, true]] },
    },
    {
      name: 'an alias the analyst recorded agrees with the broadcast name',
      statics: [report(M1, 1, { name: 'LADY R' })],
      vessels: [vessel('Angara', { mmsi: M1, aliases: ['Lady R'] })],
      expect: { proposals: [], conflicts: [], unknown: [] },
    },
    {
      name: 'a vessel found by IMO under a name AIS never used: a name conflict, never a rename',
      statics: [report(M1, 1, { name: 'SEA HARMONY', imo: IMO_A })],
      vessels: [vessel('Harmony One', { mmsi: M1, imo: IMO_A })],
      expect: { proposals: [], conflicts: [['name', ['Harmony One']]], unknown: [] },
    },
    {
      name: 'a length more than a metre off is a conflict, never an overwrite',
      statics: [report(M1, 1, { name: 'KESTREL', lengthM: 140 })],
      vessels: [vessel('Kestrel', { mmsi: M1, lengthM: 128 })],
      expect: { proposals: [], conflicts: [['length', ['Kestrel']]], unknown: [] },
    },
    {
      name: 'an IMO that fails its check digit is neither linked, proposed nor offered; it is said',
      statics: [report(M1, 1, { name: 'KESTREL', imo: IMO_BAD })],
      vessels: [vessel('Kestrel', { mmsi: M1 })],
      expect: { proposals: [], conflicts: [['invalid', ['Kestrel']]], unknown: [] },
    },
    {
      name: 'an unknown ship with a bad IMO, an absurd length and beam and a call sign of 8 characters is offered without them',
      statics: [report(M1, 1, { name: 'GHOST', imo: IMO_BAD, lengthM: 1022, widthM: 126, callSign: 'UBSP4XYZ' })],
      vessels: [],
      expect: { proposals: [], conflicts: [], unknown: [['GHOST', { name: 'GHOST', imo: null, mmsi: M1, callSign: null, lengthM: null, beamM: null }, false]] },
    },
    {
      name: 'an aircraft with the MMSI (an SAR aircraft) is never linked as a ship, but keeps its MMSI',
      statics: [report(M1, 1, { name: 'SAR 1' })],
      vessels: [vessel('SAR 1', { kind: 'aircraft', mmsi: M1 })],
      expect: { proposals: [], conflicts: [], unknown: [['SAR 1', { name: 'SAR 1', imo: null, mmsi: null, callSign: null, lengthM: null, beamM: null }, true]] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(read(one(c.statics, c.vessels))).toEqual(c.expect);
    });
  }

  it('says the periods and the project side by side, in words', () => {
    const m = one([report(M1, 1, { name: 'ANGARA' }), report(M1, 3, { name: 'ANGARA' }), report(M1, 10, { name: 'LADY R' })], [vessel('Angara', { mmsi: M1 })]);
    expect(m.conflicts[0]).toMatchObject({
      project: `Angara: MMSI ${M1}`,
      ais: 'ANGARA (no IMO) 2025-01-02 to 2025-01-04; LADY R (no IMO) on 2025-01-11',
      text: `MMSI ${M1} sent 2 identities over time: another ship using the number, or a rename. Each is kept apart; nothing was merged.`,
    });
    expect(m.unknown[0]!.note).toBe(`MMSI ${M1} is Angara's in the project, so the new vessel is added without it.`);
    expect(m.identities.map((i) => [i.name, i.vesselId, i.linkedBy])).toEqual([['ANGARA', 'Angara', 'mmsi'], ['LADY R', null, null]]);
  });

  it('words a proposal as the fields it fills', () => {
    const m = one([report(M1, 1, { name: 'SPARTA IV', imo: IMO_C, callSign: 'UBSP4', lengthM: 154, widthM: 24 })], [vessel('v', { name: `MMSI ${M1}`, mmsi: M1 })]);
    expect(m.proposals[0]).toMatchObject({ text: `name SPARTA IV, IMO ${IMO_C}, call sign UBSP4, length 154 m, beam 24 m`, lastBroadcast: '2025-01-02T00:00:00.000Z', identity: 0 });
  });

  it('words a call sign conflict with both call signs, the project side included', () => {
    const m = one([report(M1, 1, { name: 'VOSTOK TRADER', callSign: 'UBXX1' })], [vessel('Vostok Trader', { mmsi: M1, callSign: 'UBVT7', lengthM: 128, beamM: 19 })]);
    expect(m.conflicts).toEqual([
      expect.objectContaining({
        kind: 'callSign',
        project: `Vostok Trader: MMSI ${M1}, call sign UBVT7, 128 × 19 m`,
        text: `The project gives Vostok Trader call sign UBVT7; AIS from MMSI ${M1} says UBXX1: a new flag, or a wrong link. Nothing was changed.`,
      }),
    ]);
  });

  it('every proposal and offer is a request the API accepts (vessels.update, vessels.create)', () => {
    const statics = [report(M1, 1, { name: 'SPARTA IV', imo: IMO_C, callSign: 'ubsp 4', lengthM: 154, widthM: 24 }), report(M2, 1, { name: 'GHOST', imo: IMO_BAD, callSign: 'gh 1', lengthM: 1022, widthM: 30 }), report('445061000', 1, { name: 'RYONGSONG 2', imo: IMO_A })];
    const out = aisIdentities(statics, [vessel('v', { name: `MMSI ${M1}`, mmsi: M1 }), vessel('Ryongsong 2', { imo: IMO_A })]);
    expect(identityCounts(out)).toEqual({ proposals: 2, conflicts: 0, unknown: 1 });
    for (const p of out.flatMap((m) => m.proposals)) expect(editingCalls['vessels.update'].request.safeParse({ id: '6f1d2c4e-8a53-4d0b-9c7e-3b5f1a2e7d90', patch: p.patch }).success).toBe(true);
    for (const u of out.flatMap((m) => m.unknown)) expect(editingCalls['vessels.create'].request.safeParse(u.create).success).toBe(true);
  });

  it('answers MMSIs in order, each on its own', () => {
    const out = aisIdentities([report(M2, 1, { name: 'B' }), report(M1, 1, { name: 'A' })], []);
    expect(out.map((m) => m.mmsi)).toEqual([M1, M2]);
  });
});
