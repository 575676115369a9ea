// Imagery in, end to end in browser mode: a Planet order (zip) imported through File → Import
// imagery… with a progress bar, its scenes stepped through by keyboard, each one drawn on the map
// where its footprint is; a bad file is refused with its name and the reason.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import sharp from 'sharp';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGeoTiff, makePlanetOrder, zipFolder } from '../electron/node/imagery/fixtures/build';

const each = hostPerTest();

const ITEMS = [
  { itemId: '20250113_013801_12_2461', acquired: '2025-01-13T01:38:01Z', cloudCover: 0.02, clearPercent: 98, udm2: 'clear' as const, colour: [200, 40, 40] as [number, number, number] },
  { itemId: '20250114_013845_12_2461', acquired: '2025-01-14T01:38:45Z', cloudCover: 0.05, clearPercent: 95, udm2: 'cloud' as const, colour: [40, 200, 40] as [number, number, number] },
  { itemId: '20250115_014002_10_24a8', acquired: '2025-01-15T01:40:02Z', cloudCover: 0.7, clearPercent: 30, udm2: null, colour: [40, 40, 200] as [number, number, number] },
];

/** The colour on screen at the map's centre. */
async function centreColour(app: QuaywatchPage): Promise<number[]> {
  const shot = await app.map.screenshot();
  const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
  const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

test('imports a Planet order zip through the UI, steps through its scenes, imagery shows in place', async ({ page }) => {
  const order = makePlanetOrder(path.join(each.home, 'orders', 'rajin-jan'), ITEMS);
  const zip = path.join(each.home, 'orders', 'rajin-jan.zip');
  zipFolder(order.dir, zip, 'rajin-jan/');
  fs.writeFileSync(path.join(each.home, 'orders', 'fake.mbtiles'), 'not sqlite');

  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);

  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Rajin January');
  await page.getByTestId('project-path-input').fill(path.join(each.home, 'Rajin January.quaywatch'));
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Rajin January');
  await expect(app.sceneItems()).toHaveCount(0);

  await app.openFileMenu();
  await page.getByTestId('menu-import').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.getByTestId('import-paths').fill(`${zip}\n${path.join(each.home, 'orders', 'fake.mbtiles')}`);
  await page.getByTestId('import-submit').click();
  // The good order is imported; the bad file is named with its reason, and the dialog stays open to say so.
  await expect(page.getByTestId('import-errors')).toContainText('fake.mbtiles is not an MBTiles file: it is not a SQLite database.');
  await expect(page.getByTestId('import-summary')).toContainText('Imported 3 scene(s).');
  await page.getByTestId('import-cancel').click();
  await expect(app.sceneItems()).toHaveCount(3);

  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await app.press('ArrowRight');
    await app.waitForImagery();
    ids.push(await app.currentSceneId());
    // The map's centre lies inside the order's footprint: the imagery is where the ground is.
    const [lon, lat] = await app.lonLatAtPage(await app.mapPoint(0.5, 0.5));
    expect(lon).toBeGreaterThan(130.262);
    expect(lon).toBeLessThan(130.2858);
    expect(lat).toBeGreaterThan(42.3193);
    expect(lat).toBeLessThan(42.3366);
    // Once the map says it has drawn the scene, that scene's own image is on screen (not a neighbour
    // preloaded under it, not an empty map while its file is still being opened).
    const colour = await centreColour(app);
    ITEMS[i]!.colour.forEach((c, k) => expect(Math.abs(colour[k]! - c)).toBeLessThanOrEqual(8));
  }
  expect(new Set(ids).size).toBe(3);
  await expect(app.currentSceneLabel()).toContainText('2025-01-15');
  const shot = await app.map.screenshot();
  fs.mkdirSync('artifacts', { recursive: true });
  fs.writeFileSync(path.join('artifacts', 'imagery-order.png'), shot);
  // Unpacked beside the project, so the project folder moves whole.
  expect(fs.existsSync(path.join(each.home, 'Rajin January imagery', 'rajin-jan', 'rajin-jan', 'manifest.json'))).toBe(true);
});

test('a dropped file explains that the page cannot see its path and offers Choose files…', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['x'], 'scene.tif', { type: 'image/tiff' }));
    return d;
  });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('import-drop-note')).toContainText('You dropped scene.tif');
  await expect(page.getByTestId('import-drop-note')).toContainText('choose them with Choose files…');
});

test('adds a tile-URL scene, makes it available offline, and shows it with the tile server gone', async ({ page }) => {
  const KEY = 'E2E-PLANTED-KEY-42';
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3c1f5c70000000049454e44ae426082', 'hex');
  let hits = 0;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    if (u.searchParams.get('api_key') !== KEY) return void res.writeHead(401).end();
    hits++;
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Basemaps');
  const projectFile = path.join(each.home, 'Basemaps.quaywatch');
  await page.getByTestId('project-path-input').fill(projectFile);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Basemaps');

  await page.keyboard.press('Control+i');
  await page.getByRole('tab', { name: 'Tile URL' }).click();
  await page.getByTestId('import-template').fill(`${base}/tiles/{z}/{x}/{y}.png?api_key=${KEY}`);
  await page.getByTestId('import-template-date').fill('2025-01-01T00:00:00');
  await page.getByTestId('import-template-bbox').fill('130.26, 42.32, 130.29, 42.34');
  await page.getByTestId('import-offline').check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden({ timeout: 60_000 });
  await expect(app.sceneItems()).toHaveCount(1);
  expect(hits).toBeGreaterThan(10);
  await new Promise<void>((r) => server.close(() => r()));

  await page.reload();
  await app.waitForImagery();
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
  for (const f of [projectFile, `${projectFile}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(KEY)).toBe(false);
});

test('a GeoTIFF in ETRS89 / UTM 32N (a port in Hamburg) is drawn where it lies: the map defines its CRS when the file names it', async ({ page }) => {
  // 64 px at 30 m near Hamburg's Waltershofer Hafen (lon 9.90–9.93, lat 53.52–53.54).
  const tif = path.join(each.home, 'hamburg_2025-02-01T10-30-00Z.tif');
  makeGeoTiff(tif, { epsg: 25832, ullr: [560_000, 5_932_000, 561_920, 5_930_080], datetime: '2025:02:01 10:30:00', burn: [30, 200, 60] });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Hamburg');
  await page.getByTestId('project-path-input').fill(path.join(each.home, 'Hamburg.quaywatch'));
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Hamburg');
  await app.openFileMenu();
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-paths').fill(tif);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(app.sceneItems()).toHaveCount(1);
  await app.waitForImagery();
  const [lon, lat] = await app.lonLatAtPage(await app.mapPoint(0.5, 0.5));
  expect(lon).toBeGreaterThan(9.89);
  expect(lon).toBeLessThan(9.93);
  expect(lat).toBeGreaterThan(53.51);
  expect(lat).toBeLessThan(53.54);
  const colour = await centreColour(app);
  [30, 200, 60].forEach((c, k) => expect(Math.abs(colour[k]! - c)).toBeLessThanOrEqual(8));
});
