import { describe, expect, it } from 'vitest';
import { conflictKind, differingFields, settlementChoices, settlementLabel, settlementOutcome, type TeamConflict } from './teamConflict';

const zone = (name: string) => ({ id: 'z1', siteId: 's1', name, kind: 'berth', geometry: { type: 'Polygon', coordinates: [] }, updatedAt: name });
const item = (proposed: unknown, teamValue: unknown, over: Partial<TeamConflict> = {}): TeamConflict => ({
  eventId: '3b0b6f4e-6a43-4f4e-9a57-6f3f0c1f2a10',
  seq: 7,
  entity: 'zone',
  entityId: 'z1',
  author: 'Bob',
  label: 'Rename zone',
  proposed,
  teamValue,
  reason: 'changed by someone else meanwhile',
  state: 'open',
  settled: null,
  ...over,
});

describe('settling a team conflict', () => {
  it('edit against edit: the proposer reads "keep mine / keep theirs", anyone else the names', () => {
    const c = item(zone('Old quay'), zone('North quay'));
    expect(conflictKind(c, zone('North quay'))).toBe('edit-vs-edit');
    expect(settlementChoices(c, zone('North quay'), 'Bob').map((x) => [x.keep, x.label])).toEqual([
      ['proposed', 'Keep mine'],
      ['team', 'Keep theirs'],
    ]);
    expect(settlementChoices(c, zone('North quay'), 'Rita').map((x) => x.label)).toEqual(['Keep Bob’s', 'Keep the team’s']);
  });

  it('a deletion against an edit: keep deleted deletes, restore edited keeps the edit', () => {
    const current = zone('edited meanwhile');
    const c = item(null, current);
    expect(settlementChoices(c, current, 'Bob').map((x) => [x.keep, x.label])).toEqual([
      ['proposed', 'Keep deleted'],
      ['team', 'Restore edited'],
    ]);
    expect(settlementOutcome(c, 'proposed', current)).toEqual({ value: null, changes: true });
    expect(settlementOutcome(c, 'team', current)).toEqual({ value: current, changes: false });
  });

  it('an edit against a deletion: restore edited brings the proposal back, keep deleted changes nothing', () => {
    const c = item(zone('Old quay'), null);
    expect(settlementChoices(c, null, 'Rita').map((x) => [x.keep, x.label])).toEqual([
      ['proposed', 'Restore edited'],
      ['team', 'Keep deleted'],
    ]);
    expect(settlementOutcome(c, 'proposed', null)).toEqual({ value: zone('Old quay'), changes: true });
    expect(settlementOutcome(c, 'team', null)).toEqual({ value: null, changes: false });
  });

  it("keeping the proposal puts it over the project's current value, whatever the team had when it was recorded", () => {
    const c = item(zone('Old quay'), zone('North quay'));
    expect(settlementOutcome(c, 'proposed', zone('Renamed again'))).toEqual({ value: zone('Old quay'), changes: true });
    // Already the proposal: a settlement with no change to the entity (the item still closes).
    expect(settlementOutcome(c, 'proposed', zone('Old quay')).changes).toBe(false);
  });

  it('a settled conflict is not settled a second time, and an unknown choice is refused', () => {
    expect(() => settlementOutcome(item(zone('a'), zone('b'), { state: 'settled', settled: 'team' }), 'proposed', zone('b'))).toThrow(/already settled \(the team’s value kept\)/);
    expect(() => settlementOutcome(item(zone('a'), zone('b')), 'both' as never, zone('b'))).toThrow(/Unknown settlement/);
  });

  it('labels say what was kept, and the side-by-side marks the fields that differ (not updatedAt)', () => {
    const c = item(zone('Old quay'), zone('North quay'));
    expect(settlementLabel(c, 'proposed', zone('North quay'))).toBe('Settle team conflict on zone: Keep Bob’s');
    expect(settlementLabel(item(null, zone('x')), 'team', zone('x'))).toBe('Settle team conflict on zone: Restore edited');
    expect(differingFields(zone('Old quay'), zone('North quay'))).toEqual(['name']);
    expect(differingFields(null, zone('x'))).toEqual([]);
  });
});
