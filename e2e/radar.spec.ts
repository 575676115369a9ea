// Radar scenes in the demo, as an analyst meets them: stepping from an optical scene to the radar
// scene of the same evening, the radar drawn in dB (a ship at the quay a bright return over dark
// water), the stretch moved, a ship marked on it whose attributes say it was seen on radar, and the
// observation record following a radar scene examined: the day becomes a radar day in the calendar and the month.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import sharp from 'sharp';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { demoDataset, demoLayout } from '../electron/node/demo/demoImagery';

const each = hostPerTest();

/** Mean brightness (R+G+B)/3 of a square of the map as drawn, around a page point. */
async function brightness(app: QuaywatchPage, p: { x: number; y: number }, size = 5): Promise<number> {
  await app.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const png = await app.page.screenshot({ clip: { x: p.x - size / 2, y: p.y - size / 2, width: size, height: size } });
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
  return sum / (data.length / info.channels);
}

test('steps from an optical to a radar scene, sees a ship as a bright return, moves the stretch and marks the ship on radar', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open(host.url);
  const data = demoDataset();
  // Radar scenes are marked apart in the list and on the timeline.
  await expect(page.locator('[data-testid=timeline-tick][data-sensor=sar]')).toHaveCount(data.radarScenes.length);
  await expect(page.getByTestId('scene-sensor').first()).toContainText('SAR');

  // The optical scene of 13 January (Amur Express at Pier 2), then → to the radar scene of that evening.
  const radar = data.radarScenes.find((s) => s.acquired.startsWith('2025-01-13'))!;
  const ship = radar.ships.find((s) => s.zone === 'Pier 1')!;
  const state = await app.state();
  const optical = state.scenes.findIndex((s) => s.acquired.startsWith('2025-01-13') && s.sensor === 'optical');
  await app.sceneItems().nth(optical).click();
  await app.waitForImagery();
  await expect(page.getByTestId('radar-control')).toHaveCount(0);
  await page.evaluate(([lon, lat]) => (window as unknown as { __quaywatch: { map: { centreOn(p: [number, number], r: number): void } } }).__quaywatch.map.centreOn([lon!, lat!], 2.5), ship.lonLat);
  await app.press('ArrowRight');
  await app.waitForImagery();
  expect((await app.state()).scenes[await app.sceneIndex()]!.acquired).toBe(radar.acquired);
  const control = page.getByTestId('radar-control');
  await expect(control).toContainText('Sentinel-1A VV+VH');
  await expect(control).toContainText('R VV, G VH, B VV/VH');
  await expect(page.getByTestId('radar-stretch-db')).toContainText('dB shown black … white');
  await expect(app.currentSceneLabel()).toContainText('radar, Sentinel-1A VV+VH');

  const shipAt = await app.pagePointOf(ship.lonLat);
  const waterAt = await app.pagePointOf(demoLayout.toLonLat(...demoLayout.waterPoint));
  const shipLit = await brightness(app, shipAt, 3);
  const water = await brightness(app, waterAt, 9);
  expect(shipLit).toBeGreaterThan(water + 100);
  fs.mkdirSync('artifacts', { recursive: true });
  await app.shot('radar-scene');

  // A narrower stretch (40–60 %) redraws at once: the water (below the 40th percentile) goes black, the ship stays saturated.
  await page.getByTestId('radar-stretch-low').fill('40');
  await page.getByTestId('radar-stretch-high').fill('60');
  await expect(page.getByTestId('radar-stretch-high')).toHaveValue('60');
  await expect.poll(() => brightness(app, waterAt, 9), { timeout: 5_000 }).toBeLessThan(water - 15);
  expect(await brightness(app, shipAt, 3)).toBeGreaterThan(200);
  await control.screenshot({ path: 'artifacts/radar-controls.png' });
  await app.shot('radar-scene-stretched');

  // Marking on radar works as on optical, and the mark says what it was seen on.
  await page.getByTestId('radar-stretch-high').blur(); // the shortcuts are the map's again
  await page.keyboard.press('v');
  await expect(page.getByTestId('mark-hint')).toBeVisible();
  await page.mouse.click(shipAt.x, shipAt.y);
  await app.waitSaved();
  await page.keyboard.press('Escape');
  const marks = await app.sightingsHere();
  expect(marks).toHaveLength(1);
  expect(marks[0]!.zoneId).toBe(state.zones.find((z) => z.name === 'Pier 1')!.id);
  await app.click(shipAt);
  await expect(page.getByTestId('sighting-sensor')).toHaveText('on radar, Sentinel-1A VV+VH');
  await app.shot('radar-mark');
  // The stretch is the session's: back on radar after an optical scene, it is still 40–60 %.
  await app.press('ArrowLeft');
  await app.waitForImagery();
  await app.press('ArrowRight');
  await app.waitForImagery();
  await expect(page.getByTestId('radar-stretch-low')).toHaveValue('40');

  // The observation record: on 17 January nobody has examined the optical scene (Pier 2 clouded) or the radar pass
  // (the demo's tail). The analyst examines the radar pass (E): 17 Jan becomes a radar day at both piers.
  const analysis = new AnalysisPage(page);
  const calendar = analysis.chart('coverage-calendar');
  const record = async () => {
    await analysis.open();
    const pier1 = (await analysis.monthRow('Pier 1', '2025-01').textContent()) ?? '';
    const r = await calendar.locator('svg text', { hasText: /^R$/ }).count();
    const u = await calendar.locator('svg text', { hasText: /^U$/ }).count();
    await analysis.close();
    return { radarDays: Number(pier1.match(/(\d+) radar of 31/)?.[1]), r, u };
  };
  const before = await record();
  expect(before.radarDays).toBeGreaterThan(0);
  const radar17 = (await app.state()).scenes.findIndex((s) => s.acquired.startsWith('2025-01-17') && s.sensor === 'sar');
  await app.sceneItems().nth(radar17).click();
  await app.waitForImagery();
  await page.keyboard.press('e');
  await app.waitSaved();
  const after = await record();
  expect(after.radarDays).toBe(before.radarDays + 1);
  expect(after.r).toBe(before.r + 2); // Pier 1 and Pier 2 on 17 Jan
  // Both were "not examined": at Pier 2 the radar pass, not yet examined, outranked the obscured optical scene (METHOD.md).
  expect(after.u).toBe(before.u - 2);
});
