// The Analysis view end to end on the demo project: visits per month per quay match the demo's ground truth, with coverage beside
// them; marking a vessel on an unmarked scene updates the counts live; undo/redo in the view; a visit opens its scenes on the map.
import { test, expect } from '@playwright/test';
import { demoLayout } from '../electron/node/demo/demoImagery';
import { AnalysisPage } from './pages/AnalysisPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

test('visits per month per quay match the demo, update live as a vessel is marked, and open on the map', async ({ page }) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspErrors.push(m.text());
  });
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const analysis = new AnalysisPage(page);
  await app.open(host.url);

  await analysis.open();
  // Ground truth (demoDataset(), marked scenes 1–10; Pier 2 obscured on 19 Dec, Pier 1 on 30 Dec; the last 3 scenes unmarked, clear):
  // Pier 1: Vostok Trader 10–13 Dec, Amur Express 21 Dec → 2 in December; none in January.
  // Pier 2: Ryongsong 2 10 Dec; Paekdu Star 16–21 Dec (19 Dec obscured: no absence); Ryongsong 2 26–30 Dec → 3;
  //         Paekdu Star 8 Jan, Amur Express 13 Jan → 2 in January.
  await expect(analysis.visitsIn('Pier 1', '2024-12')).toHaveText('2');
  await expect(analysis.visitsIn('Pier 1', '2025-01')).toHaveText('0');
  await expect(analysis.visitsIn('Pier 2', '2024-12')).toHaveText('3');
  await expect(analysis.visitsIn('Pier 2', '2025-01')).toHaveText('2');
  // Each count beside its coverage: December had 7 optical scenes, one obscured at each pier, and 5 radar scenes (never
  // obscured); January 6 optical, Pier 2 obscured on 17 Jan, and 5 radar.
  await expect(analysis.monthRow('Pier 1', '2024-12')).toContainText('11 clear of 12 scenes');
  // The demo's last scenes (13 Jan evening to 20 Jan) are not examined: clear, but neither presence nor absence yet.
  await expect(analysis.monthRow('Pier 2', '2025-01')).toContainText('10 clear (6 examined) of 11 scenes');
  await expect(analysis.visitRows()).toHaveCount(7);
  // Arrivals beside visits under way (the demo's visits each stay within their month), the header saying which is which.
  await expect(analysis.monthRow('Pier 2', '2024-12').getByTestId('under-way')).toHaveText('3');
  await expect(page.getByTestId('under-way-header')).toHaveAttribute('title', /arrived in December and stayed into January is under way in both/);
  // No ship moves between piers in the demo: one port call per visit. The cloud over Pier 2 on the morning of 19 Dec
  // hides the port, but the radar scene of that evening sees both piers: Amur Express's call is bracketed by it.
  await expect(page.getByTestId('port-call-row')).toHaveCount(7);
  await expect(page.getByTestId('port-call-row').filter({ hasText: 'Amur Express' }).first()).toContainText('2024-12-19 09:27');
  // Charts are drawn as SVG (ECharts' SVG renderer under the app's CSP, no eval).
  await expect(analysis.chart('monthly-visits').locator('svg')).toHaveCount(1);
  await expect(analysis.chart('visit-timeline').locator('svg text', { hasText: 'Paekdu Star · Pier 2' })).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/analysis-panel.png' });
  for (const s of ['monthly', 'vessel-month', 'comparison', 'timeline', 'port-calls', 'dwell', 'containers', 'calendar']) {
    await page.getByTestId(`section-${s}`).screenshot({ path: `artifacts/analysis-${s}.png` });
  }

  // Back to the map, last (unmarked) scene: a new vessel at Pier 1.
  await page.keyboard.press('Shift+A');
  await expect(analysis.panel).toHaveCount(0);
  await app.goToUnmarkedLastScene();
  const [e, n] = demoLayout.pierDeckPoints[0]!;
  const deck = await app.pagePointOf(demoLayout.toLonLat(e, n));
  await page.keyboard.press('v');
  await app.click(deck);
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await app.linkToNewVessel('Lady R');

  await page.keyboard.press('Shift+A');
  await expect(analysis.visitsIn('Pier 1', '2025-01')).toHaveText('1');
  await expect(analysis.visitRows().filter({ hasText: 'Lady R' })).toContainText('open (not observed)');
  // Live while the view is open: undo the vessel link, redo it.
  await page.keyboard.press('Control+z');
  await expect(analysis.visitsIn('Pier 1', '2025-01')).toHaveText('0');
  await page.keyboard.press('Control+Shift+z');
  await expect(analysis.visitsIn('Pier 1', '2025-01')).toHaveText('1');
  // Map shortcuts do not act on the hidden map (Delete would delete the selection).
  await page.keyboard.press('Delete');
  await expect(analysis.visitsIn('Pier 1', '2025-01')).toHaveText('1');

  // Filters: Pier 2 only.
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'Pier 2' });
  await expect(analysis.monthRow('Pier 1', '2024-12')).toHaveCount(0);
  await expect(analysis.visitsIn('Pier 2', '2024-12')).toHaveText('3');
  await page.getByTestId('analysis-filter-zone').selectOption({ label: 'all zones' });

  // A visit opens its scenes on the map: Paekdu Star's December visit starts on 16 Dec.
  await analysis.visitRows().filter({ hasText: 'Paekdu Star' }).first().click();
  await expect(analysis.panel).toHaveCount(0);
  await expect(page.getByTestId('visit-trail')).toContainText('Paekdu Star at Pier 2');
  await expect(page.getByTestId('visit-trail')).toContainText('2024-12-16');
  const st = await app.state();
  expect(st.scenes[st.sceneIndex]!.acquired.slice(0, 10)).toBe('2024-12-16');
  expect(st.selectedIds.length).toBe(1);
  await app.waitForImagery();
  await app.shot('analysis-visit-on-map');

  // A port call opens the same way: Amur Express's December call, after the whole port was seen without it on radar on 19 Dec.
  await analysis.open();
  await page.getByTestId('port-call-row').filter({ hasText: 'Amur Express' }).first().click();
  await expect(analysis.panel).toHaveCount(0);
  await expect(page.getByTestId('visit-trail')).toContainText('Amur Express in port (Pier 1) · scene 2 of 3');
  expect((await app.state()).scenes[(await app.state()).sceneIndex]!.acquired.slice(0, 10)).toBe('2024-12-21');
  await page.getByTestId('visit-trail').getByTitle('Previous scene of this visit').click();
  await expect(page.getByTestId('visit-trail')).toContainText('absent: last scene before arrival, the whole port seen without it');
  expect((await app.state()).scenes[(await app.state()).sceneIndex]!.acquired.slice(0, 16)).toBe('2024-12-19T09:27');

  // The Method page.
  await analysis.open();
  await page.getByTestId('analysis-tab-method').click();
  await expect(page.getByTestId('analysis-method')).toContainText('Turnbull');
  await expect(page.getByTestId('analysis-method').locator('h2', { hasText: 'Period comparison' })).toBeVisible();
  await page.screenshot({ path: 'artifacts/analysis-method.png' });
  expect(cspErrors).toEqual([]);
});
