// A project on a read-only file system (a real read-only bind mount: root, who runs the tests,
// ignores permission bits but not EROFS) opens read-only: the top bar says "Read-only", the
// analysis and export work, and an edit is refused with the sentence that says what to do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { AnalysisPage } from './pages/AnalysisPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const ROOT = path.resolve(__dirname, '..');
const each = hostPerTest();
let work = '';
let mounted = '';

test.beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-e2e-ro-'));
});
test.afterEach(() => {
  if (mounted) execFileSync('umount', [mounted]);
  mounted = '';
  fs.rmSync(work, { recursive: true, force: true });
});

test('a project on a read-only file system opens read-only: badge, analysis and export work, an edit is refused', async ({ page }) => {
  test.setTimeout(180_000);
  // The demo port, made by the command line in a folder that is then mounted read-only elsewhere.
  const source = path.join(work, 'source');
  fs.mkdirSync(source);
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'quaywatch.cjs'), 'demo', path.join(source, 'port.quaywatch')], { env: { ...process.env, QUAYWATCH_HOME: path.join(work, 'cli-home') } });
  const shared = path.join(work, 'shared-drive');
  fs.mkdirSync(shared);
  execFileSync('mount', ['--bind', source, shared]);
  mounted = shared;
  execFileSync('mount', ['-o', 'remount,bind,ro', shared]);
  const file = path.join(shared, 'port.quaywatch');
  const before = fs.readdirSync(shared).sort();

  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);
  await expect(page.getByTestId('read-only-badge')).toHaveCount(0); // the writable demo has none
  await app.openFileMenu();
  await page.getByTestId('menu-open').click();
  await page.getByTestId('project-path-input').fill(file);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveAttribute('title', file);
  await app.waitForImagery();
  const badge = page.getByTestId('read-only-badge');
  await expect(badge).toHaveText('Read-only');
  await expect(badge).toHaveAttribute('title', /the file system is read-only.*Save a copy… to edit/);
  await page.locator('header.topbar').screenshot({ path: 'artifacts/read-only-badge.png' });

  // Analyse: the Analysis view shows the visits.
  const analysis = new AnalysisPage(page);
  await analysis.open();
  await expect(analysis.visitRows().first()).toBeVisible();
  await analysis.close();

  // Export elsewhere.
  const csv = path.join(work, 'marks.csv');
  await out.openFromMenu('export');
  await page.getByTestId('export-format-csv').click();
  await out.pathField('export').fill(csv);
  await out.submit('export').click();
  await expect(out.infoToast()).toContainText('Exported');
  // All of it, one CSV per table, beside the name given.
  expect(fs.readFileSync(path.join(work, 'marks-sightings.csv'), 'utf8').split('\n').length).toBeGreaterThan(2);
  await out.dismissToasts();

  // Edit: refused with the reason and the way out; the mark does not stay.
  const marks = await app.sightingCount().textContent();
  await page.keyboard.press('v');
  await expect(page.getByTestId('mark-hint')).toBeVisible();
  const box = (await app.map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(out.errorToast()).toContainText('This project is open read-only (the file system is read-only): Save a copy… to edit.');
  await page.keyboard.press('Escape');
  await expect(app.sightingCount()).toHaveText(marks!);
  await page.screenshot({ path: 'artifacts/read-only-refused.png' });
  expect(fs.readdirSync(shared).sort()).toEqual(before);
});
