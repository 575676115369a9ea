// What the analyst reads after drawing: a box of known size and heading, a distance and an area drawn
// on the map, checked against references computed here with proj4 on the WGS84 ellipsoid (a
// transverse Mercator of scale 1 through the figure for lengths and bearings, Lambert azimuthal
// equal-area for areas), never with the app's own measuring code.
import { test, expect, type Page } from '@playwright/test';
import proj4 from 'proj4';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

type LonLat = [number, number];
const each = hostPerTest();

const tmercAt = ([lon, lat]: LonLat) => proj4('EPSG:4326', `+proj=tmerc +lat_0=${lat} +lon_0=${lon} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
const laeaAt = ([lon, lat]: LonLat) => proj4('EPSG:4326', `+proj=laea +lat_0=${lat} +lon_0=${lon} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
const mean = (pts: LonLat[]): LonLat => [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];

async function openOnUnmarkedScene(page: Page) {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await app.goToUnmarkedLastScene();
  return app;
}

test('a vessel box of known size and heading reads its true length, beam and heading (0–360°, towards the bow)', async ({ page }) => {
  const app = await openOnUnmarkedScene(page);
  const view = (await app.viewState())!;
  const mapBox = (await app.map.boundingBox())!;
  // A 399 m ship, bow a little north of west: east–west, where a spherical Earth is 0.26 % (1 m)
  // short at 42°N, and past 180°, where an axis would read 92°.
  const lengthM = 399;
  const beamM = 58;
  const headingDeg = 272;
  expect(lengthM / view.resolution).toBeLessThan(0.8 * mapBox.width); // on screen
  const centre = await app.lonLatAtPage(await app.mapPoint(0.5, 0.5));
  const t = tmercAt(centre);
  const h = (headingDeg * Math.PI) / 180;
  const at = (along: number, across: number) => t.inverse([along * Math.sin(h) + across * Math.cos(h), along * Math.cos(h) - across * Math.sin(h)]) as LonLat;
  const bow = at(lengthM / 2, 0);
  const stern = at(-lengthM / 2, 0);
  const side = at(0, beamM / 2);
  await app.markVesselBox(await app.pagePointOf(bow), await app.pagePointOf(stern), await app.pagePointOf(side));
  await app.click(await app.pagePointOf(centre));
  const metrics = page.getByTestId('box-metrics');
  await expect(metrics).toHaveText(/^\d+ m × \d+ m · heading \d+°$/);
  await app.shot('measuring-vessel-box');
  const [, shownLength, shownBeam, shownHeading] = (await metrics.textContent())!.match(/^(\d+) m × (\d+) m · heading (\d+)°$/)!.map(Number);

  // Against the box as stored (the clicks land on whole pixels): lengths of its sides, and the
  // bearing from the stern end to the bow end, in proj4's true metres.
  const [box] = await app.sightingsHere();
  const ring = (box!.geometry as { coordinates: LonLat[][] }).coordinates[0]!;
  const tb = tmercAt(mean(ring.slice(0, 4)));
  const xy = ring.map((p) => tb.forward(p));
  const d = (i: number, j: number) => Math.hypot(xy[j]![0]! - xy[i]![0]!, xy[j]![1]! - xy[i]![1]!);
  const refLength = (d(0, 1) + d(2, 3)) / 2;
  const refBeam = (d(1, 2) + d(3, 0)) / 2;
  // The bow end is the first click's: the midpoint of the corners nearest it.
  const bowXY = tb.forward(bow);
  const ends = ([[0, 3], [1, 2]] as const).map(([i, j]) => [(xy[i]![0]! + xy[j]![0]!) / 2, (xy[i]![1]! + xy[j]![1]!) / 2] as const);
  const [bowEnd, sternEnd] = Math.hypot(ends[0]![0] - bowXY[0]!, ends[0]![1] - bowXY[1]!) < Math.hypot(ends[1]![0] - bowXY[0]!, ends[1]![1] - bowXY[1]!) ? [ends[0]!, ends[1]!] : [ends[1]!, ends[0]!];
  const refHeading = ((Math.atan2(bowEnd[0] - sternEnd[0], bowEnd[1] - sternEnd[1]) * 180) / Math.PI + 360) % 360;
  // Shown rounded to the metre and the degree: within half a unit of the reference, no more.
  expect(Math.abs(shownLength! - refLength)).toBeLessThanOrEqual(0.5 + 1e-6);
  expect(Math.abs(shownBeam! - refBeam)).toBeLessThanOrEqual(0.5 + 1e-6);
  expect(Math.abs(shownHeading! - refHeading)).toBeLessThanOrEqual(0.5 + 1e-6);
  // And the box is the one meant: the size and heading laid out, to a pixel of the clicks.
  expect(Math.abs(shownLength! - lengthM)).toBeLessThanOrEqual(2 * view.resolution + 1);
  expect(Math.abs(shownHeading! - headingDeg)).toBeLessThanOrEqual(0.5 + (Math.atan2(2 * view.resolution, lengthM) * 180) / Math.PI);
});

test('the measure tool reads a distance and an area in true metres on the ellipsoid, not in the map projection', async ({ page }) => {
  const app = await openOnUnmarkedScene(page);

  // A distance of about 900 m east–west: what a spherical Earth gets most wrong at 42°N (2 m short).
  await page.keyboard.press('m');
  const centre = await app.lonLatAtPage(await app.mapPoint(0.5, 0.5));
  const tc = tmercAt(centre);
  const a = await app.pagePointOf(tc.inverse([-450, -100]) as LonLat);
  const b = await app.pagePointOf(tc.inverse([450, -100]) as LonLat);
  await app.click(a);
  await page.mouse.dblclick(b.x, b.y);
  const hint = page.getByTestId('measure-hint');
  await expect(hint).toContainText(/· [\d.,]+ k?m ·/);
  const [la, lb] = [await app.lonLatAtPage(a), await app.lonLatAtPage(b)];
  const t = tmercAt(mean([la, lb]));
  const [pa, pb] = [t.forward(la), t.forward(lb)];
  const refDistance = Math.hypot(pb[0]! - pa[0]!, pb[1]! - pa[1]!);
  expect(refDistance).toBeLessThan(1000); // shown to the metre, not in km
  const shownDistance = Number((await hint.textContent())!.match(/· (\d+) m ·/)![1]);
  expect(Math.abs(shownDistance - refDistance)).toBeLessThanOrEqual(0.5 + 1e-6);

  // An area: a four-cornered quay outline. Spherical area is 0.15 % off here, UTM's up to 0.1 %,
  // Web Mercator's 80 %: all beyond the square metre the figure is shown to.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+M');
  const cornersM: [number, number][] = [[-350, 200], [330, 260], [380, -250], [-300, -180]];
  const corners = await Promise.all(cornersM.map((m) => app.pagePointOf(tc.inverse(m) as LonLat)));
  for (const p of corners.slice(0, -1)) await app.click(p);
  await page.mouse.dblclick(corners[3]!.x, corners[3]!.y);
  await expect(hint).toContainText(/m² · perimeter/);
  await app.shot('measuring-area');
  const lonLats = await Promise.all(corners.map((p) => app.lonLatAtPage(p)));
  const l = laeaAt(mean(lonLats));
  const xy = [...lonLats, lonLats[0]!].map((p) => l.forward(p));
  let twice = 0;
  for (let i = 0; i + 1 < xy.length; i++) twice += xy[i]![0]! * xy[i + 1]![1]! - xy[i + 1]![0]! * xy[i]![1]!;
  const refArea = Math.abs(twice) / 2;
  expect(refArea).toBeLessThan(1e6); // shown in m², to the square metre
  const shownArea = Number((await hint.textContent())!.match(/· ([\d,]+) m² ·/)![1]!.replace(/,/g, ''));
  // Half a square metre for the rounding, and the width of a hair for the straight edges drawn in UTM.
  expect(Math.abs(shownArea - refArea)).toBeLessThanOrEqual(0.5 + 2e-6 * refArea);
});
