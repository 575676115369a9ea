// Test helper run as a child process for the crash loop: opens a project and drives random edits
// through the real dispatcher as fast as it can, announcing each call before it starts ("begin")
// and once it has returned ("ack"), until the parent kills it with SIGKILL.
import fs from 'node:fs';
import { createDispatcher } from '../node/dispatcher';
import { ProjectSession } from '../node/session';
import type { ApiResult, HistoryChange } from '../../shared/api';
import type { Sighting } from '../../shared/domain';

const [file, dataDir, seedArg, sceneId, logPath] = process.argv.slice(2);
if (!file || !dataDir || !seedArg || !sceneId || !logPath) {
  process.stderr.write('usage: crashChild <project.quaywatch> <dataDir> <seed> <sceneId> <log>\n');
  process.exit(2);
}

// A small deterministic generator, so a failing run can be replayed from its seed.
let seed = Number(seedArg) >>> 0 || 1;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(rand() * xs.length)];

// Each line goes to a log file by a blocking write: it is in the kernel's hands before the next
// instruction, so a SIGKILL cannot lose it. (A pipe is no good for this: when the parent is slow to
// read, Node queues writes in this process's memory, and the kill loses what was queued.) Only
// `ready` also goes to stdout, so the parent can start its kill timer.
const logFd = fs.openSync(logPath!, 'a');
const say = (o: unknown) => fs.writeSync(logFd, `${JSON.stringify(o)}\n`);

const session = new ProjectSession({ dataDir, author: 'ana', host: 'cli' });
session.open(file);
const dispatch = createDispatcher(session, (line) => process.stderr.write(`${line}\n`));
const known = new Set(session.requireProject().sightings().map((s) => s.id));
say({ ready: known.size });
process.stdout.write('ready\n');

const point = () => ({ type: 'Point', coordinates: [130.29 + rand() * 0.02, 42.24 + rand() * 0.02] });

function nextCall(n: number): { name: string; req: unknown } {
  const ids = [...known];
  const r = rand();
  const some = pick(ids);
  if (r < 0.25 || !some) return { name: 'sightings.create', req: { sceneId, class: 'vessel', geometry: point(), notes: `c${n}` } };
  if (r < 0.33) {
    return {
      name: 'sightings.createMany',
      req: { sightings: [0, 1, 2].map((i) => ({ sceneId, class: 'vessel', geometry: point(), notes: `m${n}.${i}` })) },
    };
  }
  // Notes unique across runs (run seed + call number): an update that changes nothing adds no
  // history step by design, and the parent counts one step per acknowledged edit.
  if (r < 0.6) return { name: 'sightings.update', req: { id: some, patch: { notes: `u${seedArg}.${n}`, confidence: rand() < 0.5 ? 'possible' : 'probable' } } };
  if (r < 0.86) return { name: 'sightings.delete', req: { id: some } };
  if (r < 0.96) return { name: 'history.undo', req: {} };
  return { name: 'history.redo', req: {} };
}

/** Keeps `known` in step with what the project holds, from each acknowledged result. */
function learn(name: string, result: ApiResult<unknown>) {
  if (!result.ok) return;
  if (name === 'sightings.create' || name === 'sightings.update') known.add((result.value as Sighting).id);
  else if (name === 'sightings.createMany') for (const s of result.value as Sighting[]) known.add(s.id);
  else if (name === 'sightings.delete') known.delete((result.value as { id: string }).id);
  else if (name === 'history.undo' || name === 'history.redo') {
    for (const c of (result.value as HistoryChange).changes) {
      if (c.entity !== 'sighting') continue;
      if (c.value === null) known.delete(c.id);
      else known.add(c.id);
    }
  }
}

void (async () => {
  for (let n = 0; n < 100_000; n++) {
    const { name, req } = nextCall(n);
    say({ begin: name, req });
    const result = await dispatch(name, req);
    learn(name, result);
    say({ ack: name, result });
  }
  say({ done: true });
})();
