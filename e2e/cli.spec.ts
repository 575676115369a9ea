// A project built with the quaywatch CLI opens in the app with the same numbers as `quaywatch stats`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { demoDataset } from '../electron/node/demo/demoImagery';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const BIN = path.resolve(__dirname, '..', 'bin', 'quaywatch.cjs');
const quaywatch = (...args: string[]) => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const each = hostPerTest();

test('a project built with the CLI shows the visits of `quaywatch stats` in the Analysis view', async ({ page }) => {
  test.setTimeout(120_000);
  const file = path.join(each.home, 'cli', 'rajin.quaywatch');
  quaywatch('demo', file);
  // Mark what the demo leaves unmarked on 14 Jan: Amur Express at Pier 1 (from the ground truth), by CSV.
  const jan14 = demoDataset().scenes.find((s) => s.acquired.startsWith('2025-01-14'))!;
  const amur = jan14.ships.find((s) => s.name === 'Amur Express')!;
  const csv = path.join(each.home, 'jan14.csv');
  fs.writeFileSync(csv, `scene,class,vessel,lon,lat,author\n${jan14.itemId},vessel,Amur Express,${amur.lonLat[0]},${amur.lonLat[1]},cli\n`);
  expect(quaywatch('sightings', 'import', file, csv)).toMatch(/1 added/);
  const stats = JSON.parse(quaywatch('stats', file, '--json')) as { visits: unknown[]; monthly: { month: string; zone: string; visits: number }[] };
  expect(stats.monthly.find((m) => m.zone === 'Pier 1' && m.month === '2025-01')!.visits).toBe(1);

  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);
  await page.keyboard.press('Control+o');
  await page.getByTestId('project-path-input').fill(file);
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Rajin port (demo)');
  await app.waitForImagery();

  await analysis.open();
  for (const m of stats.monthly) await expect(analysis.visitsIn(m.zone, m.month)).toHaveText(String(m.visits));
  await expect(analysis.visitRows()).toHaveCount(stats.visits.length);
});
