// A 500-item Planet order, as a folder and as a zip: what the analyst sees is a progress bar that
// moves in small steps through each phase (unpacking, checking, saving) and 500 dated scenes in the
// right places with the right observability; a cancelled run leaves the project file byte-identical.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PolygonGeometry } from '../../../shared/domain';
import { type ProjectStore, databaseOf } from '../store/projectStore';
import { seedOpenProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { makePlanetOrder, ORDER_SHIFTS, orderSeries, zipFolder } from './fixtures/build';

const N = 500;
const ITEMS = orderSeries(N);

let tmp: ReturnType<typeof tempDir>;
let order: ReturnType<typeof makePlanetOrder>;
let zip: string;
let earlier: ReturnType<typeof makePlanetOrder>;
beforeAll(() => {
  tmp = tempDir();
  earlier = makePlanetOrder(path.join(tmp.dir, 'orders', 'earlier'), orderSeries(N + 3).slice(N));
  order = makePlanetOrder(path.join(tmp.dir, 'orders', 'order-500'), ITEMS);
  zip = path.join(tmp.dir, 'orders', 'order-500.zip');
  zipFolder(order.dir, zip, 'order-500/');
});
afterAll(() => tmp.cleanup());

let project: string;
let store: ProjectStore;
let zones: { inside: string; away: string };
beforeEach(() => {
  const box = (w: number, s: number, e: number, n: number): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  // A site with its quays and no scene yet: the order brings them.
  const seeded = seedOpenProject(fs.mkdtempSync(path.join(tmp.dir, 'p-')), {
    fileName: 'Rajin.quaywatch',
    name: 'Rajin',
    author: 'analyst',
    site: { name: 'Rajin' },
    zones: [
      { name: 'Pier 1', geometry: box(130.27, 42.325, 130.274, 42.328) },
      { name: 'Far pier', geometry: box(131, 43, 131.01, 43.01) },
    ],
    scenes: [],
  });
  project = seeded.file;
  store = seeded.store;
  zones = { inside: seeded.zones[0]!.id, away: seeded.zones[1]!.id };
});
afterEach(() => store.close());

type Update = { done: number; total: number; label: string };

/** The labels in the order they came, each once: a phase never comes back. */
const phases = (updates: Update[]) => updates.map((u) => u.label).filter((l, i, all) => i === 0 || all[i - 1] !== l);

/** Within each phase: a fixed total, done never going back, steps of at most 1 % of the total, ending at the total. */
function expectSteadyPhase(updates: Update[], label: string, total: number) {
  const mine = updates.filter((u) => u.label === label);
  expect(new Set(mine.map((u) => u.total))).toEqual(new Set([total]));
  for (let i = 1; i < mine.length; i++) {
    const step = mine[i]!.done - mine[i - 1]!.done;
    expect(step).toBeGreaterThanOrEqual(0);
    expect(step).toBeLessThanOrEqual(Math.max(1, total / 100));
  }
  expect(mine.at(-1)!.done).toBe(total);
  expect(mine.length).toBeLessThanOrEqual(total + 1); // no flood of repeats either
}

/** What the analyst checks on the timeline and map: time, place, product, observability per quay. */
function expectTheSeries() {
  const scenes = store.scenes().sort((a, b) => a.acquired.localeCompare(b.acquired));
  expect(scenes).toHaveLength(N);
  expect(scenes.map((s) => s.acquired)).toEqual(ITEMS.map((it) => new Date(it.acquired).toISOString()));
  expect(scenes.map((s) => s.itemId)).toEqual(ITEMS.map((it) => it.itemId));
  for (const s of scenes) {
    expect(s).toMatchObject({ provider: 'Planet', product: 'PSScene', cloudCover: 0.4, gsd: 3.9 });
    expect(s.footprint).toEqual(order.footprints.get(s.itemId!));
  }
  // Four places in turn; a mask clear / cloudy / missing in turn (missing: 60 % clear → partial).
  expect(new Set(ITEMS.map((it) => JSON.stringify(order.footprints.get(it.itemId)))).size).toBe(ORDER_SHIFTS.length);
  const obs = new Map(store.observability().map((o) => [`${o.sceneId}/${o.zoneId}`, o.value]));
  scenes.forEach((s, i) => {
    const overQuay = i % ORDER_SHIFTS.length === 0;
    expect([s.itemId, obs.get(`${s.id}/${zones.inside}`)]).toEqual([s.itemId, overQuay ? (['clear', 'obscured', 'partial'] as const)[i % 3] : 'outside']);
    expect(obs.get(`${s.id}/${zones.away}`)).toBe('outside');
  });
}

/** The project as it is on disk: the database and its write-ahead log, byte for byte. */
function projectHash(): string {
  const h = createHash('sha256');
  for (const f of [project, `${project}-wal`]) h.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from('absent'));
  return h.digest('hex');
}

const unpackedDir = () => path.join(path.dirname(project), 'Rajin imagery', 'order-500');

it('imports a 500-item order folder with a progress bar through checking and saving', async () => {
  const updates: Update[] = [];
  const r = await importScenes(store, [order.dir], { onProgress: (done, total, label) => updates.push({ done, total, label }) });
  expect(r.errors).toEqual([]);
  expect(r.imported).toHaveLength(N);
  expect(phases(updates)).toEqual(['order-500', 'Checking order-500', 'Saving 500 scene(s)']);
  expectSteadyPhase(updates, 'Checking order-500', N);
  expectTheSeries();
  expect(r.imported[0]!.source).toEqual({ kind: 'geotiff', path: path.join(order.dir, 'PSScene', ITEMS[0]!.itemId, `${ITEMS[0]!.itemId}_3B_Visual.tif`) });
});

it('imports the same order zipped, with the unpacking shown file by file', async () => {
  const updates: Update[] = [];
  const r = await importScenes(store, [zip], { onProgress: (done, total, label) => updates.push({ done, total, label }) });
  expect(r.errors).toEqual([]);
  expect(phases(updates)).toEqual(['order-500.zip', 'Unpacking order-500.zip', 'Checking order-500.zip', 'Saving 500 scene(s)']);
  // 500 images, 500 metadata files, 334 masks (every third item has none) and the manifest.
  const files = N + N + Math.ceil((N * 2) / 3) + 1;
  expectSteadyPhase(updates, 'Unpacking order-500.zip', files);
  expectSteadyPhase(updates, 'Checking order-500.zip', N);
  expectTheSeries();
  expect(fs.existsSync(store.resolveSourcePath(r.imported[N - 1]!.source)!)).toBe(true);
});

describe('cancelled midway, the project is byte-identical and nothing stays unpacked', () => {
  const cases: [string, () => string, (u: Update) => boolean][] = [
    ['the folder, while checking', () => order.dir, (u) => u.label.startsWith('Checking') && u.done === N / 2],
    ['the zip, while unpacking', () => zip, (u) => u.label.startsWith('Unpacking') && u.done === 700],
    ['the zip, while checking', () => zip, (u) => u.label.startsWith('Checking') && u.done === N / 2],
    ['the zip, while saving (masks being read)', () => zip, (u) => u.label.startsWith('Saving')],
  ];
  for (const [label, source, when] of cases) {
    it(label, async () => {
      // A project with work in it already (zones, an earlier order): all of it must survive untouched.
      expect((await importScenes(store, [earlier.dir])).imported).toHaveLength(3);
      databaseOf(store).pragma('wal_checkpoint(TRUNCATE)');
      const before = projectHash();

      const controller = new AbortController();
      let stoppedAt: Update | null = null;
      const afterStop: Update[] = [];
      const r = await importScenes(store, [source()], {
        signal: controller.signal,
        onProgress: (done, total, l) => {
          if (stoppedAt) afterStop.push({ done, total, label: l });
          else if (when({ done, total, label: l })) {
            stoppedAt = { done, total, label: l };
            controller.abort();
          }
        },
      });
      expect(stoppedAt).not.toBeNull();
      // It stops at once: the bar does not keep moving after Cancel.
      expect(afterStop).toEqual([]);
      expect(r.imported).toEqual([]);
      expect(r.errors).toEqual([{ path: '', message: 'Import cancelled: nothing was imported.', needsAcquired: false }]);
      expect(projectHash()).toBe(before);
      expect(store.scenes()).toHaveLength(3);
      expect(fs.existsSync(unpackedDir())).toBe(false);
    });
  }
});
