// The real `quaywatch` bin as a subprocess: exit codes, stdout, and one line on stderr for an error.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../testing/tmp';
import { sha256, writeFile } from './testing/cliHarness';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'quaywatch.cjs');

let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  // The bin launches dist/electron/cli.cjs; bundle it from the current sources as `npm run build` does.
  const { buildCli } = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as { buildCli: () => Promise<void> };
  await buildCli();
}, 60_000);
beforeEach(() => (tmp = tempDir('qw-bin-')));
afterEach(() => tmp.cleanup());

const quaywatch = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: tmp.dir });

describe('quaywatch bin', () => {
  it('creates a project, imports zones, and prints info and stats JSON with exit code 0', () => {
    const file = path.join(tmp.dir, 'p.quaywatch');
    expect(quaywatch('new', file, '--name', 'Port').status).toBe(0);
    const zones = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Quay A' }, geometry: { type: 'Polygon', coordinates: [[[129, 42], [129.01, 42], [129.01, 42.01], [129, 42.01], [129, 42]]] } }] };
    const z = quaywatch('zones', 'import', file, writeFile(tmp.dir, 'z.geojson', zones));
    expect(z.status).toBe(0);
    expect(z.stdout).toBe('Zones: 1 added, 0 updated, 0 unchanged.\nSites added: Port.\n');
    const info = JSON.parse(execFileSync(process.execPath, [bin, 'info', file, '--json'], { encoding: 'utf8' }));
    expect(info).toMatchObject({ name: 'Port', sites: 1, zones: 1 });
    const s = quaywatch('stats', file, '--json');
    expect(s.status).toBe(0);
    expect(s.stderr).toBe('');
    expect(JSON.parse(s.stdout)).toMatchObject({ visits: [], monthly: [], dwell: [], coverage: [], containers: [], comparison: null });
  });

  it('exits 1 with one stderr line for a bad file, 2 for a bad command line, and leaves the project as it was', () => {
    const file = path.join(tmp.dir, 'p.quaywatch');
    quaywatch('new', file);
    const before = sha256(file);
    const bad = quaywatch('sightings', 'import', file, writeFile(tmp.dir, 's.csv', 'scene,class,lon,lat\nX,vessel,129,42\n'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('quaywatch: s.csv line 2: no scene "X" in this project (give a scene id or a provider item id). Nothing was imported.\n');
    const usage = quaywatch('stats', file, '--from');
    expect(usage.status).toBe(2);
    expect(usage.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(usage.stderr).toMatch(/^quaywatch: Option '--from <value>' argument missing/);
    const missing = quaywatch('info', path.join(tmp.dir, 'gone.quaywatch'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^quaywatch: No project at .*gone\.quaywatch: the file does not exist\.\n$/);
    expect(sha256(file)).toBe(before);
  });
});
