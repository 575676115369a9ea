// The observation record in the Analysis view, on a port watched by optical and radar scenes: the calendar letters
// each UTC day by its best observation, the monthly coverage says "days observed: N optical + M radar of D", the
// censoring table gives the widths with and without radar, and a day of the calendar opens its scene.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { seedRadarPort } from '../electron/testing/radarPort';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('the calendar tells optical from radar days in words and letters, the censoring narrows with radar, and a day opens its scene', async ({ page }) => {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  const dir = path.join(each.home, 'radar');
  fs.mkdirSync(dir, { recursive: true });
  const { file } = seedRadarPort(dir);
  await page.keyboard.press('Control+o');
  await page.getByTestId('project-path-input').fill(file);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Port watch');

  await analysis.open();
  const calendar = analysis.chart('coverage-calendar');
  // The legend in words, and the letters in the cells: optical (O) and radar (R) days both there.
  for (const word of ['O optical clear', 'R radar', 'P partly seen', 'U not examined', '× obscured', 'not imaged']) await expect(calendar.locator('svg text', { hasText: word })).toHaveCount(1);
  await expect(calendar.locator('svg text', { hasText: /^R$/ }).first()).toBeVisible();
  await expect(calendar.locator('svg text', { hasText: /^O$/ }).first()).toBeVisible();
  await expect(calendar).toContainText('Not observed is not "no ship"');
  await expect(analysis.monthRow('Quay', '2025-01')).toContainText(/days observed: \d+ optical \+ \d+ radar of 31/);
  await expect(analysis.monthRow('Quay', '2025-01')).toContainText(/optical, \d+ radar\)/);
  // The censoring, with and without radar, and what the radar bought.
  const overall = page.getByTestId('censoring-table').locator('tr[data-zone="all zones"][data-month="whole period"]');
  await expect(overall.getByTestId('censoring-width')).toContainText('90 %');
  await expect(overall.getByTestId('censoring-width-without')).toContainText('90 %');
  await expect(page.getByTestId('censoring-fall')).toContainText(/with the radar scenes, .* without: \d+ % narrower/);
  // Both themes: the same calendar in each palette.
  const toggle = page.getByTestId('theme-toggle');
  for (const theme of ['dark', 'light']) {
    for (let i = 0; i < 4 && (await page.locator('html').getAttribute('data-theme')) !== theme; i++) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('section-calendar').screenshot({ path: `artifacts/observation-calendar-${theme}.png` });
    await page.getByTestId('section-censoring').screenshot({ path: `artifacts/observation-censoring-${theme}.png` });
  }

  // A radar day opens its scene on the map.
  const scenes = await page.evaluate(() => {
    const w = window as unknown as { __quaywatch: { store: { getState(): { scenes: { id: string; sensor: string }[] } } } };
    return w.__quaywatch.store.getState().scenes.map((s) => ({ id: s.id, sensor: s.sensor }));
  });
  await calendar.locator('svg text', { hasText: /^R$/ }).first().click();
  await expect(analysis.panel).toHaveCount(0);
  const current = await page.evaluate(() => {
    const w = window as unknown as { __quaywatch: { store: { getState(): { scenes: { id: string }[]; sceneIndex: number } } } };
    const s = w.__quaywatch.store.getState();
    return s.scenes[s.sceneIndex]!.id;
  });
  expect(scenes.find((s) => s.id === current)?.sensor).toBe('sar');
});
