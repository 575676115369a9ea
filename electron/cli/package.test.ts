// `quaywatch package export|import` between two analysts' project files, and "agreement" in `quaywatch stats --json`.
import fs from 'node:fs';
import path from 'node:path';
import type { PolygonGeometry } from '../../shared/domain';
import { seedProject } from '../testing/seedProject';
import { tempDir } from '../testing/tmp';
import { cli, rect, sha256 } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-cli-package-')));
afterEach(() => tmp.cleanup());

/** One analyst's project of the port, with two Planet scenes (ids differ between projects, item ids do not). */
function analystProject(author: string, marks: { day: number; lon: number; cls?: 'vessel' | 'container_stack'; count?: number }[]): string {
  const port = rect(130, 42, 130.05, 42.05) as PolygonGeometry;
  return seedProject(tmp.dir, {
    fileName: `${author}.quaywatch`,
    name: `${author}'s Rajin`,
    author,
    site: { name: 'Rajin', aoi: port },
    zones: [{ name: 'Pier 1', geometry: rect(130.01, 42.01, 130.02, 42.02) as PolygonGeometry }],
    scene: { footprint: port, source: { kind: 'xyz', template: 'https://tiles.invalid/{z}/{x}/{y}.png' } },
    scenes: [12, 13].map((d) => ({ acquired: `2025-01-${d}T01:38:45.000Z`, itemId: `202501${d}_013845_12_abcd` })),
    then: (store, { scenes }) => {
      for (const m of marks) {
        store.createSighting({ sceneId: scenes[m.day]!.id, class: m.cls ?? 'vessel', geometry: { type: 'Point', coordinates: [m.lon, 42.015] }, count: m.count ?? null });
      }
    },
  }).file;
}

describe('quaywatch package', () => {
  it('exports, imports once, and a second import leaves the file byte-for-byte unchanged', async () => {
    const alice = analystProject('alice', [{ day: 0, lon: 130.015 }, { day: 1, lon: 130.015, cls: 'container_stack', count: 30 }]);
    const bob = analystProject('bob', [{ day: 0, lon: 130.01502 }]);
    const pkg = path.join(tmp.dir, 'alice.zip');
    const ex = await cli('package', 'export', alice, '--out', pkg, '--json');
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.out).counts).toMatchObject({ sightings: 2, scenes: 2 });

    const first = await cli('package', 'import', bob, pkg);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Sightings: 2 added');
    expect(first.out).toContain('Scenes matched: 0 by id, 2 by item id');
    const afterFirst = sha256(bob);
    const second = await cli('package', 'import', bob, pkg);
    expect(second.out).toContain('Nothing new');
    expect(sha256(bob)).toBe(afterFirst);

    // Both analysts marked the ship on the 12th (≈ 1.7 m apart); only alice marked the 13th.
    const stats = await cli('stats', bob, '--json');
    expect(stats.code).toBe(0);
    const [pair] = JSON.parse(stats.out).agreement;
    expect(pair).toMatchObject({ reference: 'alice', compared: 'bob', matched: 1, referenceSightings: 1, comparedSightings: 1, precision: 1, recall: 1, f1: 1 });
  });

  it('refuses a tampered package with exit code 1 and leaves the project untouched', async () => {
    const alice = analystProject('alice', [{ day: 0, lon: 130.015 }]);
    const bob = analystProject('bob', []);
    const pkg = path.join(tmp.dir, 'alice.zip');
    await cli('package', 'export', alice, '--out', pkg);
    // Flip one byte of content.json's compressed data, as a bad copy or a careless edit would.
    const bytes = fs.readFileSync(pkg);
    const at = bytes.indexOf(Buffer.from('content.json')) + 40;
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(pkg, bytes);
    const before = sha256(bob);
    const r = await cli('package', 'import', bob, pkg);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/alice\.zip was refused: .*Nothing was imported\./);
    expect(sha256(bob)).toBe(before);
  });

  it('usage errors name the command', async () => {
    const r = await cli('package', 'export', path.join(tmp.dir, 'x.quaywatch'));
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/--out PKG.zip is required/);
  });
});
