// File → Save figure… (and its key): a PNG of a zone at the width asked, a before/after PDF naming both dates, the file
// always chosen in the save dialog (only a name typed), and the choices kept for the next figure of the project.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test, expect, type Page } from '@playwright/test';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

/** Browse… in the figure dialog, the home folder, a name: the path field then holds home/name.ext. */
async function saveAs(page: Page, name: string) {
  const files = new FileDialogPage(page);
  await page.getByTestId('figure-path-browse').click();
  await expect(files.dialog).toBeVisible();
  await files.goHome();
  await files.nameField().fill(name);
  await page.keyboard.press('Enter');
  await expect(files.dialog).toHaveCount(0);
}

test('Save figure: the key opens it, Esc closes it; a PNG of a zone at the chosen width and DPI, remembered next time', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  await page.keyboard.press('Control+Shift+F');
  await expect(out.dialog('figure')).toBeVisible();
  // The style follows the app's look (light here) until the analyst picks one.
  await expect(page.getByTestId('figure-style-light')).toHaveAttribute('aria-checked', 'true');
  await out.shot('figure', 'figure-dialog-light');
  await page.keyboard.press('Escape');
  await expect(out.dialog('figure')).toHaveCount(0);

  // The cheat sheet lists the key.
  await page.keyboard.press('?');
  await expect(page.getByTestId('cheat-sheet')).toContainText('Save figure');
  await expect(page.getByTestId('cheat-sheet').locator('tr', { hasText: 'Save figure' }).locator('kbd')).toHaveText('Ctrl+Shift+F');
  await page.keyboard.press('Escape');

  // The current view (the frame while no zone is selected): the picture has the window's proportions.
  const map = (await app.map.boundingBox())!;
  await out.openFromMenu('figure');
  await expect(page.getByTestId('figure-frame')).toHaveValue('');
  await page.getByTestId('figure-width').fill('1000');
  await saveAs(page, 'view');
  await out.submit('figure').click();
  const viewPng = path.join(each.home, 'view.png');
  await expect(out.infoToast()).toContainText(`Figure written: ${viewPng} (1000 × `, { timeout: 60_000 });
  await out.dismissToasts();
  fs.copyFileSync(viewPng, 'artifacts/figure-view.png');
  const viewMeta = await sharp(fs.readFileSync(viewPng)).metadata();
  // All of the view's height, then a band under it (date, sensor, credit, legend): never a crop of the view.
  const viewHeight = (1000 * map.height) / map.width;
  expect(viewMeta.height!).toBeGreaterThanOrEqual(Math.floor(viewHeight));
  expect(viewMeta.height!).toBeLessThan(viewHeight + 120);

  await out.openFromMenu('figure');
  await page.getByTestId('figure-frame').selectOption({ label: 'Zone: Pier 1' });
  await page.getByTestId('figure-width').fill('1250');
  await page.getByTestId('figure-dpi').fill('300');
  await page.getByTestId('figure-title').fill('Pier 1, Rajin');
  await saveAs(page, 'pier one');
  const png = path.join(each.home, 'pier one.png');
  await expect(out.pathField('figure')).toHaveValue(png);
  await out.submit('figure').click();
  await expect(out.infoToast()).toContainText(`Figure written: ${png} (1250 × `, { timeout: 60_000 });
  await out.dismissToasts();
  await expect(out.dialog('figure')).toHaveCount(0);
  const meta = await sharp(fs.readFileSync(png)).metadata();
  expect(meta.format).toBe('png');
  expect(meta.width).toBe(1250);
  expect(meta.density).toBe(300);
  fs.copyFileSync(png, 'artifacts/figure-zone.png');

  // The same name again: the app asks before replacing, as every output does.
  await page.keyboard.press('Control+Shift+F');
  await saveAs(page, 'pier one');
  await out.submit('figure').click();
  await expect(out.replaceQuestion('figure')).toContainText('pier one.png');
  await out.answerReplace('figure', 'Replace');
  await expect(out.infoToast()).toContainText(`Figure written: ${png}`, { timeout: 60_000 });
  await out.dismissToasts();

  // The next figure of this project starts from the same choices, in the folder used last.
  await page.keyboard.press('Control+Shift+F');
  await expect(page.getByTestId('figure-frame')).toHaveValue(await zoneId(page, 'Pier 1'));
  await expect(page.getByTestId('figure-width')).toHaveValue('1250');
  await expect(page.getByTestId('figure-title')).toHaveValue('Pier 1, Rajin');
  expect(path.dirname(await out.pathField('figure').inputValue())).toBe(each.home);
  await page.keyboard.press('Escape');
  await expect(out.dialog('figure')).toHaveCount(0);
});

test('Save figure: a before/after pair side by side as PDF names both dates; the dialog in the dark look', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  await out.openFromMenu('figure');
  await expect(page.getByTestId('figure-style-dark')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('figure-format-pdf').click();
  await page.getByTestId('figure-frame').selectOption({ label: 'Zone: Pier 2' });
  const scenes = await page.getByTestId('figure-scene').locator('option').evaluateAll((os) => os.map((o) => ({ id: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const before = scenes[0]!;
  const after = scenes[scenes.length - 1]!;
  await page.getByTestId('figure-scene').selectOption(before.id);
  await expect(page.getByTestId('figure-after')).toBeDisabled();
  await page.getByTestId('figure-layout-side-by-side').click();
  await page.getByTestId('figure-after').selectOption(after.id);
  await page.getByTestId('figure-width').fill('1600');
  await saveAs(page, 'pier two before after');
  await out.shot('figure', 'figure-dialog-dark');
  const pdf = path.join(each.home, 'pier two before after.pdf');
  await expect(out.pathField('figure')).toHaveValue(pdf);
  await out.submit('figure').click();
  await expect(out.infoToast()).toContainText(`Figure written: ${pdf}`, { timeout: 60_000 });
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain(before.text.slice(0, 10));
  expect(text).toContain(after.text.slice(0, 10));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, 'artifacts/figure-pair']);
});

/** The id the frame field holds for a zone, read from its option. */
const zoneId = (page: Page, name: string) => page.getByTestId('figure-frame').locator('option', { hasText: `Zone: ${name}` }).getAttribute('value').then((v) => v ?? '');
