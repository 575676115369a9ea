// `quaywatch ais identities`: on the demo with a later log in which another ship sends Vostok Trader's
// MMSI, the human listing and --json say the same as the app's "Identities from AIS", and change nothing.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../testing/tmp';
import { seedProject } from '../testing/seedProject';
import { writeDemoProjectFile } from '../node/demo/demoProject';
import type { AisIdentitiesView } from '../../shared/calls/aisView';
import { cli, sha256 } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir('qw-cli-ais-identities-')));
afterAll(() => tmp.cleanup());

describe('quaywatch ais identities', () => {
  let project: string;
  beforeAll(async () => {
    project = path.join(tmp.dir, 'demo', 'demo.quaywatch');
    writeDemoProjectFile(project);
    const log = path.join(tmp.dir, 'later.csv');
    fs.writeFileSync(log, ['mmsi,timestamp,lat,lon,name,imo', '273351220,2025-03-01T06:00:00Z,42.2450,130.3000,BALTIC DAWN,9176187'].join('\n'));
    expect((await cli('ais', 'import', project, log)).code).toBe(0);
  });

  it('lists per MMSI the conflicts with their periods, and the ships with no vessel', async () => {
    const before = sha256(project);
    const r = await cli('ais', 'identities', project);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 proposals, 1 conflict, 2 ships with no vessel.');
    const lines = r.out.split('\n');
    const at = lines.indexOf('MMSI 273351220');
    expect(lines.slice(at, at + 6)).toEqual([
      'MMSI 273351220',
      '  conflict   two ships?: MMSI 273351220 sent 2 identities over time: another ship using the number, or a rename. Each is kept apart; nothing was merged.',
      '             project: Vostok Trader: MMSI 273351220, IMO 9312341, call sign UBVT7, 128 × 19 m',
      '             AIS:     VOSTOK TRADER (IMO 9312341, call sign UBVT7, 128 × 19 m) 2024-12-08 to 2025-01-21',
      '             AIS:     BALTIC DAWN (IMO 9176187) on 2025-03-01',
      "  no vessel  BALTIC DAWN (IMO 9176187) on 2025-03-01 (MMSI 273351220 is Vostok Trader's in the project, so the new vessel is added without it.)",
    ]);
    expect(r.out).toContain('MMSI 273445480\n  no vessel  SPARTA IV (IMO 9354521, call sign UBSP4, 154 × 24 m) 2025-01-02 to 2025-01-03');
    expect(sha256(project)).toBe(before);
  });

  it('--json is the app\'s answer (ais.identities)', async () => {
    const r = await cli('ais', 'identities', project, '--json');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.out) as AisIdentitiesView;
    expect(view.counts).toEqual({ proposals: 0, conflicts: 1, unknown: 2 });
    expect(view.mmsis.map((m) => m.mmsi)).toEqual(['273351220', '273445480']);
    expect(view.mmsis[1]!.unknown[0]!.create).toEqual({ name: 'SPARTA IV', imo: '9354521', mmsi: '273445480', callSign: 'UBSP4', lengthM: 154, beamM: 24 });
  });

  it('says so when the project holds no AIS, and wants a FILE', async () => {
    const empty = seedProject(tmp.dir, { fileName: 'empty.quaywatch' }).file;
    expect(await cli('ais', 'identities', empty)).toMatchObject({ code: 0, out: 'The project holds no AIS static data: nothing to say of identities.' });
    expect((await cli('ais', 'identities')).code).toBe(2);
  });
});
