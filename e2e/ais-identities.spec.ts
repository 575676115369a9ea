// Vessel identities from AIS static data, on the demo: a vessel that lacks its IMO and length gets them
// with one Apply (undoable), a second ship using Vostok Trader's MMSI is shown beside it in words and
// never merged, and Sparta IV, which broadcasts and is no vessel of the project, is added with one click.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { AnalysisPage } from './pages/AnalysisPage';
import { hostPerTest } from './support/host';
import type { QuaywatchTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();

const vesselsNow = (app: QuaywatchPage) =>
  app.page.evaluate(() => (window as unknown as { __quaywatch: QuaywatchTestHooks }).__quaywatch.store.getState().vessels.map((v) => ({ name: v.name, imo: v.imo, mmsi: v.mmsi, callSign: v.callSign, lengthM: v.lengthM, beamM: v.beamM })));

test('Identities from AIS: Apply fills what a vessel lacks (undoable), a second ship on one MMSI is shown and not merged, an unknown ship is added', async ({ page }) => {
  // A later log: Vostok Trader's MMSI (273351220) now sent by another ship, BALTIC DAWN (another IMO).
  const log = path.join(each.home, 'later.csv');
  fs.writeFileSync(log, ['mmsi,timestamp,lat,lon,sog,cog,heading,name,imo', '273351220,2025-03-01T06:00:00Z,42.2450,130.3000,0.1,12,511,BALTIC DAWN,9176187', '273351220,2025-03-01T07:00:00Z,42.2451,130.3001,0.1,12,511,BALTIC DAWN,9176187'].join('\n'));
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  // The analyst's Ryongsong 2 has no IMO, call sign, length or beam yet (as one typed by hand would).
  await page.keyboard.press('Home');
  await app.waitForImagery();
  await page.getByTestId('sighting-item').filter({ hasText: 'Ryongsong 2' }).first().click();
  await app.editVessel({ imo: '', callSign: '', lengthM: '', beamM: '' });
  await app.waitSaved();
  await expect.poll(async () => (await vesselsNow(app)).find((v) => v.name === 'Ryongsong 2')).toMatchObject({ imo: null, callSign: null, lengthM: null, beamM: null });

  await app.openFileMenu();
  await page.getByTestId('menu-import-ais').click();
  await page.getByTestId('ais-paths').fill(log);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('ais-import-summary')).toContainText('Read 2 messages from 1 file.', { timeout: 30_000 });
  await page.getByTestId('import-cancel').click();

  await analysis.open();
  const table = page.getByTestId('ais-identity-table');
  await table.scrollIntoViewIfNeeded();
  const proposal = table.getByTestId('ais-identity-proposal').filter({ hasText: 'Ryongsong 2' });
  await expect(proposal).toContainText('lacks IMO 8815657, call sign HMRS2, length 96 m, beam 15 m');
  await expect(proposal).toContainText('RYONGSONG 2');

  // One MMSI, two ships over time: both identities with their periods, side by side, and nothing merged.
  const ships = table.locator('[data-testid=ais-identity-conflict][data-kind=ships]');
  await expect(ships).toHaveCount(1);
  await expect(ships.locator('td').nth(2)).toHaveText('Vostok TraderMMSI 273351220 · IMO 9312341 · call sign UBVT7 · 128 × 19 m');
  await expect(ships.locator('.ais-id-identity').nth(0)).toContainText('VOSTOK TRADER · IMO 9312341 · call sign UBVT7 · 128 × 19 m2024-12-08 to 2025-01-21');
  await expect(ships.locator('.ais-id-identity').nth(1)).toContainText('BALTIC DAWN · IMO 9176187on 2025-03-01');
  await expect(table.locator('[data-testid=ais-identity-conflict-words][data-kind=ships]')).toHaveText('MMSI 273351220 sent 2 identities over time: another ship using the number, or a rename. Each is kept apart; nothing was merged.');
  const dawn = table.locator('[data-testid=ais-identity-unknown][data-name="BALTIC DAWN"]');
  await expect(dawn).toContainText("MMSI 273351220 is Vostok Trader's in the project, so the new vessel is added without it.");
  const sparta = table.locator('[data-testid=ais-identity-unknown][data-name="SPARTA IV"]');
  await expect(sparta).toContainText('IMO 9354521 · call sign UBSP4 · 154 × 24 m');
  await expect(page.getByTestId('ais-identities').locator('h3')).toContainText('(1 proposal, 1 conflict, 2 ships with no vessel)');

  fs.mkdirSync('artifacts', { recursive: true });
  await page.getByTestId('ais-identities').screenshot({ path: 'artifacts/ais-identities.png' });

  // Apply: one edit, undone by Undo.
  await proposal.getByRole('button', { name: 'Apply' }).click();
  await expect(proposal).toHaveCount(0);
  await expect.poll(async () => (await vesselsNow(app)).find((v) => v.name === 'Ryongsong 2')).toMatchObject({ imo: '8815657', callSign: 'HMRS2', lengthM: 96, beamM: 15 });
  await expect(app.undoButton()).toHaveAttribute('title', /Edit vessel Ryongsong 2/);
  await app.undoButton().click();
  await expect(table.getByTestId('ais-identity-proposal').filter({ hasText: 'Ryongsong 2' })).toHaveCount(1);
  await expect.poll(async () => (await vesselsNow(app)).find((v) => v.name === 'Ryongsong 2')).toMatchObject({ imo: null, callSign: null, lengthM: null, beamM: null });

  // Add as vessel: Sparta IV joins the project with what it broadcast, and is no longer unknown.
  await sparta.getByRole('button', { name: 'Add as vessel' }).click();
  await expect(sparta).toHaveCount(0);
  await expect.poll(async () => (await vesselsNow(app)).find((v) => v.name === 'SPARTA IV')).toEqual({ name: 'SPARTA IV', imo: '9354521', mmsi: '273445480', callSign: 'UBSP4', lengthM: 154, beamM: 24 });
  // Vostok Trader is untouched by the other ship's identity.
  expect((await vesselsNow(app)).find((v) => v.name === 'Vostok Trader')).toEqual({ name: 'Vostok Trader', imo: '9312341', mmsi: '273351220', callSign: 'UBVT7', lengthM: 128, beamM: 19 });
});
