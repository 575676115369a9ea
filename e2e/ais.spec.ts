// AIS beside the imagery, as a new user meets it on the demo: I shows where each transponder put its
// ship at the scene's instant (name, speed, a tail); a dark ship (Ryongsong 2) is where the imagery
// shows it but absent from AIS; a spoofing one (Sea Harmony) is drawn far out at sea.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import type { QuaywatchTestHooks } from '../renderer/src/testHooks';

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
  expect(await verdictOf('Ryongsong 2')).toEqual({ verdict: 'silent', text: 'silent: no AIS from MMSI 445123000 within ±30 min (dark)' });
  await app.shot('ais-silent');
  // 13 Dec: Sea Harmony lies in the bay while its transponder says it is 15 km out to sea.
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
  const sea = await verdictOf('Sea Harmony');
  expect(sea.verdict).toBe('contradicted');
  expect(sea.text).toMatch(/^contradicted: AIS puts it 1\d\.\d km away/);
});
