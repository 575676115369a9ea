// Who I am: on the first start the app asks the analyst's name; every mark then carries it (not the
// OS user's), the status bar shows it, it is kept for the next start, and File → Your name… changes it.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest({ firstRun: true });

test('first start asks who is working; marks are signed with that name, kept across restarts, and it can be changed', async ({ page }) => {
  let host = await each.start();
  const app = new QuaywatchPage(page);
  await page.goto(host.url);
  const dialog = page.getByTestId('analyst-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Welcome to Quaywatch');
  await page.getByTestId('analyst-name').fill('Ana Lopez');
  await expect(page.getByTestId('analyst-initials')).toHaveValue('AL'); // proposed from the name
  await app.shot('analyst-first-run');
  await page.getByTestId('analyst-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('analyst-name-status')).toHaveText('Ana Lopez (AL)');
  await app.waitForImagery();

  await app.markVesselAtCentre();
  await page.getByTestId('sighting-item').last().click();
  await expect(page.getByTestId('attribute-history')).toContainText('Ana Lopez');
  const mine = (await app.state()).sightings.filter((s) => s.author === 'Ana Lopez');
  expect(mine).toHaveLength(1);

  // Kept for the next start: no question, the same name.
  await host.stop();
  host = await each.start();
  await page.goto(host.url);
  await app.waitForImagery();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('analyst-name-status')).toHaveText('Ana Lopez (AL)');

  // Changed from the File menu; a name with a control character is refused in words.
  await app.openFileMenu();
  await page.getByTestId('menu-analyst').click();
  await expect(page.getByTestId('analyst-name')).toHaveValue('Ana Lopez');
  await page.getByTestId('analyst-name').fill('Ana\u0007 López');
  await page.getByTestId('analyst-save').click();
  await expect(page.getByTestId('analyst-error')).toContainText('control');
  await page.getByTestId('analyst-name').fill('Ana María López');
  await page.getByTestId('analyst-initials').fill('AML');
  await page.getByTestId('analyst-save').click();
  await expect(page.getByTestId('analyst-name-status')).toHaveText('Ana María López (AML)');
  await app.markVesselAtCentre();
  const names = new Set((await app.state()).sightings.map((s) => s.author));
  expect(names.has('Ana María López')).toBe(true);
  expect(names.has('Ana Lopez')).toBe(true); // earlier marks keep the name they were made with
});
