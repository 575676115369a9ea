// `quaywatch timelapse` through the CLI's own runner: the file written and decoded back, progress on stderr, one-line refusals.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { makeTestProject, type TestProject } from '../../node/export/testProject';
import { ProjectStore } from '../../node/store/projectStore';
import { cli, sha256 } from '../testing/cliHarness';

let tp: TestProject;
let pier1Box: string;
beforeAll(async () => {
  tp = await makeTestProject();
  const store = ProjectStore.open(tp.file, { author: 'tester' });
  const ring = store.zones().find((z) => z.name === 'Pier 1')!.geometry.coordinates[0]!;
  store.close();
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  pier1Box = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)].join(',');
}, 120_000);
afterAll(() => tp?.cleanup());

const frames = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());

describe('quaywatch timelapse', () => {
  it('writes a GIF of a zone over a range, says what it wrote, and shows progress on stderr', async () => {
    const gif = path.join(tp.dir, 'pier1.gif');
    const r = await cli('timelapse', tp.file, '--zone', 'pier 1', '--from', '2024-12-10', '--to', '2024-12-16', '--out', gif, '--width', '320', '--frame-ms', '250', '--obscured', 'grey');
    expect(r.code).toBe(0);
    // 2024-12-10, -13 and -16 optical, 12-15 radar.
    expect(r.out).toMatch(new RegExp(`^Wrote ${gif.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(GIF, 4 frames of 320×\\d+, \\d+ KiB\\) in \\d+\\.\\d s$`));
    expect(frames(gif)).toBe(4);
    expect((await sharp(gif, { pages: -1 }).metadata()).delay).toEqual([250, 250, 250, 250]);
    expect(r.err[0]).toMatch(/^timelapse: \d+% frame 1 of 4: 2024-12-1\d \d\d:\d\d UTC/);
    expect(r.err.at(-1)).toBe('timelapse: 80% encoding GIF');
  }, 60_000);

  it('writes an animated WebP of a lon/lat box, light, without marks, as JSON', async () => {
    const webp = path.join(tp.dir, 'box.webp');
    const r = await cli('timelapse', tp.file, '--bbox', pier1Box, '--from', '2024-12-10', '--to', '2024-12-13', '--out', webp, '--width', '400', '--no-marks', '--style', 'light', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ file: webp, format: 'webp', width: 400, frames: 2, skipped: 0 });
    expect((await sharp(webp, { pages: -1 }).metadata()).pages).toBe(2);
  }, 60_000);

  it('writes a WebM video (VP9) at an odd width, made even and said so, with the encoding shown on stderr', async () => {
    const webm = path.join(tp.dir, 'pier1.webm');
    const r = await cli('timelapse', tp.file, '--zone', 'Pier 1', '--from', '2024-12-10', '--to', '2024-12-13', '--out', webm, '--width', '321', '--frame-ms', '400');
    expect(r.code).toBe(0);
    const [wrote, note] = r.out.split('\n');
    expect(wrote).toMatch(/^Wrote .*pier1\.webm \(WEBM, 2 frames of 322×\d+, \d+ KiB\) in \d+\.\d s$/);
    expect(note).toMatch(/^Note: The video is 322×\d+, not 321×\d+: a video's sides must be even, so the last (column of pixels is|column and row of pixels are) repeated\.$/);
    const probe = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,width,nb_read_frames:format=duration', '-of', 'csv=p=0', webm], { encoding: 'utf8' }).trim().split('\n');
    expect(probe).toEqual(['vp9,322,2', '0.800000']);
    // Two frames drawn, two encoded, then the file: 4 of 5 steps when the last frame is encoded.
    expect(r.err.at(-1)).toBe('timelapse: 80% encoding WebM: frame 2 of 2');
  }, 60_000);

  it('refuses with one line, and writes nothing: unknown zone, existing file without --force, bad flags', async () => {
    const before = sha256(tp.file);
    const gif = path.join(tp.dir, 'refused.gif');
    const unknown = await cli('timelapse', tp.file, '--zone', 'Pier 9', '--out', gif);
    expect(unknown).toMatchObject({ code: 1, err: ['quaywatch: No zone "Pier 9" in this project; its zones are: Pier 1, Pier 2.'] });
    expect(fs.existsSync(gif)).toBe(false);

    fs.writeFileSync(gif, 'keep me');
    const exists = await cli('timelapse', tp.file, '--zone', 'Pier 1', '--from', '2024-12-10', '--to', '2024-12-10', '--out', gif, '--width', '200');
    expect(exists).toMatchObject({ code: 1, err: [`quaywatch: ${gif} already exists; add --force to replace it.`] });
    expect(fs.readFileSync(gif, 'utf8')).toBe('keep me');
    expect((await cli('timelapse', tp.file, '--zone', 'Pier 1', '--from', '2024-12-10', '--to', '2024-12-10', '--out', gif, '--width', '200', '--force')).code).toBe(0);
    expect(frames(gif)).toBe(1);

    const usage: [string[], RegExp][] = [
      [['--zone', 'Pier 1', '--out', path.join(tp.dir, 'x.avi')], /^quaywatch: --out: ".*x\.avi" should end in \.gif, \.webp, \.webm or \.mp4 \(the format follows the name\)/],
      [['--zone', 'Pier 1', '--bbox', pier1Box, '--out', gif], /^quaywatch: give exactly one of --zone NAME or --bbox W,S,E,N/],
      [['--bbox', '130,42,131', '--out', gif], /^quaywatch: --bbox: "130,42,131" is not four numbers/],
      [['--zone', 'Pier 1', '--out', gif, '--obscured', 'hide'], /^quaywatch: --obscured: /],
      [['--zone', 'Pier 1', '--out', gif, '--width', '99999'], /^quaywatch: --width: /],
      [['--zone', 'Pier 1', '--out', gif, '--frame-ms', 'fast'], /^quaywatch: --frame-ms: "fast" is not a whole number/],
    ];
    for (const [args, message] of usage) {
      const r = await cli('timelapse', tp.file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
    }
    expect(fs.readdirSync(tp.dir).filter((f) => /^(x\.avi|refused\.gif.+)$/.test(f))).toEqual([]);
    expect(sha256(tp.file)).toBe(before);
  }, 60_000);
});
