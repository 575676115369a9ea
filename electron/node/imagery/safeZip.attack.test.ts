// Zip bombs an analyst could be sent as a "Planet order": thousands of small entries of zeros, a
// zip that needs more room than the disk has, too many entries. Each is refused before a byte is
// written, with a message saying what was refused and why, and nothing is left unpacked.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../store/projectStore';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { makePlanetOrder, writeZip, zipFolder } from './fixtures/build';
import { DEFAULT_ZIP_LIMITS } from './safeZip';

let tmp: ReturnType<typeof tempDir>;
let store: ProjectStore;
let projectDir: string;
const outside = (name: string) => path.join(tmp.dir, 'elsewhere', name);
const sceneRows = () => store.summary().counts.scenes;
/** Everything beside the project file except the project's own files: what an import left unpacked. */
const leftovers = () => fs.readdirSync(projectDir).filter((f) => !f.startsWith('Rajin.quaywatch'));

function openProject(dir: string) {
  projectDir = dir;
  fs.mkdirSync(projectDir, { recursive: true });
  store = ProjectStore.create(path.join(projectDir, 'Rajin.quaywatch'), 'Rajin', { author: 'analyst' });
}

beforeEach(() => {
  tmp = tempDir();
  fs.mkdirSync(path.join(tmp.dir, 'elsewhere'));
});
afterEach(() => {
  store?.close();
  tmp.cleanup();
});

async function expectRefused(zip: string, message: RegExp) {
  const started = performance.now();
  const r = await importScenes(store, [zip]);
  const ms = performance.now() - started;
  expect(r.imported).toEqual([]);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.message).toMatch(message);
  expect(r.errors[0]!.message).toMatch(/Nothing was imported/);
  expect(sceneRows()).toBe(0);
  expect(leftovers()).toEqual([]);
  return { message: r.errors[0]!.message, ms };
}

it('refuses 3,000 entries of 1 MiB of zeros (3 GiB from a 3 MB zip): no entry is over the per-entry floor of old, the whole is', async () => {
  openProject(path.join(tmp.dir, 'project'));
  const zip = outside('order-bomb.zip');
  const zeros = Buffer.alloc(1024 * 1024);
  writeZip(zip, Array.from({ length: 3000 }, (_, i) => ({ name: `order/zeros-${String(i).padStart(4, '0')}.tif`, data: zeros, deflate: true })));
  const { message, ms } = await expectRefused(zip, /was refused: entry "order\/zeros-0000\.tif" expands \d+-fold \(more than 200: a zip bomb\?\)/);
  console.log(`3,000 x 1 MiB zip bomb (${(fs.statSync(zip).size / 1e6).toFixed(1)} MB zip) refused in ${ms.toFixed(0)} ms: ${message}`);
});

it('refuses the same bomb made of entries under the per-entry floor, by the ratio of the whole archive', async () => {
  openProject(path.join(tmp.dir, 'project'));
  const zip = outside('order-bomb-small.zip');
  const zeros = Buffer.alloc(60 * 1024);
  writeZip(zip, Array.from({ length: 3000 }, (_, i) => ({ name: `order/zeros-${i}.tif`, data: zeros, deflate: true })));
  const { message } = await expectRefused(zip, /was refused: entry "order\/zeros-\d+\.tif" takes the archive to \d+ MB from a \d+ KB zip, more than 200-fold \(a zip bomb\?\)/);
  console.log(`3,000 x 60 KiB zip bomb refused: ${message}`);
});

it('refuses more entries than any order holds', async () => {
  openProject(path.join(tmp.dir, 'project'));
  const zip = outside('many.zip');
  writeZip(zip, Array.from({ length: 20_001 }, (_, i) => ({ name: `order/f${i}.json`, data: Buffer.from('{}') })));
  await expectRefused(zip, /was refused: entry "order\/f20000\.json" exceeds the limit of 20000 entries/);
});

// A real small disk: a 16 MiB tmpfs holding the project (mounting needs root, as on CI).
const isRoot = process.getuid?.() === 0;
describe.runIf(isRoot)('on a nearly full disk', () => {
  let mountPoint: string;
  beforeEach(() => {
    mountPoint = path.join(tmp.dir, 'small-disk');
    fs.mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
  });
  afterEach(() => {
    store?.close();
    store = undefined as unknown as ProjectStore;
    execFileSync('umount', [mountPoint]);
  });

  it('refuses a zip that unpacks to more than the free space, saying how much is needed and free', async () => {
    openProject(path.join(mountPoint, 'project'));
    const zip = outside('order-20mb.zip');
    // Incompressible, as GeoTIFFs are: no ratio check can catch it, only the free space.
    writeZip(zip, [{ name: 'order/a.tif', data: randomBytes(10 * 1024 * 1024) }, { name: 'order/b.tif', data: randomBytes(10 * 1024 * 1024) }]);
    const { message } = await expectRefused(zip, /was refused: it unpacks to 20 MB but only 0 KB can be used on the disk of .*small-disk\/project \(\d+ MB free, 256 MB kept for the project\)\. Free some space/);
    console.log(`20 MB order onto a 16 MiB disk refused: ${message}`);
  });

  it('still imports an order that fits, leaving room for the project', async () => {
    openProject(path.join(mountPoint, 'project'));
    const order = makePlanetOrder(outside('order-2'), [{ itemId: '20250114_013845_12_2461', acquired: '2025-01-14T01:38:45Z', cloudCover: 0.1, clearPercent: 90 }]);
    const zip = outside('order-2.zip');
    zipFolder(order.dir, zip, 'order-2/');
    const r = await importScenes(store, [zip], { zipLimits: { ...DEFAULT_ZIP_LIMITS, keepFreeBytes: 1024 * 1024 } });
    expect(r.errors).toEqual([]);
    expect(r.imported).toHaveLength(1);
  });
});
