// The workbench says what it knows and no more, and stays put while you work: unknown cloud cover is
// "unknown" everywhere and the cloud filter says it leaves such scenes out; the scene list dims what
// the filter hides, as the timeline does; a jump far outside the series says where it landed; dates
// are typed and shown as YYYY-MM-DD; the toolbar does not move when the Undo label grows; the
// attributes panel fits its controls; a sighting picked in the list is brought into view; and the
// words are an analyst's, not the code's.
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGeoTiff } from '../electron/node/imagery/fixtures/build';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();
/** SHOTS=before|after names the screenshots of the screens this spec changes (artifacts/). */
const shot = (app: QuaywatchPage, name: string) => app.shot(`truthful-${name}-${process.env.SHOTS ?? 'after'}`);

/**
 * Adds a plain GeoTIFF to the open demo project, as an analyst's own file would come: it carries no
 * cloud cover, so the project has one scene whose cloud is unknown (the 14th, the last).
 */
async function addSceneWithUnknownCloud(app: QuaywatchPage, home: string) {
  const tif = makeGeoTiff(path.join(home, 'own-scene.tif'), { datetime: '2025:01:22 01:40:00' });
  const projectPath = await app.page.evaluate(async (file) => {
    // The page's own session (browser mode keeps it in this origin's storage).
    const auth = { Authorization: `Bearer ${localStorage.getItem('quaywatch.session')}` };
    const res = await fetch('/api/scenes.import', { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify({ paths: [file] }) });
    if (!res.ok) throw new Error(`import refused: ${await res.text()}`);
    const w = window as unknown as WindowWithTestHooks;
    return w.__quaywatch.store.getState().summary!.project.path;
  }, tif);
  // Reopening reads the scenes again, as after a restart.
  await app.page.evaluate(
    (p) => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().openProject(p),
    projectPath,
  );
  await expect(app.sceneItems()).toHaveCount(24); // the demo's 13 optical and 10 radar scenes, and this one
  await app.waitForImagery();
}

/** The x of a toolbar button, in page pixels. */
async function xOf(page: Page, testId: string): Promise<number> {
  return (await page.getByTestId(testId).boundingBox())!.x;
}

test('screens this spec changes (SHOTS=before|after)', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await addSceneWithUnknownCloud(app, each.home);
  await page.getByTestId('filter-cloud').selectOption({ index: 1 });
  await shot(app, 'scene-list-timeline');

  await page.getByTestId('filter-cloud').selectOption({ index: 0 });
  await page.getByTestId('scene-item').nth(1).click();
  await app.waitForImagery();
  await page.getByTestId('sighting-item').first().click();
  await expect(page.getByTestId('sighting-attributes')).toBeVisible();
  await shot(app, 'attributes');
  await page.getByTestId('vessel-select').selectOption('__new');
  await shot(app, 'attributes-new-vessel');
  await page.getByTestId('sighting-attributes').getByTestId('new-vessel-cancel').click();
  await page.getByTestId('confidence').getByRole('button').last().click();
  await app.waitSaved();
  await shot(app, 'toolbar');
});

test('unknown cloud is unknown everywhere; the cloud filter leaves it out, says so, and the list dims what it hides', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await addSceneWithUnknownCloud(app, each.home);

  const own = app.sceneItems().last();
  await expect(own.getByTestId('scene-cloud')).toHaveText('cloud unknown');
  await expect(page.getByTestId('timeline-tick').last()).toHaveAttribute('title', /cloud unknown/);
  await own.click();
  await app.waitForImagery();
  await expect(page.getByTestId('scene-cloud-fact')).toHaveText('unknown');
  // Never "0%" for it anywhere.
  await expect(page.getByTestId('timeline-tick').last()).not.toHaveAttribute('title', /cloud 0%/);

  const cloud = page.getByTestId('filter-cloud');
  await cloud.selectOption('0.1');
  await expect(cloud.locator('option:checked')).toHaveText('cloud ≤ 10% (unknown excluded)');
  // 13 optical demo scenes, one of them 22% cloud; the analyst's own scene has no cloud figure; the 10 radar scenes
  // have none either, but cloud hides nothing from radar: a cloud limit keeps them, and they are not "unknown cloud".
  await expect(page.getByTestId('filter-count')).toHaveText('22 of 24 scenes · 1 with unknown cloud left out');
  // The list hides what the timeline hides: the same two scenes, dimmed in both.
  const hiddenInList = page.locator('[data-testid="scene-item"][data-passes="false"]');
  const hiddenTicks = page.locator('[data-testid="timeline-tick"][data-passes="false"]');
  await expect(hiddenInList).toHaveCount(2);
  await expect(hiddenTicks).toHaveCount(2);
  const dates = await hiddenInList.locator('.scene-date').evaluateAll((els) => els.map((e) => e.firstChild!.textContent));
  expect(dates).toEqual(['2024-12-30', '2025-01-22']);
  expect(Number(await hiddenInList.first().evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(0.6);
  expect(Number(await app.sceneItems().first().evaluate((e) => getComputedStyle(e).opacity))).toBe(1);
  await shot(app, 'cloud-filter');
});

test('the scale bar reads on dark imagery', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const contrast = await page.locator('.ol-scale-line-inner').evaluate((inner) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const text = rgb(getComputedStyle(inner).color);
    const back = rgb(getComputedStyle(inner.parentElement!).backgroundColor);
    // The backing is translucent over imagery: judge it over the brightest imagery (white), the worst case.
    const a = back[3] ?? 1;
    const over = back.slice(0, 3).map((v) => v * a + 255 * (1 - a));
    const [hi, lo] = [lum(text), lum(over)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  });
  expect(contrast).toBeGreaterThanOrEqual(4.5);
});

test('jump to a date: YYYY-MM-DD typed and shown, a bad date refused in words, a far date says where it landed', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const jump = page.getByTestId('jump-date');
  await expect(jump).toHaveAttribute('placeholder', 'YYYY-MM-DD');

  await jump.fill('01/20/2025');
  await page.getByTestId('jump-go').click();
  await expect(page.getByTestId('jump-date-error')).toHaveText('“01/20/2025” is not a date: write it as YYYY-MM-DD, e.g. 2025-01-20.');
  expect(await app.sceneIndex()).toBe(0);

  await jump.fill('2030-01-01');
  await expect(jump).toHaveValue('2030-01-01');
  await expect(page.getByTestId('jump-date-error')).toHaveCount(0);
  await jump.press('Enter');
  await expect(page.getByTestId('toast-info')).toContainText('No scene on 2030-01-01; the nearest is 2025-01-20 (last scene)');
  await expect(app.currentSceneLabel()).toContainText('2025-01-20');

  await jump.fill('2025-01-13');
  await jump.press('Enter');
  await expect(app.currentSceneLabel()).toContainText('2025-01-13');
});

test('the toolbar stays put when the Undo label grows; the full label is in the tooltip', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const before = await xOf(page, 'tool-select');
  await expect(app.undoButton()).toContainText('Undo');

  await page.getByTestId('sighting-item').first().click();
  await page.getByTestId('confidence').getByRole('button', { name: 'possible' }).click();
  await app.waitSaved();
  await page.getByTestId('vessel-select').selectOption('__new');
  await page.getByTestId('new-vessel-name').fill('A vessel with a rather long name');
  await page.getByTestId('new-vessel-save').click();
  await app.waitSaved();
  // Adding the vessel and linking it are two saves: wait for the second, the label the button shows last.
  await expect.poll(async () => (await app.state()).history.undoLabel).toMatch(/^Link to A vessel with a rather long name/);
  const label = (await app.state()).history.undoLabel!;
  expect(label.length).toBeGreaterThan(20);
  await expect(app.undoButton()).toHaveAttribute('title', new RegExp(`Undo ${label}`));
  expect(await xOf(page, 'tool-select')).toBe(before);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect(app.redoButton()).toHaveAttribute('title', /Redo/);
  expect(await xOf(page, 'tool-select')).toBe(before);
});

test('attributes panel: the vessel, the confidence buttons and the new-vessel name fit', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.getByTestId('sighting-item').first().click();
  // The width a text needs in an element's own font, against the room the element gives it.
  const room = (testId: string, what: 'selected option' | 'placeholder') =>
    page.getByTestId(testId).evaluate((el, w) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const cs = getComputedStyle(el);
      ctx.font = cs.font;
      const text = w === 'placeholder' ? (el as HTMLInputElement).placeholder : (el as HTMLSelectElement).selectedOptions[0]!.text;
      return { need: ctx.measureText(text).width, inner: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
    }, what);
  for (const option of ['', await page.getByTestId('vessel-select').inputValue()]) {
    await page.getByTestId('vessel-select').selectOption(option);
    await app.waitSaved();
    // A select's arrow takes about 20 px of its inner width.
    const r = await room('vessel-select', 'selected option');
    expect(r.need, `vessel "${option}"`).toBeLessThanOrEqual(r.inner - 20);
  }
  const tops = await page.getByTestId('confidence').getByRole('button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().top));
  expect(new Set(tops).size, 'confidence buttons on one line').toBe(1);
  await page.getByTestId('vessel-select').selectOption('__new');
  const r = await room('new-vessel-name', 'placeholder');
  expect(r.need).toBeLessThanOrEqual(r.inner);
  await shot(app, 'attributes-fit');
});

test('a sighting picked in the list is brought into view, keeping the zoom', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const [first] = await app.sightingsHere();
  const anchor = first!.geometry.type === 'Point' ? first!.geometry.coordinates : first!.geometry.coordinates[0]![0]!;
  // Pan the mark out of sight: a long drag of the map.
  const box = (await app.map.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  const inView = async () => {
    const p = await app.pagePointOf(anchor);
    return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
  };
  expect(await inView()).toBe(false);
  const zoom = (await app.viewState())!.resolution;

  await page.getByTestId('sighting-item').first().click();
  await expect.poll(inView).toBe(true);
  expect((await app.viewState())!.resolution).toBeCloseTo(zoom, 6);
});

test('words an analyst reads: stack hint, plurals, history fields and undo, the Method page, agreement rules', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);

  // A container stack is boxed by its ends, not "bow" and "stern".
  await app.press('c');
  await page.keyboard.press('b');
  await expect(page.getByTestId('mark-hint')).toContainText('click one end, click the other end');
  await expect(page.getByTestId('mark-hint')).not.toContainText('bow');
  await page.keyboard.press('b');
  await page.keyboard.press('Escape');

  // "1 mark", never "1 marks".
  await expect(page.getByTestId('scene-list')).toContainText('1 mark');
  await expect(page.getByTestId('scene-list')).not.toContainText(/\b1 marks\b/);

  // History: fields in words, an undo without a doubled verb.
  await page.getByTestId('sighting-item').first().click();
  await page.getByTestId('vessel-select').selectOption('');
  await app.waitSaved();
  await page.getByTestId('tool-select').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('attribute-history')).toContainText('Undone: Unlink vessel');
  await expect(page.getByTestId('attribute-history')).toContainText('(vessel)');
  await expect(page.getByTestId('attribute-history')).not.toContainText('vesselId');
  await expect(page.getByTestId('attribute-history')).not.toContainText('Undo: Undo');
  await shot(app, 'history-words');

  // The Method page speaks to an analyst.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByTestId('analysis-tab-method').click();
  await expect(page.getByTestId('analysis-method')).toContainText('same rules in the app');
  await expect(page.getByTestId('analysis-method')).not.toContainText('pure functions');
  await expect(page.getByTestId('analysis-method')).not.toContainText('the caller sets');
  await page.getByRole('tab', { name: 'Map' }).click();

  // Agreement between the demo's author and this analyst (a mark of ours makes two): its rules in words.
  await app.markVesselAtCentre();
  await page.getByTestId('tool-review').click();
  await page.getByTestId('review-tab-agreement').click();
  await expect(page.getByTestId('agreement-rules')).toContainText('at most 25 m apart');
  await expect(page.getByTestId('review-panel')).not.toContainText('docs/');
});
