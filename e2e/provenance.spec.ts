// Provenance as a user meets it: F carries a ship forward to a scene nobody has looked at; the copy is
// drawn dashed, says it was carried and is unconfirmed, and the Analysis view leaves it out and says so.
// Confirming it on its scene (Shift+V) makes it count. The rule: shared/analysis/visits.test.ts.
import { test, expect } from '@playwright/test';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('a carried mark is unconfirmed and left out until the analyst confirms it on its scene', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  // 13 Jan, the demo's last marked scene: Amur Express at Pier 2 (back over 17 Jan radar and optical, 14 Jan, 13 Jan radar).
  await app.goToUnmarkedLastScene();
  for (let i = 0; i < 5; i++) await app.press('ArrowLeft');
  await expect(app.currentSceneLabel()).toContainText('2025-01-13');
  await app.waitForImagery();
  const st = await app.state();
  const amur = st.vessels.find((v) => v.name === 'Amur Express')!;
  const mark = (await app.sightingsHere()).find((s) => s.vesselId === amur.id)!;
  expect(mark.geometry.type).toBe('Point');
  await app.click(await app.pagePointOf(mark.geometry.coordinates as [number, number]));
  await expect(page.getByTestId('sighting-origin')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('sighting-origin')).toContainText('marked on this scene');

  await page.keyboard.press('f');
  await app.waitSaved();
  const amurAtPier2 = analysis.visitRows().filter({ hasText: 'Amur Express' }).filter({ hasText: 'Pier 2' });
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('analysis-unverified')).toContainText('1 unconfirmed mark left out');
  await expect(amurAtPier2).toContainText('(1 scene)');
  await page.getByTestId('analysis-filter-unverified').check();
  await expect(amurAtPier2).toContainText('(2 scenes)'); // counted when asked
  await expect(page.getByTestId('analysis-unverified')).toHaveCount(0);
  await page.getByTestId('analysis-filter-unverified').uncheck();
  await expect(amurAtPier2).toContainText('(1 scene)');
  await page.keyboard.press('Shift+A');

  // The next scene (the radar scene of 13 Jan evening): the carried copy, dashed and unconfirmed; E refuses while it is.
  await app.press('ArrowRight');
  await expect(app.currentSceneLabel()).toContainText('2025-01-13 · radar');
  await app.waitForImagery();
  const copy = (await app.sightingsHere()).find((s) => s.vesselId === amur.id)!;
  expect(copy).toMatchObject({ origin: 'carried', verified: false });
  const at = await app.pagePointOf(copy.geometry.coordinates as [number, number]);
  await page.screenshot({ path: 'artifacts/provenance-carried.png' });
  await app.click(at);
  await expect(page.getByTestId('sighting-origin')).toContainText('carried forward from the scene before');
  await expect(page.getByTestId('sighting-origin')).toContainText('unconfirmed: not counted');
  await page.keyboard.press('e');
  await expect(page.getByTestId('toast-error').last()).toContainText('not confirmed');

  await page.keyboard.press('Shift+V');
  await app.waitSaved();
  await expect(page.getByTestId('sighting-origin')).toHaveAttribute('data-verified', 'true');
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('analysis-unverified')).toHaveCount(0);
  await expect(amurAtPier2).toContainText('(2 scenes)');
});
