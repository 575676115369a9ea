// bench:timelapse: a 60-frame time-lapse of a quay at 1280 px wide, as GIF, animated WebP, WebM and MP4 (VP9 video);
// prints the time against the 15 s budget, frames/s, and how much of it was the encoding (the rest is drawing the
// frames). `npm run bench:timelapse -- webm mp4` times only those formats. The project is the demo's 23 scenes plus 37 more: copies of its optical
// scenes given new dates by GDAL (gdal_edit.py sets TIFFTAG_DATETIME) and imported through the real import path,
// each with its template's marks. Obscured scenes are drawn greyed, so every scene is a frame. Not run by CI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoProject, demoImageryDir } from '../electron/node/demo/demoProject';
import { ProjectStore } from '../electron/node/store/projectStore';
import { historyOf } from '../electron/node/store/history';
import { importScenes } from '../electron/node/imagery/importScenes';
import { makeTimelapse } from '../electron/node/figure/timelapse';

const BUDGET_MS = 15_000;
const FRAMES = 60;
const ZONE = 'Pier 1';

async function benchProject(dir: string): Promise<string> {
  const file = path.join(dir, 'bench.quaywatch');
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

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-timelapse-'));
  try {
    const file = await benchProject(dir);
    const store = ProjectStore.open(file, { author: 'bench' });
    try {
      const all = ['gif', 'webp', 'webm', 'mp4'] as const;
      const asked = all.filter((f) => process.argv.includes(f));
      for (const format of asked.length ? asked : all) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        let encodingFrom = 0;
        const r = await makeTimelapse(store, {
          format,
          path: path.join(dir, `quay.${format}`),
          overwrite: false,
          frame: { zone: ZONE },
          width: 1280,
          frameMs: 500,
          obscured: 'grey',
          marks: true,
          style: 'dark',
        }, { onProgress: (_done, _total, label) => void (label.startsWith('encoding') && !encodingFrom && (encodingFrom = performance.now())) });
        const ms = performance.now() - t0;
        // CPU time (every thread, libvips' too) beside the wall time: on a shared machine it says how much work it was.
        const cpu = process.cpuUsage(c0);
        console.log(
          `bench:timelapse ${format}: ${(ms / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; encoding ${((t0 + ms - encodingFrom) / 1000).toFixed(2)} s) for ${r.frames} frames of ${r.width}×${r.height} (${((r.frames * 1000) / ms).toFixed(1)} frames/s), ${(r.bytes / 1048576).toFixed(1)} MiB (budget ${BUDGET_MS / 1000} s: ${ms <= BUDGET_MS ? 'ok' : 'OVER'})`,
        );
        if (r.frames !== FRAMES) throw new Error(`expected ${FRAMES} frames, drew ${r.frames}`);
        if (ms > BUDGET_MS) process.exitCode = 1;
      }
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
