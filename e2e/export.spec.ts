// Export data, Report and Save a copy from the File menu on the demo project: the files they write are real (GDAL reads the
// GeoPackage's layers, poppler reads the PDF's text), the report shows it is working while it runs, and the copy reopens
// through File → Open with the same scenes and imagery. A missing folder comes back as the host's message; an existing copy is asked about.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { AnalysisPage } from './pages/AnalysisPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('export a GeoPackage, generate a PDF report and save a copy that reopens with the same scenes', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  const projectName = (await app.projectName().textContent())!;
  const projectFile = (await app.projectName().getAttribute('title'))!;
  const projectDir = path.dirname(projectFile);
  const sceneCount = await app.sceneItems().count();
  expect(sceneCount).toBeGreaterThan(1);

  // The cheat sheet lists the new shortcuts; a click outside closes a dialog that is not working.
  await page.keyboard.press('?');
  await expect(page.getByTestId('cheat-sheet')).toContainText('Export data (CSV, GeoJSON, KML, GeoPackage)');
  await expect(page.getByTestId('cheat-sheet')).toContainText('Save a copy of the project');
  await page.keyboard.press('Escape');
  // A report is what one makes after reading the Analysis view: its shortcut works there too.
  await analysis.open();
  await page.keyboard.press('Control+p');
  await expect(out.dialog('report')).toBeVisible();
  await page.locator('.modal-backdrop').click({ position: { x: 5, y: 5 } });
  await expect(out.dialog('report')).toHaveCount(0);
  await analysis.close();

  // Export: GeoPackage is proposed, beside the project, named after it.
  await out.openFromMenu('export');
  await expect(out.pathField('export')).toHaveValue(path.join(projectDir, `${projectName}.gpkg`));
  await expect(page.getByTestId('export-format-gpkg')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export-contents')).toContainText('zones, sightings (boxes; every sighting as a point, with its AIS verdict), visits, scene footprints and, where the project holds AIS, its tracks');
  // Switching format swaps the extension; dwell is offered only where a table fits.
  await page.getByTestId('export-format-csv').click();
  await expect(out.pathField('export')).toHaveValue(path.join(projectDir, `${projectName}.csv`));
  await expect(page.getByTestId('export-what').locator('option[value="dwell"]')).toHaveCount(1);
  await page.getByTestId('export-format-gpkg').click();
  await expect(page.getByTestId('export-what').locator('option[value="dwell"]')).toHaveCount(0);
  await expect(out.pathField('export')).toHaveValue(path.join(projectDir, `${projectName}.gpkg`));
  await out.shot('export', 'export-dialog');
  await out.submit('export').click();
  const gpkg = path.join(projectDir, `${projectName}.gpkg`);
  await expect(out.infoToast()).toContainText(`to ${gpkg}`);
  await expect(out.infoToast()).toContainText(/\d+ zones, \d+ sightings, \d+ visits, \d+ scenes/);
  await app.shot('export-toast');
  await expect(out.dialog('export')).toHaveCount(0);
  const info = execFileSync('ogrinfo', ['-so', '-al', gpkg], { encoding: 'utf8' });
  // The demo holds AIS: its tracks come as a line layer.
  for (const layer of ['zones', 'sightings', 'visits', 'scenes', 'ais_tracks']) expect(info).toContain(`Layer name: ${layer}`);
  expect(info).toMatch(new RegExp(`Layer name: scenes[\\s\\S]*?Feature Count: ${sceneCount}\\b`));
  await out.dismissToasts();

  // A folder that does not exist: the host's message, the dialog stays for a corrected path.
  await page.keyboard.press('Control+e');
  await expect(out.dialog('export')).toBeVisible();
  await out.pathField('export').fill(path.join(each.home, 'no-such-folder', 'x.gpkg'));
  await out.submit('export').click();
  await expect(out.errorToast()).toContainText(`The folder ${path.join(each.home, 'no-such-folder')} does not exist`);
  await expect(out.dialog('export')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(out.dialog('export')).toHaveCount(0);
  await out.dismissToasts();

  // Report: PDF by default; busy while it runs (the button refuses a second start), then the toast names the file.
  await out.openFromMenu('report');
  const pdf = path.join(projectDir, `${projectName} report.pdf`);
  await expect(out.pathField('report')).toHaveValue(pdf);
  await expect(page.getByTestId('report-zone').locator('option')).toHaveText(['All zones', 'Pier 1', 'Pier 2']);
  await out.shot('report', 'report-dialog');
  await out.submit('report').click();
  await expect(out.working('report')).toBeVisible();
  await expect(out.submit('report')).toBeDisabled();
  await out.shot('report', 'report-dialog-busy');
  await expect(out.infoToast()).toContainText(`Report written: ${pdf} (`, { timeout: 90_000 });
  await app.shot('report-toast');
  await expect(out.dialog('report')).toHaveCount(0);
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain(projectName);
  await out.dismissToasts();

  // Save a copy beside the project (its imagery paths are relative), then open the copy.
  await page.keyboard.press('Control+Shift+S');
  await expect(out.dialog('save-copy')).toBeVisible();
  const copy = (await out.pathField('save-copy').inputValue())!;
  expect(path.dirname(copy)).toBe(projectDir);
  expect(path.basename(copy)).toMatch(new RegExp(`^${projectName.replace(/[()]/g, '\\$&')} copy \\d{4}-\\d{2}-\\d{2}\\.quaywatch$`));
  await out.shot('save-copy', 'save-copy-dialog');
  await out.submit('save-copy').click();
  await expect(out.infoToast()).toContainText(`Copy saved: ${copy}`);
  expect(fs.existsSync(copy)).toBe(true);
  await out.dismissToasts();

  // Again to the same name: asked first; Cancel leaves the first copy untouched.
  const bytes = fs.statSync(copy).size;
  await out.openFromMenu('save-copy');
  await out.pathField('save-copy').fill(copy);
  await out.submit('save-copy').click();
  await expect(out.replaceQuestion('save-copy')).toContainText(`${path.basename(copy)} already exists. Replace it?`);
  await out.answerReplace('save-copy', 'Cancel');
  expect(fs.statSync(copy).size).toBe(bytes);
  await page.keyboard.press('Escape'); // closes the dialog
  await expect(out.dialog('save-copy')).toHaveCount(0);
  await out.dismissToasts();

  await app.openFileMenu();
  await page.getByTestId('menu-open').click();
  await page.getByTestId('project-path-input').fill(copy);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveAttribute('title', copy);
  await expect(app.projectName()).toHaveText(projectName);
  await expect(app.sceneItems()).toHaveCount(sceneCount);
  await app.waitForImagery();
});
