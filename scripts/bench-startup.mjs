// bench:startup — time from launching the host to the first map render of the current scene (in a
// browser tab opened before the launch: see once()),
// cold (first start: the demo project is generated) and warm (the project already exists), with a
// breakdown of where the time goes. `--vs=DIR` times another built checkout (e.g. main's) in the same
// run, alternating with this one, and prints the ratios: on a shared machine only those are steady.
//
//   npm run bench:startup [-- --vs=/path/to/other/checkout]      (RUNS=5 by default)
//
// Tried against main with --vs and not kept (2026-12-07, issue 17), so nobody pays for them again:
// - 512-px tiles in the demo scenes (4 tiles, not 16): slower, ratio warm 1.13, cold 1.27 (the 2
//   decoder workers get 2 big tiles each instead of sharing 16 small ones).
// - A throwaway WebGL context started while the first header is read: warm 0.95, 0.95, then 1.15;
//   cold 0.99, 0.98, 1.25. Noise, not a gain (branch startup3-webgl-warmup).
// - The host's PNG of the first scene asked for only with its header: warm 170–1300 ms sooner, cold
//   never. Kept in another form: the entry asks for the opening scene's preview at once (raw RGBA,
//   no PNG to encode and decode), the map draws it before the GeoTIFF layer, and the layer's own
//   drawing is timed too ("its GeoTIFF layer drawn").
// - The demo's project file written in a worker thread on a first start (begun as the host's bundle
//   is evaluated; the host holding API and imagery requests until it is open): the page is served
//   200-500 ms sooner, but the project's lists are answered 50-550 ms later (the worker's own start
//   and bundle cost ~0.1 s more CPU, and the page's code now competes with it for the 2 cores); first
//   scene ratio cold 0.81, 1.02, 1.10, 1.27 in four runs against main, worse the busier the machine
//   (branch hoststart-demoworker, with tests).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, needsBuild } from './build.mjs';
import { launchChromium, startHost } from './benchBrowser.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsArg = process.argv.find((a) => a.startsWith('--vs='));
const other = vsArg ? path.resolve(vsArg.slice('--vs='.length)) : null;
if (other && !fs.existsSync(path.join(other, 'dist/electron/host.cjs'))) throw new Error(`${other} has no build (npm run build there first)`);
// The product build, as an analyst starts it (no test hook).
if (needsBuild()) await buildAll();

const browser = await launchChromium();

/**
 * Notes, in the page, the moment the map first says its scene is drawn. Playwright's own polling can
 * notice it hundreds of milliseconds late while the page decodes the neighbours it preloads.
 */
function noteFirstDraw() {
  const watch = () => {
    const el = document.querySelector('[data-testid=map]');
    if (!el) return requestAnimationFrame(watch);
    new MutationObserver(() => {
      if (el.getAttribute('data-render-state') === 'complete') window.__firstDrawAt ??= performance.now();
      if (el.getAttribute('data-layer-drawn-scene-id')) window.__layerDrawAt ??= performance.now();
    }).observe(el, { attributes: true, attributeFilter: ['data-render-state', 'data-layer-drawn-scene-id'] });
  };
  document.addEventListener('DOMContentLoaded', watch);
}

/** The phases of a start, in ms from launching the host; each ends when the next may begin. */
const PHASES = [
  ['hostReadyMs', 'host ready (process start, bundle loaded, project opened, serving)'],
  ['pageMs', 'page served (index.html, in the tab already open)'],
  ['codeLoadedMs', 'app code fetched (the entry and the app chunk)'],
  // Since the small entry asks for the project while the app chunk loads, this is no longer after the app's code has run.
  ['codeRunMs', 'first API call (entry run, session claimed)'],
  ['projectMs', 'project loaded (scenes, zones, marks… lists answered)'],
  ['imageryMs', 'first scene fetched (its preview; or, without one, its GeoTIFF header and tiles)'],
  ['firstRenderMs', 'first scene drawn (its preview, as sharp as the screen; or its tiles decoded, uploaded, composed)'],
  ['layerMs', 'its GeoTIFF layer drawn (full resolution: what zooming in shows)'],
];

async function once(home, dir) {
  // The window is open before Quaywatch starts, as the analyst's browser is (or as Electron's window is
  // made while its main process starts): Playwright's new context and tab (~0.2–0.3 s here) are the
  // harness's, not the app's. Timed apart and printed beside the figures.
  const tTab = performance.now();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const tabMs = performance.now() - tTab;
  await page.addInitScript(noteFirstDraw);
  const t0 = performance.timeOrigin + performance.now();
  const host = await startHost(home, dir);
  const tReady = performance.timeOrigin + performance.now();
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  // A build from before the preview has no such attribute: its first drawing is its layer's.
  await page.waitForSelector('[data-testid=map][data-layer-drawn-scene-id]', { timeout: 5_000 }).catch(() => {});
  const p = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
    return { origin: performance.timeOrigin, draw: window.__firstDrawAt, layerDraw: window.__layerDrawAt ?? window.__firstDrawAt, navEnd: nav.responseEnd, res };
  });
  await page.close();
  // A warm start follows a complete first start: the demo's imagery all written in the background.
  await host.demoWritten;
  await host.stop();
  const at = (ms) => p.origin + ms - t0;
  const before = p.res.filter((r) => r.end <= p.draw);
  const last = (rs, k) => Math.max(...rs.map((r) => r[k]));
  const api = before.filter((r) => r.path.startsWith('/api/'));
  // The page asks for the lists in one batch (shared/callNames.ts); a build from before asked one by one.
  const lists = api.filter((r) => /\.list$|history\.state$|^\/api\/batch$/.test(r.path));
  const imagery = before.filter((r) => r.path.startsWith('/imagery/'));
  return {
    tabMs,
    hostReadyMs: tReady - t0,
    pageMs: at(p.navEnd),
    codeLoadedMs: at(last(before.filter((r) => /\/assets\/(index|app)-.*\.js$/.test(r.path)), 'end')),
    codeRunMs: at(Math.min(...api.map((r) => r.start))),
    projectMs: at(last(lists, 'end')),
    imageryMs: at(imagery.length ? last(imagery, 'end') : p.draw),
    firstRenderMs: at(p.draw),
    layerMs: at(p.layerDraw),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medians = (rs) => Object.fromEntries(PHASES.map(([k]) => [k, Math.round(median(rs.map((r) => r[k])))]));
// The previous figures: this machine's last run (dist/, not committed), else the ones recorded before
// the demo was written in a worker (scripts/bench-startup.baseline.json, measured on a busy 2-core machine).
const lastFile = path.join(root, 'dist', 'bench-startup-last.json');
const baselineFile = path.join(root, 'scripts', 'bench-startup.baseline.json');
const previous = JSON.parse(fs.readFileSync(fs.existsSync(lastFile) ? lastFile : baselineFile, 'utf8'));
const runs = { cold: [], warm: [], otherCold: [], otherWarm: [] };
for (let i = 0; i < RUNS; i++) {
  // Alternating, this checkout first on even rounds, so a drift in the machine's speed hits both alike.
  const order = other ? (i % 2 ? [other, root] : [root, other]) : [root];
  for (const dir of order) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-'));
    const mine = dir === root;
    runs[mine ? 'cold' : 'otherCold'].push(await once(home, dir));
    runs[mine ? 'warm' : 'otherWarm'].push(await once(home, dir));
    fs.rmSync(home, { recursive: true, force: true });
  }
}
await browser.close();

// Method 2: the tab is opened before the launch (once()); figures of method 1 counted it.
const now = { when: new Date().toISOString(), method: 2, runs: RUNS, cold: medians(runs.cold), warm: medians(runs.warm) };
const range = (rs, k) => `min ${Math.round(Math.min(...rs.map((r) => r[k])))}, max ${Math.round(Math.max(...rs.map((r) => r[k])))}`;
console.log(`bench:startup over ${RUNS} runs, medians in ms from launching the host (previous: ${previous.note ?? `run of ${previous.when}`}${previous.method === 2 ? '' : '; it counted opening the tab'})`);
for (const kind of ['cold', 'warm']) {
  const rs = runs[kind];
  const was = previous[kind] ?? {};
  const vs = other ? medians(runs[kind === 'cold' ? 'otherCold' : 'otherWarm']) : null;
  console.log(kind === 'cold' ? '  cold start (fresh home: the demo is written)' : '  warm start (the project exists)');
  console.log(`    first map render   ${now[kind].firstRenderMs} ms (${range(rs, 'firstRenderMs')}; previous ${was.firstRenderMs ?? '-'} ms)${vs ? `; ${path.basename(other)} ${vs.firstRenderMs} ms, ratio ${(now[kind].firstRenderMs / vs.firstRenderMs).toFixed(2)}` : ''}`);
  console.log(`    host ready         ${now[kind].hostReadyMs} ms (${range(rs, 'hostReadyMs')}; previous ${was.hostReadyMs ?? '-'} ms)`);
  console.log(`    breakdown (each phase's median end${vs ? `; ${path.basename(other)} beside it` : ''}):`);
  for (const [k, label] of PHASES) console.log(`      ${String(now[kind][k]).padStart(5)}${vs ? ` ${String(vs[k]).padStart(5)}` : ''}  ${label}`);
  console.log(`    not counted: opening the tab before the launch, median ${Math.round(median(rs.map((r) => r.tabMs)))} ms`);
}
fs.writeFileSync(lastFile, `${JSON.stringify(now, null, 2)}\n`);
