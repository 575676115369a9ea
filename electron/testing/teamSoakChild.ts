// Test helper run as a child process for the team soak (electron/node/team/teamSoak.test.ts): one
// analyst's (or reviewer's) laptop with its own offline project, driven line by line on stdin:
//   {"op":"join"} | {"op":"edits","n":5} | {"op":"sync","killAfterPush":true} | {"op":"state"}
// Each answer is one JSON line on stdout, written once the operation has returned (acknowledged).
// Its clock is skewed by QW_SOAK_SKEW_MS (up to ±24 h): the team's order must not depend on it.
import path from 'node:path';
import readline from 'node:readline';
import { createDispatcher } from '../node/dispatcher';
import { ProjectSession } from '../node/session';
import { teamConflicts } from '../node/store/teamLocal';
import { joinTeam, syncProject, teamKeyStore } from '../node/team/sync';
import { findConflicts } from '../../shared/review/conflicts';
import type { ApiResult } from '../../shared/api';
import type { Sighting } from '../../shared/domain';

const [file, dataDir, url, author, role, seedArg, sceneId, zoneId] = process.argv.slice(2);
if (!file || !dataDir || !url || !author || !role || !seedArg || !sceneId || !zoneId) {
  process.stderr.write('usage: teamSoakChild <file> <dataDir> <url> <author> <role> <seed> <sceneId> <zoneId>\n');
  process.exit(2);
}

// This laptop's clock, wrong by the skew (the app reads Date for updatedAt, createdAt and audit times).
const skew = Number(process.env.QW_SOAK_SKEW_MS ?? 0);
if (skew) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = SkewedDate as DateConstructor;
}

let seed = Number(seedArg) >>> 0 || 1;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];

const session = new ProjectSession({ dataDir, author, host: 'cli' });
session.open(file);
const store = session.requireProject();
const dispatch = createDispatcher(session, (line) => process.stderr.write(`${line}\n`));
const keysP = teamKeyStore(path.join(dataDir), { forceFile: true });

// A few fixed spots on the quay, so analysts often mark the same object (differently): the review
// queue's conflicts between analysts.
const SPOTS = [[130.3, 42.25], [130.31, 42.25], [130.3, 42.26], [130.25, 42.22]] as const;
const CLASSES = ['vessel', 'aircraft', 'vehicle', 'other'] as const;

interface Ack {
  entity: string;
  id: string;
  value: unknown;
}

async function call<T>(name: string, req: unknown): Promise<T> {
  const r = (await dispatch(name, req)) as ApiResult<T>;
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

async function analystEdit(): Promise<Ack> {
  const mine = store.sightings().filter((s) => s.author === author);
  const r = rand();
  const s = pick(mine);
  if (r < 0.4 || !s) {
    const spot = pick(SPOTS)!;
    const made = await call<Sighting>('sightings.create', { sceneId, class: pick(CLASSES), geometry: { type: 'Point', coordinates: [...spot] } });
    return { entity: 'sighting', id: made.id, value: made };
  }
  if (r < 0.6) {
    const moved = await call<Sighting>('sightings.update', { id: s.id, patch: { geometry: { type: 'Point', coordinates: [130.2 + rand() * 0.2, 42.2 + rand() * 0.1] } } });
    return { entity: 'sighting', id: s.id, value: moved };
  }
  if (r < 0.75) {
    const changed = await call<Sighting>('sightings.update', { id: s.id, patch: { class: pick(CLASSES.filter((c) => c !== s.class)) } });
    return { entity: 'sighting', id: s.id, value: changed };
  }
  if (r < 0.88) {
    await call('sightings.delete', { id: s.id });
    return { entity: 'sighting', id: s.id, value: null };
  }
  const zone = await call<unknown>('zones.update', { id: zoneId, patch: { name: `Quay by ${author} ${Math.floor(rand() * 1e6)}` } });
  return { entity: 'zone', id: zoneId!, value: zone };
}

async function reviewerEdit(): Promise<Ack | null> {
  const s = pick(store.sightings());
  if (!s) return null;
  const review = await call<{ id: string }>('reviews.set', { sightingId: s.id, verdict: pick(['confirmed', 'disputed', 'rejected'] as const) });
  return { entity: 'review', id: review.id, value: review };
}

const sorted = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

async function handle(msg: { op: string; n?: number; killAfterPush?: boolean }): Promise<unknown> {
  switch (msg.op) {
    case 'join':
      return joinTeam(store, url!, process.env.QW_TEAM_PASSWORD ?? '', await keysP);
    case 'edits': {
      const acks: Ack[] = [];
      for (let i = 0; i < (msg.n ?? 1); i++) {
        const a = role === 'reviewer' ? await reviewerEdit() : await analystEdit();
        if (a) acks.push(a);
      }
      return { acks };
    }
    case 'sync':
      return syncProject(store, await keysP, {
        // The kill lands after the server committed the push and before this project recorded it.
        afterPushCommitted: msg.killAfterPush ? () => process.kill(process.pid, 'SIGKILL') : undefined,
      });
    case 'state':
      return {
        sightings: sorted(store.sightings()),
        reviews: sorted(store.reviews()),
        zones: sorted(store.zones()),
        teamConflicts: teamConflicts(store).map((c) => c.eventId),
        pairs: findConflicts(store.sightings(), store.reviews()).map((c) => c.id),
      };
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

process.stdout.write('ready\n');
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    try {
      process.stdout.write(`${JSON.stringify({ ok: true, value: await handle(JSON.parse(line)) })}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: (e as Error).message })}\n`);
    }
  });
});
