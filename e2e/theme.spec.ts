// Light, dark and print looks: the status-bar button (and Shift+T) switches them, panels and charts
// follow, and the choice survives a reload.
import { test, expect, type Page } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

const panelColour = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.querySelector('.side-panel, .sidepanel, aside') ?? document.body).backgroundColor);

test('theme: system follows the OS, the button cycles dark → light → print, and it is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveText('Theme: System (light)');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await panelColour(page);

  await toggle.click(); // → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await panelColour(page);
  expect(dark).not.toBe(light);
  await app.shot('theme-dark');

  await page.keyboard.press('Shift+T'); // → light
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await panelColour(page)).toBe(light);
  await app.shot('theme-light');

  // Charts follow the window: the Analysis view's axis text is dark on the light look.
  await page.keyboard.press('Shift+A');
  const chartText = page.locator('[data-chart-kind] svg text').first();
  await expect(chartText).toBeVisible({ timeout: 30_000 });
  const fill = await chartText.evaluate((el) => el.getAttribute('fill') ?? getComputedStyle(el).fill);
  expect(fill).not.toMatch(/#e6edf3|#8b98a8/i); // the dark theme's light greys
  await app.shot('theme-light-analysis');
  await page.keyboard.press('Shift+A');

  await toggle.click(); // → print
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'print');
  await app.shot('theme-print');

  await page.reload();
  await app.waitForImagery();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'print');
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: Print');
});
