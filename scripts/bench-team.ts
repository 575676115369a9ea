// Benchmark: a team workspace on a real, throwaway PostgreSQL with PostGIS (electron/testing/pgCluster.ts).
// One analyst pushes QW_BENCH_TEAM_EVENTS marks (default 100,000, the figure: catch-up <= 30 s),
// a fresh replica catches up on all of them, then a sync with nothing new is timed. Prints the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { editingOf } from '../electron/node/store/editing';
import { ProjectStore } from '../electron/node/store/projectStore';
import { joinTeam, syncProject, teamKeyStore } from '../electron/node/team/sync';
import { startTeam } from '../electron/testing/teamFixture';

const EVENTS = Number(process.env.QW_BENCH_TEAM_EVENTS ?? 100_000);
const NOOP_RUNS = 20;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-team-'));
  const team = await startTeam(dir, [
    { login: 'alice', author: 'Alice', role: 'analyst' },
    { login: 'bob', author: 'Bob', role: 'analyst' },
  ]);
  try {
    const open = async (login: string, author: string) => {
      const file = team.replicaFile(path.join(dir, login), login);
      const store = ProjectStore.open(file, { author });
      const keys = await teamKeyStore(path.join(dir, login, 'data'), { forceFile: true });
      await joinTeam(store, team.pgc.url(login), team.passwordOf(login), keys);
      return { store, keys };
    };
    const alice = await open('alice', 'Alice');
    const edit = editingOf(alice.store);
    for (let made = 0; made < EVENTS; made += 5000) {
      const n = Math.min(5000, EVENTS - made);
      edit.createSightings(Array.from({ length: n }, (_, i) => ({
        sceneId: team.template.scene.id, class: 'vessel' as const, confidence: 'confirmed' as const, notes: '',
        geometry: { type: 'Point' as const, coordinates: [130.2 + ((made + i) % 1000) * 0.0002, 42.2 + Math.floor((made + i) / 1000) * 0.0005] },
      })));
    }
    let t = performance.now();
    const pushed = await syncProject(alice.store, alice.keys);
    const pushMs = performance.now() - t;

    const bob = await open('bob', 'Bob');
    t = performance.now();
    const caught = await syncProject(bob.store, bob.keys);
    const catchUpMs = performance.now() - t;

    const noop: number[] = [];
    for (let i = 0; i < NOOP_RUNS; i++) {
      t = performance.now();
      const r = await syncProject(bob.store, bob.keys);
      noop.push(performance.now() - t);
      if (r.pulled || r.pushed) throw new Error('a sync with nothing new moved something');
    }
    noop.sort((a, b) => a - b);
    const sightings = bob.store.sightings().length;
    alice.store.close();
    bob.store.close();
    if (sightings !== EVENTS) throw new Error(`the fresh replica holds ${sightings} sightings, not ${EVENTS}`);
    console.log(`bench:team  events=${EVENTS}`);
    console.log(`  push ${pushed.pushed} events:            ${(pushMs / 1000).toFixed(2)} s  (${Math.round(pushed.pushed / (pushMs / 1000))} events/s)`);
    console.log(`  fresh replica catches up ${caught.pulled}: ${(catchUpMs / 1000).toFixed(2)} s  (${Math.round(caught.pulled / (catchUpMs / 1000))} events/s; target 100,000 in <= 30 s)`);
    console.log(`  sync with nothing new (connect + push + pull), ${NOOP_RUNS} runs: p50 ${noop[NOOP_RUNS >> 1]!.toFixed(1)} ms, p95 ${noop[Math.floor(NOOP_RUNS * 0.95)]!.toFixed(1)} ms (target <= 100 ms)`);
  } finally {
    team.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
