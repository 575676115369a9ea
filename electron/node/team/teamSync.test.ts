// Joining and syncing projects through a team workspace on a real PostgreSQL with PostGIS: analysts'
// work reaches each other in the server's order, through the one write path (origin 'team'); a retry is
// kept once; a change the team could not apply is a review item on every replica, never dropped.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Review, Sighting, Zone } from '../../../shared/domain';
import type { TeamConflict } from '../../../shared/review/teamConflict';
import { ANALYSTS_AND_REVIEWER, type JoinedReplica, type TeamFixture } from '../../testing/teamFixture';
import { teamSuite } from '../../testing/teamSuite';
import { historyOf } from '../store/history';
import { databaseOf } from '../store/projectStore';
import { teamConflicts, teamLinkOf } from '../store/teamLocal';
import { parseTeamUrl } from './connect';

const suite = teamSuite('qw-team-sync-', ANALYSTS_AND_REVIEWER);
let team: TeamFixture;
let alice: JoinedReplica, bob: JoinedReplica, rita: JoinedReplica;
const zoneId = () => team.template.zones[0]!.id;

beforeAll(async () => {
  ({ team, replicas: { alice, bob, rita } } = suite);
  for (const r of [alice, bob, rita]) await r.sync();
}, 60_000);

describe('team sync', () => {
  it("an analyst's mark reaches a colleague as a step of origin 'team', by its author; a second sync moves nothing", async () => {
    const s = await alice.mark('tanker at quay 1');
    expect((await alice.sync()).pushed).toBeGreaterThan(0);
    const r = await bob.sync();
    expect(r.changed).toBe(1);
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual(s);
    const audit = historyOf(bob.store).list({ entity: 'sighting', entityId: s.id, limit: 5 });
    expect(audit[0]).toMatchObject({ origin: 'team', author: 'Alice', action: 'edit' });
    // Bob cannot undo Alice's mark away: only his own edits are on his undo stack.
    expect(historyOf(bob.store).state().canUndo).toBe(false);
    await alice.sync();
    expect(await bob.sync()).toMatchObject({ pushed: 0, pulled: 0, changed: 0 });
  });

  it('a push whose answer was lost (the process died) is sent again and kept once', async () => {
    const s = await alice.mark('sent twice');
    await expect(alice.sync({ afterPushCommitted: () => { throw new Error('killed before the answer was recorded'); } })).rejects.toThrow(/killed/);
    const again = await alice.sync();
    expect(again.duplicates).toBeGreaterThan(0);
    expect(again.pushed).toBe(0);
    const n = team.pgc.psql(`SELECT count(*) FROM quaywatch.event WHERE entity_id = '${s.id}'`, 'quaywatch').trim();
    expect(n).toBe('1');
    await bob.sync();
    expect(bob.store.sightings().filter((x) => x.id === s.id)).toHaveLength(1);
  });

  it("two analysts renaming one zone: the first to reach the team wins, the other's name is a review item on every replica", async () => {
    await alice.call<Zone>('zones.update', { id: zoneId(), patch: { name: 'North quay' } });
    await bob.call<Zone>('zones.update', { id: zoneId(), patch: { name: 'Old quay' } });
    await alice.sync();
    expect((await bob.sync()).conflicts).toBe(1);
    await alice.sync();
    await rita.sync();
    for (const r of [alice, bob, rita]) {
      expect(r.store.zones().find((z) => z.id === zoneId())!.name).toBe('North quay');
      const items = teamConflicts(r.store).filter((c) => c.entity === 'zone');
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ author: 'Bob', reason: 'changed by someone else meanwhile', state: 'open' });
      expect((items[0]!.proposed as Zone).name).toBe('Old quay');
      expect((items[0]!.teamValue as Zone).name).toBe('North quay');
    }
    // The review queue's call lists it, as the app would show it.
    const listed = await bob.call<TeamConflict[]>('reviews.teamConflicts', {});
    expect(listed.map((c) => [c.entity, (c.proposed as Zone).name])).toEqual([['zone', 'Old quay']]);
  });

  it('a verdict on a mark its author deleted meanwhile is a review item, and the deletion stands', async () => {
    const s = await alice.mark('deleted while reviewed');
    await alice.sync();
    await rita.sync();
    await rita.call<Review>('reviews.set', { sightingId: s.id, verdict: 'confirmed' });
    await alice.call('sightings.delete', { id: s.id });
    await alice.sync();
    expect((await rita.sync()).conflicts).toBe(1);
    expect(rita.store.sightings().some((x) => x.id === s.id)).toBe(false);
    expect(rita.store.reviews().some((x) => x.sightingId === s.id)).toBe(false);
    const item = teamConflicts(rita.store).find((c) => c.entity === 'review' && (c.proposed as Review).sightingId === s.id);
    expect(item).toMatchObject({ author: 'Rita', reason: 'its sighting was deleted' });
    await alice.sync();
    expect(teamConflicts(alice.store).map((c) => c.eventId)).toEqual(teamConflicts(rita.store).map((c) => c.eventId));
  });

  it('deleting a mark a reviewer judged meanwhile is a review item, and the mark comes back with the verdict', async () => {
    const s = await alice.mark('judged while deleted');
    await alice.sync();
    await rita.sync();
    const review = await rita.call<Review>('reviews.set', { sightingId: s.id, verdict: 'disputed' });
    await rita.sync();
    await alice.call('sightings.delete', { id: s.id });
    expect((await alice.sync()).conflicts).toBe(1);
    expect(alice.store.sightings().find((x) => x.id === s.id)).toEqual(s);
    expect(alice.store.reviews().find((x) => x.id === review.id)).toEqual(review);
    expect(teamConflicts(alice.store).at(-1)).toMatchObject({ entity: 'sighting', entityId: s.id, author: 'Alice', proposed: null });
  });

  it("an analyst's change to a colleague's mark is refused by the workspace: kept as a review item, the mark restored, the sync goes on", async () => {
    const s = await alice.mark("Alice's, not Bob's");
    await alice.sync();
    await bob.sync();
    await bob.call<Sighting>('sightings.update', { id: s.id, patch: { class: 'aircraft' } });
    const mine = await bob.mark("Bob's own, after it");
    const r = await bob.sync();
    expect(r).toMatchObject({ refused: 1, conflicts: 1 });
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual(s);
    const item = teamConflicts(bob.store).find((c) => c.entityId === s.id)!;
    expect(item.reason).toMatch(/refused by the workspace/);
    expect((item.proposed as Sighting).class).toBe('aircraft');
    // Bob's own later work still reached the team, and the next sync has nothing stuck.
    await alice.sync();
    expect(alice.store.sightings().find((x) => x.id === mine.id)).toEqual(mine);
    expect(await bob.sync()).toMatchObject({ pushed: 0, refused: 0 });
  });

  it('a server that stops mid-sync loses nothing: the sync says so, and the next one finishes it', async () => {
    const s = await alice.mark('while the server went down');
    team.pgc.stopServer();
    try {
      await expect(alice.sync()).rejects.toThrow(/Cannot reach the team server/);
      expect(alice.store.sightings().find((x) => x.id === s.id)).toEqual(s);
    } finally {
      team.pgc.startServer();
    }
    // Stopped between the push (acknowledged) and the pull.
    const moved = await alice.call<Sighting>('sightings.update', { id: s.id, patch: { class: 'aircraft' } });
    await expect(alice.sync({ afterPushCommitted: () => team.pgc.stopServer() })).rejects.toThrow();
    team.pgc.startServer();
    const next = await alice.sync();
    expect(next.duplicates).toBe(0);
    await bob.sync();
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual(moved);
  });

  it('replicas end identical, and the password is in the keystore (0600), never in the project file or its WAL', async () => {
    for (const r of [alice, bob, rita, alice, bob]) await r.sync();
    const state = (r: JoinedReplica) => JSON.stringify([r.store.sightings(), r.store.reviews(), r.store.zones()].map((l) => [...l].sort((a, b) => (a.id < b.id ? -1 : 1))));
    expect(state(bob)).toBe(state(alice));
    expect(state(rita)).toBe(state(alice));
    expect(teamLinkOf(alice.store)!.url).toBe(team.pgc.url('alice'));
    for (const f of [alice.file, `${alice.file}-wal`]) {
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from('alice-pw'))).toBe(false);
    }
    const secret = path.join(alice.dir, 'data', 'secrets', 'team-passwords.json');
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    expect(alice.keys.get(team.pgc.url('alice'))).toBe('alice-pw');
  });

  it('an address with a password in it is refused before anything connects', () => {
    expect(() => parseTeamUrl('postgres://alice:secret@127.0.0.1:5432/quaywatch')).toThrow(/Leave the password out of the address/);
  });

  it("an event the project's schemas refuse is applied nowhere, and the message names it", async () => {
    const before = JSON.stringify(bob.store.sightings());
    const cursor = teamLinkOf(bob.store)!.pulledThrough;
    // Written past the push function, as only a superuser could: a sighting with a class Quaywatch does not know.
    team.pgc.psql(
      `INSERT INTO quaywatch.event (id, author, replica, label, entity, entity_id, after, outcome)
       VALUES (gen_random_uuid(), 'Mallory', gen_random_uuid(), 'Bad mark', 'sighting', 'x1', '{"id":"x1","class":"submarine"}', 'applied')`,
      'quaywatch',
    );
    await expect(bob.sync()).rejects.toThrow(/event \d+ \(by Mallory, “Bad mark”\) was refused: its sighting is not valid/);
    expect(JSON.stringify(bob.store.sightings())).toBe(before);
    expect(teamLinkOf(bob.store)!.pulledThrough).toBe(cursor);
    // Nothing of it reached the project's history either.
    expect(databaseOf(bob.store).prepare("SELECT count(*) FROM edit WHERE entity_id = 'x1'").pluck().get()).toBe(0);
  });
});
