// STAC and radar imports of real files: COGs written by GDAL, items, collections and catalogs written
// as providers publish them, imported through the app's one import path (importScenes). What a user
// sees: the scenes that appear (sensor, time, what the metadata says of how they were taken), their
// observability at each quay, and for a GCP-only product the command that makes it usable.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseOf } from '../store/projectStore';
import { stacProject } from './fixtures/stacProject';
import { importScenes } from './importScenes';
import { rederiveObservability } from './observability';
import { makeGcpOnlyGrd, makeSarCog, writeStacCatalog, writeStacItem } from './fixtures/stacBuild';

const project = stacProject();
const { at } = project;
/** Edits recorded: unchanged means the project did not change. */
const editRows = () => (databaseOf(project.store).prepare('SELECT count(*) AS n FROM edit').get() as { n: number }).n;

/** A quay inside the fixtures' footprint and one far away. */
function addZones() {
  const site = project.store.createSite({ name: 'Rajin' });
  const [w, s, e, n] = [130.27, 42.325, 130.274, 42.328];
  const pier = project.store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
  const edge = project.store.createZone({ siteId: site.id, name: 'Edge pier', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130.28, 42.33], [130.3, 42.33], [130.3, 42.332], [130.28, 42.332], [130.28, 42.33]]] } });
  const away = project.store.createZone({ siteId: site.id, name: 'Far pier', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[131, 43], [131.01, 43], [131.01, 43.01], [131, 43.01], [131, 43]]] } });
  return { pier, edge, away };
}
const observabilityOf = (sceneId: string, zoneId: string) => project.store.observability().find((o) => o.sceneId === sceneId && o.zoneId === zoneId)?.value;

describe('STAC catalogs', () => {
  it('imports a static catalog: optical with its UDM2, radar single (VV) and dual (VV+VH) polarisation, with what each item says', async () => {
    const { pier, edge, away } = addZones();
    const catalog = writeStacCatalog(at('delivery'), { id: 'harbour-watch', provider: 'Fixture Space', license: 'CC-BY-4.0' }, [
      { id: 'opt-clear', kind: 'optical', datetime: '2025-01-10T01:30:00Z', cloudCover: 12, udm: 'clear' },
      { id: 'opt-cloud', kind: 'optical', datetime: '2025-01-11T01:30:00Z', cloudCover: 85, udm: 'cloud' },
      { id: 's1-vv', kind: 'sar-vv', datetime: '2025-01-12T21:10:05Z', cloudCover: 90 },
      { id: 's1-dual', kind: 'sar-dual', span: ['2025-01-13T21:10:05Z', '2025-01-13T21:10:30Z'] },
    ]);
    const r = await importScenes(project.store, [path.dirname(catalog)]);
    expect(r.errors).toEqual([]);
    const byId = new Map(r.imported.map((s) => [s.itemId, s]));
    expect([...byId.keys()].sort()).toEqual(['opt-clear', 'opt-cloud', 's1-dual', 's1-vv']);

    const optical = byId.get('opt-clear')!;
    expect(optical).toMatchObject({
      sensor: 'optical', acquired: '2025-01-10T01:30:00.000Z', provider: 'Fixture Space', product: 'harbour-watch',
      cloudCover: 0.12, gsd: 3.7, credit: 'Fixture Space (CC-BY-4.0)',
      // Outside the project folder: named by its absolute path, as every importer does.
      source: { kind: 'geotiff', path: at('delivery', 'harbour-watch', 'opt-clear', 'visual.tif') },
      acquisition: { platform: 'SN24', constellation: 'PlanetScope', offNadirDeg: 4.2 },
    });
    const vv = byId.get('s1-vv')!;
    expect(vv).toMatchObject({
      sensor: 'sar', product: 'RTC', acquired: '2025-01-12T21:10:05.000Z', gsd: 20,
      acquisition: { platform: 'sentinel-1a', constellation: 'sentinel-1', instrumentMode: 'IW', polarizations: ['VV'], productType: 'RTC', frequencyBand: 'C', orbitState: 'descending', relativeOrbit: 61 },
    });
    expect(vv.source).toMatchObject({ path: expect.stringMatching(/s1-vv\/vv\.tif$/) });
    // datetime null: the start of the span is the acquisition time.
    expect(byId.get('s1-dual')).toMatchObject({ sensor: 'sar', acquired: '2025-01-13T21:10:05.000Z', acquisition: { polarizations: ['VV', 'VH'] } });
    expect(byId.get('s1-dual')!.source).toMatchObject({ path: expect.stringMatching(/vv_vh\.tif$/) });

    // Observability: the optical scenes by their UDM2; radar by its footprint alone, whatever the item says of cloud.
    expect(observabilityOf(optical.id, pier.id)).toBe('clear');
    expect(observabilityOf(byId.get('opt-cloud')!.id, pier.id)).toBe('obscured');
    expect(observabilityOf(vv.id, pier.id)).toBe('clear');
    expect(observabilityOf(vv.id, edge.id)).toBe('partial');
    expect(observabilityOf(vv.id, away.id)).toBe('outside');
    // Kept as the item says it (the timeline may show it), but it decides nothing for radar.
    expect(vv.cloudCover).toBe(0.9);
    // The thumbnail is local and unused: not listed; nothing remote was named.
    expect(r.unread ?? []).toEqual([]);
    expect(project.store.scenes()).toHaveLength(4);

    // The same catalog again adds nothing.
    const again = await importScenes(project.store, [catalog]);
    expect(again.imported).toEqual([]);
    expect(project.store.scenes()).toHaveLength(4);
  });

  it('imports a single item.json; a remote thumbnail is listed as not fetched and the scene still imports', async () => {
    const item = writeStacItem(at('items'), { id: 'opt-1', kind: 'optical', assets: { thumbnail: { href: 'https://example.com/thumb.png', roles: ['thumbnail'] } } });
    const r = await importScenes(project.store, [item]);
    expect(r.errors).toEqual([]);
    expect(r.imported).toHaveLength(1);
    expect(r.unread).toEqual([{ path: item, href: 'https://example.com/thumb.png', reason: expect.stringMatching(/remote: not fetched/) }]);
  });

  it('uses a Planet-style UDM2 for per-quay observability over the scene-wide cloud cover', async () => {
    const { pier } = addZones();
    // The item says 5 % cloud, but its UDM2 says the quay is under cloud: the mask wins.
    const item = writeStacItem(at('items'), { id: 'opt-udm', kind: 'optical', cloudCover: 5, udm: 'cloud' });
    const r = await importScenes(project.store, [item]);
    expect(r.errors).toEqual([]);
    expect(observabilityOf(r.imported[0]!.id, pier.id)).toBe('obscured');
  });

  it('finds the UDM2 again when a quay is drawn after the import, and radar stays clear by footprint', async () => {
    const opt = writeStacItem(at('items'), { id: '20250114_013845_12_2461', kind: 'optical', cloudCover: 5, udm: 'cloud' });
    const sar = writeStacItem(at('items'), { id: 's1', kind: 'sar-vv', cloudCover: 90 });
    const r = await importScenes(project.store, [opt, sar]);
    expect(r.errors).toEqual([]);
    const { pier } = addZones();
    await rederiveObservability(project.store);
    const [o, s] = [r.imported.find((x) => x.sensor === 'optical')!, r.imported.find((x) => x.sensor === 'sar')!];
    expect(observabilityOf(o.id, pier.id)).toBe('obscured');
    expect(observabilityOf(s.id, pier.id)).toBe('clear');
  });
});

describe('STAC shapes', () => {
  it('takes an ItemCollection file, an item with no geometry (footprint from its GeoTIFF) and separate VV and VH assets', async () => {
    const a = writeStacItem(at('fc'), { id: 'a', kind: 'sar-vv' });
    const doc = JSON.parse(fs.readFileSync(a, 'utf8')) as { geometry: unknown; assets: Record<string, { href: string }> };
    doc.geometry = null;
    // Sentinel-1 RTC style: one file per polarisation, VH listed first.
    fs.copyFileSync(path.join(at('fc', 'a'), 'vv.tif'), path.join(at('fc', 'a'), 'vh.tif'));
    doc.assets = {
      vh: { href: './a/vh.tif', roles: ['data'], 'sar:polarizations': ['VH'] } as never,
      vv: { href: './a/vv.tif', roles: ['data'], 'sar:polarizations': ['VV'] } as never,
    };
    const fc = path.join(at('fc'), 'items.json');
    fs.writeFileSync(fc, JSON.stringify({ type: 'FeatureCollection', features: [{ ...doc, properties: { ...(doc as never as { properties: object }).properties, 'sar:polarizations': ['VV', 'VH'] } }] }));
    const r = await importScenes(project.store, [fc]);
    expect(r.errors).toEqual([]);
    const s = r.imported[0]!;
    expect(s).toMatchObject({ sensor: 'sar', itemId: 'a', acquisition: { polarizations: ['VV'] }, source: { path: at('fc', 'a', 'vv.tif') } });
    expect(s.footprint!.coordinates[0]!).toHaveLength(33); // densified from the GeoTIFF's UTM box
    expect(r.unread).toEqual([{ path: fc, href: './a/vh.tif', reason: 'asset "vh" not used: a scene shows one image (asset "vv")' }]);
  });

  it('lists the first 200 unread assets one by one and counts the rest', async () => {
    const remote = (id: string) => Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, { href: `https://example.com/${id}/${i}.png`, roles: ['thumbnail'] }]));
    const catalog = writeStacCatalog(at('many'), { id: 'c' }, [{ id: 'x', kind: 'sar-vv', assets: remote('x') }, { id: 'y', kind: 'sar-vv', datetime: '2025-01-15T00:00:00Z', assets: remote('y') }]);
    const r = await importScenes(project.store, [catalog]);
    expect(r.imported).toHaveLength(2);
    expect(r.unread).toHaveLength(201);
    expect(r.unread![200]).toEqual({ path: '', href: '…', reason: 'and 100 more not read' });
  });

  it('imports a catalog and one of its own items given together once', async () => {
    const catalog = writeStacCatalog(at('d'), { id: 'c' }, [{ id: 'x', kind: 'sar-vv' }]);
    const r = await importScenes(project.store, [catalog, at('d', 'c', 'x', 'x.json')]);
    expect(r.imported).toHaveLength(1);
    expect(r.errors).toEqual([{ path: at('d', 'c', 'x', 'vv.tif'), message: 'vv.tif was given twice in this import; it is imported once.', needsAcquired: false }]);
    expect(project.store.scenes()).toHaveLength(1);
  });
});

describe('radar GeoTIFFs', () => {
  it('imports a radar COG in EPSG:4326 with its footprint in place', async () => {
    const file = makeSarCog(at('geo_20250119_211000.tif'), { epsg: 4326, ullr: [130.26, 42.34, 130.29, 42.32], metadata: { POLARISATION: 'HH' } });
    const r = await importScenes(project.store, [file]);
    expect(r.errors).toEqual([]);
    expect(r.imported[0]).toMatchObject({ sensor: 'sar', gsd: null, acquired: '2025-01-19T21:10:00.000Z', acquisition: { polarizations: ['HH'] } });
    const ring = r.imported[0]!.footprint!.coordinates[0]!;
    expect(Math.min(...ring.map((p) => p[0]))).toBeCloseTo(130.26, 7);
    expect(Math.max(...ring.map((p) => p[1]))).toBeCloseTo(42.34, 7);
  });

  it('refuses a GCP-only GRD with the exact gdalwarp command, naming the file; the command makes a file that imports', async () => {
    const grd = makeGcpOnlyGrd(at('S1A_IW_GRDH_20250115.tif'));
    const before = editRows();
    const r = await importScenes(project.store, [grd], { acquired: '2025-01-15T21:10:00Z' });
    expect(r.imported).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe(grd);
    const out = at('S1A_IW_GRDH_20250115_epsg32652.tif');
    expect(r.errors[0]!.message).toContain(`S1A_IW_GRDH_20250115.tif is placed only by ground control points`);
    expect(r.errors[0]!.message).toContain(`gdalwarp -t_srs EPSG:32652 -r bilinear -of COG ${grd} ${out}`);
    expect(project.store.scenes()).toHaveLength(0);
    expect(editRows()).toBe(before);
    // Run as given, the command makes a map-ready COG that imports where the GCPs put it.
    const command = /gdalwarp [^(]*?\.tif \S+\.tif/.exec(r.errors[0]!.message)![0].split(' ');
    execFileSync(command[0]!, ['-q', ...command.slice(1)], { stdio: 'ignore' });
    const ok = await importScenes(project.store, [out], { acquired: '2025-01-15T21:10:00Z' });
    expect(ok.errors).toEqual([]);
    const ring = ok.imported[0]!.footprint!.coordinates[0]!;
    expect(Math.min(...ring.map((p) => p[0]))).toBeCloseTo(130.262, 3);
    expect(Math.max(...ring.map((p) => p[1]))).toBeCloseTo(42.3363, 3);
  });

  it('refuses a STAC item whose GRD is GCP-only, naming the image, and imports nothing of its catalog', async () => {
    const catalog = writeStacCatalog(at('s1'), { id: 's1' }, [
      { id: 'ok', kind: 'sar-vv' },
      { id: 'grd', kind: 'grd-gcp' },
    ]);
    const r = await importScenes(project.store, [catalog]);
    expect(r.imported).toEqual([]);
    expect(r.errors).toEqual([{ path: at('s1', 's1', 'grd', 'grd.tif'), message: expect.stringMatching(/grd\.tif is placed only by ground control points.*gdalwarp -t_srs EPSG:32652/), needsAcquired: false }]);
    expect(project.store.scenes()).toHaveLength(0);
  });

  it('reads a float32 amplitude COG for footprint and CRS; a bare GeoTIFF is radar only when its metadata names polarisations', async () => {
    const tagged = makeSarCog(at('tagged_20250116_211000.tif'), { metadata: { POLARISATION: 'VV' } });
    const dual = makeSarCog(at('dual_20250117_211000.tif'), { bands: 2, type: 'UInt16', metadata: { POLARIZATIONS: 'VV VH' } });
    const untagged = makeSarCog(at('untagged_20250118_211000.tif'));
    const r = await importScenes(project.store, [tagged, dual, untagged]);
    expect(r.errors).toEqual([]);
    const byFile = new Map(r.imported.map((s) => [path.basename((s.source as { path: string }).path), s]));
    expect(byFile.get('tagged_20250116_211000.tif')).toMatchObject({ sensor: 'sar', gsd: 30, acquisition: { polarizations: ['VV'] } });
    expect(byFile.get('dual_20250117_211000.tif')).toMatchObject({ sensor: 'sar', acquisition: { polarizations: ['VV', 'VH'] } });
    expect(byFile.get('untagged_20250118_211000.tif')).toMatchObject({ sensor: 'optical', acquisition: {} });
    // gdaltransform -s_srs EPSG:32652 -t_srs EPSG:4326 of the SW corner 604000 4686000: 130.262091 42.319300
    const sw = byFile.get('tagged_20250116_211000.tif')!.footprint!.coordinates[0]![0]!;
    expect(sw[0]).toBeCloseTo(130.262091, 5);
    expect(sw[1]).toBeCloseTo(42.3193, 5);
  });
});
