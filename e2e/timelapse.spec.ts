// File → Time-lapse…: an animated GIF of a zone over a period, one frame per scene, the file chosen in the save dialog,
// a progress bar while it runs and a Cancel that stops it and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('Time-lapse: a GIF of a zone at the chosen width, one frame per scene; Cancel stops a run and writes nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  const files = new FileDialogPage(page);
  await app.open(host.url);

  await out.openFromMenu('timelapse');
  await out.shot('timelapse', 'timelapse-dialog-light');
  await page.getByTestId('timelapse-frame').selectOption({ label: 'Zone: Pier 1' });
  await page.getByTestId('timelapse-width').fill('480');
  await page.getByTestId('timelapse-frame-ms').fill('200');
  await page.getByTestId('timelapse-path-browse').click();
  await files.goHome();
  await files.nameField().fill('pier one');
  await page.keyboard.press('Enter');
  const gif = path.join(each.home, 'pier one.gif');
  await expect(out.pathField('timelapse')).toHaveValue(gif);
  await out.submit('timelapse').click();
  await expect(out.infoToast()).toContainText(`Time-lapse written: ${gif} (`, { timeout: 120_000 });
  const frames = Number(/\((\d+) frames?/.exec((await out.infoToast().textContent())!)![1]);
  await out.dismissToasts();
  const meta = await sharp(fs.readFileSync(gif), { animated: true }).metadata();
  expect(meta.format).toBe('gif');
  expect(meta.width).toBe(480);
  expect(meta.pages).toBe(frames);
  expect(frames).toBeGreaterThan(1);
  expect(meta.delay?.[0]).toBe(200);

  // A big one, cancelled while it runs: the bar shows, Cancel stops it, no file is left.
  await page.keyboard.press('Shift+T'); // system (light) → dark: the dialog's other look
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await out.openFromMenu('timelapse');
  await out.shot('timelapse', 'timelapse-dialog-dark');
  await page.getByTestId('timelapse-width').fill('3840');
  await page.getByTestId('timelapse-frame').selectOption('');
  await page.getByTestId('timelapse-path-browse').click();
  await files.goHome();
  await files.nameField().fill('big');
  await page.keyboard.press('Enter');
  await out.submit('timelapse').click();
  await expect(page.getByTestId('timelapse-progress')).toContainText(/Frame \d+ of \d+/, { timeout: 60_000 });
  await out.shot('timelapse', 'timelapse-running');
  await page.getByTestId('timelapse-stop').click();
  await expect(out.infoToast()).toContainText('Time-lapse cancelled: no file written.', { timeout: 60_000 });
  expect(fs.existsSync(path.join(each.home, 'big.gif'))).toBe(false);
});
