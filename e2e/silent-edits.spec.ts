// A click selects; only a drag beyond a few pixels moves or reshapes. Clicks on a selected box's
// edge once made it a five-corner polygon ("Reshape sighting"), and clicks inside it logged moves.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('plain clicks on a selected box neither reshape nor move it; a drag still does', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.keyboard.press('End');
  await app.waitForImagery();

  await app.markVesselBox(await app.mapPoint(0.42, 0.4), await app.mapPoint(0.58, 0.44), await app.mapPoint(0.5, 0.47));
  const [box] = await app.sightingsHere();
  expect(box!.geometry.type).toBe('Polygon');
  const ring = () => app.sightingsHere().then((s) => (s.find((x) => x.id === box!.id)!.geometry as { coordinates: [number, number][][] }).coordinates[0]!);
  const corners = await ring();
  expect(corners).toHaveLength(5); // four corners and the closing point

  // Select it by clicking inside.
  const [c0, c1, c2] = await Promise.all(corners.slice(0, 3).map((c) => app.pagePointOf(c)));
  const centre = { x: (c0!.x + c2!.x) / 2, y: (c0!.y + c2!.y) / 2 };
  await app.click(centre);
  expect((await app.state()).selectedIds).toEqual([box!.id]);
  const undoBefore = (await app.state()).history.undoLabel;

  // A plain click on the middle of an edge, and one inside: nothing changes, nothing is recorded.
  const edgeMid = { x: (c0!.x + c1!.x) / 2, y: (c0!.y + c1!.y) / 2 };
  await app.click(edgeMid);
  await page.waitForTimeout(400);
  await app.click(centre);
  await page.waitForTimeout(400);
  expect(await ring()).toEqual(corners);
  expect((await app.state()).history.undoLabel).toBe(undoBefore);
  await app.shot('silent-edits-after-clicks');

  // A real drag from inside moves the box, as before.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 20, centre.y + 10, { steps: 5 });
  await page.mouse.move(centre.x + 40, centre.y + 20, { steps: 5 });
  await page.mouse.up();
  await app.waitSaved();
  await expect.poll(async () => (await ring())[0]).not.toEqual(corners[0]);
  expect(await ring()).toHaveLength(5);
  expect((await app.state()).history.undoLabel).not.toBe(undoBefore);
});
