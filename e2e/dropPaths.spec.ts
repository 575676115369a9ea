// Files dropped on the window in the desktop app: the preload's pathForFile tells the page where they
// are, and the Import dialog fills their paths in. Electron's binary cannot run here, so the page gets
// a stand-in bridge with the preload's shape: each call forwarded to the real host over HTTP, and
// pathForFile answering as webUtils does ('' for a file that is not on disk).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import { makeGeoTiff } from '../electron/node/imagery/fixtures/build';
import { CALL_NAMES } from '../shared/api';

const each = hostPerTest();

test('in the desktop app, dropped files arrive in the Import dialog with their paths, ready to import', async ({ page }) => {
  const drops = path.join(each.home, 'drops');
  fs.mkdirSync(drops);
  const tif = makeGeoTiff(path.join(drops, '20250120_013900_12_2461.tif'), { datetime: '2025:01:20 01:39:00' });
  await page.addInitScript(
    ({ names, folder }) => {
      const bridge: Record<string, unknown> = {
        host: 'electron',
        // As webUtils.getPathForFile: a path for files from disk, '' for others (e.g. pasted images).
        pathForFile: (file: File) => (file.name.endsWith('.tif') ? `${folder}/${file.name}` : ''),
      };
      // Electron needs no browser session; this stand-in claims one itself and adds it to every
      // request of the page (calls and imagery), as the real shell's IPC and protocol need nothing.
      const code = /launch=([\w-]+)/.exec(location.hash)?.[1];
      const token: Promise<string | null> = code
        ? fetch('/session/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
            .then((r) => r.json() as Promise<{ token: string }>)
            .then(({ token: t }) => (sessionStorage.setItem('stand-in', t), t))
        : Promise.resolve(sessionStorage.getItem('stand-in'));
      const plainFetch = window.fetch.bind(window);
      window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        const t = await token;
        if (t) headers.set('Authorization', `Bearer ${t}`);
        return plainFetch(input, { ...init, headers });
      };
      for (const name of names) {
        bridge[name] = async (req: unknown) => {
          const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req ?? {}) });
          return res.json();
        };
      }
      (window as unknown as { quaywatch: unknown }).quaywatch = bridge;
    },
    { names: [...CALL_NAMES], folder: drops },
  );
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  const scenesBefore = await app.sceneItems().count();

  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['x'], '20250120_013900_12_2461.tif', { type: 'image/tiff' }));
    d.items.add(new File(['x'], 'clipboard.png', { type: 'image/png' }));
    return d;
  });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('import-paths')).toHaveValue(tif);
  // Only the file without a path is named as one to type.
  await expect(page.getByTestId('import-drop-note')).toContainText('You dropped clipboard.png.');
  await expect(page.getByTestId('import-drop-note')).not.toContainText('.tif');
  await page.getByTestId('import-submit').click();
  await expect(app.sceneItems()).toHaveCount(scenesBefore + 1);
});
