// `quaywatch ais import`: human and --json summaries, bad flags, and a refused file that changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../testing/tmp';
import { seedProject } from '../testing/seedProject';
import { PORT_AOI, writeNmeaLog } from '../node/ais/fixtures/generate';
import { cli, sha256 } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;
let log: string;
let truth: ReturnType<typeof writeNmeaLog>;
beforeEach(() => {
  tmp = tempDir('qw-cli-ais-');
  project = seedProject(tmp.dir, { site: { name: 'Rajin', aoi: PORT_AOI } }).file;
  log = path.join(tmp.dir, 'rajin.nmea');
  truth = writeNmeaLog(log, { stepMin: 30 });
});
afterEach(() => tmp.cleanup());

describe('quaywatch ais import', () => {
  it('prints a summary for people: read, kept, outside, bad by reason, vessels, time range', async () => {
    const r = await cli('ais', 'import', project, log);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${truth.positionsInside.toLocaleString('en')} positions kept, ${truth.positionsOutside} outside the area + 30 km`);
    expect(r.out).toMatch(/Vessels: 7 MMSIs, 2025-01-12T00:00:00.000Z to /);
    expect(r.out).toMatch(new RegExp(`Not used: ${truth.badChecksum} bad checksum, .*${truth.incomplete} incomplete multi-part message.*1 not AIS`));
    expect(r.err.at(-1)).toMatch(/100%$/);
  });

  it('--json is one document with the summary; --buffer-km 0 keeps only the area itself', async () => {
    const r = await cli('ais', 'import', project, log, '--buffer-km', '0', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { kept: number; outside: number; bufferKm: number; bad: Record<string, number>; importId: string };
    expect(s.bufferKm).toBe(0);
    expect(s.kept).toBeGreaterThan(0);
    expect(s.kept).toBeLessThan(truth.positionsInside); // the approaches from the bay are outside the area itself
    expect(s.kept + s.outside).toBe(truth.positionsInside + truth.positionsOutside);
    expect(s.bad.bad_checksum).toBe(truth.badChecksum);
    expect(s.importId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a bad --buffer-km and a file that is not AIS, writing nothing', async () => {
    const before = sha256(project);
    expect(await cli('ais', 'import', project, log, '--buffer-km', 'far')).toMatchObject({ code: 2, err: [expect.stringMatching(/--buffer-km is "far"/)] });
    const junk = path.join(tmp.dir, 'junk.bin');
    fs.writeFileSync(junk, Buffer.from([0, 1, 2, 3, 0, 0, 255]));
    const r = await cli('ais', 'import', project, log, junk);
    expect(r.code).toBe(1);
    expect(r.err.at(-1)).toMatch(/^quaywatch: .*junk\.bin is not a text file/);
    expect(sha256(project)).toBe(before);
  });
});
