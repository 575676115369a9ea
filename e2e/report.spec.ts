// The Report dialog remembers the title given for this project (between runs and after a reload), and the report it
// writes says dwell one way and captions its chips with the scene's provider and item id.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('the report title is kept for the project between runs and after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);
  const projectName = (await app.projectName().textContent())!;
  const projectDir = path.dirname((await app.projectName().getAttribute('title'))!);

  await out.openFromMenu('report');
  await expect(page.getByTestId('report-title')).toHaveValue('');
  await page.getByTestId('report-title').fill('Rajin: calls, winter 2024–25');
  await out.shot('report', 'report-title-typed');
  await out.submit('report').click();
  const pdf = path.join(projectDir, `${projectName} report.pdf`);
  await expect(out.infoToast()).toContainText(`Report written: ${pdf} (`, { timeout: 90_000 });
  await out.dismissToasts();
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Rajin: calls, winter 2024–25');
  expect(text).toMatch(/UTC · Planet · \d{8}_\d{6}_\d{2}_\w{4}/);
  expect(text).toContain('(already there at the first scene)');

  // The next run starts from the same title, and so does the next session in this browser.
  await out.openFromMenu('report');
  await expect(page.getByTestId('report-title')).toHaveValue('Rajin: calls, winter 2024–25');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(app.projectName()).toHaveText(projectName);
  await out.openFromMenu('report');
  await expect(page.getByTestId('report-title')).toHaveValue('Rajin: calls, winter 2024–25');
  await out.shot('report', 'report-title-remembered');
});
