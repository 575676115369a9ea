// Builds the bundled demo project: synthetic imagery written by our generator, plus its site,
// quays, scenes, observability, vessels and the sightings an analyst would already have marked.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../store/projectStore';
import { localImageryIdentity, recordSceneFile } from '../store/sceneFiles';
import { historyOf } from '../store/history';
import { demoDataset, placeBuiltDemoScenes, writeDemoImagery } from './demoImagery';
import { demoAis, DEMO_AIS_IDS } from './demoAis';
import { AisImportWriter } from '../store/ais';

export const DEMO_PROJECT_NAME = 'Rajin port (demo)';
/** Optical scenes at the end of the series (and the radar scenes among them) are left unmarked and unexamined, so a new user has something to do. */
const UNMARKED_TAIL = 3;

/** The demo's imagery folder, beside its project file. */
export const demoImageryDir = (file: string) => path.join(path.dirname(file), 'imagery');

/**
 * Where the build puts the demo scenes it rendered (scripts/build.mjs): beside the bundle that runs
 * this (dist/electron/demo-scenes); from sources (tests) there are none and every scene is generated.
 */
const builtScenesDir = (): string | null => (typeof __dirname === 'string' ? path.join(__dirname, 'demo-scenes') : null);

/** The whole demo, imagery first: for the CLI, tests and benchmarks, which want every scene on disk. */
export async function createDemoProject(file: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  await writeDemoImagery(demoImageryDir(file), onProgress);
  writeDemoProjectFile(file);
}

/**
 * Writes the demo's project file: site, quays, scenes, observability, vessels and sightings. A scene
 * whose imagery is already in the imagery folder (or shipped by the build: the one the view opens on)
 * is recorded as that file; the others are written afterwards (DemoImageryWriter), and recorded as each arrives.
 */
export function writeDemoProjectFile(file: string): void {
  const imageryDir = demoImageryDir(file);
  fs.mkdirSync(imageryDir, { recursive: true });
  // The scene the view opens on, shipped ready: recorded below like the others already on disk.
  const built = builtScenesDir();
  if (built) placeBuiltDemoScenes(built, imageryDir);
  const data = demoDataset();

  // Build in a temporary file and rename, so a crash mid-way never leaves a half demo behind.
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const store = ProjectStore.create(tmp, DEMO_PROJECT_NAME, { author: 'demo' });
  try {
    historyOf(store).run('Create the demo project', () => {
      const site = store.createSite({ name: data.site.name, aoi: data.site.aoi });
      const zones = new Map(data.zones.map((z) => [z.name, store.createZone({ siteId: site.id, ...z })]));
      const vessels = new Map(
        data.vessels.map((v) => [
          v.name,
          store.createVessel({
            kind: 'vessel',
            name: v.name,
            aliases: [],
            imo: DEMO_AIS_IDS[v.name]?.imo ?? null,
            mmsi: DEMO_AIS_IDS[v.name]?.mmsi ?? null,
            callSign: DEMO_AIS_IDS[v.name]?.callSign ?? null,
            flag: v.flag,
            lengthM: v.lengthM,
            beamM: v.beamM,
          }),
        ]),
      );
      // The tail of the series (the last optical scenes, and radar scenes after the last finished one) is
      // left to the new user: not examined, so it is neither presence nor absence yet.
      const finishedUntil = data.scenes[data.scenes.length - UNMARKED_TAIL - 1]!.acquired;
      const all = [
        ...data.scenes.map((s) => ({ ...s, sensor: 'optical' as const, acquisition: {} })),
        ...data.radarScenes.map((s) => ({ ...s, sensor: 'sar' as const, cloudCover: null, obscuredZones: [] as string[] })),
      ];
      for (const s of all) {
        const scene = store.createScene({
          siteId: site.id,
          acquired: s.acquired,
          provider: s.provider,
          product: s.product,
          itemId: s.itemId,
          footprint: s.footprint,
          cloudCover: s.cloudCover,
          gsd: s.gsd,
          credit: s.credit,
          source: { kind: 'geotiff', path: path.posix.join('imagery', s.file) },
          sensor: s.sensor,
          acquisition: s.acquisition,
        });
        // The demo's own files, just written: recorded like any import, so they are served as its scenes.
        const identity = localImageryIdentity(path.join(imageryDir, s.file), 'geotiff');
        if (identity) recordSceneFile(store, scene.id, identity);
        // Optical: clear unless cloud covers the zone. Radar: clear, as its footprint holds every zone (observability.ts).
        for (const [name, zone] of zones) {
          const obscured = s.obscuredZones.includes(name);
          store.setObservability({ sceneId: scene.id, zoneId: zone.id, value: obscured ? 'obscured' : 'clear', overridden: false });
        }
        if (s.acquired > finishedUntil) continue;
        // The rest is finished work: every zone the analyst could see, examined.
        for (const [name, zone] of zones) if (!s.obscuredZones.includes(name)) store.markExamined({ sceneId: scene.id, zoneId: zone.id });
        for (const ship of s.ships) {
          if (ship.zone && s.obscuredZones.includes(ship.zone)) continue; // an analyst cannot see it
          store.createSighting({
            sceneId: scene.id,
            class: 'vessel',
            geometry: { type: 'Point', coordinates: ship.lonLat },
            vesselId: vessels.get(ship.name)?.id ?? null,
            confidence: 'confirmed',
          });
        }
      }
    }, { origin: 'import' });
    writeDemoAis(store);
  } finally {
    store.checkpoint();
    store.close();
  }
  fs.renameSync(tmp, file);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
}

/** The demo's AIS (demoAis.ts), recorded as an AIS import like any other. */
function writeDemoAis(store: ProjectStore) {
  const { positions, statics } = demoAis();
  const writer = AisImportWriter.begin(store);
  const num = (mmsi: string) => Number(mmsi);
  for (const p of positions) writer.position(p.t, { mmsi: num(p.mmsi), lon: p.lon, lat: p.lat, sog: p.sog, cog: p.cog, heading: p.heading, navStatus: p.navStatus });
  for (const x of statics) writer.static(x.t, { ...x, mmsi: num(x.mmsi) });
  const mmsis = new Set(positions.map((p) => p.mmsi));
  writer.commit(
    {
      state: 'done',
      files: [{ path: 'demo-ais.nmea', format: 'nmea', lines: positions.length + statics.length, messages: positions.length + statics.length }],
      read: positions.length + statics.length,
      kept: positions.length,
      outside: 0,
      statics: statics.length,
      duplicates: 0,
      bad: {},
      vessels: mmsis.size,
      from: new Date(positions[0]!.t).toISOString(),
      to: new Date(positions.at(-1)!.t).toISOString(),
      bufferKm: 30,
      importId: null,
    },
    'AIS of the demo',
  );
}
