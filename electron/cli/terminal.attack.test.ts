// Names come from project files and imported files, and a shared project can carry terminal escape
// sequences in them: "\x1b[2J" clears the analyst's screen, "\x1b]0;…\x07" retitles the window,
// others rewrite what was printed. The command line shows each such character as its escape
// instead, in human output, --json output and error lines alike.
import path from 'node:path';
import { seedProject } from '../testing/seedProject';
import { tempDir } from '../testing/tmp';
import { cli } from './testing/cliHarness';

const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007';
// Raw controls a terminal would act on: C0 but newline, DEL, C1 (\x9b is a one-byte CSI), bidi overrides.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-cli-term-')));
afterEach(() => tmp.cleanup());

/** A project whose name, quay and ship all carry escape sequences, with one visit so stats prints them. */
function hostileProject(): string {
  return seedProject(tmp.dir, {
    fileName: 'shared.quaywatch',
    name: `Port ${HOSTILE}`,
    zones: [{ name: `Quay ${HOSTILE}`, geometry: { type: 'Polygon', coordinates: [[[130.29, 42.24], [130.31, 42.24], [130.31, 42.26], [130.29, 42.26], [130.29, 42.24]]] } }],
    scenes: [{ acquired: '2025-01-14T01:38:45.000Z' }, { acquired: '2025-01-15T01:38:45.000Z' }],
    then: (store, { scenes }) => {
      const vessel = store.createVessel({ kind: 'vessel', name: `Ship \u009b2J\u202egnp.exe`, aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null });
      for (const scene of scenes) {
        store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, vesselId: vessel.id });
      }
    },
  }).file;
}

describe('the command line never passes a control character from a name to the terminal', () => {
  it('info and stats, for people: each escape shown, none acted on', async () => {
    const file = hostileProject();
    const info = await cli('info', file);
    expect(info.code).toBe(0);
    expect(info.out).not.toMatch(RAW);
    expect(info.out).toContain('Port \\u001b[2J\\u001b]0;pwned\\u0007');
    const stats = await cli('stats', file);
    expect(stats.code).toBe(0);
    expect(stats.out).not.toMatch(RAW);
    expect(stats.out).toContain('Quay \\u001b[2J\\u001b]0;pwned\\u0007');
    expect(stats.out).toContain('Ship \\u009b2J\\u202egnp.exe');
  });

  it('--json: no raw control character, and the names parse back exactly', async () => {
    const file = hostileProject();
    const info = await cli('info', file, '--json');
    expect(info.out).not.toMatch(RAW);
    expect(JSON.parse(info.out).name).toBe(`Port ${HOSTILE}`);
    const stats = await cli('stats', file, '--json');
    expect(stats.out).not.toMatch(RAW);
    const visits = JSON.parse(stats.out).visits as { vessel: string; zone: string }[];
    expect(visits.map((v) => [v.vessel, v.zone])).toEqual([['Ship \u009b2J\u202egnp.exe', `Quay ${HOSTILE}`]]);
  });

  it('an error line naming a hostile file name', async () => {
    const r = await cli('info', path.join(tmp.dir, `gone${HOSTILE}.quaywatch`));
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).not.toMatch(RAW);
    expect(r.err[0]).toContain('gone\\u001b[2J');
  });
});
