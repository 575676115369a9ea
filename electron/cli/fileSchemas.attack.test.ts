// Attack: files that carry what the API refuses. Before the fix the zones importer took 3,001 rings
// (the API allows 100), a sightings file took counts the API refuses, and a package manifest of the
// right format with a wrong field was called "another format". Through the real command line, each is
// refused in one line naming the file and the field, exit 1, the project byte-for-byte unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore } from '../node/store/projectStore';
import { contentSha256, MANIFEST_ENTRY, CONTENT_ENTRY, PACKAGE_FORMAT } from '../node/review/packageFormat';
import { writeZip } from '../node/imagery/fixtures/build';
import { tempDir } from '../testing/tmp';
import { cli, featureCollection, rect, sha256, writeFile } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;
beforeEach(async () => {
  tmp = tempDir('qw-cli-attack-');
  project = path.join(tmp.dir, 'port.quaywatch');
  expect((await cli('new', project, '--name', 'Test port')).code).toBe(0);
  const store = ProjectStore.open(project, { author: 'test' });
  store.createScene({
    siteId: (store.sites()[0] ?? store.createSite({ name: 'Port' })).id, acquired: '2025-01-14T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: '20250114_013845_12_abcd',
    footprint: null, cloudCover: null, gsd: 3, credit: '', source: { kind: 'geotiff', path: 'a.tif' },
  });
  store.close();
});
afterEach(() => tmp.cleanup());

async function expectRefused(args: string[], message: RegExp) {
  const before = sha256(project);
  const r = await cli(...args);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(message);
  expect(r.err[0]).not.toMatch(/TypeError|Cannot read properties|undefined/);
  expect(r.code).toBe(1);
  expect(sha256(project)).toBe(before);
}

describe('zones file', () => {
  it('a zone of 3,001 rings is refused (the API allows 100), naming the file and the feature', async () => {
    // An outer square with 3,000 tiny square holes inside it: every ring valid on its own.
    const outer = rect(129, 42, 129.1, 42.1).coordinates[0]!;
    const holes = Array.from({ length: 3000 }, (_, i) => {
      const x = 129.001 + (i % 60) * 0.0015;
      const y = 42.001 + Math.floor(i / 60) * 0.0015;
      return rect(x, y, x + 0.0005, y + 0.0005).coordinates[0]!.reverse();
    });
    const file = writeFile(tmp.dir, 'rings.geojson', featureCollection([{ geometry: { type: 'Polygon', coordinates: [outer, ...holes] }, properties: { name: 'Quay A' } }]));
    await expectRefused(['zones', 'import', project, file], /rings\.geojson .*feature 1.*at most 100 rings/);
  });

  it('100 rings still import (the limit is the API’s, not lower)', async () => {
    const outer = rect(129, 42, 129.1, 42.1).coordinates[0]!;
    const holes = Array.from({ length: 99 }, (_, i) => rect(129.001 + i * 0.001, 42.05, 129.0015 + i * 0.001, 42.0505).coordinates[0]!.reverse());
    const file = writeFile(tmp.dir, 'ok.geojson', featureCollection([{ geometry: { type: 'Polygon', coordinates: [outer, ...holes] }, properties: { name: 'Quay A' } }]));
    expect((await cli('zones', 'import', project, file)).code).toBe(0);
  });
});

describe('sightings file', () => {
  it('a container count the API refuses (1,000,000) is refused, naming the line and the field', async () => {
    const file = writeFile(tmp.dir, 's.csv', 'scene,class,lon,lat,count\n20250114_013845_12_abcd,container_stack,129.005,42.005,1000000\n');
    await expectRefused(['sightings', 'import', project, file], /s\.csv line 2: count/);
  });
});

describe('sightings package', () => {
  const content = { site: { id: '00000000-0000-4000-8000-000000000001', name: 'Port', aoi: null }, scenes: [], zones: [], vessels: [], tracks: [], sightings: [], reviews: [], history: [] };
  const goodManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: 1,
    contentSha256: contentSha256(content),
    createdAt: '2025-02-01T00:00:00.000Z',
    exportedBy: 'bo',
    project: { id: 'p', name: 'Port' },
    app: 'Quaywatch test',
  };
  const pkg = (name: string, manifest: unknown, body: unknown = content) => {
    const file = path.join(tmp.dir, name);
    writeZip(file, [
      { name: MANIFEST_ENTRY, data: Buffer.from(JSON.stringify(manifest)) },
      { name: CONTENT_ENTRY, data: Buffer.from(JSON.stringify(body)) },
    ]);
    return file;
  };
  const cases: [string, unknown, RegExp][] = [
    ['missing fields', { format: PACKAGE_FORMAT, formatVersion: 1 }, /manifest\.json is incomplete or not valid \(contentSha256 is missing/],
    ['a version that is text', { ...goodManifest, formatVersion: '1' }, /manifest\.json is not valid \(formatVersion/],
    ['a version of 1e308', { ...goodManifest, formatVersion: 1e308 }, /manifest\.json is not valid \(formatVersion/],
    ['a project that is a number', { ...goodManifest, project: 5 }, /manifest\.json is incomplete or not valid \(project/],
    ['a manifest that is null', null, /not a Quaywatch sightings package/],
  ];
  for (const [label, manifest, message] of cases) {
    it(`${label}: a clear message naming the file and the field`, async () => {
      const file = pkg(`${label.replace(/\W/g, '_')}.zip`, manifest);
      await expectRefused(['package', 'import', project, file], new RegExp(`${path.basename(file).replace('.', '\\.')} was refused: .*${message.source}`));
    });
  }

  it('content with a huge number (a count of 1e308) names content.json and the field', async () => {
    const body = {
      ...content,
      sightings: [{
        id: '00000000-0000-4000-8000-000000000002', sceneId: '00000000-0000-4000-8000-000000000003', class: 'container_stack',
        geometry: { type: 'Point', coordinates: [129.005, 42.005] }, zoneId: null, zoneOverridden: false, confidence: 'confirmed', count: 1e308,
        vesselId: null, trackId: null, notes: '', author: 'bo', createdAt: '2025-02-01T00:00:00.000Z', updatedAt: '2025-02-01T00:00:00.000Z',
      }],
    };
    const file = pkg('huge.zip', { ...goodManifest, contentSha256: contentSha256(body) }, body);
    await expectRefused(['package', 'import', project, file], /huge\.zip was refused: its content\.json is not valid \(sightings\[0\]\.count/);
  });

  it('the good package of the same shape is accepted (control)', async () => {
    const r = await cli('package', 'import', project, pkg('good.zip', goodManifest));
    expect(r.err.join('\n')).not.toMatch(/TypeError/);
    expect(fs.existsSync(project)).toBe(true);
  });
});
