// Hostile STAC: hrefs that lead out of the folder chosen (.., absolute paths, file: addresses, links),
// remote images, catalogs too big or too deep, links in a cycle, malformed JSON and wrong types. Each is
// refused naming the file, nothing outside the folder is read, and the project is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { databaseOf } from '../store/projectStore';
import { stacProject } from './fixtures/stacProject';
import { importScenes } from './importScenes';
import { makeGeoTiff } from './fixtures/build';
import { writeStacCatalog, writeStacItem, ULLR } from './fixtures/stacBuild';
import type { ImportResult } from '../../../shared/calls/imagery';

const project = stacProject();
const { at } = project;
/** Edits recorded: unchanged means the project did not change. */
const editRows = () => (databaseOf(project.store).prepare('SELECT count(*) AS n FROM edit').get() as { n: number }).n;
const json = (file: string, value: unknown) => (fs.mkdirSync(path.dirname(file), { recursive: true }), fs.writeFileSync(file, JSON.stringify(value)), file);
const catalogLinking = (file: string, links: { rel: string; href: string }[]) => json(file, { type: 'Catalog', stac_version: '1.1.0', id: path.basename(path.dirname(file)), description: 'x', links });

/** Imports and checks the one refusal: its file, its words, and that the project did not change. */
async function refused(paths: string[], file: string, words: RegExp, opts: Parameters<typeof importScenes>[2] = {}): Promise<ImportResult> {
  const before = editRows();
  const r = await importScenes(project.store, paths, opts);
  expect(r.imported).toEqual([]);
  expect(r.errors).toEqual([{ path: file, message: expect.stringMatching(words), needsAcquired: false }]);
  expect(r.errors[0]!.message).toContain(path.basename(file));
  expect(project.store.scenes()).toHaveLength(0);
  expect(editRows()).toBe(before);
  return r;
}

describe('hrefs that leave the folder chosen', () => {
  it('refuses an asset href climbing out with ..', async () => {
    makeGeoTiff(at('secret.tif'), { ullr: ULLR });
    const item = writeStacItem(at('chosen'), { id: 'a', kind: 'optical', assets: { visual: { href: '../../secret.tif', roles: ['visual'] } } });
    await refused([item], item, /asset "visual" "\.\.\/\.\.\/secret\.tif" leads outside a, the folder chosen \(\.\.\)/);
  });

  it('follows .. while it stays inside the folder chosen (a catalog\'s shared assets)', async () => {
    const cat = writeStacCatalog(at('chosen'), { id: 'c' }, [{ id: 'x', kind: 'optical' }]);
    fs.mkdirSync(at('chosen', 'shared'));
    fs.renameSync(at('chosen', 'c', 'x', 'visual.tif'), at('chosen', 'shared', 'visual.tif'));
    const item = at('chosen', 'c', 'x', 'x.json');
    const doc = JSON.parse(fs.readFileSync(item, 'utf8')) as { assets: { visual: { href: string } } };
    doc.assets.visual.href = '../../shared/visual.tif';
    fs.writeFileSync(item, JSON.stringify(doc));
    const r = await importScenes(project.store, [cat]);
    expect(r.errors).toEqual([]);
    expect(r.imported[0]!.source).toEqual({ kind: 'geotiff', path: at('chosen', 'shared', 'visual.tif') });
  });

  it('refuses an absolute asset path and a file: address, even on an asset never read (a thumbnail)', async () => {
    makeGeoTiff(at('secret.tif'), { ullr: ULLR });
    const abs = writeStacItem(at('chosen'), { id: 'abs', kind: 'optical', assets: { visual: { href: at('secret.tif'), roles: ['visual'] } } });
    await refused([abs], abs, /is an absolute path/);
    const fileUrl = writeStacItem(at('chosen2'), { id: 'url', kind: 'optical', assets: { thumbnail: { href: `file://${at('secret.tif')}`, roles: ['thumbnail'] } } });
    await refused([fileUrl], fileUrl, /absolute file: address/);
  });

  it('refuses a child link to a catalog outside the folder, and a percent-encoded ..', async () => {
    writeStacCatalog(at('elsewhere'), { id: 'c' }, [{ id: 'x', kind: 'sar-vv' }]);
    const cat = catalogLinking(at('chosen', 'catalog.json'), [{ rel: 'child', href: '../elsewhere/c/collection.json' }]);
    await refused([at('chosen')], cat, /child link "\.\.\/elsewhere.*leads outside chosen, the folder chosen/);
    const enc = catalogLinking(at('chosen2', 'catalog.json'), [{ rel: 'child', href: '%2e%2e/elsewhere/c/collection.json' }]);
    await refused([at('chosen2')], enc, /"%2e%2e\/elsewhere\/c\/collection\.json" leads outside chosen2, the folder chosen \(\.\.\)/);
  });

  it('refuses a symbolic link inside the folder that leads out of it (the folder chosen is the item\'s own)', async () => {
    makeGeoTiff(at('secret.tif'), { ullr: ULLR });
    const item = writeStacItem(at('chosen'), { id: 'l', kind: 'optical' });
    fs.rmSync(path.join(path.dirname(item), 'visual.tif'));
    fs.symlinkSync(at('secret.tif'), path.join(path.dirname(item), 'visual.tif'));
    await refused([item], item, /leads outside l \(a link to/);
  });

  it('refuses an item whose image is remote (never fetched), saying what to do', async () => {
    const item = writeStacItem(at('chosen'), { id: 'r', kind: 'sar-vv', assets: { vv: { href: 'https://capella.example/open-data/vv.tif', roles: ['data'] } } });
    const r = await refused([item], item, /its image is at https:\/\/capella\.example\/open-data\/vv\.tif, which Quaywatch does not fetch/);
    // A refused source lists nothing: the refusal is what the user reads.
    expect(r.unread).toBeUndefined();
  });

  it('lists a remote child catalog as not fetched and imports the local items', async () => {
    const cat = writeStacCatalog(at('chosen'), { id: 'c' }, [{ id: 'x', kind: 'sar-vv' }]);
    const doc = JSON.parse(fs.readFileSync(cat, 'utf8')) as { links: unknown[] };
    doc.links.push({ rel: 'child', href: 'https://stac.example/catalog.json' });
    fs.writeFileSync(cat, JSON.stringify(doc));
    const r = await importScenes(project.store, [cat]);
    expect(r.errors).toEqual([]);
    expect(r.imported).toHaveLength(1);
    expect(r.unread).toEqual([{ path: cat, href: 'https://stac.example/catalog.json', reason: 'child link to a remote address: not fetched' }]);
  });
});

describe('catalogs too big, too deep, or in a cycle', () => {
  it('refuses a catalog with more items than the limit, naming it', async () => {
    const items = Array.from({ length: 4 }, (_, i) => ({ rel: 'item', href: `./i${i}.json` }));
    for (let i = 0; i < 4; i++) json(at('big', `i${i}.json`), { type: 'Feature' });
    const cat = catalogLinking(at('big', 'catalog.json'), items);
    await refused([at('big')], at('big', 'i3.json'), /catalog\.json holds more than 3 items/, { stacLimits: { maxDepth: 12, maxFiles: 100, maxItems: 3, maxFileBytes: 1 << 20 } });
    expect(fs.existsSync(cat)).toBe(true);
  });

  it('refuses a STAC file larger than the limit before reading it', async () => {
    const cat = catalogLinking(at('huge', 'catalog.json'), [{ rel: 'child', href: './sub/catalog.json' }]);
    const big = at('huge', 'sub', 'catalog.json');
    json(big, { type: 'Catalog', stac_version: '1.1.0', id: 'sub', description: 'x'.repeat(5000), links: [] });
    await refused([cat], big, /sub\/catalog\.json is \d+ bytes, more than the 4096/, { stacLimits: { maxDepth: 12, maxFiles: 100, maxItems: 100, maxFileBytes: 4096 } });
  });

  it('refuses child links in a cycle, naming the file whose link closes it', async () => {
    const a = catalogLinking(at('loop', 'catalog.json'), [{ rel: 'child', href: './b/catalog.json' }]);
    const b = catalogLinking(at('loop', 'b', 'catalog.json'), [{ rel: 'child', href: '../catalog.json' }, { rel: 'parent', href: '../catalog.json' }]);
    // b's link back up stays inside the folder chosen: it is the cycle that is refused, not the `..`.
    await refused([at('loop')], b, /its links form a cycle \(it leads back to catalog\.json\)/);
    expect(fs.existsSync(a)).toBe(true);
  });

  it('refuses a chain deeper than the limit', async () => {
    let dir = at('deep');
    for (let i = 0; i < 4; i++) {
      catalogLinking(path.join(dir, 'catalog.json'), [{ rel: 'child', href: './d/catalog.json' }]);
      dir = path.join(dir, 'd');
    }
    catalogLinking(path.join(dir, 'catalog.json'), []);
    await refused([at('deep')], path.join(dir, 'catalog.json'), /lies more than 3 links below catalog\.json/, { stacLimits: { maxDepth: 3, maxFiles: 100, maxItems: 100, maxFileBytes: 1 << 20 } });
  });
});

describe('malformed STAC', () => {
  it('refuses malformed JSON, naming the file', async () => {
    const cat = catalogLinking(at('bad', 'catalog.json'), [{ rel: 'item', href: './item.json' }]);
    fs.writeFileSync(at('bad', 'item.json'), '{"type": "Feature", "id": ');
    await refused([cat], at('bad', 'item.json'), /item\.json is not valid JSON/);
  });

  it('refuses wrong types naming the field: cloud cover as text, a polarisation that is none, an off-nadir of 120°', async () => {
    const text = writeStacItem(at('t1'), { id: 'cc', kind: 'optical', properties: { 'eo:cloud_cover': '12' } });
    await refused([text], text, /cc\.json was refused: properties\.eo:cloud_cover/);
    const pol = writeStacItem(at('t2'), { id: 'pol', kind: 'sar-vv', properties: { 'sar:polarizations': ['XX'] } });
    await refused([pol], pol, /properties\.sar:polarizations\[0\]/);
    const nadir = writeStacItem(at('t3'), { id: 'nadir', kind: 'optical', properties: { 'view:off_nadir': 120 } });
    await refused([nadir], nadir, /view:off_nadir: must be between 0 and 90/);
  });

  it('refuses an item with no time, a bowtie footprint, and a proj:code the image contradicts', async () => {
    const none = writeStacItem(at('u1'), { id: 'none', kind: 'sar-vv', datetime: null, properties: { datetime: null } });
    await refused([none], none, /none\.json has no valid acquisition time/);
    const bow = writeStacItem(at('u2'), { id: 'bow', kind: 'optical' });
    const doc = JSON.parse(fs.readFileSync(bow, 'utf8')) as { geometry: unknown };
    doc.geometry = { type: 'Polygon', coordinates: [[[130.26, 42.32], [130.29, 42.34], [130.29, 42.32], [130.26, 42.34], [130.26, 42.32]]] };
    fs.writeFileSync(bow, JSON.stringify(doc));
    await refused([bow], bow, /bow\.json was refused: geometry/);
    const crs = writeStacItem(at('u3'), { id: 'crs', kind: 'optical', properties: { 'proj:code': 'EPSG:32651' } });
    await refused([crs], crs, /says its image is in EPSG:32651 \(proj:\), but visual\.tif is in EPSG:32652/);
  });

  it('refuses JSON that is no STAC document', async () => {
    const other = json(at('x', 'other.json'), { hello: 'world' });
    await refused([other], other, /other\.json is not a STAC Item/);
  });
});
