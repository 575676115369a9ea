// Settling team conflicts on a real PostgreSQL with PostGIS: the settlement is an event, so every replica
// ends with the same value and the item closed; two settlements of one conflict never diverge silently.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Review, Sighting, Zone } from '../../../shared/domain';
import type { TeamConflict } from '../../../shared/review/teamConflict';
import { ANALYSTS_AND_REVIEWER, type JoinedReplica, type TeamFixture } from '../../testing/teamFixture';
import { teamSuite } from '../../testing/teamSuite';
import { historyOf } from '../store/history';
import { teamConflicts } from '../store/teamLocal';

const suite = teamSuite('qw-team-settle-', ANALYSTS_AND_REVIEWER);
let team: TeamFixture;
let alice: JoinedReplica, bob: JoinedReplica, rita: JoinedReplica;
const zoneId = () => team.template.zones[0]!.id;
const all = () => [alice, bob, rita];
const syncAll = async () => {
  for (const r of [...all(), ...all()]) await r.sync();
};
const itemOn = (r: JoinedReplica, eventId: string) => teamConflicts(r.store).find((c) => c.eventId === eventId)!;

beforeAll(async () => {
  ({ team, replicas: { alice, bob, rita } } = suite);
  await syncAll();
}, 60_000);

/** Alice and Bob rename the zone at once: Alice reaches the team first, Bob's name is the item. */
async function renameConflict(first: string, second: string): Promise<TeamConflict> {
  await alice.call<Zone>('zones.update', { id: zoneId(), patch: { name: first } });
  await bob.call<Zone>('zones.update', { id: zoneId(), patch: { name: second } });
  await alice.sync();
  await bob.sync();
  await syncAll();
  const c = teamConflicts(bob.store).filter((x) => x.state === 'open').at(-1)!;
  expect(c).toMatchObject({ entity: 'zone', author: 'Bob', state: 'open' });
  return c;
}

describe('settling team conflicts', () => {
  it('"keep mine" on the proposer\'s replica: the proposal becomes the team\'s value, and every replica closes the item alike', async () => {
    const c = await renameConflict('North quay', 'Old quay');
    const settled = await bob.call<TeamConflict>('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'proposed' });
    expect(settled).toMatchObject({ state: 'settled', settled: 'proposed' });
    await syncAll();
    for (const r of all()) {
      expect(r.store.zones().find((z) => z.id === zoneId())!.name).toBe('Old quay');
      expect(itemOn(r, c.eventId)).toMatchObject({ state: 'settled', settled: 'proposed' });
      expect(await r.call<TeamConflict[]>('reviews.teamConflicts', {})).toEqual([]);
    }
    // The settlement is the proposer's own undoable step, by its label.
    expect(historyOf(bob.store).state().undoLabel).toBe('Settle team conflict on zone: Keep mine'.replace('Keep mine', 'Keep Bob’s'));
  });

  it('"keep theirs" by someone else: the team\'s value stays everywhere, the item closes everywhere', async () => {
    const c = await renameConflict('East quay', 'West quay');
    await rita.call<TeamConflict>('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'team' });
    await syncAll();
    for (const r of all()) {
      expect(r.store.zones().find((z) => z.id === zoneId())!.name).toBe('East quay');
      expect(itemOn(r, c.eventId)).toMatchObject({ state: 'settled', settled: 'team' });
    }
  });

  it('delete against a verdict: "keep deleted" takes the mark and its verdict away on every replica', async () => {
    const s = await alice.call<Sighting>('sightings.create', { sceneId: team.template.scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] } });
    await syncAll();
    await rita.call<Review>('reviews.set', { sightingId: s.id, verdict: 'disputed' });
    await rita.sync();
    await alice.call('sightings.delete', { id: s.id });
    expect((await alice.sync()).conflicts).toBe(1);
    await syncAll();
    const c = teamConflicts(alice.store).find((x) => x.entityId === s.id && x.state === 'open')!;
    expect(c.proposed).toBeNull();
    await alice.call<TeamConflict>('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'proposed' });
    await syncAll();
    for (const r of all()) {
      expect(r.store.sightings().some((x) => x.id === s.id)).toBe(false);
      expect(r.store.reviews().some((x) => x.sightingId === s.id)).toBe(false);
      expect(itemOn(r, c.eventId)).toMatchObject({ state: 'settled', settled: 'proposed' });
    }
  });

  it('two replicas settling one conflict in opposite ways: the first to reach the team stands, the second is a new open item, never dropped', async () => {
    const c = await renameConflict('Quay A', 'Quay B');
    await bob.call<TeamConflict>('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'proposed' });
    await alice.call<TeamConflict>('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'team' });
    await bob.sync();
    await alice.sync();
    await syncAll();
    const names = all().map((r) => r.store.zones().find((z) => z.id === zoneId())!.name);
    expect(new Set(names)).toEqual(new Set(['Quay B']));
    for (const r of all()) expect(itemOn(r, c.eventId)).toMatchObject({ state: 'settled', settled: 'proposed' });
    // Alice's opposite settlement is itself an open item on every replica, side by side with Bob's.
    for (const r of all()) {
      const second = teamConflicts(r.store).find((x) => x.entity === 'settlement' && x.entityId === c.eventId);
      expect(second).toMatchObject({ author: 'Alice', state: 'open' });
    }
    const second = teamConflicts(alice.store).find((x) => x.entityId === c.eventId)!;
    await expect(alice.call('reviews.settleTeamConflict', { eventId: second.eventId, keep: 'proposed' })).rejects.toThrow(/already settled that conflict the other way/);
    await alice.call('reviews.settleTeamConflict', { eventId: second.eventId, keep: 'team' });
    await syncAll();
    for (const r of all()) expect(itemOn(r, second.eventId)).toMatchObject({ state: 'settled' });
    expect(new Set(all().map((r) => r.store.zones().find((z) => z.id === zoneId())!.name))).toEqual(new Set(['Quay B']));
  });

  it('a conflict is settled once: a second settlement on the same replica is refused and changes nothing', async () => {
    const c = await renameConflict('Quay C', 'Quay D');
    await rita.call('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'team' });
    await expect(rita.call('reviews.settleTeamConflict', { eventId: c.eventId, keep: 'proposed' })).rejects.toThrow(/already settled/);
    expect(rita.store.zones().find((z) => z.id === zoneId())!.name).toBe('Quay C');
  });
});
