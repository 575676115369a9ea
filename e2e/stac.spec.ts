// A STAC catalog imported through File → Import imagery… in browser mode: its optical and radar items
// become scenes, a remote asset is listed as not read (never fetched), and a GCP-only radar product
// is refused with the gdalwarp command that makes it usable.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGcpOnlyGrd, writeStacCatalog } from '../electron/node/imagery/fixtures/stacBuild';

const each = hostPerTest();

test('imports a STAC catalog of optical and radar scenes through the Import dialog, listing what it did not fetch', async ({ page }, info) => {
  const catalog = writeStacCatalog(path.join(each.home, 'delivery'), { id: 'harbour', provider: 'Fixture Space' }, [
    { id: 'opt-1', kind: 'optical', datetime: '2025-01-10T01:30:00Z', udm: 'clear' },
    { id: 's1-1', kind: 'sar-dual', datetime: '2025-01-12T21:10:05Z', cloudCover: 90, assets: { preview: { href: 'https://example.com/s1-1.png', roles: ['overview'] } } },
  ]);
  const grd = makeGcpOnlyGrd(path.join(each.home, 'S1A_IW_GRDH_20250115.tif'));

  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.keyboard.press('Control+n');
  await page.getByTestId('project-name-input').fill('Rajin radar');
  await page.getByTestId('project-path-input').fill(path.join(each.home, 'Rajin radar.quaywatch'));
  await page.getByTestId('project-submit').click();
  await expect(app.projectName()).toHaveText('Rajin radar');

  await app.openFileMenu();
  await page.getByTestId('menu-import').click();
  await page.getByTestId('import-paths').fill(`${path.dirname(catalog)}\n${grd}`);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 2 scene(s).');
  await expect(page.getByTestId('import-errors')).toContainText(
    `S1A_IW_GRDH_20250115.tif is placed only by ground control points (4 GCPs, no geotransform), so it cannot be drawn on the map as it is. Make a map-ready copy with: gdalwarp -t_srs EPSG:32652 -r bilinear -of COG ${grd} ${path.join(each.home, 'S1A_IW_GRDH_20250115_epsg32652.tif')}`,
  );
  const unread = page.getByTestId('import-unread');
  await expect(unread).toContainText('1 STAC asset(s) or link(s) not read');
  await unread.locator('summary').click();
  await expect(unread).toContainText('https://example.com/s1-1.png: asset "preview" is remote: not fetched');
  await page.getByTestId('import-dialog').screenshot({ path: info.outputPath('stac-import-dialog.png') });
  await page.getByTestId('import-cancel').click();
  await expect(app.sceneItems()).toHaveCount(2);
});
