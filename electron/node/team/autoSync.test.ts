// The host's automatic team sync on a real PostgreSQL: a burst of edits syncs once after it settles, never two
// syncs at once, offline keeps the edits and retries after a pause that grows, and the light says each state.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { Sighting } from '../../../shared/domain';
import { openSession } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { joinedReplica, startTeam, type TeamFixture } from '../../testing/teamFixture';
import { teamLinkOf } from '../store/teamLocal';
import { gatherChanges } from '../store/history';
import { TeamSyncer } from './autoSync';
import { joinTeam, syncProject, teamKeyStore } from './sync';

const tmp = tempDir('qw-team-auto-');
let team: TeamFixture;
const TIMING = { tickMs: 1_000_000, debounceMs: 500, intervalMs: 60_000, backoffMs: 1000, maxBackoffMs: 4000 };

beforeAll(async () => {
  team = await startTeam(tmp.dir, [
    { login: 'alice', author: 'Alice', role: 'analyst' },
    { login: 'bob', author: 'Bob', role: 'analyst' },
  ]);
}, 60_000);
afterAll(() => {
  team?.stop();
  tmp.cleanup();
});

let replicas = 0;
async function replica(login: string, author: string) {
  const r = await joinedReplica(team, path.join(tmp.dir, `${login}-${++replicas}`), login, author);
  return { ...r, syncer: new TeamSyncer(r.session, TIMING, async () => r.keys), mark: () => r.mark() };
}

describe('automatic team sync', () => {
  it('syncs a burst of edits once, after they settle; a second asker shares the sync under way', async () => {
    const alice = await replica('alice', 'Alice');
    const bob = await replica('bob', 'Bob');
    try {
      const t0 = Date.now();
      alice.syncer.tick(t0);
      expect(alice.syncer.status().light).toBe('syncing');
      const first = alice.syncer.sync();
      expect(alice.syncer.sync()).toBe(first);
      await first;
      expect(alice.syncer.status()).toMatchObject({ light: 'synced', unsent: 0, conflicts: 0 });
      const a = await alice.mark();
      const b = await alice.mark();
      alice.syncer.tick(t0 + 100); // sees the edits
      expect(alice.syncer.status().unsent).toBeGreaterThan(0);
      alice.syncer.tick(t0 + 300); // still inside the quiet time: no sync
      expect(alice.syncer.status().light).toBe('synced');
      alice.syncer.tick(t0 + 700);
      expect(alice.syncer.status().light).toBe('syncing');
      await alice.syncer.sync();
      expect(alice.syncer.status()).toMatchObject({ light: 'synced', unsent: 0 });
      await syncProject(bob.store, bob.keys);
      expect(bob.store.sightings().map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    } finally {
      alice.session.close();
      bob.session.close();
    }
  });

  it("what a background sync pulled reaches the page with the next status answer; a catch-up of thousands asks it to read the project again", async () => {
    const carol = await replica('bob', 'Bob');
    const dave = await replica('alice', 'Alice');
    try {
      await dave.syncer.sync();
      dave.syncer.status();
      const one = await carol.mark();
      await syncProject(carol.store, carol.keys);
      await dave.syncer.sync();
      const { changes, value } = await gatherChanges(() => dave.syncer.status());
      expect(changes.map((c) => [c.entity, c.id])).toEqual([['sighting', one.id]]);
      expect(value.reload).toBe(false);
      // Handed over once.
      expect((await gatherChanges(() => dave.syncer.status())).changes).toEqual([]);

      const many = Array.from({ length: 2100 }, (_, i) => ({ sceneId: team.template.scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3 + i * 1e-5, 42.25] } }));
      const r = (await carol.dispatch('sightings.createMany', { sightings: many })) as ApiResult<Sighting[]>;
      expect(r.ok).toBe(true);
      await syncProject(carol.store, carol.keys);
      await dave.syncer.sync();
      const big = await gatherChanges(() => dave.syncer.status());
      expect(big.changes).toEqual([]);
      expect(big.value.reload).toBe(true);
      expect(dave.syncer.status().reload).toBe(false);
      expect(dave.store.sightings().length).toBe(carol.store.sightings().length);
    } finally {
      carol.session.close();
      dave.session.close();
    }
  });

  it('offline: the edit stays, the light says so and when it tries again, the pause grows, and the next try after the server is back syncs', async () => {
    const dir = path.join(tmp.dir, 'alice2');
    const { session, dispatch } = openSession(dir, team.replicaFile(dir, 'alice2'), { author: 'Alice' });
    const keys = await teamKeyStore(path.join(dir, 'data'), { forceFile: true });
    const store = session.requireProject();
    await joinTeam(store, team.pgc.url('alice'), team.passwordOf('alice'), keys);
    const syncer = new TeamSyncer(session, TIMING, async () => keys);
    try {
      await syncer.sync();
      const r = (await dispatch('sightings.create', { sceneId: team.template.scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.31, 42.25] } })) as ApiResult<Sighting>;
      expect(r.ok).toBe(true);
      team.pgc.stopServer();
      try {
        await syncer.sync();
        const s1 = syncer.status();
        expect(s1.light).toBe('offline');
        expect(s1.message).toMatch(/Cannot reach the team server at 127\.0\.0\.1:\d+: .*Your edits are kept in the project \(1 not sent yet\); Quaywatch tries again at/);
        const pause1 = Date.parse(s1.nextTryAt!) - Date.now();
        expect(pause1).toBeGreaterThan(500);
        expect(pause1).toBeLessThanOrEqual(1000);
        // Before the pause ends a tick starts nothing.
        syncer.tick(Date.now());
        expect(syncer.status().light).toBe('offline');
        await syncer.sync();
        const pause2 = Date.parse(syncer.status().nextTryAt!) - Date.now();
        expect(pause2).toBeGreaterThan(1500);
        expect(store.sightings().some((s) => s.id === (r as { value: Sighting }).value.id)).toBe(true);
      } finally {
        team.pgc.startServer();
      }
      syncer.tick(Date.now() + 5000);
      await syncer.sync();
      expect(syncer.status()).toMatchObject({ light: 'synced', unsent: 0, nextTryAt: null });
      expect(teamLinkOf(store)!.pushedThrough).toBeGreaterThan(0);
    } finally {
      session.close();
    }
  });
});
