// Two analysts, two projects: alice marks and exports a sightings package; bob imports it in the app,
// reviews her marks with the keyboard, settles a conflict, and exports his verdicts; alice imports
// them and her project then counts what bob's counts.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { createDemoProject } from '../electron/node/demo/demoProject';
import { demoLayout } from '../electron/node/demo/demoImagery';
import { editingOf } from '../electron/node/store/editing';
import { ProjectStore } from '../electron/node/store/projectStore';
import { exportPackage, importPackage } from '../electron/node/review/sightingsPackage';
import { projectStats } from '../electron/node/stats/projectStats';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest, tempHome } from './support/host';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();
let work: string;

// Alice's side of the round trip works in a second folder.
test.beforeEach(() => {
  work = tempHome();
});
test.afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** Visits at Pier 1 in a month, as `quaywatch stats` counts them (verdicts applied: rejected marks do not count). */
function pier1Visits(file: string, month: string): number {
  const store = ProjectStore.open(file, { author: 'alice' });
  try {
    return projectStats(store, { minConfidence: 'possible', reviewedOnly: false }).monthly.filter((m) => m.zone === 'Pier 1' && m.month === month).reduce((n, m) => n + m.visits, 0);
  } finally {
    store.close();
  }
}

const reviewPanel = (page: Page) => page.getByTestId('review-panel');

test('alice marks, bob imports and reviews with the keyboard, resolves a conflict; both projects then agree', async ({ page }) => {
  test.setTimeout(180_000);
  // --- alice, in her own project (the same demo port, built independently: other ids, same item ids)
  const aliceFile = path.join(work, 'alice', 'alice.quaywatch');
  fs.mkdirSync(path.dirname(aliceFile), { recursive: true });
  await createDemoProject(aliceFile);
  const [pierE, pierN] = demoLayout.pierDeckPoints[0]!;
  const atPier1 = demoLayout.toLonLat(pierE, pierN);
  let month = '';
  let s1 = '';
  let s2 = '';
  {
    const store = ProjectStore.open(aliceFile, { author: 'alice' });
    const scenes = store.scenes();
    const [before, last] = [scenes[scenes.length - 2]!, scenes[scenes.length - 1]!];
    month = last.acquired.slice(0, 7);
    const ed = editingOf(store);
    const angara = ed.createVessel({ kind: 'vessel', name: 'Angara', aliases: [], imo: null, mmsi: null, flag: 'Russia', lengthM: null, callSign: null, beamM: null });
    const marks = ed.createSightings([
      { sceneId: before.id, class: 'vessel', geometry: { type: 'Point', coordinates: atPier1 }, confidence: 'confirmed', vesselId: angara.id, notes: '' },
      { sceneId: last.id, class: 'vessel', geometry: { type: 'Point', coordinates: atPier1 }, confidence: 'confirmed', vesselId: angara.id, notes: '' },
    ]);
    [s1, s2] = [marks[0]!.id, marks[1]!.id];
    store.close();
  }
  expect(pier1Visits(aliceFile, month)).toBe(1);
  const alicePkg = path.join(work, 'alice-marks.zip');
  {
    const store = ProjectStore.open(aliceFile, { author: 'alice' });
    await exportPackage(store, alicePkg, { authors: ['alice'] });
    store.close();
  }

  // --- bob, in the app
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  await page.getByTestId('tool-review').click();
  await expect(reviewPanel(page)).toBeVisible();
  await page.getByTestId('review-tab-package').click();
  await page.getByTestId('package-import-path').fill(alicePkg);
  await page.getByTestId('package-import').click();
  await expect(page.getByTestId('package-report')).toContainText('Sightings by alice (package from alice): 2 sightings added');
  // A second import changes nothing.
  await page.getByTestId('package-import').click();
  await expect(page.getByTestId('package-report')).toContainText('Nothing new.');

  // Bob's own mark of the object alice called a vessel on the last scene: a container stack.
  await page.getByTestId('tool-review').click();
  await expect(reviewPanel(page)).toHaveCount(0);
  await page.keyboard.press('End');
  await app.waitForImagery();
  await expect(app.sightingCount()).toHaveText('1'); // alice's Angara
  // Bob pans to Pier 1 first: the review queue left the view zoomed on whichever mark it showed last.
  await page.evaluate((ll) => (window as unknown as WindowWithTestHooks).__quaywatch.map.centreOn(ll), atPier1 as [number, number]);
  await app.waitForImagery();
  await page.keyboard.press('c');
  await expect(page.getByTestId('mark-hint')).toBeVisible(); // the container tool is on before the click
  await app.click(await app.pagePointOf(atPier1));
  await expect(app.sightingCount()).toHaveText('2');
  await app.waitSaved();
  await page.keyboard.press('Escape');

  // --- the queue, by keyboard: alice's two marks, on their scenes, zoomed to each
  await page.keyboard.press('Shift+Q');
  await expect(reviewPanel(page)).toBeVisible();
  await page.getByTestId('review-tab-queue').click();
  await page.getByTestId('review-filter-author').selectOption('alice');
  await expect(page.getByTestId('review-progress')).toHaveText('1 of 2 · 0 reviewed');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-sighting-id', s1);
  await expect.poll(async () => (await app.state()).selectedIds).toEqual([s1]);
  await app.waitForImagery();
  /** The scene of the selected mark: the queue shows each mark on its own scene. */
  const sceneOf = async () => {
    const st = await app.state();
    return st.sightings.find((x) => x.id === st.selectedIds[0])?.sceneId;
  };
  expect(await app.currentSceneId()).toBe(await sceneOf());
  // The panel covers nothing: the attributes panel and the timeline's date stand beside it, whole.
  const panel = (await page.getByTestId('review-panel').boundingBox())!;
  for (const beside of [page.locator('.side-panel'), app.currentSceneLabel()]) {
    const b = (await beside.boundingBox())!;
    expect(b.x + b.width, 'ends left of the review panel').toBeLessThanOrEqual(panel.x + 1);
  }
  // The mark is framed with its quay around it, not blown up to a blur: the view spans >= 400 m.
  await expect.poll(async () => (await app.viewState())!.resolution * (await app.map.boundingBox())!.width).toBeGreaterThan(400);
  await page.screenshot({ path: 'artifacts/review-queue.png' });
  await page.keyboard.press('d'); // dispute s1, moves on to s2
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-sighting-id', s2);
  await expect(page.getByTestId('review-progress')).toHaveText('2 of 2 · 1 reviewed');
  expect(await app.currentSceneId()).toBe(await sceneOf());
  await page.keyboard.press('p');
  await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-verdict', 'disputed');
  await page.keyboard.press('n');
  await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-verdict', 'none');

  // --- the conflict: alice's vessel against bob's container stack, side by side
  await page.getByTestId('review-tab-conflicts').click();
  await expect(page.getByTestId('conflict')).toHaveCount(1);
  await expect(page.getByTestId('conflict')).toHaveAttribute('data-differences', 'class');
  await expect(page.getByTestId('conflict-a').or(page.getByTestId('conflict-b')).filter({ hasText: 'alice' })).toContainText('Vessel');
  await page.screenshot({ path: 'artifacts/review-conflict.png' });
  // Alice's "vessel" is right: keep hers (bob's own mark is rejected, hers confirmed).
  const aliceSide = (await page.getByTestId('conflict-a').textContent())!.includes('alice') ? 'a' : 'b';
  await page.getByTestId(`conflict-keep-${aliceSide}`).click();
  await expect(page.getByTestId('review-conflicts-empty')).toBeVisible();

  // Analysis before the rejections: alice's Angara is at Pier 1 this month.
  await analysis.open();
  await expect(analysis.visitsIn('Pier 1', month)).toHaveText('1');
  await analysis.close();

  // --- back to the queue: reject both of alice's marks, one with a comment
  await page.getByTestId('review-tab-queue').click();
  await page.getByTestId('review-filter-author').selectOption('alice');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-sighting-id', s1);
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-sighting-id', s2);
  await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-verdict', 'confirmed'); // from the conflict
  await page.keyboard.press('/');
  await page.keyboard.type('a barge at the pier, not Angara');
  await page.keyboard.press('Enter');
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-verdict', 'rejected');
  await expect(page.getByTestId('review-verdict')).toContainText('a barge at the pier, not Angara');
  await expect(page.getByTestId('review-verdict')).toContainText(/rejected by (?!alice)\S+/);
  await expect(page.getByTestId('undo')).toContainText('Reject sighting');

  // The analysis respects the verdicts: no visit at Pier 1 this month any more.
  await analysis.open();
  await expect(analysis.visitsIn('Pier 1', month)).toHaveText('0');
  await analysis.close();

  // --- bob sends his verdicts back; alice imports them; her project now counts what bob's counts
  await page.getByTestId('review-tab-package').click();
  const bobPkg = path.join(work, 'bob-verdicts.zip');
  await page.getByTestId('package-export-path').fill(bobPkg);
  await page.getByTestId('package-export').click();
  await expect(page.getByTestId('package-message')).toContainText('Wrote');
  {
    const store = ProjectStore.open(aliceFile, { author: 'alice' });
    const r = await importPackage(store, bobPkg);
    expect(r.reviews.added).toBeGreaterThanOrEqual(4);
    store.close();
  }
  expect(pier1Visits(aliceFile, month)).toBe(0);
});
