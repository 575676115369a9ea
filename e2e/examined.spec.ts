// The analyst's record of effort, as a user meets it on the demo: a ship marked on two clear scenes with an
// optical and a radar scene between them that nobody has examined is one visit, and the Analysis view says how
// many clear scenes are not examined; examining the radar one (the zone's toggle in the scene list) makes it an
// absence and the visit splits, since an absence on radar is as good as on a clear optical scene (METHOD.md);
// undo joins it again; examining the optical one (E) splits it as well.
// The rule itself: shared/analysis/examined.test.ts.
import { test, expect } from '@playwright/test';
import { demoLayout } from '../electron/node/demo/demoImagery';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('a ship on two clear scenes is one visit until the radar or the optical scene between them is examined, then it splits', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  const progress = page.getByTestId('examined-progress');
  const [done, total] = ((await progress.textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
  expect(total - done).toBe(5); // the demo's unmarked tail: 14, 17 and 20 Jan, and the radar passes of 13 and 17 Jan
  const optical = (day: string) => app.sceneItems().filter({ hasText: day }).filter({ hasNotText: 'SAR' });
  const radar = (day: string) => app.sceneItems().filter({ hasText: day }).filter({ hasText: 'SAR' });
  await expect(radar('2025-01-17')).toHaveCount(1);

  // Lady R at Pier 1 on 14 and 20 Jan; the optical and the radar scene of 17 Jan stay unexamined.
  const deck = async () => app.pagePointOf(demoLayout.toLonLat(...demoLayout.pierDeckPoints[0]!));
  const markLadyR = async (day: string, first: boolean) => {
    await optical(day).click();
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
  await markLadyR('2025-01-14', true);
  await markLadyR('2025-01-20', false);

  await analysis.open();
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'Pier 1' });
  const ladyR = analysis.visitRows().filter({ hasText: 'Lady R' });
  await expect(ladyR).toHaveCount(1); // one visit, 14 → 20 Jan: nobody has looked at 17 Jan
  await expect(ladyR).toContainText('(2 scenes)');
  await expect(page.getByTestId('analysis-unexamined')).toContainText('3 clear scenes not examined'); // 13 Jan radar, 17 Jan both
  await page.screenshot({ path: 'artifacts/examined-analysis.png' });
  await analysis.close();

  // The analyst looks at the radar scene of 17 Jan (the zone's toggle in the scene list) and sees no Lady R: an
  // absence on radar is as good as on a clear optical scene, and the visit splits.
  const pier1Toggle = radar('2025-01-17').locator('[data-testid=zone-examined-toggle][data-zone="Pier 1"]');
  await pier1Toggle.click();
  await app.waitSaved();
  await expect(pier1Toggle).toHaveAttribute('aria-pressed', 'true');
  await page.locator('aside.scene-list').screenshot({ path: 'artifacts/examined-scene-list.png' }); // its heading stays in view
  await analysis.open();
  await expect(ladyR).toHaveCount(2);
  await expect(page.getByTestId('analysis-unexamined')).toContainText('2 clear scenes not examined');

  // Undo the toggle: the radar scene is unexamined again, and the visits join.
  await page.keyboard.press('Control+z');
  await expect(ladyR).toHaveCount(1);
  await expect(page.getByTestId('analysis-unexamined')).toContainText('3 clear scenes not examined');
  await analysis.close();

  // The optical scene of the same day (E: the whole scene) splits it as well.
  await optical('2025-01-17').click();
  await expect(app.currentSceneLabel()).toContainText('2025-01-17');
  await expect(optical('2025-01-17')).toHaveAttribute('data-examined', 'false');
  await page.keyboard.press('e');
  await app.waitSaved();
  await expect(optical('2025-01-17')).toHaveAttribute('data-examined', 'true');
  await expect(progress).toHaveText(`${done + 1} of ${total} scenes examined`);
  await analysis.open();
  await expect(ladyR).toHaveCount(2);
});
