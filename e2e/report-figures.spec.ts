// File → Report… with figures: a before/after pair and a strip of frames of a zone chosen in the dialog's Figures
// section, dated in the PDF's text; the choices are there again next time; the HTML's pictures decode in Chromium.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('Report with a before/after pair and a strip of frames of a zone, the choices remembered', async ({ page, context }) => {
  test.setTimeout(240_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);
  const projectName = (await app.projectName().textContent())!;
  const projectDir = path.dirname((await app.projectName().getAttribute('title'))!);

  await out.openFromMenu('report');
  // No figures until a zone is chosen.
  await expect(page.getByTestId('report-figure-zone')).toHaveValue('');
  await expect(page.getByTestId('report-strip-frames')).toBeDisabled();
  await page.getByTestId('report-figure-zone').selectOption({ label: 'Pier 1' });
  await page.getByTestId('report-strip-frames').fill('4');
  const after = page.getByTestId('report-pair-after');
  await after.selectOption({ index: 3 }); // the third scene of the series, chosen by hand
  const afterLabel = (await after.locator('option:checked').textContent())!;
  const afterWhen = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/.exec(afterLabel)![0];
  await out.shot('report', 'report-figures-chosen');
  await out.submit('report').click();
  const pdf = path.join(projectDir, `${projectName} report.pdf`);
  await expect(out.infoToast()).toContainText(`Report written: ${pdf} (`, { timeout: 120_000 });
  await out.dismissToasts();
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Before and after: Pier 1');
  expect(text).toContain(`After, right: ${afterWhen}`);
  expect(text).toMatch(/Frames: Pier 1 4 frames of the \d+ scenes in the period that show Pier 1/);

  // Next time the dialog starts from the same figures; as HTML, the pictures are inside the file and decode.
  await out.openFromMenu('report');
  await expect(page.getByTestId('report-figure-zone')).toHaveValue(await page.getByTestId('report-figure-zone').locator('option', { hasText: 'Pier 1' }).getAttribute('value') as string);
  await expect(page.getByTestId('report-strip-frames')).toHaveValue('4');
  await expect(page.getByTestId('report-pair-after').locator('option:checked')).toHaveText(afterLabel);
  await page.getByTestId('report-format-html').click();
  await out.submit('report').click();
  const html = path.join(projectDir, `${projectName} report.html`);
  await expect(out.infoToast()).toContainText(`Report written: ${html} (`, { timeout: 120_000 });
  const view = await context.newPage();
  await view.goto(`file://${html}`);
  const sizes = await view.locator('.pair img, .strip img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  expect(sizes).toEqual([1600, 560, 560, 560, 560]);
  await view.locator('.pair').scrollIntoViewIfNeeded();
  await view.screenshot({ path: 'artifacts/report-figures-html.png', fullPage: false });
  await view.close();
});
