// No typed paths: in browser mode an analyst imports a GeoTIFF chosen in the app's file dialog (places,
// folders, double-click, keyboard) and exports a GeoPackage through its save dialog, then the file is there.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGeoTiff } from '../electron/node/imagery/fixtures/build';

const each = hostPerTest();

test('imports a GeoTIFF chosen in the file dialog and exports a GeoPackage through the save dialog', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const files = new FileDialogPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);
  const scenesBefore = await app.sceneItems().count();

  // An analyst's own scene, in a folder among others the dialog must show but not offer to open.
  const incoming = path.join(each.home, 'incoming');
  fs.mkdirSync(path.join(incoming, 'older'), { recursive: true });
  makeGeoTiff(path.join(incoming, 'own-scene.tif'), { datetime: '2025:01:22 01:40:00' });
  fs.writeFileSync(path.join(incoming, 'notes.txt'), 'not imagery');
  fs.writeFileSync(path.join(incoming, '.hidden.tif'), 'x');

  // Ctrl+I offers "Choose files…" first; the file dialog opens in the home folder's places.
  await page.keyboard.press('Control+i');
  await expect(page.getByTestId('import-choose-files')).toBeFocused();
  await page.getByTestId('import-choose-files').click();
  await expect(files.dialog).toBeVisible();
  await files.goHome();
  await files.expectAt(each.home);
  await files.doubleClick('incoming');
  await files.expectAt(incoming);
  // Folders first; imagery only (the text file and the hidden file are left out); size shown.
  await expect.poll(() => files.entryNames()).toEqual(['older', 'own-scene.tif']);
  await expect(files.entry('own-scene.tif')).toContainText(/\d+ kB/);
  await files.typeFilter().selectOption('all');
  await expect.poll(() => files.entryNames()).toEqual(['older', 'notes.txt', 'own-scene.tif']);
  await files.typeFilter().selectOption('imagery');
  await expect.poll(() => files.entryNames()).toEqual(['older', 'own-scene.tif']);
  await files.entry('own-scene.tif').click();
  await files.shot('file-dialog-open');
  // The dark theme (following the OS) draws it in its own colours.
  await page.emulateMedia({ colorScheme: 'dark' });
  await files.shot('file-dialog-open-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Backspace goes up, Enter on a folder opens it again; Enter on the file chooses it.
  await files.dialog.getByTestId('file-dialog-list').focus();
  await page.keyboard.press('Backspace');
  await files.expectAt(each.home);
  await files.doubleClick('incoming');
  await files.expectAt(incoming);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(files.dialog).toHaveCount(0);
  // The import dialog is still open, with the chosen file listed; nothing was typed.
  await expect(page.getByTestId('import-paths')).toHaveValue(path.join(incoming, 'own-scene.tif'));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(app.sceneItems()).toHaveCount(scenesBefore + 1);
  await out.dismissToasts();

  // Export: Browse… opens the save dialog; the folder used for the import is a recent place.
  await out.openFromMenu('export');
  await page.getByTestId('export-path-browse').click();
  await expect(files.dialog).toBeVisible();
  await expect(files.place('recent').filter({ hasText: 'incoming' })).toBeVisible();
  await files.place('recent').filter({ hasText: 'incoming' }).click();
  await files.expectAt(incoming);
  // Only GeoPackages show while GeoPackage is the format; a name typed without extension gets .gpkg.
  await expect.poll(() => files.entryNames()).toEqual(['older']);
  await files.nameField().fill('rajin sightings');
  await expect(files.typeFilter()).toHaveValue('gpkg');
  await files.shot('file-dialog-save');
  await app.shot('file-dialog-save-window');
  await page.keyboard.press('Enter');
  await expect(files.dialog).toHaveCount(0);
  const target = path.join(incoming, 'rajin sightings.gpkg');
  await expect(out.pathField('export')).toHaveValue(target);
  await out.submit('export').click();
  await expect(out.infoToast()).toContainText(`to ${target}`);
  expect(fs.existsSync(target)).toBe(true);

  // A second export to the same name: the save dialog flags the file, and the app still asks before replacing it.
  await out.openFromMenu('export');
  await page.getByTestId('export-path-browse').click();
  await files.place('recent').filter({ hasText: 'incoming' }).click();
  await files.entry('rajin sightings.gpkg').click();
  await expect(page.getByTestId('file-dialog-exists')).toContainText('rajin sightings.gpkg is already in this folder');
  await files.shot('file-dialog-exists');
  await files.choose().click();
  await out.submit('export').click();
  await expect(out.replaceQuestion('export')).toBeVisible();
  await out.answerReplace('export', 'Cancel');

  // Esc cancels the file dialog and leaves the dialog under it open, path unchanged.
  await page.getByTestId('export-path-browse').click();
  await expect(files.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(files.dialog).toHaveCount(0);
  await expect(out.dialog('export')).toBeVisible();
  await expect(out.pathField('export')).toHaveValue(target);
});

test('Save a copy, Open and New choose their files with Browse…, nothing typed but names', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const files = new FileDialogPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  // Save a copy: Browse…, the home folder, a name; the extension comes with the format.
  await out.openFromMenu('save-copy');
  await page.getByTestId('save-copy-path-browse').click();
  await expect(files.dialog).toBeVisible();
  await files.goHome();
  await files.expectAt(each.home);
  await files.nameField().fill('backup');
  await page.keyboard.press('Enter');
  await expect(files.dialog).toHaveCount(0);
  const copy = path.join(each.home, 'backup.quaywatch');
  await expect(out.pathField('save-copy')).toHaveValue(copy);
  await out.submit('save-copy').click();
  await expect(out.infoToast()).toContainText('backup.quaywatch');
  expect(fs.existsSync(copy)).toBe(true);
  await out.dismissToasts();

  // Open: Browse… lists the copy; a double-click chooses it.
  await page.keyboard.press('Control+o');
  await page.getByTestId('project-browse').click();
  await files.goHome();
  await files.expectAt(each.home);
  await files.doubleClick('backup.quaywatch');
  await expect(files.dialog).toHaveCount(0);
  await expect(page.getByTestId('project-path-input')).toHaveValue(copy);
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('project-path')).toContainText('backup.quaywatch');
  await app.waitForImagery();
  // Saved in another folder than the demo's, the copy still finds the demo's imagery (stored relative to its folder).
  expect(await app.currentSourceState()).toBe('ready');

  // New: Browse… to a name in the home folder; the new project opens empty.
  await page.keyboard.press('Control+n');
  await page.getByTestId('project-browse').click();
  await files.goHome();
  await files.expectAt(each.home);
  await files.nameField().fill('fresh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('project-path-input')).toHaveValue(path.join(each.home, 'fresh.quaywatch'));
  await page.getByTestId('project-name-input').fill('Fresh port');
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Fresh port');
  expect(fs.existsSync(path.join(each.home, 'fresh.quaywatch'))).toBe(true);
});
