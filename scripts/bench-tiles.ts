// Benchmark: a tile read from an MBTiles file and from the project's offline tile copy, directly
// and through the imagery route; prints p50/p95 and fails when p95 exceeds 2 ms (issue 4).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectSession } from '../electron/node/session';
import { createAppHandler } from '../electron/node/appHandler';
import { importScenes } from '../electron/node/imagery/importScenes';
import { cachedTile, mbtilesTile, closeMbtilesFiles } from '../electron/node/imagery/tiles';
import { putCachedTiles } from '../electron/node/store/sceneTiles';
import { makeMbtiles } from '../electron/node/imagery/fixtures/build';
import { tilesFor } from '../electron/node/imagery/xyzTemplate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-tiles-'));
const BUDGET_MS = 2;
const N = 5000;

function stats(label: string, ms: number[]) {
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  console.log(`${label.padEnd(34)} n=${ms.length} p50=${q(0.5).toFixed(3)} ms p95=${q(0.95).toFixed(3)} ms max=${q(1).toFixed(3)} ms`);
  return q(0.95);
}

try {
  const session = new ProjectSession({ dataDir: path.join(dir, 'data'), author: 'bench', host: 'cli' });
  session.create(path.join(dir, 'bench.quaywatch'), 'Bench');
  const store = session.current!;
  const mb = makeMbtiles(path.join(dir, '20250110_000000_basemap.mbtiles'));
  const { imported } = await importScenes(store, [mb]);
  const mbScene = imported[0]!;
  const t13 = tilesFor([130.28, 42.22, 130.32, 42.26], 13);
  const mbTiles: [number, number, number][] = [];
  for (let x = t13.x0; x <= t13.x1; x++) for (let y = t13.y0; y <= t13.y1; y++) mbTiles.push([13, x, y]);

  // An offline copy of 4096 tiles of ~20 kB, as a real copied zoom range would hold.
  const tpl = store.createScene({ siteId: store.createSite({ name: 'Bench' }).id, acquired: '2025-01-01T00:00:00.000Z', provider: 'bench', product: 'XYZ', itemId: null, footprint: null, cloudCover: null, gsd: null, credit: '', source: { kind: 'xyz', template: 'https://example.invalid/{z}/{x}/{y}.png' } });
  const blob = Buffer.alloc(20_000, 7);
  putCachedTiles(store, tpl.id, Array.from({ length: 64 * 64 }, (_, i) => ({ z: 16, x: 56000 + (i >> 6), y: 24000 + (i & 63), data: blob, contentType: 'image/png' })));

  const time = (fn: () => unknown) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const p95s: number[] = [];
  p95s.push(stats('MBTiles read (prepared)', Array.from({ length: N }, (_, i) => time(() => mbtilesTile(store.resolveSourcePath(mbScene.source)!, ...mbTiles[i % mbTiles.length]!)))));
  p95s.push(stats('project tile cache read (prepared)', Array.from({ length: N }, (_, i) => time(() => cachedTile(store, tpl.id, 16, 56000 + (i % 64), 24000 + ((i * 7) % 64))))));

  const handler = createAppHandler({ rendererDir: dir, session });
  const route = async (url: string) => {
    const t0 = performance.now();
    const res = await handler(new Request(url));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    return performance.now() - t0;
  };
  const viaRoute: number[] = [];
  for (let i = 0; i < N; i++) viaRoute.push(await route(`http://127.0.0.1/imagery/scene/${tpl.id}/tiles/16/${56000 + (i % 64)}/${24000 + ((i * 7) % 64)}`));
  p95s.push(stats('cache tile via /imagery route', viaRoute));
  const mbRoute: number[] = [];
  for (let i = 0; i < N; i++) {
    const [z, x, y] = mbTiles[i % mbTiles.length]!;
    mbRoute.push(await route(`http://127.0.0.1/imagery/scene/${mbScene.id}/tiles/${z}/${x}/${y}`));
  }
  p95s.push(stats('MBTiles tile via /imagery route', mbRoute));
  closeMbtilesFiles();
  session.close();
  const worst = Math.max(...p95s);
  console.log(worst <= BUDGET_MS ? `OK: worst p95 ${worst.toFixed(3)} ms ≤ ${BUDGET_MS} ms` : `FAIL: worst p95 ${worst.toFixed(3)} ms > ${BUDGET_MS} ms`);
  if (worst > BUDGET_MS) process.exitCode = 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
