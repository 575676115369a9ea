// Soak: analysts and a reviewer, each a separate process with its own offline project and a clock wrong
// by up to ±24 h, make random edits (marks, moves, class changes, deletions, zone renames, verdicts) for
// rounds and sync in random order, some at once, with a SIGKILL right after the server took a push (the
// retry is a duplicate), another at a random moment of a sync, and the server stopped once mid-sync. At the
// end every replica holds the same sightings, reviews and zones as the server, every acknowledged edit is in
// the team's log, no change was applied over a colleague's, and every change the team could not apply is a
// review item on every replica. Sized for CI; QW_TEAM_SOAK_ANALYSTS=20 QW_TEAM_SOAK_ROUNDS=… scale it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/review/canonical';
import { buildChild, childEnv, childLines } from '../../testing/buildChild';
import { startTeam, type Member, type TeamFixture } from '../../testing/teamFixture';
import { tempDir } from '../../testing/tmp';
import { connectTeam } from './connect';

const ANALYSTS = Number(process.env.QW_TEAM_SOAK_ANALYSTS ?? 4);
const ROUNDS = Number(process.env.QW_TEAM_SOAK_ROUNDS ?? 5);
const EDITS_PER_ROUND = 4;
const SEED = Number(process.env.QW_TEAM_SOAK_SEED ?? Date.now() % 1e9);

let seed = SEED >>> 0 || 1;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const shuffle = <T>(xs: T[]) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
};

const tmp = tempDir('qw-team-soak-');
let team: TeamFixture;
let childJs: string;
const members: Member[] = [
  ...Array.from({ length: ANALYSTS }, (_, i) => ({ login: `analyst${i + 1}`, author: `Analyst ${i + 1}`, role: 'analyst' as const })),
  { login: 'reviewer1', author: 'Reviewer 1', role: 'reviewer' as const },
];

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

class Laptop {
  proc!: ChildProcess;
  private lines!: ReturnType<typeof childLines>;
  readonly dir: string;
  readonly file: string;
  readonly skewMs = Math.round((rand() * 2 - 1) * 24 * 3600_000);
  constructor(readonly m: Member) {
    this.dir = path.join(tmp.dir, m.login);
    this.file = team.replicaFile(this.dir, m.login);
  }
  async start() {
    const t = team.template;
    this.proc = spawn(
      process.execPath,
      [childJs, this.file, path.join(this.dir, 'data'), team.pgc.url(this.m.login), this.m.author, this.m.role, String(Math.floor(rand() * 1e9)), t.scene.id, t.zones[0]!.id],
      { env: childEnv({ QW_TEAM_PASSWORD: team.passwordOf(this.m.login), QW_SOAK_SKEW_MS: String(this.skewMs) }), stdio: 'pipe' },
    );
    this.lines = childLines(this.proc);
    expect(await this.lines.next()).toBe('ready');
  }
  async send(op: Record<string, unknown>): Promise<Answer> {
    this.proc.stdin!.write(`${JSON.stringify(op)}\n`);
    return JSON.parse(await this.lines.next()) as Answer;
  }
  async must<T>(op: Record<string, unknown>): Promise<T> {
    const a = await this.send(op);
    if (!a.ok) throw new Error(`${this.m.login} ${String(op.op)}: ${a.error}\n${this.lines.stderr()}`);
    return a.value as T;
  }
  async restart() {
    await new Promise<void>((resolve) => (this.proc.exitCode !== null || this.proc.signalCode !== null ? resolve() : this.proc.once('exit', () => resolve())));
    await this.start();
  }
  stop() {
    this.proc?.kill('SIGKILL');
  }
}

let laptops: Laptop[] = [];

beforeAll(async () => {
  team = await startTeam(tmp.dir, members);
  childJs = await buildChild('electron/testing/teamSoakChild.ts', path.join(tmp.dir, 'teamSoakChild.cjs'));
  laptops = members.map((m) => new Laptop(m));
  await Promise.all(laptops.map((l) => l.start()));
  for (const l of laptops) await l.must({ op: 'join' });
}, 60_000);

afterAll(() => {
  for (const l of laptops) l.stop();
  team?.stop();
  tmp.cleanup();
});

it(`${ANALYSTS} analysts and a reviewer, ${ROUNDS} rounds, with kills and retries, end identical and lose nothing`, async () => {
  const started = Date.now();
  const acks: { by: string; entity: string; id: string; value: unknown }[] = [];
  let syncs = 0;
  let kills = 0;
  let duplicates = 0;
  let serverStops = 0;
  let failedSyncs = 0;
  const sync = async (l: Laptop) => {
    const r = await l.must<{ duplicates: number }>({ op: 'sync' });
    syncs++;
    duplicates += r.duplicates;
  };

  for (let round = 0; round < ROUNDS; round++) {
    const edits = await Promise.all(laptops.map((l) => l.must<{ acks: typeof acks }>({ op: 'edits', n: EDITS_PER_ROUND })));
    edits.forEach((e, i) => acks.push(...e.acks.map((a) => ({ ...a, by: laptops[i]!.m.login }))));
    const order = shuffle(laptops);
    // Killed after its push: a laptop that made an edit this round, so it has something to push (a reviewer
    // with nothing to review yet has not, and would never reach the kill).
    const edited = new Set(laptops.filter((_, i) => edits[i]!.acks.length > 0));
    const killedAfterPush = order.find((l) => edited.has(l))!;
    const killedAnyTime = round % 2 === 1 ? order.find((l) => l !== killedAfterPush) : undefined;
    // Once, the server stops while a group syncs: their syncs fail (or finish first) and are done again.
    if (round === 1) {
      const group = order.slice(0, 3).filter((l) => l !== killedAfterPush && l !== killedAnyTime);
      const attempts = group.map((l) => l.send({ op: 'sync' }));
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 30)));
      team.pgc.stopServer();
      serverStops++;
      for (const a of await Promise.all(attempts)) if (!a.ok) failedSyncs++;
      team.pgc.startServer();
      for (const l of group) await sync(l);
    }
    // In random order, up to three syncing at once.
    for (let i = 0; i < order.length; ) {
      const n = 1 + Math.floor(rand() * 3);
      await Promise.all(
        order.slice(i, i + n).map(async (l) => {
          if (l === killedAfterPush) {
            // Killed right after the server took its push: the answer is lost, the retry is a duplicate.
            const died = await l.send({ op: 'sync', killAfterPush: true }).then(() => false, () => true);
            expect(died).toBe(true);
            kills++;
            await l.restart();
          } else if (l === killedAnyTime) {
            const pending = l.send({ op: 'sync' }).catch(() => null);
            await new Promise((r) => setTimeout(r, Math.floor(rand() * 40)));
            l.proc.kill('SIGKILL');
            await pending;
            kills++;
            await l.restart();
          }
          await sync(l);
        }),
      );
      i += n;
    }
  }
  // Everyone syncs twice, one after another: the second pass brings everyone what the last ones sent.
  for (const l of [...laptops, ...laptops]) await sync(l);

  const states = await Promise.all(laptops.map((l) => l.must<{ sightings: unknown[]; reviews: unknown[]; zones: unknown[]; teamConflicts: string[]; pairs: string[] }>({ op: 'state' })));
  for (const [i, s] of states.entries()) expect(canonicalJson(s), `${laptops[i]!.m.login}'s replica`).toBe(canonicalJson(states[0]));

  const admin = await connectTeam(team.pgc.url('postgres'), team.pgc.adminPassword);
  try {
    const events = (await admin.query('SELECT id, entity, entity_id, before, after, outcome, team_value FROM quaywatch.event ORDER BY seq')).rows as {
      id: string; entity: string; entity_id: string; before: unknown; after: unknown; outcome: string; team_value: unknown;
    }[];
    // The log read back in the team's order: a change made on a value the team no longer had is a
    // conflict (never applied over a colleague's), an applied one was made on the team's value.
    const team = new Map<string, string>();
    const silent: string[] = [];
    for (const e of events) {
      const key = `${e.entity}:${e.entity_id}`;
      const now = team.get(key) ?? 'null';
      const [before, after] = [canonicalJson(e.before ?? null), canonicalJson(e.after ?? null)];
      if (e.outcome === 'applied') {
        if (before !== now && after !== now) silent.push(`${e.id} overwrote ${key}`);
        team.set(key, after);
      } else if (canonicalJson(e.team_value ?? null) !== now) silent.push(`${e.id} names the wrong team value`);
    }
    expect(silent).toEqual([]);
    // Every acknowledged edit reached the team's log (applied, or kept as a conflict item).
    const logged = new Set(events.map((e) => `${e.entity}:${e.entity_id}:${canonicalJson(e.after ?? null)}`));
    const missing = acks.filter((a) => !logged.has(`${a.entity}:${a.id}:${canonicalJson(a.value)}`));
    expect(missing).toEqual([]);
    // Every change the team could not apply is a review item on every replica.
    const conflicts = events.filter((e) => e.outcome === 'conflict').map((e) => e.id).sort();
    expect([...states[0]!.teamConflicts].sort()).toEqual(conflicts);
    // The replicas hold what the server holds.
    const server = async (table: string) => ((await admin.query(`SELECT value FROM quaywatch.${table} ORDER BY id COLLATE "C"`)).rows as { value: unknown }[]).map((r) => r.value);
    expect(canonicalJson(await server('sighting'))).toBe(canonicalJson(states[0]!.sightings));
    expect(canonicalJson(await server('review'))).toBe(canonicalJson(states[0]!.reviews));
    expect(canonicalJson(await server('zone'))).toBe(canonicalJson(states[0]!.zones));
    const counts = {
      seed: SEED, analysts: ANALYSTS, rounds: ROUNDS, edits: acks.length, events: events.length, syncs, kills, duplicates, serverStops, failedSyncs,
      conflictItems: conflicts.length, analystPairs: states[0]!.pairs.length, sightings: states[0]!.sightings.length,
      reviews: states[0]!.reviews.length, seconds: (Date.now() - started) / 1000,
    };
    console.log(`team soak: ${JSON.stringify(counts)}`);
    fs.writeFileSync(path.join(tmp.dir, 'counts.json'), JSON.stringify(counts));
    expect(kills).toBeGreaterThanOrEqual(ROUNDS);
    expect(duplicates).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
}, 300_000);
