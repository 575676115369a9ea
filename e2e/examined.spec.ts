// The analyst's record of effort, as a user meets it on the demo: a ship marked on three of five clear
// scenes, the other two not examined (one the demo leaves unexamined, one the analyst unsets), is one
// visit, and the Analysis view says "2 clear scenes not examined"; examining them (E, or the zone's
// toggle in the scene list) makes them absences and the visit splits; undo joins it again.
// The rule itself: shared/analysis/examined.test.ts.
import { test, expect } from '@playwright/test';
import { demoLayout } from '../electron/node/demo/demoImagery';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('a ship on three of five clear scenes is one visit until the other two are examined, then it splits', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  const progress = page.getByTestId('examined-progress');
  const [done, total] = ((await progress.textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
  expect(total - done).toBe(3); // the demo's unmarked tail: 14, 17 and 20 Jan
  const sceneItem = (day: string) => app.sceneItems().filter({ hasText: day });
  const pier1Toggle = (day: string) => sceneItem(day).locator('[data-testid=zone-examined-toggle][data-zone="Pier 1"]');

  // The five clear scenes of Pier 1 from 8 to 20 Jan. 13 Jan was examined by the demo: the analyst unsets it.
  await pier1Toggle('2025-01-13').click();
  await app.waitSaved();
  await expect(pier1Toggle('2025-01-13')).toHaveAttribute('aria-pressed', 'false');

  // Lady R at Pier 1 on 8, 14 and 20 Jan; 13 and 17 Jan stay unexamined.
  const deck = async () => app.pagePointOf(demoLayout.toLonLat(...demoLayout.pierDeckPoints[0]!));
  const markLadyR = async (day: string, first: boolean) => {
    await sceneItem(day).click();
    await expect(app.currentSceneLabel()).toContainText(day);
    await app.waitForImagery();
    await page.keyboard.press('v');
    await app.click(await deck());
    await app.waitSaved();
    await page.keyboard.press('Escape');
    if (first) await app.linkToNewVessel('Lady R');
    else {
      await page.getByTestId('vessel-select').selectOption({ label: 'Lady R' });
      await app.waitSaved();
    }
  };
  await markLadyR('2025-01-08', true);
  await markLadyR('2025-01-14', false);
  await markLadyR('2025-01-20', false);

  await analysis.open();
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'Pier 1' });
  const ladyR = analysis.visitRows().filter({ hasText: 'Lady R' });
  await expect(ladyR).toHaveCount(1); // one visit, 8 → 20 Jan: nobody has looked at 13 and 17 Jan
  await expect(ladyR).toContainText('(3 scenes)');
  await expect(page.getByTestId('analysis-unexamined')).toContainText('2 clear scenes not examined');
  await expect(analysis.monthRow('Pier 1', '2025-01')).toContainText('6 clear (4 examined) of 6 scenes');
  await page.screenshot({ path: 'artifacts/examined-analysis.png' });
  await analysis.close();

  // The analyst looks at 13 Jan (the zone's toggle) and 17 Jan (E: the whole scene), and sees no Lady R.
  await pier1Toggle('2025-01-13').click();
  await app.waitSaved();
  await sceneItem('2025-01-17').click();
  await expect(app.currentSceneLabel()).toContainText('2025-01-17');
  await expect(sceneItem('2025-01-17')).toHaveAttribute('data-examined', 'false');
  await page.keyboard.press('e');
  await app.waitSaved();
  await expect(sceneItem('2025-01-17')).toHaveAttribute('data-examined', 'true');
  await expect(progress).toHaveText(`${done + 1} of ${total} scenes examined`);
  await page.locator('aside.scene-list').screenshot({ path: 'artifacts/examined-scene-list.png' }); // its heading stays in view

  await analysis.open();
  await expect(ladyR).toHaveCount(3); // 13 and 17 Jan are absences now: three visits
  await expect(page.getByTestId('analysis-unexamined')).toHaveCount(0);

  // Undo the E: 17 Jan is unexamined again, and two of the visits join.
  await page.keyboard.press('Control+z');
  await expect(ladyR).toHaveCount(2);
  await expect(page.getByTestId('analysis-unexamined')).toContainText('1 clear scene not examined');
});
