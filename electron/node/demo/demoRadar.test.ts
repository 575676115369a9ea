// The demo's radar scenes: one story with the optical series and the AIS, bright ships on dark water,
// marked as finished work (what they buy is measured in demoRadarGain.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { polygonContains } from '../../../shared/geometry';
import { amplitudeToDb } from '../../../shared/radar';
import { tempDir } from '../../testing/tmp';
import { ProjectStore } from '../store/projectStore';
import { loadProjectData, type ProjectData } from '../export/projectData';
import { demoDataset, demoLayout } from './demoImagery';
import { writeDemoRadarScene } from './demoRadar';
import { demoAis, DEMO_AIS_IDS } from './demoAis';
import { writeDemoProjectFile } from './demoProject';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir('qw-demo-radar-')));
afterAll(() => tmp.cleanup());

// What the radar scenes buy (the censoring width with and without them) is measured by the one mechanism the stats,
// reports and bench:coverage use: demoRadarGain.test.ts. Here: they are in the project, dual-pol, marked.
it('puts its radar scenes in the demo project, dual polarisation, marked as finished work', () => {
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
