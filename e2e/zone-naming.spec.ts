// Naming a new zone: the outline just drawn stays on the map, and the naming card sits away from it.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('while a new zone is named, its outline is drawn and the card does not cover it', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  // A zone in the upper middle of the map, where the naming card used to sit.
  const corners = [await app.mapPoint(0.4, 0.12), await app.mapPoint(0.6, 0.12), await app.mapPoint(0.6, 0.3), await app.mapPoint(0.4, 0.3)];
  await page.keyboard.press('z');
  await expect(page.getByTestId('zone-hint')).toBeVisible();
  for (const p of corners.slice(0, -1)) await page.mouse.click(p.x, p.y);
  await page.mouse.dblclick(corners[3]!.x, corners[3]!.y);
  const form = page.getByTestId('zone-form');
  await expect(form).toBeVisible();

  // The outline is drawn in the pending colour along its top edge.
  const topEdge = { x: (corners[0]!.x + corners[1]!.x) / 2, y: corners[0]!.y };
  expect(await app.colourPixels(topEdge, [253, 224, 71], 12)).toBeGreaterThan(5);
  // The card does not overlap the outline.
  const card = (await form.boundingBox())!;
  const overlaps = card.x < corners[1]!.x && card.x + card.width > corners[0]!.x && card.y < corners[2]!.y && card.y + card.height > corners[0]!.y;
  expect(overlaps).toBe(false);
  await app.shot('zone-naming');

  await page.getByTestId('zone-name-input').fill('North quay');
  await page.getByTestId('zone-save').click();
  await expect(form).toHaveCount(0);
  await app.waitSaved();
  expect((await app.state()).zones.map((z) => z.name)).toContain('North quay');
});
