// Deleting a scene from the scene list (a confirm that counts the marks going with it, Ctrl+Z brings it
// all back) and a panel that crashes on a bad row of a crafted project: the panel shows why, the rest of
// the window keeps working. Screenshots of both go to artifacts/.
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();

test('deletes a scene with its marks after a confirm, and Ctrl+Z brings it back', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const before = await app.state();
  const scenesBefore = before.scenes.length;
  // The first scene that carries marks: the confirm must say how many go with it.
  const index = before.scenes.findIndex((s) => before.sightings.some((x) => x.sceneId === s.id));
  expect(index).toBeGreaterThanOrEqual(0);
  const scene = before.scenes[index]!;
  const marks = before.sightings.filter((x) => x.sceneId === scene.id).length;

  const item = app.sceneItems().nth(index);
  await item.hover();
  await item.getByTestId('scene-delete').click();
  const dialog = page.getByTestId('delete-scene-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(scene.acquired.slice(0, 10));
  await expect(page.getByTestId('delete-scene-marks')).toHaveText(`${marks} marks go with it`);
  await expect(page.getByTestId('delete-scene-confirm')).toHaveText(`Delete scene and ${marks} marks`);
  await page.screenshot({ path: path.join('artifacts', 'delete-scene-confirm.png') });

  // Esc keeps everything.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.sceneItems()).toHaveCount(scenesBefore);

  await item.hover();
  await item.getByTestId('scene-delete').click();
  await page.getByTestId('delete-scene-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(app.sceneItems()).toHaveCount(scenesBefore - 1);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  let now = await app.state();
  expect(now.scenes.some((s) => s.id === scene.id)).toBe(false);
  expect(now.sightings.some((x) => x.sceneId === scene.id)).toBe(false);

  await app.press('Control+z');
  await expect(app.sceneItems()).toHaveCount(scenesBefore);
  now = await app.state();
  expect(now.scenes.map((s) => s.id)).toEqual(before.scenes.map((s) => s.id));
  expect(now.sightings.filter((x) => x.sceneId === scene.id)).toHaveLength(marks);
  // The scene list shows its marks again, and a reload agrees (it is the project file, not the page).
  await expect(app.sceneItems().nth(index)).toContainText(`${marks} marks`);
  await page.reload();
  await expect(app.sceneItems()).toHaveCount(scenesBefore);
});

test('a panel that fails on a bad row shows why in that panel, and the rest of the window keeps working', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const demo = await page.evaluate(() => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().summary!.project.path);

  // A project crafted with raw SQL, the way a bad row reached users: a copy of the demo (beside it, so its
  // imagery resolves) whose vessel's aliases are not a list.
  const crafted = path.join(path.dirname(demo), 'crafted.quaywatch');
  const src = new Database(demo, { readonly: true });
  src.prepare('VACUUM INTO ?').run(crafted);
  src.close();
  const db = new Database(crafted);
  const linked = db.prepare('SELECT id, vessel_id FROM sighting WHERE vessel_id IS NOT NULL LIMIT 1').get() as { id: string; vessel_id: string };
  db.prepare(`UPDATE vessel SET aliases = '"not a list"' WHERE id = ?`).run(linked.vessel_id);
  db.close();

  await page.keyboard.press('Control+o');
  await page.getByTestId('project-path-input').fill(crafted);
  await page.getByTestId('project-submit').click();
  await app.waitForImagery();
  const sceneIndex = await page.evaluate((id) => {
    const s = (window as unknown as WindowWithTestHooks).__quaywatch.store.getState();
    const sceneId = s.sightings.find((x) => x.id === id)!.sceneId;
    return s.scenes.findIndex((x) => x.id === sceneId);
  }, linked.id);
  await app.sceneItems().nth(sceneIndex).click();
  await app.waitForImagery();
  // Select the mark linked to the bad vessel, as a click in the marks list does.
  await page.evaluate((id) => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().select([id]), linked.id);

  const failed = page.locator('[data-testid="panel-failed"][data-panel="attributes"]');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('This panel failed:');
  await expect(failed).toContainText('Your marks are saved.');
  await expect(failed.getByTestId('panel-reload')).toBeVisible();
  await page.screenshot({ path: path.join('artifacts', 'panel-failed.png') });

  // The rest of the window still works: the scene facts, the scene list, stepping scenes, the map.
  await expect(page.getByTestId('scene-facts')).toBeVisible();
  await expect(app.map).toBeVisible();
  const next = sceneIndex === 0 ? 1 : 0;
  await app.sceneItems().nth(next).click();
  expect(await app.sceneIndex()).toBe(next);
  await app.waitForImagery();
  // The selection went with the scene change: reloading the panel brings it back, working.
  await failed.getByTestId('panel-reload').click();
  await expect(page.locator('[data-testid="panel-failed"]')).toHaveCount(0);
  await app.markVesselAtCentre();
});
