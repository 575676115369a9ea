// The demo's radar scenes: one story with the optical series and the AIS, bright ships on dark water,
// and what they buy: the visits' censoring (dwellMax − dwellMin) is much narrower with them.
import fs from 'node:fs';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { computeVisits } from '../../../shared/analysis';
import { polygonContains } from '../../../shared/geometry';
import { amplitudeToDb } from '../../../shared/radar';
import type { Visit } from '../../../shared/domain';
import { tempDir } from '../../testing/tmp';
import { ProjectStore } from '../store/projectStore';
import { analysisInputOf, loadProjectData, type ProjectData } from '../export/projectData';
import { demoDataset, demoLayout } from './demoImagery';
import { writeDemoRadarScene } from './demoRadar';
import { demoAis, DEMO_AIS_IDS } from './demoAis';
import { writeDemoProjectFile } from './demoProject';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir('qw-demo-radar-')));
afterAll(() => tmp.cleanup());

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Hours between the bounds of each visit whose arrival and departure are both bracketed. */
const widths = (visits: Visit[]) => visits.filter((v) => v.dwellMaxHours !== null).map((v) => v.dwellMaxHours! - v.dwellMinHours);

/** The project without its radar scenes (and all that hangs on them): the demo as it was before. */
function opticalOnly(d: ProjectData): ProjectData {
  const radar = new Set(d.scenes.filter((s) => s.sensor === 'sar').map((s) => s.id));
  return {
    ...d,
    scenes: d.scenes.filter((s) => !radar.has(s.id)),
    sightings: d.sightings.filter((s) => !radar.has(s.sceneId)),
    observability: d.observability.filter((o) => !radar.has(o.sceneId)),
    examined: d.examined.filter((e) => !radar.has(e.sceneId)),
  };
}

it('narrows the median censoring width of the demo visits by at least 30 % with radar included', () => {
  const file = path.join(tmp.dir, 'demo.quaywatch');
  writeDemoProjectFile(file);
  const store = ProjectStore.open(file, { author: 'test' });
  let data: ProjectData;
  try {
    data = loadProjectData(store);
  } finally {
    store.close();
  }
  const radar = data.scenes.filter((s) => s.sensor === 'sar');
  expect(radar).toHaveLength(demoDataset().radarScenes.length);
  expect(radar[0]!.acquisition.polarizations).toEqual(['VV', 'VH']);
  // Radar marks are finished work like the optical ones (but for the tail left to the new user).
  expect(data.sightings.filter((s) => radar.some((r) => r.id === s.sceneId)).length).toBeGreaterThanOrEqual(3);
  const options = { minConfidence: 'possible' as const };
  const without = widths(computeVisits(analysisInputOf(opticalOnly(data)), options));
  const withRadar = widths(computeVisits(analysisInputOf(data), options));
  const before = median(without);
  const after = median(withRadar);
  console.log(`demo censoring (dwellMax − dwellMin), median over ${without.length} / ${withRadar.length} bracketed visits: optical only ${(before / 24).toFixed(2)} d, with radar ${(after / 24).toFixed(2)} d (${Math.round((1 - after / before) * 100)} % narrower)`);
  expect(without.length).toBeGreaterThanOrEqual(4);
  expect(withRadar.length).toBe(without.length);
  expect(after).toBeLessThanOrEqual(0.7 * before);
});

it('puts the radar scenes ships where the demo AIS has them at that moment', () => {
  const data = demoDataset();
  const { positions } = demoAis();
  const byMmsi = new Map(Object.entries(DEMO_AIS_IDS).map(([name, ids]) => [ids.mmsi, name]));
  for (const scene of data.radarScenes) {
    const t = Date.parse(scene.acquired);
    for (const p of positions) {
      const name = byMmsi.get(p.mmsi);
      // Sea Harmony spoofs its position; the others report where they are (Ryongsong 2 goes dark in port).
      if (!name || name === 'Sea Harmony' || Math.abs(p.t - t) > 10 * 60_000) continue;
      const atZone = data.zones.find((z) => polygonContains(z.geometry, [p.lon, p.lat]))?.name ?? null;
      const shown = scene.ships.find((s) => s.name === name);
      expect(atZone, `${name} at ${scene.acquired}`).toBe(shown ? shown.zone : null);
    }
  }
  // Ryongsong 2 is dark in port: the radar shows it where the optical scenes do.
  const ryong = data.radarScenes.flatMap((s) => s.ships).find((s) => s.name === 'Ryongsong 2')!;
  expect(data.scenes.flatMap((s) => s.ships).some((s) => s.name === 'Ryongsong 2' && s.lonLat.join() === ryong.lonLat.join())).toBe(true);
});

it('draws ships at the quays as bright returns over dark, speckled water', async () => {
  const data = demoDataset();
  const k = data.radarScenes.findIndex((s) => s.ships.some((x) => x.zone === 'Pier 2'));
  const scene = data.radarScenes[k]!;
  const buf = fs.readFileSync(writeDemoRadarScene(tmp.dir, k));
  const image = await (await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))).getImage();
  expect(image.getSamplesPerPixel()).toBe(scene.acquisition.polarizations!.length);
  const [ox, oy] = image.getOrigin() as [number, number];
  const vv = (await image.readRasters({ samples: [0] }))[0] as Float32Array;
  const dbAt = ([e, n]: [number, number], r = 1) => {
    const c = Math.floor((e - ox) / 10);
    const row = Math.floor((oy - n) / 10);
    let power = 0;
    let count = 0;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++, count++) power += vv[(row + dy) * image.getWidth() + c + dx]! ** 2;
    return amplitudeToDb(Math.sqrt(power / count));
  };
  const ship = scene.ships.find((x) => x.zone === 'Pier 2')!;
  const shipDb = dbAt(demoLayout.toUtm(...ship.lonLat), 0);
  const waterDb = dbAt(demoLayout.waterPoint, 3);
  expect(shipDb).toBeGreaterThan(waterDb + 20);
  expect(waterDb).toBeLessThan(-15);
  // Speckle: neighbouring water pixels differ (a multiplicative noise), yet the file is the same on every run.
  const [we, wn] = demoLayout.waterPoint;
  expect(dbAt([we, wn], 0)).not.toBe(dbAt([we + 10, wn], 0));
  expect(fs.readFileSync(writeDemoRadarScene(path.join(tmp.dir), k)).equals(buf)).toBe(true);
});
