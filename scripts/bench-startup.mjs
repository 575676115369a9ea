// bench:startup — time from launching the host to the first map render of the current scene,
// cold (first start: the demo project is generated) and warm (the project already exists).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, needsBuild } from './build.mjs';
import { launchChromium, startHost } from './benchBrowser.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
// The product build, as an analyst starts it (no test hook).
if (needsBuild()) await buildAll();

const browser = await launchChromium();

/**
 * Notes, in the page, the wall-clock moment the map first says its scene is drawn. Playwright's own
 * polling can notice it hundreds of milliseconds late while the page decodes the neighbours it preloads.
 */
function noteFirstDraw() {
  const watch = () => {
    const el = document.querySelector('[data-testid=map]');
    if (!el) return requestAnimationFrame(watch);
    new MutationObserver(() => {
      if (el.getAttribute('data-render-state') === 'complete') window.__firstDrawAt ??= performance.timeOrigin + performance.now();
    }).observe(el, { attributes: true, attributeFilter: ['data-render-state'] });
  };
  document.addEventListener('DOMContentLoaded', watch);
}

async function once(home) {
  const t0 = performance.timeOrigin + performance.now();
  const host = await startHost(home);
  const tReady = performance.timeOrigin + performance.now();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(noteFirstDraw);
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  const tRender = await page.evaluate(() => window.__firstDrawAt);
  await page.close();
  // A warm start follows a complete first start: the demo's imagery all written in the background.
  await host.demoWritten;
  await host.stop();
  return { hostReadyMs: tReady - t0, firstRenderMs: tRender - t0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The previous figures: this machine's last run (dist/, not committed), else the ones recorded before
// the demo was written in a worker (scripts/bench-startup.baseline.json, measured on a busy 2-core machine).
const lastFile = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist', 'bench-startup-last.json');
const baselineFile = path.join(path.dirname(new URL(import.meta.url).pathname), 'bench-startup.baseline.json');
const previous = JSON.parse(fs.readFileSync(fs.existsSync(lastFile) ? lastFile : baselineFile, 'utf8'));
const cold = [], warm = [];
for (let i = 0; i < RUNS; i++) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-'));
  cold.push(await once(home));
  warm.push(await once(home));
  fs.rmSync(home, { recursive: true, force: true });
}
await browser.close();
const fmt = (rs, k, was) =>
  `median ${Math.round(median(rs.map((r) => r[k])))} ms (min ${Math.round(Math.min(...rs.map((r) => r[k])))}, max ${Math.round(Math.max(...rs.map((r) => r[k])))}; previous ${was[k]} ms)`;
const now = {
  when: new Date().toISOString(),
  runs: RUNS,
  cold: { hostReadyMs: Math.round(median(cold.map((r) => r.hostReadyMs))), firstRenderMs: Math.round(median(cold.map((r) => r.firstRenderMs))) },
  warm: { hostReadyMs: Math.round(median(warm.map((r) => r.hostReadyMs))), firstRenderMs: Math.round(median(warm.map((r) => r.firstRenderMs))) },
};
console.log(`bench:startup over ${RUNS} runs (previous: ${previous.note ?? `run of ${previous.when}`})`);
console.log(`  cold start (demo generated)   host ready ${fmt(cold, 'hostReadyMs', previous.cold)}; first map render ${fmt(cold, 'firstRenderMs', previous.cold)}`);
console.log(`  warm start (project exists)   host ready ${fmt(warm, 'hostReadyMs', previous.warm)}; first map render ${fmt(warm, 'firstRenderMs', previous.warm)}`);
fs.writeFileSync(lastFile, `${JSON.stringify(now, null, 2)}\n`);
