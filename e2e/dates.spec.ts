// One date convention: every date field takes ISO YYYY-MM-DD (UTC) as text, whatever the OS locale;
// a US-style or impossible date is refused in words beside the field and changes no filter.
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { AnalysisPage } from './pages/AnalysisPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('date fields take YYYY-MM-DD and refuse mm/dd/yyyy in words; the acquisition time is UTC text', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const analysis = new AnalysisPage(page);
  await analysis.open();
  const visitsBefore = await analysis.visitRows().count();
  expect(visitsBefore).toBeGreaterThan(0);

  const from = page.getByTestId('analysis-filter-from');
  await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await from.fill('01/10/2025');
  await expect(page.getByTestId('analysis-filter-from-error')).toContainText('write it as YYYY-MM-DD');
  await expect(analysis.visitRows()).toHaveCount(visitsBefore); // nothing filtered on a bad date
  await from.fill('2025-02-30');
  await expect(page.getByTestId('analysis-filter-from-error')).toContainText('not a day of the calendar');
  await from.fill('2025-01-10');
  await expect(page.getByTestId('analysis-filter-from-error')).toHaveCount(0);
  await expect.poll(() => analysis.visitRows().count()).toBeLessThan(visitsBefore);
  await app.shot('dates-analysis-filter');
  await analysis.close();

  // Report period, the same field.
  await page.keyboard.press('Control+p');
  await page.getByTestId('report-from').fill('2025-13-01');
  await expect(page.getByTestId('report-from-error')).toContainText('not a day of the calendar');
  await page.keyboard.press('Escape');

  // The acquisition time of a tile URL scene is typed as UTC text.
  await page.keyboard.press('Control+i');
  await page.getByRole('tab', { name: 'Tile URL' }).click();
  await page.getByTestId('import-template-date').fill('2025-01-20 25:00');
  await expect(page.getByTestId('import-template-date-error')).toContainText('is not a time of day');
  await page.getByTestId('import-template-date').fill('2025-01-20 01:39:00');
  await expect(page.getByTestId('import-template-date-error')).toHaveCount(0);
  await app.shot('dates-import-instant');
});
