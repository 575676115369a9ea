// The analyst's workbench end to end in browser mode: zones, boxes, vessel links, ghosts, carry
// forward and undo/redo through the persisted history, surviving a reload.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

/** Goes to the first of the demo's unmarked scenes (the last three). */
async function firstUnmarkedScene(app: QuaywatchPage) {
  await app.page.keyboard.press('End');
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ArrowLeft');
  await app.waitForImagery();
  await expect(app.sightingCount()).toHaveText('0');
}

test('zone, vessel box, vessel link, ghost, carry forward, undo ×2, redo, reload', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await firstUnmarkedScene(app);
  const start = await app.sceneIndex();

  // A zone around the middle of the view.
  const zonePts = [app.mapPoint(0.3, 0.3), app.mapPoint(0.7, 0.3), app.mapPoint(0.7, 0.7), app.mapPoint(0.3, 0.7)];
  await app.drawZone(await Promise.all(zonePts), 'Berth 9');
  expect((await app.state()).zones.map((z) => z.name)).toContain('Berth 9');
  await expect(page.getByTestId('zone-attributes')).toBeVisible();
  await app.shot('workbench-zone');
  await page.keyboard.press('Escape');

  // A vessel box inside it: bow, stern, side.
  await app.markVesselBox(await app.mapPoint(0.42, 0.5), await app.mapPoint(0.58, 0.5), await app.mapPoint(0.5, 0.53));
  const [box] = await app.sightingsHere();
  expect(box!.geometry.type).toBe('Polygon');
  await expect(page.getByTestId('sighting-attributes')).toBeVisible();
  await expect(page.getByTestId('box-metrics')).toContainText(/\d+ m × \d+ m · heading \d+°/);
  // Contained in the zone just drawn.
  await expect(page.getByTestId('zone-select')).toContainText('auto: Berth 9');

  await app.linkToNewVessel('Lady R');
  await expect(app.undoButton()).toContainText('Link to Lady R');
  await app.shot('workbench-box-linked');

  // Next scene: the box is a ghost; accept it with A under the pointer.
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
  await expect(app.sightingCount()).toHaveText('0');
  await page.mouse.move(...(Object.values(await app.mapPoint(0.5, 0.5)) as [number, number]));
  await app.shot('workbench-ghost-hover');
  await page.keyboard.press('a');
  await app.waitSaved();
  await expect(app.sightingCount()).toHaveText('1');
  const [accepted] = await app.sightingsHere();
  const ladyR = (await app.state()).vessels.find((v) => v.name === 'Lady R')!;
  expect(accepted!.vesselId).toBe(ladyR.id);
  await expect(page.getByTestId('vessel-select')).toHaveValue(ladyR.id);
  await expect(app.undoButton()).toContainText('Accept ghost');

  // Carry it forward to the scene after.
  await page.keyboard.press('f');
  await expect(page.getByTestId('toast-info')).toContainText('Carried 1 sighting forward');
  await expect(app.undoButton()).toContainText('Carry forward');
  const afterCarry = await app.state();
  const nextId = afterCarry.scenes[start + 2]!.id;
  expect(afterCarry.sightings.filter((s) => s.sceneId === nextId && s.vesselId === ladyR.id)).toHaveLength(1);

  // Undo twice (carry forward, then the accepted ghost), redo once (the ghost again).
  await page.keyboard.press('Control+z');
  await expect(app.undoButton()).toContainText('Accept ghost');
  await page.keyboard.press('Control+z');
  await expect(app.sightingCount()).toHaveText('0');
  await expect(app.redoButton()).toContainText('Accept ghost');
  await page.keyboard.press('Control+Shift+z');
  await expect(app.sightingCount()).toHaveText('1');
  await expect(app.undoButton()).toContainText('Accept ghost');
  await expect(app.redoButton()).toContainText('Carry forward');
  await app.shot('workbench-after-redo');

  // Reload: everything comes back from the project file, undo/redo labels included.
  await page.reload();
  await app.waitForImagery();
  await expect(app.undoButton()).toContainText('Accept ghost');
  await expect(app.redoButton()).toContainText('Carry forward');
  const s = await app.state();
  const on = (i: number) => s.sightings.filter((x) => x.sceneId === s.scenes[i]!.id);
  expect(on(start)).toHaveLength(1);
  expect(on(start)[0]!.vesselId).toBe(ladyR.id);
  expect(on(start)[0]!.geometry.type).toBe('Polygon');
  expect(on(start + 1)).toHaveLength(1);
  expect(on(start + 1)[0]!.vesselId).toBe(ladyR.id);
  expect(on(start + 2)).toHaveLength(0);
  expect(s.zones.map((z) => z.name)).toContain('Berth 9');
  await app.page.keyboard.press('End');
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ArrowLeft');
  await expect(app.sightingCount()).toHaveText('1');
  await expect(page.getByTestId('sighting-item')).toContainText('Lady R');
});
