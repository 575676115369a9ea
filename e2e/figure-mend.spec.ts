// Figures through their dialogs, as an analyst makes them: a swipe whose halves are the two scenes (pixel for pixel
// against each scene alone), an SVG that Chromium opens at the size said, with the dialog saying what the figure leaves
// out; a WebP time-lapse, obscured scenes greyed or left out; and Save figure's key in the Analysis view, framed on the
// zone chosen there.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test, expect, type Page } from '@playwright/test';
import { AnalysisPage } from './pages/AnalysisPage';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

/** Browse… in a dialog, the home folder, a name: the path field then holds home/name.ext. */
async function saveAs(page: Page, kind: 'figure' | 'timelapse', name: string) {
  const files = new FileDialogPage(page);
  await page.getByTestId(`${kind}-path-browse`).click();
  await expect(files.dialog).toBeVisible();
  await files.goHome();
  await files.nameField().fill(name);
  await page.keyboard.press('Enter');
  await expect(files.dialog).toHaveCount(0);
}

/** The project's scenes as the figure dialog lists them, oldest first. */
async function sceneIds(page: Page): Promise<string[]> {
  return page.getByTestId('figure-scene').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
}

/** Writes one figure through the dialog (frame Pier 1, marks off, 800 px) and returns its RGB pixels. */
async function figureThroughDialog(page: Page, out: OutputDialogsPage, name: string, set: (ids: string[]) => Promise<void>) {
  await out.openFromMenu('figure');
  await page.getByTestId('figure-frame').selectOption({ label: 'Zone: Pier 1' });
  await page.getByTestId('figure-width').fill('800');
  await page.getByTestId('figure-marks').setChecked(false);
  await set(await sceneIds(page));
  await saveAs(page, 'figure', name);
  await out.submit('figure').click();
  const file = path.join(each.home, `${name}.png`);
  await expect(out.infoToast()).toContainText(`Figure written: ${file} (800 × `, { timeout: 60_000 });
  await out.dismissToasts();
  const { data, info } = await sharp(fs.readFileSync(file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)) };
}

const diff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0);

test('Save figure: a swipe is the first scene left of the split and the second right of it, pixel for pixel', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  const SPLIT = 0.3;
  const swipe = await figureThroughDialog(page, out, 'swipe', async (ids) => {
    await page.getByTestId('figure-scene').selectOption(ids[0]!);
    await page.getByTestId('figure-layout-swipe').click();
    await page.getByTestId('figure-after').selectOption(ids.at(-1)!);
    await page.getByTestId('figure-split').fill(String(SPLIT * 100));
    await expect(page.getByTestId('figure-dialog')).toContainText('left of 30% of the width');
  });
  const before = await figureThroughDialog(page, out, 'before', async (ids) => {
    await page.getByTestId('figure-layout-single').click();
    await page.getByTestId('figure-scene').selectOption(ids[0]!);
  });
  const after = await figureThroughDialog(page, out, 'after', async (ids) => {
    await page.getByTestId('figure-layout-single').click();
    await page.getByTestId('figure-scene').selectOption(ids.at(-1)!);
  });
  expect([swipe.width, swipe.height]).toEqual([before.width, before.height]);
  expect([swipe.width, swipe.height]).toEqual([after.width, after.height]);

  // A grid over the picture (clear of the north arrow, the scale bar and the band under the picture), each side of the
  // split by a margin wider than the divider.
  const W = swipe.width;
  const side = (from: number, to: number) => {
    const pts: [number, number][] = [];
    for (let y = Math.round(swipe.height * 0.1); y < swipe.height * 0.8; y += 23) for (let x = Math.round(from * W); x < to * W; x += 17) pts.push([x, y]);
    return pts;
  };
  const compare = (pts: [number, number][]) => ({
    same: { before: pts.filter(([x, y]) => diff(swipe.at(x, y), before.at(x, y)) <= 3).length, after: pts.filter(([x, y]) => diff(swipe.at(x, y), after.at(x, y)) <= 3).length },
    total: pts.length,
  });
  const left = compare(side(0.02, SPLIT - 0.02));
  const right = compare(side(SPLIT + 0.02, 0.9));
  // Left: every sample is the first scene's, and most are not the second's (the two scenes differ there).
  expect(left.same.before).toBe(left.total);
  expect(left.same.after).toBeLessThan(left.total * 0.5);
  expect(right.same.after).toBe(right.total);
  expect(right.same.before).toBeLessThan(right.total * 0.5);
});

test('Save figure: an SVG swipe with its marks opens in Chromium at the size the dialog said, and the dialog says which mark the split hides', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  await out.openFromMenu('figure');
  await page.getByTestId('figure-format-svg').click();
  await page.getByTestId('figure-frame').selectOption({ label: 'Zone: Pier 1' });
  const ids = await sceneIds(page);
  // The first scene has marks on Pier 1; with the split at 5 % of the width, its side is too narrow for them.
  await page.getByTestId('figure-scene').selectOption(ids[0]!);
  await page.getByTestId('figure-layout-swipe').click();
  await page.getByTestId('figure-after').selectOption(ids.at(-1)!);
  await page.getByTestId('figure-split').fill('5');
  await page.getByTestId('figure-width').fill('900');
  await saveAs(page, 'figure', 'pier one swipe');
  await out.submit('figure').click();
  const file = path.join(each.home, 'pier one swipe.svg');
  await expect(out.infoToast()).toContainText(`Figure written: ${file} (900 × `, { timeout: 60_000 });
  const said = (await out.infoToast().textContent())!;
  expect(said).toMatch(/\d+ marks? on the scene of \d{4}-\d\d-\d\d \d\d:\d\d UTC lies? right of the split and (is|are) not drawn\./);
  const [, w, h] = /\((\d+) × (\d+) CSS px/.exec(said)!.map(Number);

  const viewer = await page.context().newPage();
  await viewer.goto(`file://${file}`);
  const size = await viewer.evaluate(() => {
    const r = document.documentElement.getBoundingClientRect();
    return [r.width, r.height];
  });
  expect(size).toEqual([w, h]);
  // As a picture too (an <img>, as a web page or a slide would show it).
  await viewer.goto('about:blank');
  await viewer.setContent(`<img id="f" src="data:image/svg+xml;base64,${fs.readFileSync(file).toString('base64')}">`);
  const natural = await viewer.$eval('#f', async (img: HTMLImageElement) => {
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  });
  expect(natural).toEqual([w, h]);
  await viewer.screenshot({ path: 'artifacts/figure-mend-svg.png' });
  await viewer.close();
});

test('Time-lapse: a WebP of a zone, one frame per scene; obscured scenes greyed add the frames that leaving them out drops', async ({ page }) => {
  test.setTimeout(240_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  const run = async (name: string, obscured: 'skip' | 'grey') => {
    await out.openFromMenu('timelapse');
    await page.getByTestId('timelapse-format-webp').click();
    await page.getByTestId('timelapse-frame').selectOption({ label: 'Zone: Pier 1' });
    await page.getByTestId('timelapse-width').fill('320');
    await page.getByTestId('timelapse-obscured').selectOption(obscured);
    await saveAs(page, 'timelapse', name);
    const file = path.join(each.home, `${name}.webp`);
    await expect(out.pathField('timelapse')).toHaveValue(file);
    await out.submit('timelapse').click();
    await expect(out.infoToast()).toContainText(`Time-lapse written: ${file} (`, { timeout: 120_000 });
    const said = (await out.infoToast().textContent())!;
    await out.dismissToasts();
    const frames = Number(/\((\d+) frames?/.exec(said)![1]);
    const skipped = Number(/, (\d+) obscured scenes? left out/.exec(said)?.[1] ?? 0);
    const meta = await sharp(fs.readFileSync(file), { animated: true }).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(320);
    expect(meta.pages).toBe(frames);
    return { frames, skipped };
  };
  const skip = await run('pier one', 'skip');
  const grey = await run('pier one greyed', 'grey');
  expect(skip.skipped).toBeGreaterThan(0);
  expect(grey.skipped).toBe(0);
  expect(grey.frames).toBe(skip.frames + skip.skipped);
});

test('Save figure from the Analysis view: its key opens the dialog framed on the zone chosen there, else on the map’s last view', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  await analysis.open();
  // Every zone (as the view opens): the map's view as the analyst left it.
  await page.keyboard.press('Control+Shift+F');
  await expect(out.dialog('figure')).toBeVisible();
  await expect(page.getByTestId('figure-frame')).toHaveValue('');
  await expect(page.getByTestId('figure-frame').locator('option[value=""]')).toHaveText(/^The map’s last view \(.+ × .+\)$/);
  await page.keyboard.press('Escape');
  await expect(out.dialog('figure')).toHaveCount(0);
  await expect(analysis.panel).toBeVisible();

  // One zone chosen there: the figure frames it.
  // Chosen with the mouse, the list keeps the focus: the key still works there.
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'Pier 2' });
  await page.getByTestId('analysis-filter-zone').focus();
  await page.keyboard.press('Control+Shift+F');
  await expect(out.dialog('figure')).toBeVisible();
  const pier2 = await page.getByTestId('figure-frame').locator('option', { hasText: 'Zone: Pier 2' }).getAttribute('value');
  await expect(page.getByTestId('figure-frame')).toHaveValue(pier2!);
  await page.getByTestId('figure-width').fill('400');
  await saveAs(page, 'figure', 'pier two from analysis');
  await out.submit('figure').click();
  await expect(out.infoToast()).toContainText(`Figure written: ${path.join(each.home, 'pier two from analysis.png')} (400 × `, { timeout: 60_000 });
  await out.dismissToasts();
  // The analyst is still in the Analysis view.
  await expect(analysis.panel).toBeVisible();
});
