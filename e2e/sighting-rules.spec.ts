// Buttons that cannot act say why: carry forward on the last scene, "same as previous" with nothing to
// copy, a vessel link for a class that has none. The reasons come from the one rule book (shared/sightingRules.ts).
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('carry forward, same as previous and the vessel link are off with their reason, and the keys say the same', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await app.goToUnmarkedLastScene(); // nothing comes after it
  await app.markVesselAtCentre();
  const box = (await app.map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('sighting-attributes')).toBeVisible();

  const carry = page.getByTestId('carry-forward');
  await expect(carry).toBeDisabled();
  await expect(carry).toHaveAttribute('title', 'This is the last scene: there is no next scene to carry sightings to.');
  // The shortcut gives the same reason instead of a silent nothing.
  await page.keyboard.press('f');
  await expect(page.getByTestId('toast-error')).toContainText('This is the last scene');
  await expect(page.getByTestId('sighting-attributes')).toBeVisible();

  // The previous scene (also unmarked) has no linked vessel to copy from.
  const same = page.getByTestId('same-as-previous');
  await expect(same).toBeDisabled();
  await expect(same).toHaveAttribute('title', /^No linked vessel on the previous scene \(\d{4}-\d\d-\d\d\) to copy from\.$/);

  // A vehicle has no vessel identity: the row stays, off, and says how to follow it instead.
  await page.getByTestId('class-select').selectOption('vehicle');
  await app.waitSaved();
  const link = page.getByTestId('vessel-select');
  await expect(link).toBeDisabled();
  await expect(link).toHaveAttribute('title', 'Only vessel and aircraft sightings link to an identity; vehicles are followed with a track (carry them forward).');
  await expect(page.getByTestId('class-select').locator('option[value="other"]')).toHaveText('other object');
  await carry.hover();
  await app.shot('rules-disabled-with-reasons');

  // Back to a vessel: the link is on again.
  await page.getByTestId('class-select').selectOption('vessel');
  await app.waitSaved();
  await expect(link).toBeEnabled();
});
