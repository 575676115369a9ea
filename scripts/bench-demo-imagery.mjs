// Benchmark of the demo imagery generator (issue 17, "Fast to open"): how long a fresh process takes
// to build the static world, to write the first scene and to write all 13, for the generator at a
// git ref (default: the last commit before it was optimised) and for the working tree, in one run.
// Each measurement is a fresh process (the world is built once per process); runs alternate between
// the two and the medians are compared.
//
//   node scripts/bench-demo-imagery.mjs [--baseline <git ref>] [--runs 3]
//
// Both generators are copied beside the original (so relative imports resolve) with a line appended
// that exposes their internals to the timing code, then bundled with esbuild; nothing is exported from
// the real module for this.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'electron/node/demo/demoImagery.ts';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const baselineRef = arg('--baseline', 'f662d78');
const runs = Number(arg('--runs', '3'));

const HOOK = `
export const __bench = {
  dataset: () => demoDataset(),
  build: () => { cachedWorld = buildWorld(); },
  render: (i: number) => renderScene(i),
  write: (dir: string, i: number) => writeDemoScene(dir, i),
  count: SCENES.length,
};
`;

const CHILD = `
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { __bench } from './gen.ts';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-demo-'));
// Wall time, and this process's CPU time (user + system): on a busy machine the latter is steadier.
const wall = () => performance.now();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const w0 = wall(), c0 = cpu();
__bench.dataset();
const w1 = wall(), c1 = cpu();
__bench.build();
const w2 = wall(), c2 = cpu();
__bench.write(dir, 0);
const w3 = wall(), c3 = cpu();
for (let i = 1; i < __bench.count; i++) __bench.write(dir, i);
const w4 = wall(), c4 = cpu();
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  wall: { dataset: w1 - w0, buildWorld: w2 - w1, scene0: w3 - w2, firstScene: w3 - w0, all: w4 - w0 },
  cpu: { dataset: c1 - c0, buildWorld: c2 - c1, scene0: c3 - c2, firstScene: c3 - c0, all: c4 - c0 },
}));
`;

const cache = path.join(root, '.cache'); // not node_modules/.cache: node_modules may be a link to a shared install
fs.mkdirSync(cache, { recursive: true });
const work = fs.mkdtempSync(path.join(cache, 'qw-bench-demo-'));

async function bundle(name, source) {
  const gen = path.join(root, path.dirname(SOURCE), `.bench-${name}-${process.pid}.ts`);
  const entry = path.join(path.dirname(gen), `.bench-${name}-${process.pid}-main.ts`);
  fs.writeFileSync(gen, source + HOOK);
  fs.writeFileSync(entry, CHILD.replace('./gen.ts', `./${path.basename(gen)}`));
  const outfile = path.join(work, `${name}.mjs`);
  try {
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  } finally {
    fs.rmSync(gen, { force: true });
    fs.rmSync(entry, { force: true });
  }
  return outfile;
}

const variants = [
  { name: 'before', label: `before (${baselineRef})`, source: execFileSync('git', ['show', `${baselineRef}:${SOURCE}`], { cwd: root, encoding: 'utf8' }) },
  { name: 'after', label: 'after (working tree)', source: fs.readFileSync(path.join(root, SOURCE), 'utf8') },
];
try {
  for (const v of variants) v.file = await bundle(v.name, v.source);
  for (const v of variants) v.results = [];
  for (let r = 0; r < runs; r++) {
    for (const v of variants) {
      const out = execFileSync(process.execPath, [v.file], { cwd: root, encoding: 'utf8' });
      v.results.push(JSON.parse(out.trim().split('\n').at(-1)));
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const keys = [
  ['dataset', 'metadata (demoDataset)'],
  ['buildWorld', 'buildWorld'],
  ['scene0', 'scene 0 (render, encode, write)'],
  ['firstScene', 'first scene, from start'],
  ['all', 'all 13 scenes, from start'],
];
console.log(`demo imagery, ${runs} fresh processes each, median ms (all runs)   node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
for (const clock of ['wall', 'cpu']) {
  console.log(clock === 'wall' ? 'wall-clock time:' : 'CPU time of the process (user + system; steadier on a busy machine):');
  for (const [k, label] of keys) {
    const [b, a] = variants.map((v) => median(v.results.map((x) => x[clock][k])));
    const all = (v) => v.results.map((x) => Math.round(x[clock][k])).join('/');
    console.log(`  ${label.padEnd(34)} before ${String(Math.round(b)).padStart(6)} (${all(variants[0])})  after ${String(Math.round(a)).padStart(6)} (${all(variants[1])})  ×${(b / a).toFixed(2)}`);
  }
}
