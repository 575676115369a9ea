// bench:scene-switch — time from the arrow keypress to the new scene's rendercomplete (its pixels
// on screen), stepping through the demo's scenes forward and back in headless Chromium, with
// neighbour preloading on (the app's behaviour) and off (?preload=0) for comparison.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, needsBuild } from './build.mjs';
import { launchChromium, startHost } from './benchBrowser.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 300);
// The test build: the benchmark reads the page through its test hook.
if (needsBuild({ testHooks: true })) await buildAll({ testHooks: true });

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-switch-'));
const host = await startHost(home);
const browser = await launchChromium();
// One browser context for both runs: the launch address opens once, and the session it gives the
// first page stays in this origin's storage for the next.
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
let launched = false;

async function run(preload) {
  const page = await context.newPage();
  const origin = new URL(host.url).origin;
  if (!launched) {
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
    launched = true;
  }
  await page.goto(preload ? `${origin}/` : `${origin}/?preload=0`);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  // Measured in the page: keydown (capture phase, before any handler) to the attribute the map sets
  // on rendercomplete of the newly current scene.
  await page.evaluate(() => {
    const w = window;
    w.__samples = [];
    w.__sensors = [];
    const map = document.querySelector('[data-testid=map]');
    window.addEventListener('keydown', () => (w.__t0 = performance.now()), { capture: true });
    new MutationObserver(() => {
      const rendered = map.getAttribute('data-rendered-scene-id');
      if (w.__t0 != null && rendered === map.getAttribute('data-scene-id') && rendered !== w.__last) {
        w.__samples.push(performance.now() - w.__t0);
        // Which sensor the step arrived at: optical and radar scenes are reported apart.
        w.__sensors.push(w.__quaywatch.store.getState().scenes.find((s) => s.id === rendered)?.sensor ?? 'optical');
        w.__t0 = null;
      }
      w.__last = rendered;
    }).observe(map, { attributes: true, attributeFilter: ['data-rendered-scene-id'] });
    w.__last = map.getAttribute('data-rendered-scene-id');
  });
  const n = await page.evaluate(() => window.__quaywatch.store.getState().scenes.length);
  const idle = () =>
    preload
      ? page.waitForSelector('[data-testid=map][data-preload-state=idle][data-render-state=complete]', { timeout: 60_000 })
      : page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  let taken = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const key of ['ArrowRight', 'ArrowLeft']) {
      for (let i = 0; i < n - 1; i++) {
        await idle(); // an analyst looks at a scene before stepping on…
        await page.waitForTimeout(SETTLE_MS); // …for at least this long
        await page.keyboard.press(key);
        taken++;
        await page.waitForFunction((k) => window.__samples.length >= k, taken, { timeout: 60_000 });
      }
    }
  }
  // Measure what the label says: neighbours' layers exist with preloading on, and only with it.
  const layers = await page.evaluate(() => window.__quaywatch.map.loadedSceneIds().length);
  if ((layers > 1) !== preload) throw new Error(`preloading ${preload ? 'on' : 'off'} but ${layers} scene layer(s) exist`);
  const samples = await page.evaluate(() => window.__samples);
  const sensors = await page.evaluate(() => window.__sensors);
  await page.close();
  return Object.assign(samples, { optical: samples.filter((_, i) => sensors[i] !== 'sar'), radar: samples.filter((_, i) => sensors[i] === 'sar') });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const line = (name, xs) =>
  `  ${name.padEnd(22)} n=${xs.length}  p50 ${pct(xs, 50).toFixed(0)} ms  p95 ${pct(xs, 95).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`;

try {
  const withPreload = await run(true);
  const without = await run(false);
  console.log(`bench:scene-switch — keypress → new scene rendercomplete (demo, 1440×900, headless Chromium, SwiftShader; ${SETTLE_MS} ms on each scene after it settles)`);
  console.log(line('preloading (app)', withPreload));
  console.log(line('no preloading', without));
  // The demo has radar scenes since issue 19: steps arriving at each kind, apart (optical must not slow down).
  if (withPreload.radar.length) {
    console.log(line('  to optical (app)', withPreload.optical));
    console.log(line('  to radar (app)', withPreload.radar));
    console.log(line('  to optical (no pre.)', without.optical));
    console.log(line('  to radar (no pre.)', without.radar));
  }
  console.log(`  target p95 ≤ 150 ms: ${pct(withPreload, 95) <= 150 ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
