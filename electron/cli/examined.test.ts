// `quaywatch examined set` and `sightings import --examined` on a small project: four clear days of one
// quay, a ship marked on the first and last. Which scenes were examined decides whether the days
// between are absences (two visits) or unknown (one visit), and `stats --json` says how many were examined.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../testing/tmp';
import { cli } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;

beforeEach(async () => {
  tmp = tempDir('qw-cli-examined-');
  project = path.join(tmp.dir, 'p.quaywatch');
  expect((await cli('new', project)).code).toBe(0);
  const zones = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Quay A' }, geometry: { type: 'Polygon', coordinates: [[[129, 42], [129.01, 42], [129.01, 42.01], [129, 42.01], [129, 42]]] } }] };
  fs.writeFileSync(path.join(tmp.dir, 'z.geojson'), JSON.stringify(zones));
  expect((await cli('zones', 'import', project, path.join(tmp.dir, 'z.geojson'))).code).toBe(0);
  const db = new Database(project);
  const site = (db.prepare('SELECT id FROM site').get() as { id: string }).id;
  const ins = db.prepare("INSERT INTO scene (id, site_id, acquired, provider, product, item_id, source) VALUES (?, ?, ?, 'Planet', 'PSScene', ?, '{}')");
  ['01', '02', '03', '04'].forEach((d, i) => ins.run(`00000000-0000-4000-8000-00000000000${i}`, site, `2025-03-${d}T01:00:00.000Z`, `S${i}`));
  db.close();
  const csv = ['scene,class,lon,lat,vessel', 'S0,vessel,129.005,42.005,Angara', 'S3,vessel,129.005,42.005,Angara'].join('\n');
  fs.writeFileSync(path.join(tmp.dir, 's.csv'), csv);
});
afterEach(() => tmp.cleanup());

const stats = async () => JSON.parse((await cli('stats', project, '--json')).out) as { visits: unknown[]; coverage: { clearScenes: number; examinedClearScenes: number }[] };

describe('examined from the command line', () => {
  it('an import examines nothing by default: the two days between are unknown, one visit', async () => {
    expect((await cli('sightings', 'import', project, path.join(tmp.dir, 's.csv'))).code).toBe(0);
    const r = await stats();
    expect(r.visits).toHaveLength(1);
    expect(r.coverage[0]).toMatchObject({ clearScenes: 4, examinedClearScenes: 0 });
  });

  it('--examined marked examines where the file has marks; examined set --from/--to the days between, which split the visit', async () => {
    const imported = await cli('sightings', 'import', project, path.join(tmp.dir, 's.csv'), '--examined', 'marked', '--json');
    expect(JSON.parse(imported.out)).toMatchObject({ added: 2, examined: 2 });
    expect((await stats()).coverage[0]).toMatchObject({ examinedClearScenes: 2 });
    expect((await stats()).visits).toHaveLength(1);

    const set = await cli('examined', 'set', project, '--from', '2025-03-02', '--to', '2025-03-02');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Examined: 1 zone changed on 1 scene.');
    expect((await stats()).visits).toHaveLength(2);

    // And back: --value no on that scene by item id, for that zone only.
    expect((await cli('examined', 'set', project, '--scene', 'S1', '--zone', 'Quay A', '--value', 'no')).code).toBe(0);
    expect((await stats()).visits).toHaveLength(1);
  });

  it('--examined all: a complete annotation, so every clear scene without the ship is an absence', async () => {
    expect((await cli('sightings', 'import', project, path.join(tmp.dir, 's.csv'), '--examined', 'all')).code).toBe(0);
    const r = await stats();
    expect(r.visits).toHaveLength(2);
    expect(r.coverage[0]).toMatchObject({ clearScenes: 4, examinedClearScenes: 4 });
  });

  it('refuses an unclear command line with exit 2 and changes nothing', async () => {
    const before = fs.readFileSync(project);
    for (const args of [['--all', '--scene', 'S1'], ['--from', '2025-03-01'], ['--all', '--value', 'maybe'], []]) {
      const r = await cli('examined', 'set', project, ...args);
      expect(r.code).toBe(2);
      expect(r.err.join('\n')).toMatch(/--|Usage/);
    }
    expect((await cli('sightings', 'import', project, path.join(tmp.dir, 's.csv'), '--examined', 'some')).code).toBe(2);
    expect(fs.readFileSync(project).equals(before)).toBe(true);
  });
});
