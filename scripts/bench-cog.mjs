// bench:cog — a quay window read from a 1 GB cloud-optimised GeoTIFF in ≤ 2 s (issue 19), through
// the app's own read path: the browser-mode host's imagery route, asked with Range requests by
// geotiff.js (the library the map's GeoTIFF source reads with), which picks the overview that fits
// the view. The COG is made once with GDAL and kept in .cache/bench-cog/: the demo's radar scene of
// 13 January (band VV), resampled to 16384 × 16384 float32 (1 GiB of pixels, uncompressed, 512 px
// tiles, overviews down to one tile), so the bytes to find the window among are really there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromUrl } from 'geotiff';
import proj4 from 'proj4';
import { buildAll, needsBuild } from './build.mjs';
import { startHost } from './benchBrowser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 5);
const VIEW = { width: 1440, height: 900 };
/** Ground a typical view of one quay spans across, metres (the chips' window is 720 m). */
const VIEW_GROUND_M = 1200;
const TARGET_MS = 2000;

if (needsBuild({ testHooks: false })) await buildAll({ testHooks: false });
const cacheDir = path.join(root, '.cache', 'bench-cog');
fs.mkdirSync(cacheDir, { recursive: true });
const cog = path.join(cacheDir, 'radar-16384-float32-cog.tif');

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-cog-'));
const host = await startHost(home);
try {
  await host.demoWritten;
  if (!fs.existsSync(cog)) {
    const src = path.join(home, 'demo', 'imagery', 'S1A_IW_GRDH_1SDV_20250113T210502_RAJIN_DEMO.tif');
    const t0 = performance.now();
    const tmp = `${cog}.part`;
    execFileSync('gdal_translate', ['-q', '-of', 'COG', '-b', '1', '-outsize', '16384', '16384', '-r', 'nearest', '-co', 'COMPRESS=NONE', '-co', 'BLOCKSIZE=512', '-co', 'OVERVIEWS=AUTO', '-co', 'RESAMPLING=AVERAGE', '-co', 'BIGTIFF=YES', src, tmp]);
    fs.renameSync(tmp, cog);
    console.log(`made the COG once with GDAL in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${cog}`);
  }
  const size = fs.statSync(cog).size;

  // The launch code for a session token, as the page does (electron/host/claimSession.ts).
  const url = new URL(host.url);
  const code = new URLSearchParams(url.hash.slice(1)).get('launch');
  const claim = await fetch(`${url.origin}/session/claim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  const { token } = await claim.json();
  const headers = { Authorization: `Bearer ${token}` };
  const api = async (name, body = {}) => {
    const r = await (await fetch(`${url.origin}/api/${name}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const imported = await api('scenes.import', { paths: [cog], acquired: '2025-01-13T21:05:02Z' });
  if (imported.errors.length) throw new Error(imported.errors.map((e) => e.message).join('; '));
  const scene = imported.imported[0];
  const zones = await api('zones.list');
  const pier = zones.find((z) => z.name === 'Pier 1');
  const ring = pier.geometry.coordinates[0].slice(0, -1);
  const [lon, lat] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  const [e, n] = proj4('EPSG:4326', '+proj=utm +zone=52 +datum=WGS84 +units=m +no_defs', [lon, lat]);
  const halfW = VIEW_GROUND_M / 2;
  const halfH = (halfW * VIEW.height) / VIEW.width;
  const bbox = [e - halfW, n - halfH, e + halfW, n + halfH];

  // Count what goes over the wire: geotiff.js asks with fetch and Range headers.
  const realFetch = globalThis.fetch;
  let requests = 0;
  let bytes = 0;
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    requests++;
    bytes += Number(res.headers.get('content-length') ?? 0);
    return res;
  };
  const times = [];
  let picked = '';
  for (let r = 0; r < RUNS; r++) {
    requests = 0;
    bytes = 0;
    const t0 = performance.now();
    // A fresh reader each run: nothing of the file is cached in this process (the OS page cache is warm, as on a working machine).
    const tiff = await fromUrl(`${url.origin}/imagery/scene/${scene.id}`, { headers });
    const raster = await tiff.readRasters({ bbox, width: VIEW.width, height: VIEW.height, samples: [0], resampleMethod: 'nearest' });
    const ms = performance.now() - t0;
    if (raster[0].length !== VIEW.width * VIEW.height) throw new Error('short read');
    times.push(ms);
    if (!picked) {
      const count = await tiff.getImageCount();
      const full = await tiff.getImage(0);
      const resX = (bbox[2] - bbox[0]) / VIEW.width;
      const levels = [];
      for (let i = 0; i < count; i++) levels.push((await tiff.getImage(i)).getWidth());
      const chosen = levels.filter((w) => (full.getResolution()[0] * full.getWidth()) / w <= resX).at(-1);
      picked = `overview ${levels.indexOf(chosen)} of ${count - 1} (${chosen} px a side, ${((full.getResolution()[0] * full.getWidth()) / chosen).toFixed(2)} m/px for a view at ${resX.toFixed(2)} m/px)`;
    }
    console.log(`  run ${r + 1}: ${ms.toFixed(0)} ms, ${requests} requests, ${(bytes / 1e6).toFixed(1)} MB`);
  }
  globalThis.fetch = realFetch;
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`bench:cog — ${(size / 2 ** 30).toFixed(2)} GiB COG (16384² float32 + overviews), a ${VIEW_GROUND_M} m quay window for a ${VIEW.width}×${VIEW.height} view`);
  console.log(`  read from ${picked}`);
  console.log(`  median ${median.toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms over ${RUNS} runs (target ≤ ${TARGET_MS} ms): ${median <= TARGET_MS ? 'met' : 'NOT met'}`);
} finally {
  await host.stop();
  fs.rmSync(home, { recursive: true, force: true });
}
