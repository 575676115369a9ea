// The analyst's record of effort, as a user meets it on the demo (whose last three scenes are neither
// marked nor examined): a ship marked on two scenes with an unexamined clear scene between them is one
// visit, and the Analysis view says how many clear scenes are not examined; E on that scene makes it an
// absence and the visit splits; undo joins it again. The rule itself: shared/analysis/examined.test.ts.
import { test, expect } from '@playwright/test';
import { demoLayout } from '../electron/node/demo/demoImagery';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('an unexamined clear scene neither splits a visit nor counts as absence until the analyst examines it', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  const progress = page.getByTestId('examined-progress');
  const [done, total] = ((await progress.textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
  expect(total - done).toBe(3); // the demo's unmarked tail: 14, 17 and 20 Jan

  // Lady R at Pier 1 on 14 Jan and on 20 Jan; 17 Jan (Pier 1 clear) is left unexamined.
  const deck = async () => app.pagePointOf(demoLayout.toLonLat(...demoLayout.pierDeckPoints[0]!));
  await app.goToUnmarkedLastScene();
  await app.press('ArrowLeft');
  await app.press('ArrowLeft');
  await expect(app.currentSceneLabel()).toContainText('2025-01-14');
  await page.keyboard.press('v');
  await app.click(await deck());
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await app.linkToNewVessel('Lady R');
  await app.press('ArrowRight');
  await app.press('ArrowRight');
  await expect(app.currentSceneLabel()).toContainText('2025-01-20');
  await page.keyboard.press('v');
  await app.click(await deck());
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await page.getByTestId('vessel-select').selectOption({ label: 'Lady R' });
  await app.waitSaved();

  await analysis.open();
  const ladyR = analysis.visitRows().filter({ hasText: 'Lady R' });
  await expect(ladyR).toHaveCount(1); // one visit, 14 → 20 Jan: nobody has looked at 17 Jan
  // All zones: 14 and 20 Jan (Pier 2 not examined) and 17 Jan (Pier 1).
  await expect(page.getByTestId('analysis-unexamined')).toContainText('3 clear scenes not examined');
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'Pier 1' });
  await expect(page.getByTestId('analysis-unexamined')).toContainText('1 clear scene not examined');
  await expect(analysis.monthRow('Pier 1', '2025-01')).toContainText('6 clear (5 examined) of 6 scenes');
  await page.screenshot({ path: 'artifacts/examined-analysis.png' });
  await analysis.close();

  // 17 Jan: the analyst looks, sees no Lady R, and says so with E.
  await app.press('ArrowLeft');
  await expect(app.currentSceneLabel()).toContainText('2025-01-17');
  await expect(app.sceneItems().nth(total - 2)).toHaveAttribute('data-examined', 'false');
  await page.keyboard.press('e');
  await app.waitSaved();
  await expect(app.sceneItems().nth(total - 2)).toHaveAttribute('data-examined', 'true');
  await expect(progress).toHaveText(`${done + 1} of ${total} scenes examined`);
  await page.locator('aside.scene-list').screenshot({ path: 'artifacts/examined-scene-list.png' }); // its heading stays in view

  await analysis.open();
  await expect(ladyR).toHaveCount(2); // 17 Jan is now an absence: two visits
  await expect(page.getByTestId('analysis-unexamined')).toHaveCount(0);

  // Undo: 17 Jan is unexamined again, and the visits join.
  await page.keyboard.press('Control+z');
  await expect(ladyR).toHaveCount(1);
  await expect(page.getByTestId('analysis-unexamined')).toContainText('1 clear scene not examined');
});
