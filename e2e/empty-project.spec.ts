// A new project without imagery shows the ways forward (import, demo, open, recent) instead of a
// black map, and each of them works.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('an empty project offers Import imagery, the demo and recent projects', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await expect(page.getByTestId('empty-project')).toHaveCount(0); // the demo has scenes

  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Nampo');
  await page.getByTestId('project-path-input').fill(path.join(each.home, 'Nampo.quaywatch'));
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Nampo');

  const empty = page.getByTestId('empty-project');
  await expect(empty).toContainText('This project has no imagery yet');
  await expect(empty.getByTestId('empty-recent')).toHaveText(['Rajin port (demo)']);
  await app.shot('empty-project');

  await empty.getByTestId('empty-import').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  await empty.getByTestId('empty-demo').click();
  await expect(app.projectName()).toHaveText('Rajin port (demo)');
  await app.waitForImagery();
  await expect(empty).toHaveCount(0);
});
