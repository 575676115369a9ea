// bench:coverage: what the radar scenes buy. Builds the demo project (its project file: the analysis needs no
// imagery) and prints the median censoring width of its visits (dwellMax − dwellMin) with and without the
// radar scenes, and the fall in %; the target is a fall of at least 30 %. Also prints the same for the seeded
// radar port of the tests (electron/testing/radarPort.ts), so the figure is there before the demo has radar.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoProjectFile } from '../electron/node/demo/demoProject';
import { ProjectStore } from '../electron/node/store/projectStore';
import { radarGain, type RadarGain } from '../electron/node/stats/radarGain';
import { seedRadarPort } from '../electron/testing/radarPort';
import { formatDuration } from '../shared/charts/format';

const TARGET_FALL = 30;

function print(name: string, g: RadarGain, ms: number) {
  const w = (x: number | null) => (x === null ? 'unknown' : `${x.toFixed(1)} h (${formatDuration(x)})`);
  console.log(`${name}: ${g.opticalScenes} optical + ${g.radarScenes} radar scenes (${ms.toFixed(0)} ms for both analyses)`);
  console.log(`  with radar:    median censoring width ${w(g.withRadar.width.median)}, 90th percentile ${w(g.withRadar.width.p90)}; ${g.withRadar.width.n} bracketed of ${g.withRadar.visits} visits`);
  console.log(`  without radar: median censoring width ${w(g.withoutRadar.width.median)}, 90th percentile ${w(g.withoutRadar.width.p90)}; ${g.withoutRadar.width.n} bracketed of ${g.withoutRadar.visits} visits`);
  const fall = g.fallPercent;
  console.log(`  fall: ${fall === null ? 'unknown' : `${fall.toFixed(1)} %`} (target ≥ ${TARGET_FALL} %: ${fall !== null && fall >= TARGET_FALL ? 'met' : 'NOT met'})`);
}

function measure(file: string): [RadarGain, number] {
  const store = ProjectStore.open(file, { author: 'bench' });
  try {
    const t0 = performance.now();
    const g = radarGain(store);
    return [g, performance.now() - t0];
  } finally {
    store.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-coverage-'));
try {
  const demo = path.join(dir, 'demo.quaywatch');
  writeDemoProjectFile(demo);
  const [g, ms] = measure(demo);
  print('Demo project', g, ms);
  if (g.radarScenes === 0) console.log('  THE DEMO HAS NO RADAR SCENES YET: both runs are the same analysis (issue 19, the demo\'s radar scenes).');
  fs.mkdirSync(path.join(dir, 'seeded'));
  const seeded = seedRadarPort(path.join(dir, 'seeded'));
  const [s, sms] = measure(seeded.file);
  print('Seeded radar port (90 days, optical every 3rd day, a third clouded)', s, sms);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
