// An output never replaces a file unasked: exporting onto a file that is already there asks "<file> already exists.
// Replace it?" in the dialog itself; Cancel keeps the old file's bytes and the dialog for another name, Replace
// writes the export over it; the sightings package asks the same. Aimed at the open project itself, the export is
// refused and the project keeps working.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('exporting onto an existing file asks; Cancel keeps it, Replace writes it; the project itself is refused', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);
  const projectName = (await app.projectName().textContent())!;
  const projectFile = (await app.projectName().getAttribute('title'))!;
  const target = path.join(path.dirname(projectFile), `${projectName}.gpkg`);
  fs.writeFileSync(target, 'last week’s export, not to be lost by accident');
  const before = sha(target);

  await out.openFromMenu('export');
  await expect(out.pathField('export')).toHaveValue(target);
  await out.submit('export').click();
  const question = out.replaceQuestion('export');
  await expect(question).toBeVisible();
  await expect(question).toContainText(`${projectName}.gpkg already exists. Replace it?`);
  await expect(out.pathField('export')).toBeDisabled(); // the answer is about this file: the name cannot change under it
  await page.screenshot({ path: '/work/main/artifacts/export-replace-question.png' });

  await out.answerReplace('export', 'Cancel');
  await expect(question).toHaveCount(0);
  await expect(out.dialog('export')).toBeVisible();
  await expect(out.pathField('export')).toBeEnabled();
  expect(sha(target)).toBe(before);

  await out.submit('export').click();
  await expect(question).toBeVisible();
  await out.answerReplace('export', 'Replace');
  await expect(out.infoToast()).toContainText(`to ${target}`);
  await expect(out.dialog('export')).toHaveCount(0);
  expect(sha(target)).not.toBe(before);
  expect(execFileSync('ogrinfo', ['-so', '-al', target], { encoding: 'utf8' })).toContain('Layer name: sightings');
  await out.dismissToasts();

  // The sightings package (Review → Package) asks the same question in its own panel.
  const pkg = path.join(path.dirname(projectFile), 'marks.zip');
  fs.writeFileSync(pkg, 'a colleague’s package');
  await page.keyboard.press('Shift+Q');
  await page.getByTestId('review-tab-package').click();
  await page.getByTestId('package-export-path').fill(pkg);
  await page.getByTestId('package-export').click();
  await expect(page.getByTestId('package-replace')).toContainText('marks.zip already exists. Replace it?');
  await page.getByTestId('package-replace-cancel').click();
  expect(fs.readFileSync(pkg, 'utf8')).toBe('a colleague’s package');
  await page.getByTestId('package-export').click();
  await page.getByTestId('package-replace-confirm').click();
  await expect(page.getByTestId('package-message')).toContainText(`Wrote ${pkg}`);
  expect(fs.readFileSync(pkg).subarray(0, 2).toString('latin1')).toBe('PK');
  await page.keyboard.press('Shift+Q');

  // Onto the open project itself: refused with the reason, never asked about, the project unchanged and still open.
  await out.openFromMenu('export');
  await out.pathField('export').fill(projectFile);
  await out.submit('export').click();
  await expect(out.errorToast()).toContainText("That is the open project's own file");
  await expect(out.replaceQuestion('export')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(out.dialog('export')).toHaveCount(0);
  expect(fs.readFileSync(projectFile).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  expect(fs.readdirSync(path.dirname(projectFile)).filter((f) => f.startsWith('.quaywatch-tmp-'))).toEqual([]);
});
