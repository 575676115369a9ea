// `quaywatch scenes import` on real files made by GDAL and a synthetic Planet order.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../node/store/projectStore';
import { makeGeoTiff, makePlanetOrder } from '../node/imagery/fixtures/build';
import { makeGcpOnlyGrd, writeStacCatalog } from '../node/imagery/fixtures/stacBuild';
import { tempDir } from '../testing/tmp';
import { cli, sha256 } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;
const home = () => path.join(tmp.dir, 'home');
beforeEach(async () => {
  tmp = tempDir('qw-cli-scenes-');
  process.env.QUAYWATCH_HOME = home();
  project = path.join(tmp.dir, 'port.quaywatch');
  expect((await cli('new', project)).code).toBe(0);
});
afterEach(() => {
  delete process.env.QUAYWATCH_HOME;
  tmp.cleanup();
});

const scenes = () => {
  const store = ProjectStore.open(project, { author: 't' });
  try {
    return store.scenes();
  } finally {
    store.close();
  }
};

describe('quaywatch scenes import', () => {
  it('imports GeoTIFFs (time from TIFFTAG_DATETIME) and a Planet order, prints them, exit 0', async () => {
    const tif = makeGeoTiff(path.join(tmp.dir, 'a.tif'), { datetime: '2025:01:14 01:38:45' });
    const order = makePlanetOrder(path.join(tmp.dir, 'order'), [
      { itemId: '20250110_013000_11_2461', acquired: '2025-01-10T01:30:00Z', cloudCover: 0, clearPercent: 100, udm2: 'clear' },
      { itemId: '20250112_013000_11_2461', acquired: '2025-01-12T01:30:00Z', cloudCover: 0.9, clearPercent: 5, udm2: 'cloud' },
    ]);
    const r = await cli('scenes', 'import', project, tif, order.dir, '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    const out = JSON.parse(r.out) as { imported: { acquired: string; itemId: string | null }[]; errors: unknown[] };
    expect(out.errors).toEqual([]);
    expect(out.imported.map((s) => s.acquired).sort()).toEqual(['2025-01-10T01:30:00.000Z', '2025-01-12T01:30:00.000Z', '2025-01-14T01:38:45.000Z']);
    expect(scenes().map((s) => s.itemId)).toContain('20250112_013000_11_2461');
    // Importing the same sources again adds nothing.
    await cli('scenes', 'import', project, tif, order.dir);
    expect(scenes()).toHaveLength(3);
  });

  it('asks for --acquired when a file carries no time, and changes nothing', async () => {
    const tif = makeGeoTiff(path.join(tmp.dir, 'undated.tif'));
    const before = sha256(project);
    const r = await cli('scenes', 'import', project, tif);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^quaywatch: 1 source not imported: .*(acquisition|date|time)/i);
    expect(sha256(project)).toBe(before);
    const ok = await cli('scenes', 'import', project, tif, '--acquired', '2025-01-20T02:00:00Z');
    expect(ok.code, ok.err.join('\n')).toBe(0);
    expect(scenes().map((s) => s.acquired)).toEqual(['2025-01-20T02:00:00.000Z']);
  });

  it('adds a tile-URL scene with its item id, keeping the API key out of the project', async () => {
    const key = 'PLAK-cli-secret-0123456789';
    const r = await cli('scenes', 'import', project, '--template', `https://tiles.planet.com/data/v1/PSScene/x/{z}/{x}/{y}.png?api_key=${key}`, '--acquired', '2025-01-14T01:38:45Z', '--item-id', '20250114_013845_12_2461');
    expect(r.code, r.err.join('\n')).toBe(0);
    const [scene] = scenes();
    expect(scene!.itemId).toBe('20250114_013845_12_2461');
    expect(scene!.source.kind).toBe('xyz');
    for (const f of [project, `${project}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(key)).toBe(false);
    expect(r.out + r.err.join('\n')).not.toContain(key);
  });

  it('refuses bad command lines with one line and exit 2', async () => {
    for (const argv of [
      ['scenes', 'import', project],
      ['scenes', 'import', project, '--template', 'https://x/{z}/{x}/{y}.png'],
      ['scenes', 'import', project, 'a.tif', '--template', 'https://x/{z}/{x}/{y}.png', '--acquired', '2025-01-01'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toHaveLength(1);
    }
  });
});

describe('quaywatch scenes import with STAC', () => {
  it('imports a static catalog (optical and radar), names the radar scenes, lists a remote asset as not fetched', async () => {
    const catalog = writeStacCatalog(path.join(tmp.dir, 'delivery'), { id: 'harbour', provider: 'Fixture Space' }, [
      { id: 'opt-1', kind: 'optical', datetime: '2025-01-10T01:30:00Z', udm: 'clear' },
      { id: 's1-1', kind: 'sar-dual', datetime: '2025-01-12T21:10:05Z', assets: { preview: { href: 'https://example.com/s1-1.png', roles: ['overview'] } } },
    ]);
    const r = await cli('scenes', 'import', project, catalog);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out).toContain('Imported 2 scenes.');
    expect(r.out).toContain('  2025-01-10T01:30:00.000Z  Fixture Space harbour  opt-1');
    expect(r.out).toContain('  2025-01-12T21:10:05.000Z  Fixture Space RTC (radar)  s1-1');
    expect(r.out).toContain('  https://example.com/s1-1.png: asset "preview" is remote: not fetched');
    expect(scenes().map((s) => [s.itemId, s.sensor]).sort()).toEqual([['opt-1', 'optical'], ['s1-1', 'sar']]);
  });

  it('refuses a catalog whose item points outside the folder, naming the file, exit 1, project unchanged', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'not imagery');
    const catalog = writeStacCatalog(path.join(tmp.dir, 'delivery'), { id: 'harbour' }, [
      { id: 'bad', kind: 'optical', assets: { visual: { href: '../../../secret.txt', roles: ['visual'] } } },
    ]);
    const before = sha256(project);
    const r = await cli('scenes', 'import', project, path.dirname(catalog));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^quaywatch: 1 source not imported: harbour\/bad\/bad\.json was refused: asset "visual" "\.\.\/\.\.\/\.\.\/secret\.txt" leads outside delivery/)]);
    expect(sha256(project)).toBe(before);
  });

  it('refuses a GCP-only GeoTIFF with the gdalwarp command that makes it usable', async () => {
    const grd = makeGcpOnlyGrd(path.join(tmp.dir, 'grd.tif'));
    const r = await cli('scenes', 'import', project, grd, '--acquired', '2025-01-15T21:10:00Z');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain(`gdalwarp -t_srs EPSG:32652 -r bilinear -of COG ${grd} ${path.join(tmp.dir, 'grd_epsg32652.tif')}`);
    expect(scenes()).toEqual([]);
  });
});
