// The foundation, end to end in browser mode: demo opens, scenes step by keyboard keeping the
// view, a sighting marked on a scene survives kill -9 of the host, projects are created and opened.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('opens the demo project on first start and shows its imagery', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await expect(app.projectName()).toContainText('demo');
  expect(await app.sceneItems().count()).toBeGreaterThanOrEqual(8);
  await expect(app.currentSceneLabel()).toContainText('scene 1 of');
  expect(await app.mapViewportCount()).toBe(1); // StrictMode must not create a second map
  // Nothing (a long toolbar, a long project name) may widen the window beyond the screen.
  for (const width of [1440, 1100]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways overflow at ${width}px`).toBe(true);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  // The imagery really drew: the map canvas is not blank.
  const shot = await app.map.screenshot();
  fs.mkdirSync('artifacts', { recursive: true });
  fs.writeFileSync(path.join('artifacts', 'map.png'), shot);
  await page.screenshot({ path: path.join('artifacts', 'main-window.png') });
});

test('steps scenes with → ← ] [ keeping the view', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  // Zoom in somewhere so that "keeping the view" means something.
  await app.map.hover();
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(500);
  const before = await app.viewState();
  await page.keyboard.press('ArrowRight');
  expect(await app.sceneIndex()).toBe(1);
  await page.keyboard.press(']');
  expect(await app.sceneIndex()).toBe(2);
  await expect(app.currentSceneLabel()).toContainText('scene 3 of');
  await app.waitForImagery();
  await page.keyboard.press('[');
  await page.keyboard.press('ArrowLeft');
  expect(await app.sceneIndex()).toBe(0);
  await page.keyboard.press('ArrowLeft'); // stays on the first scene
  expect(await app.sceneIndex()).toBe(0);
  const after = await app.viewState();
  expect(after).toEqual(before);
  await page.keyboard.press('End');
  const n = await app.sceneItems().count();
  expect(await app.sceneIndex()).toBe(n - 1);
});

test('a marked sighting is saved at once and survives kill -9 of the host', async ({ page }) => {
  let host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await app.goToUnmarkedLastScene();
  const sceneIndex = await app.sceneIndex();
  await app.markVesselAtCentre();
  await expect(app.sightingCount()).toHaveText('1');
  await expect(page.getByTestId('sighting-attributes')).toContainText('vessel');

  await host.kill9(); // no shutdown hook runs: only what was committed survives
  host = await each.start();
  await app.open(host.url);
  await expect(app.projectName()).toContainText('demo'); // reopens the last project
  await page.keyboard.press('End');
  expect(await app.sceneIndex()).toBe(sceneIndex);
  await expect(app.sightingCount()).toHaveText('1');
  await expect(page.getByTestId('sighting-item')).toHaveCount(1);
});

test('File → New creates a project, recent projects reopen the demo, a corrupt file is refused', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const demoName = await app.projectName().textContent();

  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Rajin 2024-25');
  const file = path.join(each.home, 'Rajin 2024-25.quaywatch');
  await page.getByTestId('project-path-input').fill(file);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Rajin 2024-25');
  await expect(app.sceneItems()).toHaveCount(0);
  expect(fs.existsSync(file)).toBe(true);

  // A corrupt file: a clear error, and the open project stays open.
  const bad = path.join(each.home, 'broken.quaywatch');
  fs.writeFileSync(bad, 'not a database '.repeat(100));
  await page.keyboard.press('Control+o');
  await page.getByTestId('project-path-input').fill(bad);
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('toast-error')).toContainText('not a Quaywatch project');
  await page.keyboard.press('Escape');
  await expect(app.projectName()).toHaveText('Rajin 2024-25');
  expect(fs.readFileSync(bad, 'utf8')).toBe('not a database '.repeat(100));

  await app.openFileMenu();
  await page.getByRole('button', { name: new RegExp(demoName!.replace(/[()]/g, '.')) }).first().click();
  await expect(app.projectName()).toHaveText(demoName!);
  await app.waitForImagery();
});

test('the cheat sheet lists the shortcuts', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.keyboard.press('?');
  await expect(page.getByTestId('cheat-sheet')).toContainText('Next scene');
  // Chords are named as on the keycaps, not as key codes.
  await expect(page.getByTestId('cheat-sheet')).toContainText('Shift+→');
  await expect(page.getByTestId('cheat-sheet')).not.toContainText('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cheat-sheet')).toHaveCount(0);
});
