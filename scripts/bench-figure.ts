// bench:figure: an annotated still of a demo quay at 3000 px wide (PNG, and SVG, PDF and a before/after pair beside it); prints the times against the 2 s budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoProject } from '../electron/node/demo/demoProject';
import { ProjectStore } from '../electron/node/store/projectStore';
import { saveFigure, type FigureRequest } from '../electron/node/figure/saveFigure';
import { figureCalls } from '../shared/calls/figure';

const BUDGET_MS = 2_000;
const RUNS = 3;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-figure-'));
  try {
    const file = path.join(dir, 'bench.quaywatch');
    await createDemoProject(file);
    const store = ProjectStore.open(file, { author: 'bench' });
    const req = (o: Partial<FigureRequest>): FigureRequest => figureCalls['figure.save'].request.parse({ format: 'png', path: path.join(dir, 'still.png'), overwrite: true, frame: { zone: 'Pier 1' }, scene: '2024-12-16', width: 3000, title: 'Pier 1', caption: 'Bench figure.', ...o });
    const time = async (o: Partial<FigureRequest>) => {
      await saveFigure(store, req(o)); // warm: fonts, libraries, the file cache
      const ms: number[] = [];
      let last = null as Awaited<ReturnType<typeof saveFigure>> | null;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        last = await saveFigure(store, req(o));
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      return { ms: ms[Math.floor(RUNS / 2)]!, r: last! };
    };
    const cases: [string, Partial<FigureRequest>, boolean][] = [
      ['still PNG', {}, true],
      ['still SVG', { format: 'svg', path: path.join(dir, 'still.svg') }, false],
      ['still PDF', { format: 'pdf', path: path.join(dir, 'still.pdf') }, false],
      ['before/after PNG', { layout: 'side-by-side', secondScene: '2024-12-19' }, false],
    ];
    for (const [name, o, budgeted] of cases) {
      const { ms, r } = await time(o);
      const verdict = budgeted ? ` (budget ${BUDGET_MS / 1000} s: ${ms < BUDGET_MS ? 'ok' : 'OVER'})` : '';
      console.log(`bench:figure ${name}: ${(ms / 1000).toFixed(2)} s median of ${RUNS} for ${r.width} × ${r.height}, ${Math.round(r.bytes / 1024)} KiB${verdict}`);
      if (budgeted && ms >= BUDGET_MS) process.exitCode = 1;
    }
    store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
