// bench:report: a 12-month, 500-scene project (demo imagery reused for the chips) reported to PDF and HTML; prints the times against the 20 s budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoProject } from '../electron/node/demo/demoProject';
import { ProjectStore } from '../electron/node/store/projectStore';
import { historyOf } from '../electron/node/store/history';
import { generateReport } from '../electron/node/report/generateReport';
import { mulberry32 } from '../shared/prng';
import { recordSceneFile, recordedSceneFile } from '../electron/node/store/sceneFiles';

const BUDGET_MS = 20_000;
const SCENES = 500;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-report-'));
  try {
    const file = path.join(dir, 'bench.quaywatch');
    await createDemoProject(file);
    const store = ProjectStore.open(file, { author: 'bench' });
    const rand = mulberry32(8);
    const site = store.sites()[0]!;
    const zones = store.zones();
    const vessels = store.vessels();
    const demoScenes = store.scenes();
    const start = Date.parse('2024-01-01T00:00:00Z');
    const year = 366 * 86_400_000;
    // 500 scenes over 12 months (the 13 demo scenes among them), each zone clear ~70 % of the time,
    // each vessel at a quay for runs of a few scenes: enough visits, gaps and brackets to be realistic.
    historyOf(store).run('Bench scenes', () => {
      const at = new Map<string, number>();
      for (let i = demoScenes.length; i < SCENES; i++) {
        const { id: templateId, ...tpl } = demoScenes[i % demoScenes.length]!;
        const t = start + Math.floor((i / SCENES) * year) + Math.floor(rand() * 3_600_000);
        const scene = store.createScene({ ...tpl, siteId: site.id, acquired: new Date(t).toISOString(), itemId: `bench_${i}` });
        // The same file as the template's scene, recorded as an import would (else its chips are refused).
        const file = recordedSceneFile(store, templateId);
        if (file) recordSceneFile(store, scene.id, file);
        for (const z of zones) {
          const obscured = rand() < 0.3;
          store.setObservability({ sceneId: scene.id, zoneId: z.id, value: obscured ? 'obscured' : 'clear', overridden: false });
          if (obscured) continue;
          for (const v of vessels) {
            const key = `${v.id}/${z.id}`;
            const left = (at.get(key) ?? 0) || (rand() < 0.08 ? 1 + Math.floor(rand() * 6) : 0);
            if (left > 0) {
              const ring = z.geometry.coordinates[0]!;
              const c: [number, number] = [(ring[0]![0] + ring[2]![0]) / 2, (ring[0]![1] + ring[2]![1]) / 2];
              store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: c }, vesselId: v.id, zoneId: z.id });
            }
            at.set(key, Math.max(0, left - 1));
          }
        }
      }
    }, { origin: 'import' });
    const summary = store.summary().counts;
    for (const format of ['pdf', 'html'] as const) {
      const t0 = performance.now();
      const r = await generateReport(store, { format, path: path.join(dir, `report.${format}`), minConfidence: 'possible' }, 'bench');
      const ms = performance.now() - t0;
      console.log(
        `bench:report ${format}: ${(ms / 1000).toFixed(2)} s for ${summary.scenes} scenes, ${summary.sightings} sightings, ${r.from.slice(0, 10)}–${r.to.slice(0, 10)}; ${r.pages} page(s), ${Math.round(r.bytes / 1024)} KiB (budget ${BUDGET_MS / 1000} s: ${ms < BUDGET_MS ? 'ok' : 'OVER'})`,
      );
      if (ms >= BUDGET_MS) process.exitCode = 1;
    }
    store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
