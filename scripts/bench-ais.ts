// Benchmark: AIS (issue 18). Each part is one function in PARTS, run in order, printing its own lines:
// - import: a generated NMEA log of QW_BENCH_AIS_MESSAGES position reports (default 10 million) imported
//   into a new project around the demo port: wall time, messages/s, peak RSS of the importing process
//   (VmHWM, a child process so the generator's memory is not counted), progress updates seen, and a
//   cancel half-way that must leave the project without a single AIS row. Target: ≤ 60 s for 10 M.
// (The verdicts part — 100k sightings × 1M positions — is added beside it as a second PARTS entry.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ProjectStore } from '../electron/node/store/projectStore';
import { aisHoldings } from '../electron/node/store/ais';
import { importAis } from '../electron/node/ais/importAis';
import { PORT_AOI, writeBenchNmea } from '../electron/node/ais/fixtures/generate';

const MESSAGES = Number(process.env.QW_BENCH_AIS_MESSAGES ?? 10_000_000);
/** QW_BENCH_AIS_THREADS=N: decoding threads (0 = decode in the importing thread); default as the app decides. */
const THREADS = process.env.QW_BENCH_AIS_THREADS === undefined ? undefined : Number(process.env.QW_BENCH_AIS_THREADS);
/** QW_BENCH_AIS_PROFILE=DIR: the importing child (and its threads) writes a CPU profile there (--cpu-prof). */
const PROFILE_DIR = process.env.QW_BENCH_AIS_PROFILE;
/** QW_BENCH_AIS_LOG=FILE: the log to import, written there when missing and kept (a 10 M log takes ~90 s to write). */
const KEPT_LOG = process.env.QW_BENCH_AIS_LOG;
/** QW_BENCH_AIS_CANCEL=0: no cancel run (while comparing import times only). */
const CANCEL = process.env.QW_BENCH_AIS_CANCEL !== '0';

function newProject(file: string) {
  const store = ProjectStore.create(file, 'AIS bench', { author: 'bench' });
  store.createSite({ name: 'Rajin', aoi: PORT_AOI });
  store.close();
}

/**
 * The NMEA decoding worker, bundled beside this bundle as the app bundles it beside host.cjs (this file
 * runs as an ES-module bundle, which has no __dirname to find it by).
 */
async function buildDecodeWorker(bundle: string): Promise<string> {
  const outfile = path.join(path.dirname(bundle), 'nmeaDecodeWorker.cjs');
  // npm runs benchmarks from the repository's root (the bundle's own folder may be reached through a link).
  const entry = path.resolve('electron/node/ais/nmeaDecodeWorker.ts');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

/** The child: imports LOG into PROJECT, prints one JSON line, cancels after CANCEL_AT bytes when asked. */
async function child(project: string, log: string, cancelAtShare: number, workerFile: string) {
  const store = ProjectStore.open(project, { author: 'bench' });
  const controller = new AbortController();
  let updates = 0;
  /** When the read ended and the import began saving (its last step, which a cancel no longer stops). */
  let savingAt = NaN;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const r = await importAis(store, [log], {
      bufferKm: 30,
      decoding: THREADS === 0 ? { workerFile: null } : { workerFile, threads: THREADS },
      signal: controller.signal,
      onProgress: (done, total, label) => {
        updates++;
        if (label === 'Saving') savingAt = performance.now();
        if (cancelAtShare > 0 && done / total >= cancelAtShare) controller.abort();
      },
    });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    const held = aisHoldings(store);
    console.log(JSON.stringify({ ms, savingMs: t0 + ms - savingAt, cpuMs: (cpu.user + cpu.system) / 1000, state: r.state, read: r.read, kept: r.kept, updates, peakRssMb: Number(hwm) / 1024, stored: held.positions }));
  } finally {
    store.close();
  }
}

async function importPart(bundle: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-ais-'));
  try {
    const log = KEPT_LOG ? path.resolve(KEPT_LOG) : path.join(dir, 'bench.nmea');
    let t0 = performance.now();
    if (KEPT_LOG && fs.existsSync(log)) console.log(`log ${log} (${(fs.statSync(log).size / 1e6).toFixed(0)} MB NMEA, kept from an earlier run)`);
    else {
      writeBenchNmea(log, MESSAGES);
      console.log(`generate ${MESSAGES.toLocaleString('en')} messages (${(fs.statSync(log).size / 1e6).toFixed(0)} MB NMEA) ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const workerFile = await buildDecodeWorker(bundle);
    const run = (project: string, cancelAt: number) =>
      new Promise<{ ms: number; savingMs: number; cpuMs: number; state: string; read: number; kept: number; updates: number; peakRssMb: number; stored: number }>((resolve, reject) => {
        const profile = PROFILE_DIR && cancelAt === 0 ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
        const c = spawn(process.execPath, [...profile, bundle, '--child', project, log, String(cancelAt), workerFile], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString()));
        c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`child exited ${code}`))));
      });
    const full = path.join(dir, 'full.quaywatch');
    newProject(full);
    t0 = performance.now();
    const r = await run(full, 0);
    console.log(
      `import ${r.read.toLocaleString('en')} messages: ${(r.ms / 1000).toFixed(1)} s wall (${(r.cpuMs / 1000).toFixed(1)} s CPU, all threads), ${Math.round(r.read / (r.ms / 1000)).toLocaleString('en')} messages/s, ` +
        `${r.kept.toLocaleString('en')} kept, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${r.updates} progress updates, the last ${(r.savingMs / 1000).toFixed(1)} s saving  (target ≤ 60 s for 10 M)`,
    );
    if (!CANCEL) return;
    const cancelled = path.join(dir, 'cancel.quaywatch');
    newProject(cancelled);
    const c = await run(cancelled, 0.5);
    console.log(`cancel at 50%: state ${c.state} after ${(c.ms / 1000).toFixed(1)} s, ${c.stored} AIS rows in the project (must be 0), peak RSS ${c.peakRssMb.toFixed(0)} MB`);
    if (c.state !== 'cancelled' || c.stored !== 0) throw new Error('cancel left AIS rows behind');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PARTS: [string, (bundle: string) => Promise<void>][] = [['import', importPart]];

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), process.argv[6]!);
} else {
  // This file runs as an esbuild bundle (runTs.mjs); the child runs the same bundle.
  const bundle = fileURLToPath(import.meta.url);
  for (const [name, part] of PARTS) {
    console.log(`— ${name}`);
    await part(bundle);
  }
}
