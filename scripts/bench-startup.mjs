// bench:startup — time from launching the host to the first map render of the current scene,
// cold (first start: the demo project is generated) and warm (the project already exists).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, needsBuild } from './build.mjs';
import { launchChromium, startHost } from './benchBrowser.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
if (needsBuild()) await buildAll();

const browser = await launchChromium();

async function once(home) {
  const t0 = performance.now();
  const host = await startHost(home);
  const tReady = performance.now();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  const tRender = performance.now();
  await page.close();
  await host.stop();
  return { hostReadyMs: tReady - t0, firstRenderMs: tRender - t0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [], warm = [];
for (let i = 0; i < RUNS; i++) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-'));
  cold.push(await once(home));
  warm.push(await once(home));
  fs.rmSync(home, { recursive: true, force: true });
}
await browser.close();
const fmt = (rs, k) => `median ${Math.round(median(rs.map((r) => r[k])))} ms (min ${Math.round(Math.min(...rs.map((r) => r[k])))}, max ${Math.round(Math.max(...rs.map((r) => r[k])))})`;
console.log(`bench:startup over ${RUNS} runs`);
console.log(`  cold start (demo generated)   host ready ${fmt(cold, 'hostReadyMs')}; first map render ${fmt(cold, 'firstRenderMs')}`);
console.log(`  warm start (project exists)   host ready ${fmt(warm, 'hostReadyMs')}; first map render ${fmt(warm, 'firstRenderMs')}`);
