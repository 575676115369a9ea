// File → Time-lapse… as video: a WebM and an MP4 (VP9) of a zone made through the dialog, then played by Chromium
// itself in a <video> element: its duration is the frames × the frame time, its size the file's, and a frame it
// decodes has the picture in it.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';

const each = hostPerTest();

/** What Chromium's own player reads from the file: its length, its size, and how many distinct greys a decoded frame has. */
async function played(player: Page, file: string, type: string) {
  const src = `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
  await player.setContent('<video muted preload="auto"></video>');
  return player.evaluate(async (url) => {
    const v = document.querySelector('video')!;
    const ready = new Promise<void>((res, rej) => {
      v.onloadeddata = () => res();
      v.onerror = () => rej(new Error(`Chromium could not play it: ${v.error?.message ?? v.error?.code}`));
    });
    v.src = url;
    await ready;
    const seeked = new Promise((res) => (v.onseeked = res));
    v.currentTime = v.duration / 2;
    await seeked;
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    const g = c.getContext('2d')!;
    g.drawImage(v, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const levels = new Set<number>();
    for (let i = 0; i < px.length; i += 4 * 97) levels.add(px[i]! >> 3);
    return { duration: v.duration, width: v.videoWidth, height: v.videoHeight, levels: levels.size };
  }, src);
}

test('Time-lapse as video: a WebM and an MP4 (VP9) of a zone through the dialog, each played by Chromium', async ({ page, context }) => {
  test.setTimeout(240_000);
  const host = await each.start();
  const app = new QuaywatchPage(page);
  const out = new OutputDialogsPage(page);
  await app.open(host.url);

  const make = async (format: 'webm' | 'mp4', name: string) => {
    await out.openFromMenu('timelapse');
    await page.getByTestId(`timelapse-format-${format}`).click();
    await page.getByTestId('timelapse-frame').selectOption({ label: 'Zone: Pier 1' });
    await page.getByTestId('timelapse-from').fill('2024-12-10');
    await page.getByTestId('timelapse-to').fill('2024-12-21');
    await page.getByTestId('timelapse-width').fill('480');
    await page.getByTestId('timelapse-frame-ms').fill('300');
    // The format's button gave the path its extension.
    await expect(out.pathField('timelapse')).toHaveValue(new RegExp(`\\.${format}$`));
    const file = path.join(each.home, `${name}.${format}`);
    await out.pathField('timelapse').fill(file);
    if (format === 'mp4') await out.shot('timelapse', 'timelapse-dialog-mp4');
    await out.submit('timelapse').click();
    await expect(out.infoToast()).toContainText(`Time-lapse written: ${file} (`, { timeout: 150_000 });
    const said = (await out.infoToast().textContent())!;
    await out.dismissToasts();
    const [, frames, width, height] = /\((\d+) frames?.*, (\d+) × (\d+) px/.exec(said)!.map(Number);
    return { file, frames: frames!, width: width!, height: height! };
  };

  const player = await context.newPage();
  const webm = await make('webm', 'pier one');
  expect(webm.frames).toBeGreaterThan(2);
  const w = await played(player, webm.file, 'video/webm');
  expect(w.duration).toBeCloseTo((webm.frames * 300) / 1000, 2);
  expect({ width: w.width, height: w.height }).toEqual({ width: 480, height: webm.height });
  expect(w.levels).toBeGreaterThan(8);

  const mp4 = await make('mp4', 'pier one mp4');
  const m = await played(player, mp4.file, 'video/mp4');
  expect(m.duration).toBeCloseTo((mp4.frames * 300) / 1000, 2);
  expect({ width: m.width, height: m.height }).toEqual({ width: 480, height: mp4.height });
  expect(m.levels).toBeGreaterThan(8);
});
