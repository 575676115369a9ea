// A new analyst's first minutes, as issue 17 asks: a fresh home, launch, asked who they are, the
// demo opens, their own GeoTIFF imported through the file dialog (no path typed), a ship marked,
// and the marks exported through the save dialog into a GeoPackage that GDAL opens.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGeoTiff } from '../electron/node/imagery/fixtures/build';

const each = hostPerTest({ firstRun: true });

test('first run: name asked, demo open, own file imported and marks exported through the file dialogs', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const files = new FileDialogPage(page);
  const out = new OutputDialogsPage(page);
  const downloads = path.join(each.home, 'Downloads');
  fs.mkdirSync(downloads);
  makeGeoTiff(path.join(downloads, '20250122_014000_own.tif'), { datetime: '2025:01:22 01:40:00' });

  await page.goto(host.url);
  await expect(page.getByTestId('analyst-dialog')).toBeVisible();
  await page.getByTestId('analyst-name').fill('Ana Lopez');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('analyst-name-status')).toHaveText('Ana Lopez (AL)');
  await expect(app.projectName()).toHaveText('Rajin port (demo)');
  await app.waitForImagery();
  const scenes = await app.sceneItems().count();

  await page.keyboard.press('Control+i');
  await page.getByTestId('import-choose-files').click();
  await files.goHome();
  await files.doubleClick('Downloads');
  await files.doubleClick('20250122_014000_own.tif');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(app.sceneItems()).toHaveCount(scenes + 1);
  await expect(out.infoToast().filter({ hasText: 'Imported 1 scene' })).toBeVisible();
  await out.dismissToasts();
  await app.waitForImagery();

  await app.markVesselAtCentre();
  expect((await app.state()).sightings.filter((s) => s.author === 'Ana Lopez')).toHaveLength(1);

  await out.openFromMenu('export');
  await page.getByTestId('export-path-browse').click();
  await files.place('recent').filter({ hasText: 'Downloads' }).click();
  await files.expectAt(downloads);
  await files.nameField().fill('first day');
  await page.keyboard.press('Enter');
  const gpkg = path.join(downloads, 'first day.gpkg');
  await expect(out.pathField('export')).toHaveValue(gpkg);
  await out.submit('export').click();
  await expect(out.infoToast().filter({ hasText: 'Exported' })).toContainText(`to ${gpkg}`);
  expect(execFileSync('ogrinfo', ['-q', gpkg, 'sightings_points'], { encoding: 'utf8' })).toMatch(/author \(String\) = Ana Lopez/);
});
