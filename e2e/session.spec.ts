// Browser mode's session as a user meets it: the printed link opens the app once and leaves the
// address bar clean; reloading keeps working; the same link in another browser (a copy from a
// history, a log or another user's process list) opens nothing and says what to do.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('the launch link opens once; the page keeps its session across reloads; a copied link gets a clear refusal', async ({ page, browser }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  expect(page.url()).not.toContain('launch='); // nothing to copy from the address bar
  expect((await page.context().cookies()).length).toBe(0); // nothing sent to other local servers

  await page.reload();
  await expect(app.projectName()).toHaveText('Rajin port (demo)');
  await app.waitForImagery();

  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await other.goto(host.url);
    const notice = other.getByTestId('host-notice');
    await expect(notice).toHaveAttribute('data-state', 'no-session', { timeout: 30_000 }); // a new browser context loads slowly on a busy machine
    await expect(notice).toContainText('Open the link printed by `npm start`');
    await other.screenshot({ path: 'artifacts/session-link-used.png' });
  } finally {
    await elsewhere.close();
  }
  // The first page is still in session.
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
});

test('when the host stops, the open window says so at once and how to get back', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await expect(page.getByTestId('host-notice')).toHaveCount(0);
  await host.kill9();
  const notice = page.getByTestId('host-notice');
  await expect(notice).toHaveAttribute('data-state', 'unreachable', { timeout: 10_000 });
  await expect(notice).toContainText('Start it again with `npm start`');
  await app.shot('host-stopped');
});
