// The command a GCP-only product is refused with must work as printed: the right UTM zone for where
// its GCPs are, and paths quoted so it pastes into a shell whatever the folder is called.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../store/projectStore';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { makeGcpOnlyGrd } from './fixtures/stacBuild';
import { utmEpsgAt } from './gcp';

describe('the UTM zone of a place', () => {
  it.each([
    [130.27, 42.33, 32652], // Rajin
    [4.4, 51.9, 32631], // Rotterdam
    [-74.0, 40.7, 32618], // New York
    [18.42, -33.92, 32734], // Cape Town (south)
    [-180, 0, 32601],
    [179.99, -0.01, 32760],
    [180, 10, 32660],
  ])('%f, %f → EPSG:%i', (lon, lat, epsg) => expect(utmEpsgAt(lon, lat)).toBe(epsg));
});

describe('the gdalwarp command of a refusal', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: ProjectStore;
  beforeEach(() => {
    tmp = tempDir();
    store = ProjectStore.create(path.join(tmp.dir, 'p.quaywatch'), 'p', { author: 'a' });
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('runs as printed in a shell, from a folder whose name has spaces and a quote, south of the equator', async () => {
    const dir = path.join(tmp.dir, "Cape Town's GRDs");
    fs.mkdirSync(dir);
    const grd = makeGcpOnlyGrd(path.join(dir, 'S1B GRD.tif'), { west: 18.4, north: -33.9, east: 18.44, south: -33.94 });
    const r = await importScenes(store, [grd], { acquired: '2025-01-15T17:30:00Z' });
    expect(r.imported).toEqual([]);
    const command = /Make a map-ready copy with: (gdalwarp .*?) \(UTM zone of its GCPs\)/.exec(r.errors[0]!.message)?.[1];
    expect(command).toMatch(/^gdalwarp -t_srs EPSG:32734 -r bilinear -of COG '/);
    execFileSync('sh', ['-c', `${command!} -q`], { stdio: 'ignore' });
    const out = path.join(dir, 'S1B GRD_epsg32734.tif');
    const ok = await importScenes(store, [out], { acquired: '2025-01-15T17:30:00Z' });
    expect(ok.errors).toEqual([]);
    const ring = ok.imported[0]!.footprint!.coordinates[0]!;
    expect(Math.min(...ring.map((p) => p[1]))).toBeCloseTo(-33.94, 2);
  });
});
