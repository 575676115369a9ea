// What the team specs share: the team server they join, PostgreSQL with PostGIS started here
// (electron/testing/pgCluster.ts), one workspace whose members are alice, the host's analyst ("Test Analyst",
// support/host.ts), and her colleague bob (passwords alice-pw and bob-pw); and the two copies of one project
// that alice and bob start from.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Vessel } from '../../shared/domain';
import { makeGeoTiff } from '../../electron/node/imagery/fixtures/build';
import { importScenes } from '../../electron/node/imagery/importScenes';
import { editingOf } from '../../electron/node/store/editing';
import { ProjectStore } from '../../electron/node/store/projectStore';
import type { PgCluster, PgClusterOptions } from '../../electron/testing/pgCluster';
import { startWorkspace } from '../../electron/testing/teamFixture';

/** The spec stops it (afterAll). */
export function startTeamServer(cluster: PgClusterOptions = {}): Promise<PgCluster> {
  return startWorkspace([{ login: 'alice', author: 'Test Analyst', role: 'analyst' }, { login: 'bob', author: 'Bob', role: 'analyst' }], cluster);
}

/**
 * Two copies of one project, mine and my colleague's, in `dir`: a site "Port", a GDAL-made scene, its zone
 * "Quay 1", and a vessel of each name in `vessels`.
 */
export async function twoReplicas(dir: string, vessels: string[] = []): Promise<{ mine: string; colleague: string; vessels: Vessel[] }> {
  const tif = makeGeoTiff(path.join(dir, '20250120_013900_12_2461.tif'), { datetime: '2025:01:20 01:39:00' });
  const template = path.join(dir, 'template.quaywatch');
  const store = ProjectStore.create(template, 'Team port', { author: 'seed' });
  let made: Vessel[];
  try {
    const site = store.createSite({ name: 'Port', aoi: null });
    expect((await importScenes(store, [tif])).errors).toEqual([]);
    editingOf(store).createZone({ siteId: site.id, name: 'Quay 1', kind: 'quay', geometry: store.scenes()[0]!.footprint! });
    const blank: Omit<Vessel, 'id' | 'name'> = { kind: 'vessel', aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null };
    made = vessels.map((name) => editingOf(store).createVessel({ ...blank, name }));
  } finally {
    store.close();
  }
  const mine = path.join(dir, 'mine.quaywatch');
  const colleague = path.join(dir, 'colleague.quaywatch');
  fs.copyFileSync(template, mine);
  fs.copyFileSync(template, colleague);
  return { mine, colleague, vessels: made };
}
