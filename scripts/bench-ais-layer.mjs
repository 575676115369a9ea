// bench:ais, the map part — what the AIS layer adds to a scene switch. The demo project gains a busy
// port's AIS (QW_BENCH_AIS_VESSELS vessels, default 300, reporting every 2 min for ±40 min around each
// scene: ~160,000 positions), imported through File → Import AIS… as an analyst would. Then the scenes are
// stepped through with the layer off and on, in alternating rounds (a noisy machine slows both alike):
// keypress → the new scene drawn and, with the layer on, its AIS shown. Target: p95 added ≤ 50 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, needsBuild } from './build.mjs';
import { launchChromium, startHost } from './benchBrowser.mjs';

const VESSELS = Number(process.env.QW_BENCH_AIS_VESSELS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 300);
if (needsBuild({ testHooks: true })) await buildAll({ testHooks: true });

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-ais-layer-'));
const host = await startHost(home);
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();

/** A plain AIS CSV (mmsi,timestamp,lat,lon,sog,cog,heading,name): ships milling within ~8 km of the port. */
function writeLog(file, sceneTimes) {
  let seed = 19;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['mmsi,timestamp,lat,lon,sog,cog,heading,name'];
  const ships = Array.from({ length: VESSELS }, (_, i) => ({ mmsi: 273100000 + i * 7, lon: 130.30 + (rnd() - 0.5) * 0.2, lat: 42.22 + (rnd() - 0.5) * 0.12, cog: rnd() * 360 }));
  for (const t of sceneTimes) {
    for (let m = -40; m <= 40; m += 2) {
      const at = new Date(t + m * 60_000).toISOString();
      for (const s of ships) {
        const d = (m + 40) * 0.00005;
        const lon = s.lon + Math.sin((s.cog * Math.PI) / 180) * d;
        const lat = s.lat + Math.cos((s.cog * Math.PI) / 180) * d;
        lines.push(`${s.mmsi},${at},${lat.toFixed(6)},${lon.toFixed(6)},5.0,${s.cog.toFixed(1)},${Math.round(s.cog)},SHIP ${s.mmsi}`);
      }
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}

try {
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  await host.demoWritten;
  const sceneTimes = await page.evaluate(() => window.__quaywatch.store.getState().scenes.map((s) => Date.parse(s.acquired)));
  const log = path.join(home, 'busy-port.csv');
  const rows = writeLog(log, sceneTimes);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-import-ais').click();
  await page.getByTestId('ais-paths').fill(log);
  await page.getByTestId('import-submit').click();
  await page.getByTestId('ais-import-summary').waitFor({ timeout: 300_000 });
  await page.getByTestId('import-cancel').click();

  await page.evaluate(() => {
    const w = window;
    w.__samples = [];
    window.addEventListener('keydown', (e) => {
      if (!e.key.startsWith('Arrow')) return;
      const t0 = performance.now();
      const map = document.querySelector('[data-testid=map]');
      const aisOn = w.__aisOn;
      // Every frame until the new scene is drawn and, with the layer on, its AIS shown; then one more frame to paint it.
      const check = () => {
        const drawn = map.getAttribute('data-rendered-scene-id') === map.getAttribute('data-scene-id') && map.getAttribute('data-render-state') === 'complete';
        if (drawn && (!aisOn || w.__quaywatch.map.aisVisible())) requestAnimationFrame(() => w.__samples.push({ aisOn, ms: performance.now() - t0 }));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, { capture: true });
  });
  const n = sceneTimes.length;
  let taken = 0;
  let aisOn = false;
  const setAis = async (on) => {
    if (on !== aisOn) {
      await page.keyboard.press('i');
      aisOn = on;
    }
    await page.evaluate((v) => (window.__aisOn = v), on);
  };
  let vesselsShown = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const on of [false, true]) {
      await setAis(on);
      for (const key of ['ArrowRight', 'ArrowLeft']) {
        for (let i = 0; i < n - 1; i++) {
          await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
          await page.waitForTimeout(SETTLE_MS);
          await page.keyboard.press(key);
          taken++;
          await page.waitForFunction((k) => window.__samples.length >= k, taken, { timeout: 60_000 });
        }
      }
      if (on) vesselsShown = Math.max(vesselsShown, await page.evaluate(() => window.__quaywatch.map.aisDrawn()?.length ?? 0));
    }
  }
  const samples = await page.evaluate(() => window.__samples);
  const pct = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  };
  const off = samples.filter((s) => !s.aisOn).map((s) => s.ms);
  const on = samples.filter((s) => s.aisOn).map((s) => s.ms);
  const line = (name, xs) => `  ${name.padEnd(16)} n=${xs.length}  p50 ${pct(xs, 50).toFixed(0)} ms  p95 ${pct(xs, 95).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`;
  const added = pct(on, 95) - pct(off, 95);
  console.log(`bench:ais map — scene switch with the AIS layer (demo + ${rows.toLocaleString('en-GB')} AIS positions of ${VESSELS} vessels; ${vesselsShown} drawn on a scene; keypress → scene drawn [+ AIS shown], alternating rounds)`);
  console.log(line('AIS layer off', off));
  console.log(line('AIS layer on', on));
  console.log(`  p95 added by the layer: ${added.toFixed(0)} ms (target ≤ 50 ms: ${added <= 50 ? 'met' : 'NOT met'})`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
