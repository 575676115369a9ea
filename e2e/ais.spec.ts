// AIS beside the imagery, as a new user meets it on the demo: I shows where each transponder put its
// ship at the scene's instant (name, speed, a tail); a dark ship (Ryongsong 2) is where the imagery
// shows it but absent from AIS; a spoofing one (Sea Harmony) is drawn far out at sea.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { AnalysisPage } from './pages/AnalysisPage';
import { hostPerTest } from './support/host';
import type { QuaywatchTestHooks } from '../renderer/src/testHooks';
import { writeDmaCsv } from '../electron/node/ais/fixtures/generate';

const each = hostPerTest();

const aisDrawn = (app: QuaywatchPage) =>
  app.page.evaluate(() => (window as unknown as { __quaywatch: QuaywatchTestHooks }).__quaywatch.map.aisDrawn());

test('I shows AIS at the scene instant: the ships that report, none for the dark one, hidden again by I', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  // 10 Dec: Vostok Trader at Pier 1 (reporting), Ryongsong 2 at Pier 2 (dark).
  await page.keyboard.press('Home');
  await app.waitForImagery();
  expect(await aisDrawn(app)).toBeNull();
  await page.keyboard.press('i');
  await expect.poll(async () => (await aisDrawn(app))?.map((v) => v.label.split(' · ')[0]).sort() ?? null).toEqual(expect.arrayContaining(['VOSTOK TRADER']));
  const drawn = (await aisDrawn(app))!;
  expect(drawn.map((v) => v.label).join('\n')).not.toContain('RYONGSONG');
  await expect(page.getByTestId('ais-badge')).toContainText('AIS at 01:38 UTC (±30 min): 4 vessels');
  const vostok = drawn.find((v) => v.label.startsWith('VOSTOK TRADER'))!;
  expect(vostok.label).toMatch(/ kn/);
  fs.mkdirSync('artifacts', { recursive: true });
  fs.writeFileSync(path.join('artifacts', 'ais-layer.png'), await page.screenshot());
  await page.keyboard.press('i');
  await expect.poll(() => aisDrawn(app)).toBeNull();
  await expect(page.getByTestId('ais-badge')).toHaveCount(0);
});

test('each vessel mark says what AIS says of it: confirmed, silent (the dark ship), contradicted (the spoofer)', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const verdictOf = async (vessel: string) => {
    await page.getByTestId('sighting-item').filter({ hasText: vessel }).click();
    const row = page.getByTestId('sighting-ais');
    await expect(row).not.toHaveAttribute('data-verdict', 'reading');
    return { verdict: await row.getAttribute('data-verdict'), text: await row.textContent() };
  };
  // 10 Dec: Vostok Trader reports from its berth; Ryongsong 2 has been dark since six hours before it came in.
  await page.keyboard.press('Home');
  await app.waitForImagery();
  const vostok = await verdictOf('Vostok Trader');
  expect(vostok.verdict).toBe('confirmed');
  expect(vostok.text).toMatch(/^confirmed: AIS \d+ m from the mark, \d+ min from the nearest message$/);
  expect(await verdictOf('Ryongsong 2')).toEqual({ verdict: 'silent', text: 'silent: no AIS from MMSI 445061000 within ±30 min (dark)' });
  await app.shot('ais-silent');
  // 13 Dec: Sea Harmony lies in the bay while its transponder says it is 15 km out to sea.
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
  const sea = await verdictOf('Sea Harmony');
  expect(sea.verdict).toBe('contradicted');
  expect(sea.text).toMatch(/^contradicted: AIS puts it 1\d\.\d km away/);
});

test('the Analysis view sets AIS beside the imagery: verdicts per vessel, the dark calls, the gaps, and a queue that leads to the scene', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  await analysis.open();
  const section = page.getByTestId('section-ais');
  await section.scrollIntoViewIfNeeded();
  const cell = (vessel: string, verdict: string) => page.locator(`[data-testid=ais-verdict-row][data-vessel="${vessel}"] td[data-verdict=${verdict}]`);
  await expect(cell('Ryongsong 2', 'silent')).toHaveText('4'); // three optical marks and one on the radar scene of 30 Dec
  await expect(cell('Ryongsong 2', 'confirmed')).toHaveText('0');
  await expect(cell('Sea Harmony', 'contradicted')).not.toHaveText('0');
  await expect(cell('Vostok Trader', 'confirmed')).not.toHaveText('0');
  await expect(cell('Vostok Trader', 'silent')).toHaveText('0');
  await expect(page.getByTestId('ais-dark-row').filter({ hasText: 'Ryongsong 2' }).first()).toContainText('silent: no message at all');
  await expect(page.getByTestId('ais-gap-row').filter({ hasText: 'Ryongsong 2' })).toHaveCount(2);
  await expect(page.getByTestId('ais-thresholds')).toContainText('±30 min');
  await section.screenshot({ path: 'artifacts/analysis-ais.png' });
  // The queue: AIS says Sparta IV lay at Pier 1 on 3 January, and nothing is marked there.
  const item = page.getByTestId('ais-queue-item').filter({ hasText: 'SPARTA IV' });
  await expect(item).toContainText('AIS says SPARTA IV at Pier 1; nothing marked');
  await item.getByRole('button', { name: 'Show on the map' }).click();
  await expect(analysis.panel).toHaveCount(0);
  await expect(app.currentSceneLabel()).toContainText('2025-01-03');
  await app.waitForImagery();
});

test('File → Import AIS… reads a DMA CSV with progress, says what it kept and left out, and the map shows it', async ({ page }) => {
  const csv = path.join(each.home, 'aisdk-2025-01-12.csv');
  const truth = writeDmaCsv(csv);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await app.openFileMenu();
  await page.getByTestId('menu-import-ais').click();
  await expect(page.getByTestId('import-dialog')).toContainText('Import AIS');
  await page.getByTestId('ais-paths').fill(csv);
  await page.getByTestId('import-submit').click();
  const summary = page.getByTestId('ais-import-summary');
  await expect(summary).toContainText(`Read ${truth.rows.toLocaleString('en-GB')} messages from 1 file.`, { timeout: 60_000 });
  await expect(summary).toContainText(`Kept ${truth.inside.toLocaleString('en-GB')} positions and ${truth.vessels} static reports from ${truth.vessels} vessels`);
  await expect(summary).toContainText(`Left out: ${truth.outside.toLocaleString('en-GB')} farther than 30 km from the site`);
  await page.getByTestId('import-dialog').screenshot({ path: 'artifacts/ais-import.png' });
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});

test('AIS thresholds are the project’s: changed in the Analysis view as one undoable step, refused in words when they cannot work, and the verdicts follow', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  await analysis.open();
  const section = page.getByTestId('section-ais');
  await section.scrollIntoViewIfNeeded();
  const cell = (vessel: string, verdict: string) => page.locator(`[data-testid=ais-verdict-row][data-vessel="${vessel}"] td[data-verdict=${verdict}]`);
  const contradicted = await cell('Sea Harmony', 'contradicted').innerText();
  expect(Number(contradicted)).toBeGreaterThan(0);

  // A confirm distance beyond the contradict distance cannot work: said beside the form, nothing changes.
  await page.getByTestId('ais-thresholds-edit').click();
  await page.getByTestId('ais-threshold-confirmM').fill('9000');
  await page.getByTestId('ais-thresholds-save').click();
  await expect(page.getByTestId('ais-thresholds-error')).toContainText('the confirm distance must be below the contradict distance');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

  // Sea Harmony's AIS lies 10-20 km from the marks: with "contradicted beyond 25 km" those marks are merely "nearby".
  await page.getByTestId('ais-threshold-confirmM').fill('500');
  await page.getByTestId('ais-threshold-contradictM').fill('25000');
  await page.getByTestId('ais-thresholds-save').click();
  await expect(page.getByTestId('ais-thresholds')).toContainText('contradicted beyond 25 km');
  await expect(cell('Sea Harmony', 'contradicted')).toHaveText('0');
  await expect(cell('Sea Harmony', 'nearby')).toHaveText(contradicted);
  await section.screenshot({ path: 'artifacts/analysis-ais-thresholds.png' });

  // One undo brings the project's thresholds, and the verdicts, back; kept in the file across a reload.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('ais-thresholds')).toContainText('contradicted beyond 5 km');
  await expect(cell('Sea Harmony', 'contradicted')).toHaveText(contradicted);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('ais-thresholds')).toContainText('contradicted beyond 25 km');
  await page.reload();
  await analysis.open();
  await expect(page.getByTestId('ais-thresholds')).toContainText('contradicted beyond 25 km');
  await expect(cell('Sea Harmony', 'nearby')).toHaveText(contradicted);
});
