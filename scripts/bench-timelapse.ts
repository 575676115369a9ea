// bench:timelapse: a 60-frame time-lapse of a quay at 1280 px wide, as GIF, animated WebP, WebM and MP4 (VP9 video),
// made by the built CLI
// (`quaywatch timelapse`, the very path users take, its worker threads included); prints wall and CPU time (every
// thread and process, from /usr/bin/time) against the 15 s budget. The project is the demo's 23 scenes plus 37 more:
// copies of its optical scenes given new dates by GDAL (gdal_edit.py sets TIFFTAG_DATETIME) and imported through the
// real import path, each with its template's marks. Obscured scenes are drawn greyed, so every scene is a frame.
//   npm run bench:timelapse [-- gif webp webm mp4] [--vs=/path/to/other/checkout] [--runs=N] [--keep=DIR]
// Formats named time only those (all four by default).
// --vs runs that checkout's built CLI (its dist/) on the same project, in turn with ours, and prints the ratio pair by
// pair (a shared machine drifts: compare ratios, not seconds). --keep makes the project in DIR once and reuses it.
// Not run by CI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoProject, demoImageryDir } from '../electron/node/demo/demoProject';
import { ProjectStore } from '../electron/node/store/projectStore';
import { historyOf } from '../electron/node/store/history';
import { importScenes } from '../electron/node/imagery/importScenes';

const BUDGET_MS = 15_000;
const FRAMES = 60;
const ZONE = 'Pier 1';
/** This checkout (bench-timelapse.mjs runs this from there, after building its CLI). */
const ROOT = process.cwd();

async function benchProject(dir: string): Promise<string> {
  const file = path.join(dir, 'bench.quaywatch');
  if (fs.existsSync(file)) return file;
  await createDemoProject(file);
  const store = ProjectStore.open(file, { author: 'bench' });
  try {
    const optical = store.scenes().filter((s) => s.sensor === 'optical' && s.source.kind === 'geotiff');
    const copies = FRAMES - store.scenes().length;
    const last = Math.max(...store.scenes().map((s) => Date.parse(s.acquired)));
    const made: { path: string; template: string }[] = [];
    for (let i = 0; i < copies; i++) {
      const tpl = optical[i % optical.length]!;
      const t = new Date(last + (i + 1) * 2 * 86_400_000 + i * 61_000);
      const stamp = t.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20250122T014501
      // A Planet-style name: a new item id, credited to the provider like the originals.
      const name = `${stamp.slice(0, 8)}_${stamp.slice(9, 15)}_00_b${String(i).padStart(3, '0')}_3B_Visual.tif`;
      const copy = path.join(demoImageryDir(file), name);
      fs.copyFileSync(path.join(path.dirname(file), tpl.source.kind === 'geotiff' ? tpl.source.path : ''), copy);
      const exif = `${t.toISOString().slice(0, 10).replace(/-/g, ':')} ${t.toISOString().slice(11, 19)}`;
      execFileSync('gdal_edit.py', ['-mo', `TIFFTAG_DATETIME=${exif}`, copy]);
      made.push({ path: copy, template: tpl.id });
    }
    const r = await importScenes(store, made.map((m) => m.path));
    if (r.errors.length || r.imported.length !== copies) throw new Error(`bench import: ${r.imported.length} of ${copies} imported; ${r.errors.map((e) => e.message).join('; ')}`);
    // Each copy carries its template's marks, as an analyst would have marked the same berths.
    const byPath = new Map(store.scenes().map((s) => [s.source.kind === 'geotiff' ? path.basename(s.source.path) : '', s]));
    const sightings = store.sightings();
    historyOf(store).run('Bench marks', () => {
      for (const m of made) {
        const scene = byPath.get(path.basename(m.path))!;
        for (const s of sightings.filter((x) => x.sceneId === m.template)) {
          store.createSighting({ sceneId: scene.id, class: s.class, geometry: s.geometry, vesselId: s.vesselId, confidence: s.confidence });
        }
      }
    }, { origin: 'import' });
  } finally {
    store.close();
  }
  return file;
}

interface Run {
  ms: number;
  cpuS: number;
  frames: number;
  width: number;
  height: number;
  bytes: number;
}

/** One time-lapse by a checkout's built CLI, timed from outside (start-up included). */
function timelapse(checkout: string, project: string, out: string): Run {
  const cli = path.join(checkout, 'dist', 'electron', 'cli.cjs');
  const args = ['-f', '%e %U %S', process.execPath, cli, 'timelapse', project, '--zone', ZONE, '--out', out, '--width', '1280', '--frame-ms', '500', '--obscured', 'grey', '--style', 'dark', '--force', '--json'];
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(checkout, 'node_modules') } });
  const timing = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (r.status !== 0 || timing.length !== 3) throw new Error(`${cli} failed (${r.status}): ${r.stderr}`);
  const res = JSON.parse(r.stdout) as { frames: number; width: number; height: number; bytes: number };
  return { ms: timing[0]! * 1000, cpuS: timing[1]! + timing[2]!, ...res };
}

const line = (label: string, r: Run) =>
  `${label}: ${(r.ms / 1000).toFixed(2)} s (CPU ${r.cpuS.toFixed(1)} s) for ${r.frames} frames of ${r.width}×${r.height} (${((r.frames * 1000) / r.ms).toFixed(1)} frames/s), ${(r.bytes / 1048576).toFixed(1)} MiB (budget ${BUDGET_MS / 1000} s: ${r.ms <= BUDGET_MS ? 'ok' : 'OVER'})`;

async function main() {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const other = arg('vs') ? path.resolve(arg('vs')!) : null;
  const runs = Number(arg('runs') ?? 1);
  const keep = arg('keep');
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-timelapse-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const project = await benchProject(dir);
    console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.availableParallelism()} cores)`);
    const all = ['gif', 'webp', 'webm', 'mp4'] as const;
    const asked = all.filter((f) => process.argv.includes(f));
    for (const format of asked.length ? asked : all) {
      const ratios: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = timelapse(ROOT, project, path.join(dir, `quay.${format}`));
        console.log(line(`bench:timelapse ${format}`, r));
        if (r.frames !== FRAMES) throw new Error(`expected ${FRAMES} frames, drew ${r.frames}`);
        if (r.ms > BUDGET_MS) process.exitCode = 1;
        if (other) {
          const b = timelapse(other, project, path.join(dir, `vs.${format}`));
          ratios.push(r.ms / b.ms);
          console.log(`${line(`  vs ${other} ${format}`, b)}; ratio ${(r.ms / b.ms).toFixed(2)}`);
        }
      }
      if (ratios.length > 1) {
        const sorted = ratios.sort((a, b) => a - b);
        const mid = sorted.length / 2;
        const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        console.log(`  ${format} ratio: median ${median.toFixed(2)} of ${sorted.map((r) => r.toFixed(2)).join(', ')}`);
      }
    }
    console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
