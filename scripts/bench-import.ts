// Benchmark: importing a 500-item Planet order (64×64 GeoTIFFs, metadata, UDM2 masks) into a new
// project, delivered as a folder and as a zip; prints the time of each and of building the order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectStore } from '../electron/node/store/projectStore';
import { importScenes } from '../electron/node/imagery/importScenes';
import { makePlanetOrder, orderSeries, zipFolder } from '../electron/node/imagery/fixtures/build';

const ITEMS = Number(process.env.QW_BENCH_ITEMS ?? 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-import-'));

async function timeImport(label: string, source: string) {
  const store = ProjectStore.create(path.join(dir, `${label}.quaywatch`), label, { author: 'bench' });
  try {
    store.createZone({
      siteId: store.createSite({ name: 'Rajin' }).id,
      name: 'Pier 1',
      kind: 'quay',
      geometry: { type: 'Polygon', coordinates: [[[130.27, 42.325], [130.274, 42.325], [130.274, 42.328], [130.27, 42.328], [130.27, 42.325]]] },
    });
    let updates = 0;
    const t0 = performance.now();
    const r = await importScenes(store, [source], { onProgress: () => updates++ });
    const ms = performance.now() - t0;
    if (r.errors.length || r.imported.length !== ITEMS) throw new Error(`${label}: ${r.imported.length} imported, errors ${JSON.stringify(r.errors.slice(0, 3))}`);
    console.log(`import ${ITEMS}-item order (${label.padEnd(6)}) ${(ms / 1000).toFixed(2)} s  (${(ms / ITEMS).toFixed(1)} ms/item, ${updates} progress updates)`);
  } finally {
    store.close();
  }
}

try {
  const t0 = performance.now();
  const order = makePlanetOrder(path.join(dir, 'orders', 'order-500'), orderSeries(ITEMS));
  const zip = path.join(dir, 'order-500.zip');
  zipFolder(order.dir, zip, 'order-500/');
  console.log(`build ${ITEMS}-item order (folder + zip, ${(fs.statSync(zip).size / 1e6).toFixed(1)} MB) ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  await timeImport('folder', order.dir);
  await timeImport('zip', zip);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
