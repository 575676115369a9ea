// Times without a zone are UTC on every machine (issue 16): the importers and the CLI run here on a
// computer set to Seoul (UTC+9), where Date.parse would read "2025-02-01T03:00:00" as 18:00 UTC the
// day before. Set before any test runs; the first test proves it took, so this cannot pass under UTC.
import path from 'node:path';
import { ProjectStore } from '../node/store/projectStore';
import { makeGeoTiff, makePlanetOrder, zipFolder } from '../node/imagery/fixtures/build';
import { importScenes } from '../node/imagery/importScenes';
import { manifestV1Schema } from '../node/review/packageFormat';
import { reportCalls } from '../../shared/calls/export';
import { reviewCalls } from '../../shared/calls/review';
import { sceneAcquiredSchema } from '../../shared/calls/imagery';
import { tempDir } from '../testing/tmp';
import { parseBound } from './commands/stats';
import { cli, sha256 } from './testing/cliHarness';

const machineZone = process.env.TZ;
process.env.TZ = 'Asia/Seoul';
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

let tmp: ReturnType<typeof tempDir>;
let project: string;
beforeEach(async () => {
  tmp = tempDir('qw-utc-');
  process.env.QUAYWATCH_HOME = path.join(tmp.dir, 'home');
  project = path.join(tmp.dir, 'port.quaywatch');
  expect((await cli('new', project)).code).toBe(0);
});
afterEach(() => {
  delete process.env.QUAYWATCH_HOME;
  tmp.cleanup();
});

const acquiredTimes = () => {
  const store = ProjectStore.open(project, { author: 't' });
  try {
    return store.scenes().map((s) => s.acquired).sort();
  } finally {
    store.close();
  }
};

const order = (name: string, times: string[]) =>
  makePlanetOrder(
    path.join(tmp.dir, name),
    times.map((acquired, i) => ({ itemId: `20250201_0300${String(i).padStart(2, '0')}_11_2461`, acquired, cloudCover: 0, clearPercent: 100, udm2: null, shift: [i * 3000, 0] })),
  );

describe('times without a zone, on a computer in Seoul', () => {
  it('runs in Seoul (UTC+9), so Date.parse would shift a zoneless time', () => {
    expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe(-540);
    expect(new Date(Date.parse('2025-02-01T03:00:00')).toISOString()).toBe('2025-01-31T18:00:00.000Z');
  });

  it('reads a Planet order’s "acquired" with no zone as UTC; an offset is converted; microseconds are kept', async () => {
    const o = order('order', ['2025-02-01T03:00:00', '2025-02-02T12:00:00+09:00', '2025-02-03T03:00:00.123456']);
    const r = await cli('scenes', 'import', project, o.dir, '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(acquiredTimes()).toEqual(['2025-02-01T03:00:00.000Z', '2025-02-02T03:00:00.000Z', '2025-02-03T03:00:00.123456Z']);
  });

  it('reads the same in a zipped order, through the importer the app calls', async () => {
    const o = order('zipped', ['2025-02-01T03:00:00']);
    const zip = path.join(tmp.dir, 'zipped.zip');
    zipFolder(o.dir, zip);
    const store = ProjectStore.open(project, { author: 't' });
    try {
      const result = await importScenes(store, [zip]);
      expect(result.errors).toEqual([]);
      expect(result.imported.map((s) => s.acquired)).toEqual(['2025-02-01T03:00:00.000Z']);
    } finally {
      store.close();
    }
  });

  it('refuses an "acquired" that is not a time, naming the field and the file, and imports nothing', async () => {
    const o = order('bad', ['1 Feb 2025 03:00']);
    const before = sha256(project);
    const r = await cli('scenes', 'import', project, o.dir);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/_metadata\.json has no valid "acquired" time \(properties\.acquired: “1 Feb 2025 03:00” is not a date and time/);
    expect(sha256(project)).toBe(before);
  });

  it('scenes import --acquired 2025-02-01T03:00:00 stores 03:00 UTC and says so', async () => {
    const tif = makeGeoTiff(path.join(tmp.dir, 'undated.tif'));
    const r = await cli('scenes', 'import', project, tif, '--acquired', '2025-02-01T03:00:00');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out).toContain('--acquired 2025-02-01T03:00:00 is 2025-02-01T03:00:00.000Z (UTC; a time with no zone is read as UTC).');
    expect(r.out).toContain('  2025-02-01T03:00:00.000Z  Local file');
    expect(acquiredTimes()).toEqual(['2025-02-01T03:00:00.000Z']);
  });

  it('scenes import --template … --acquired with an offset converts it to UTC', async () => {
    const r = await cli('scenes', 'import', project, '--template', 'https://tiles.example.org/{z}/{x}/{y}.png', '--acquired', '2025-02-01T12:00:00+09:00');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out).toContain('--acquired 2025-02-01T12:00:00+09:00 is 2025-02-01T03:00:00.000Z (UTC).');
    expect(acquiredTimes()).toEqual(['2025-02-01T03:00:00.000Z']);
  });

  it('refuses --acquired that is not a time, naming the flag, before the project is touched', async () => {
    const tif = makeGeoTiff(path.join(tmp.dir, 'undated.tif'));
    const before = sha256(project);
    const r = await cli('scenes', 'import', project, tif, '--acquired', '02/01/2025 03:00');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/--acquired: “02\/01\/2025 03:00” is not a date and time: write it as ISO 8601/)]);
    expect(sha256(project)).toBe(before);
  });

  it('stats --from/--to read a zoneless time as UTC and show the period used', async () => {
    expect(parseBound('2025-02-01T03:00:00', 'from')).toBe('2025-02-01T03:00:00.000Z');
    expect(parseBound('2025-02-01 12:00+09:00', 'to')).toBe('2025-02-01T03:00:00.000Z');
    expect(parseBound('2025-02-01', 'to')).toBe('2025-02-02T00:00:00.000Z');
    const r = await cli('stats', project, '--from', '2025-02-01T03:00:00', '--to', '2025-02-02');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Period (UTC): 2025-02-01T03:00:00.000Z to 2025-02-03T00:00:00.000Z (excluded); a time with no zone is read as UTC.');
  });

  it('the API’s and the package’s time fields give on ISO UTC, whatever the zone of the text', () => {
    expect(sceneAcquiredSchema.parse('2025-02-01T03:00:00')).toBe('2025-02-01T03:00:00.000Z');
    expect(reportCalls['report.run'].request.parse({ format: 'pdf', path: 'r.pdf', from: '2025-02-01T03:00:00', to: '2025-02-02' })).toMatchObject({
      from: '2025-02-01T03:00:00.000Z',
      to: '2025-02-02',
    });
    expect(reviewCalls['reviews.queue'].request.parse({ from: '2025-02-01T03:00:00' })).toMatchObject({ from: '2025-02-01T03:00:00.000Z' });
    const manifest = { format: 'quaywatch-sightings-package', formatVersion: 1, contentSha256: 'a'.repeat(64), createdAt: '2025-02-01T03:00:00', exportedBy: 'A', project: { id: 'p', name: 'P' }, app: 'Quaywatch' };
    expect(manifestV1Schema.parse(manifest).createdAt).toBe('2025-02-01T03:00:00.000Z');
    expect(manifestV1Schema.safeParse({ ...manifest, createdAt: 'yesterday' }).success).toBe(false);
  });
});
