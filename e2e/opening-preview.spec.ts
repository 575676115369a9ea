// The start shows the opening scene at once from its preview (electron/node/imagery/scenePreview.ts),
// before the scene's GeoTIFF has answered a byte, and that picture is the scene's own: the same pixels
// as the GeoTIFF layer draws once it is in. The GeoTIFF's requests are held back here so the moment
// between the two can be looked at; stepping on before the layer is drawn never leaves the preview
// standing in for another scene.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page, type Route } from '@playwright/test';
import sharp from 'sharp';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

/** Holds every request for a scene's GeoTIFF (not the preview) until `release` is called. */
async function holdGeoTiffs(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/imagery\/scene\/[0-9a-f-]{36}$/, (route) => (holding ? held.push(route) : route.continue()));
  return {
    count: () => held.length,
    async release() {
      holding = false;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

async function rgb(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

test('the opening scene is drawn from its preview before its GeoTIFF answers, with the pixels the GeoTIFF layer then draws', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(host.url); // the demo, written on this first start
  await expect(app.map).toHaveAttribute('data-layer-drawn-scene-id', /.+/);

  // Opened again: the preview alone can draw the scene.
  const geotiffs = await holdGeoTiffs(page);
  await page.reload();
  await expect(app.map).toHaveAttribute('data-render-state', 'complete', { timeout: 30_000 });
  const sceneId = await app.currentSceneId();
  await expect(app.map).toHaveAttribute('data-rendered-scene-id', sceneId);
  await expect(app.map).not.toHaveAttribute('data-layer-drawn-scene-id', /.+/);
  expect(await page.evaluate(() => (window as unknown as { __quaywatch: { map: { previewSceneId(): string | null } } }).__quaywatch.map.previewSceneId())).toBe(sceneId);
  await page.waitForTimeout(300); // any frame still coming is drawn
  expect(await app.map.getAttribute('data-layer-drawn-scene-id')).toBeNull();
  const fromPreview = await app.map.screenshot({ animations: 'disabled' });

  await geotiffs.release();
  await expect(app.map).toHaveAttribute('data-layer-drawn-scene-id', sceneId, { timeout: 30_000 });
  await page.waitForTimeout(300);
  const fromLayer = await app.map.screenshot({ animations: 'disabled' });
  fs.writeFileSync(path.join('artifacts', 'opening-preview.png'), fromPreview);
  fs.writeFileSync(path.join('artifacts', 'opening-layer.png'), fromLayer);

  const a = await rgb(fromPreview);
  const b = await rgb(fromLayer);
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  // The same picture up to resampling: on average within 3 levels, and 99 % of samples within 24.
  const diffs: number[] = [];
  let bright = 0;
  for (let i = 0; i < a.data.length; i += 3 * 7) {
    diffs.push(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
    if (a.data[i]! + a.data[i + 1]! + a.data[i + 2]! > 60) bright++;
  }
  diffs.sort((x, y) => x - y);
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  expect(mean).toBeLessThan(3);
  expect(diffs[Math.floor(diffs.length * 0.99)]!).toBeLessThanOrEqual(24);
  // And it is imagery, not an empty map that matches an empty map.
  expect(bright / (diffs.length / 3)).toBeGreaterThan(0.5);
});

test('stepping to the next scene before the opening layer is drawn shows that scene loading, not the preview', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const geotiffs = await holdGeoTiffs(page);
  await page.reload();
  await expect(app.map).toHaveAttribute('data-render-state', 'complete', { timeout: 30_000 });
  const first = await app.currentSceneId();
  const before = await rgb(await app.map.screenshot());
  await app.press('ArrowRight');
  const second = await app.currentSceneId();
  expect(second).not.toBe(first);
  await expect(app.map).toHaveAttribute('data-render-state', 'loading');
  await page.waitForTimeout(300);
  await expect(app.map).toHaveAttribute('data-render-state', 'loading');
  // The first scene's picture is gone: a scene still loading shows nothing rather than another date.
  expect(await page.evaluate(() => (window as unknown as { __quaywatch: { map: { previewSceneId(): string | null } } }).__quaywatch.map.previewSceneId())).toBeNull();
  const after = await rgb(await app.map.screenshot());
  let changed = 0;
  for (let i = 0; i < before.data.length; i += 3 * 7) if (Math.abs(before.data[i]! - after.data[i]!) > 30) changed++;
  expect(changed / (before.data.length / 21)).toBeGreaterThan(0.5);
  expect(geotiffs.count()).toBeGreaterThan(0);
  await geotiffs.release();
  await app.waitForImagery();
  await expect(app.map).toHaveAttribute('data-rendered-scene-id', second);
});
