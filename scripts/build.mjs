// Builds everything the hosts run: the renderer (Vite) and the Node-side entries (esbuild).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');

const NMEA_WORKER = ['electron/node/ais/nmeaDecodeWorker.ts', 'dist/electron/nmeaDecodeWorker.cjs'];
const TIMELAPSE_WORKER = ['electron/node/figure/timelapseWorker.ts', 'dist/electron/timelapseWorker.cjs'];

const entries = [
  // Browser mode: host.cjs is a small starter that runs hostApp.cjs (the host) through V8's code cache
  // (electron/host/start.ts): the big bundle is compiled at the first start only.
  ['electron/host/start.ts', 'dist/electron/host.cjs'],
  ['electron/host/main.ts', 'dist/electron/hostApp.cjs'],
  ['electron/cli/main.ts', 'dist/electron/cli.cjs'],
  ['electron/shell/main.ts', 'dist/electron/main.cjs'],
  ['electron/shell/preload.ts', 'dist/electron/preload.cjs'],
  // Loaded by the host and the shell as a worker thread, beside them (demo/demoImageryWriter.ts).
  ['electron/node/demo/demoImageryWorker.ts', 'dist/electron/demoImageryWorker.cjs'],
  // Loaded by the host, the shell and the CLI as worker threads, beside them, to decode AIS (ais/nmeaDecoding.ts).
  NMEA_WORKER,
  // Loaded by the host, the shell and the CLI as worker threads, beside them, to draw and encode time-lapse frames (figure/framePool.ts).
  TIMELAPSE_WORKER,
];

/**
 * ECharts (3 MB, only for reports) is bundled on its own beside the entries and required from there
 * when a report first draws a chart (generateReport imports its charts lazily), so starting the host,
 * the shell or the CLI does not compile it.
 */
const ECHARTS = ['electron/node/charts/echarts.ts', 'dist/electron/echarts.cjs'];
const echartsBeside = {
  name: 'echarts-beside',
  setup(b) {
    b.onResolve({ filter: /^echarts$/ }, () => ({ path: './echarts.cjs', external: true }));
  },
};

/**
 * zod's `z` namespace re-exports its 40-odd message locales (400 kB of a 2.6 MB bundle, all parsed at
 * every start); esbuild cannot drop them from a namespace object. We use English only (zod's default).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (a) =>
      /[\\/]zod[\\/]/.test(a.importer) ? { path: path.resolve(a.resolveDir, a.path), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({ contents: "export { default as en } from './en.js';", resolveDir: path.dirname(a.path) }));
  },
};

/** esbuild options of one Node-side entry (also used by tests that bundle only the CLI). */
export function nodeEntryOptions(src, out) {
  return {
    entryPoints: [path.join(root, src)],
    outfile: path.join(root, out),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native and Electron modules load at run time; everything else is bundled.
    // sharp loads its libvips binary at run time; pdfkit reads its data files beside itself.
    // fontkit (figures set their PNG text as DejaVu outlines with it) is pdfkit's own font engine, installed with it: not a second copy.
    // subset-font (SVG figures' embedded fonts) reads HarfBuzz's .wasm from beside itself.
    // ggencoder runs its own self-test when its file is the process's main script, which a bundle would make it.
    // libav.js (time-lapse video) loads its .wasm from beside itself, in a worker thread that requires it by path;
    // mediabunny (its muxer) is loaded on use, so its 1.5 MB stay out of every start.
    external: ['better-sqlite3', 'electron', '@napi-rs/keyring', 'sharp', 'pdfkit', 'fontkit', 'dejavu-fonts-ttf', 'ggencoder', 'aisparser', 'subset-font', '@libav.js/variant-webm-vp9', 'mediabunny'],
    // import() of an external module becomes require(): the host runs from V8's code cache (electron/node/codeCache.ts),
    // a vm.Script with no dynamic-import loader, where import() throws; a lazy load (the OS keyring, fonts) would fail.
    supported: { 'dynamic-import': false },
    define: { __QUAYWATCH_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
    plugins: src === ECHARTS[0] ? [zodEnglishOnly] : [echartsBeside, zodEnglishOnly],
  };
}

/** Bundles only the quaywatch CLI (dist/electron/cli.cjs and what it loads beside it), without the renderer. */
export async function buildCli() {
  await Promise.all([esbuild(nodeEntryOptions('electron/cli/main.ts', 'dist/electron/cli.cjs')), esbuild(nodeEntryOptions(...ECHARTS)), esbuild(nodeEntryOptions(...NMEA_WORKER)), esbuild(nodeEntryOptions(...TIMELAPSE_WORKER))]);
}

/**
 * Which build: the product (`npm start`, `npm run dist`) or the test build (`npm test`, e2e, the
 * benchmarks), which alone installs the page's test hook `window.__quaywatch` (renderer/src/testHooks.ts).
 * The stamp records the kind, so asking for the other kind rebuilds.
 */
const stampOf = (testHooks) => JSON.stringify({ testHooks: Boolean(testHooks) });

/** Bundles the renderer (Vite) into `outDir` (dist/renderer unless a test asks for another place). */
export async function buildRenderer({ testHooks = false, outDir } = {}) {
  // QUAYWATCH_NO_MINIFY=1 keeps the renderer's names readable in a CPU profile (bench:map PROFILE=1).
  const minify = process.env.QUAYWATCH_NO_MINIFY ? false : undefined;
  await vite({
    configFile: path.join(root, 'vite.config.mts'),
    logLevel: quiet || outDir ? 'warn' : 'info',
    build: { ...(minify === false && { minify }), ...(outDir && { outDir, emptyOutDir: true }) },
    // A constant, so the product build drops the hook and what only it reaches (the map probes).
    define: { __QUAYWATCH_TEST_HOOKS__: JSON.stringify(Boolean(testHooks)) },
  });
}

/**
 * The demo scene a first start opens on, rendered now by the bundled generator (the demo worker, so
 * the very code a first start would run) into dist/electron/demo-scenes/, which the hosts copy into a
 * new demo (demoProject.ts): the first start shows imagery without waiting to generate it. Rendered
 * again only when the generator's bundle changed (its hash is kept beside the scene).
 */
async function buildDemoScenes() {
  const worker = path.join(root, 'dist/electron/demoImageryWorker.cjs');
  const dir = path.join(root, 'dist/electron/demo-scenes');
  const stamp = path.join(dir, '.generator-sha256');
  const hash = createHash('sha256').update(fs.readFileSync(worker)).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Scene 0 only: its neighbours are preloaded after the first draw, by when the worker has them.
  await new Promise((resolve, reject) => {
    const w = new Worker(worker, { workerData: { dir, indices: [0], urgent: 1 } });
    w.once('error', reject);
    w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the demo scene generator stopped with code ${code}`))));
  });
  fs.writeFileSync(stamp, hash);
}

export async function buildAll({ testHooks = false } = {}) {
  const t0 = performance.now();
  await Promise.all(
    [...entries, ECHARTS]
      .filter(([src]) => fs.existsSync(path.join(root, src)))
      .map(([src, out]) => esbuild(nodeEntryOptions(src, out))),
  );
  await Promise.all([buildRenderer({ testHooks }), buildDemoScenes()]);
  fs.writeFileSync(path.join(root, 'dist', '.build-stamp'), stampOf(testHooks));
  if (!quiet) console.log(`Built in ${Math.round(performance.now() - t0)} ms`);
}

/** True when a source file is newer than the last build, or the last build was of the other kind. */
export function needsBuild({ testHooks = false } = {}) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== stampOf(testHooks)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const newer = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name !== 'node_modules' && newer(p);
      return fs.statSync(p).mtimeMs > built;
    });
  return ['shared', 'electron', 'renderer'].some((d) => newer(path.join(root, d))) ||
    fs.statSync(path.join(root, 'package.json')).mtimeMs > built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll({ testHooks: process.argv.includes('--test-hooks') }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
