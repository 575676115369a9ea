// figure.timelapse as video (WebM, MP4), read back by other programs than the one that wrote it: ffprobe says the
// codec, counts the frames it decodes and the duration; ffmpeg decodes each frame to PNG, whose date stamp is compared
// with the stamp rendered apart (frameChecks.ts) and whose marks are looked for where the sightings are.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ApiResult } from '../../../shared/api';
import type { TimelapseResult } from '../../../shared/calls/figure';
import type { JobStatus } from '../../../shared/calls/imagery';
import type { Scene, Sighting, Zone } from '../../../shared/domain';
import type { Dispatch } from '../dispatcher';
import { openTimelapseFixture, type TimelapseFixture } from './timelapseFixture';
import { framePx, frameOf } from './frame';
import { redOnRing, stampScores, utc, type Rgb } from './frameChecks';

let fx: TimelapseFixture;
let out: string;
let dispatch: Dispatch;
let scenes: Scene[];
let sightings: Sighting[];
let pier1: Zone;
let obscuredIds: Set<string>;
let timelapse: TimelapseFixture['timelapse'];

beforeAll(async () => {
  fx = await openTimelapseFixture('qw-video-out-');
  ({ out, dispatch, scenes, sightings, pier1, timelapse } = fx);
  obscuredIds = await fx.obscuredIds();
}, 120_000);

afterAll(() => fx?.close());

/** Pier 1's scenes over [from, to] (UTC days), oldest first: read from the project, not from our planner. */
const inRange = (from: string, to: string) => scenes.filter((s) => s.acquired.slice(0, 10) >= from && s.acquired.slice(0, 10) <= to).sort((a, b) => a.acquired.localeCompare(b.acquired));

interface Probe {
  codec: string;
  tag: string;
  container: string;
  width: number;
  height: number;
  frames: number;
  seconds: number;
}

function probe(file: string): Probe {
  const j = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,codec_tag_string,width,height,nb_read_frames:format=format_name,duration', '-of', 'json', file], { encoding: 'utf8' }),
  );
  const s = j.streams[0];
  return { codec: s.codec_name, tag: s.codec_tag_string, container: j.format.format_name, width: s.width, height: s.height, frames: Number(s.nb_read_frames), seconds: Number(j.format.duration) };
}

/** Every frame ffmpeg decodes, as RGB (PNG in between: the decoder's output, one file a frame, none dropped or doubled). */
async function decodedFrames(file: string): Promise<Rgb[]> {
  const dir = fs.mkdtempSync(path.join(out, 'frames-'));
  execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-fps_mode', 'passthrough', path.join(dir, '%03d.png')]);
  const names = fs.readdirSync(dir).sort();
  return Promise.all(
    names.map(async (n) => {
      const { data, info } = await sharp(path.join(dir, n)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
}

describe('time-lapse as video', () => {
  const from = '2024-12-13';
  const to = '2024-12-21';

  describe('WebM at 1280 px', () => {
    let file: string;
    let r: TimelapseResult;
    let frames: Rgb[];
    beforeAll(async () => {
      file = path.join(out, 'quay.webm');
      r = await timelapse({ format: 'webm', path: file, frame: { zone: 'Pier 1' }, from, to, width: 1280, frameMs: 700, obscured: 'grey' });
      frames = await decodedFrames(file);
    }, 180_000);

    it('is VP9 in WebM, one key frame per scene, each shown for the asked time; an odd height made even, and said', () => {
      const expected = inRange(from, to);
      expect(r).toMatchObject({ file, format: 'webm', width: 1280, frames: expected.length, skipped: 0 });
      // Pier 1 at 1280 px wide is 1619 px tall: one row is repeated, and the result says so.
      expect(r.height % 2).toBe(0);
      expect(r.notes).toEqual([expect.stringMatching(/^The video is 1280×\d+, not 1280×\d+: a video's sides must be even, so the last row of pixels is repeated\.$/)]);
      const p = probe(file);
      expect(p).toMatchObject({ codec: 'vp9', container: 'matroska,webm', width: 1280, height: r.height, frames: expected.length });
      expect(p.seconds).toBeCloseTo((expected.length * 700) / 1000, 2);
      expect(frames).toHaveLength(expected.length);
      // Every frame a key frame: a player seeking shows that scene exactly, nothing carried over from the one before.
      const keys = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim().split('\n');
      expect(keys).toEqual(Array(expected.length).fill('1'));
    });

    it("stamps each frame with its own scene's date and time: the decoded stamp matches that text rendered apart, and no other scene's", async () => {
      const expected = inRange(from, to);
      const whens = [...new Set(expected.map((s) => utc(s.acquired)))];
      expect(whens.length).toBeGreaterThan(3);
      for (const [i, s] of expected.entries()) {
        const { best, said } = await stampScores(frames[i]!, s, whens);
        expect(best[0], `frame ${i}: ${said}`).toBe(utc(s.acquired));
        expect(best[1], `frame ${i}: ${said}`).toBeGreaterThan(0.9);
      }
    }, 60_000);

    it('shows the marks in their colour where the sightings are', () => {
      const expected = inRange(from, to);
      const frame = frameOf({ zone: pier1 });
      const u = Math.max(10, Math.min(48, 1280 / 90));
      let checked = 0;
      for (const [i, s] of expected.entries()) {
        const f = frames[i]!;
        const pictureH = Math.round((f.width * (frame.merc[1] - frame.merc[3])) / (frame.merc[2] - frame.merc[0]));
        const toPx = framePx(frame, f.width, pictureH);
        for (const p of sightings.filter((x) => x.sceneId === s.id && x.class === 'vessel' && x.geometry.type === 'Point')) {
          const [x, y] = toPx((p.geometry as { coordinates: [number, number] }).coordinates);
          if (x < u * 2 || y < u * 2 || x > f.width - u * 2 || y > pictureH - u * 2) continue;
          expect(redOnRing(f, x, y, u * 0.9), `frame ${i}, sighting at ${x.toFixed(0)},${y.toFixed(0)}`).toBeGreaterThan(0.3);
          // Half a mark's size away, where no mark is drawn: the red is the mark's, not the picture's.
          expect(redOnRing(f, x, y, u * 0.4), `frame ${i}, inside the mark`).toBeLessThan(0.05);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(2);
    });
  });

  it('MP4: VP9 in MP4 (vp09), obscured scenes left out, one frame per scene left, each for the asked time', async () => {
    const file = path.join(out, 'quay.mp4');
    const expected = inRange(from, to).filter((s) => !obscuredIds.has(s.id));
    const r = await timelapse({ format: 'mp4', path: file, frame: { zone: 'Pier 1' }, from, to, width: 480, frameMs: 250, obscured: 'skip', style: 'light' });
    expect(r).toMatchObject({ file, format: 'mp4', width: 480, frames: expected.length });
    const p = probe(file);
    expect(p).toMatchObject({ codec: 'vp9', tag: 'vp09', container: 'mov,mp4,m4a,3gp,3g2,mj2', width: 480, height: r.height, frames: expected.length });
    expect(p.seconds).toBeCloseTo((expected.length * 250) / 1000, 2);
    expect(await decodedFrames(file)).toHaveLength(expected.length);
  }, 120_000);

  it('cancels while encoding: the call says so, the encoding threads stop and nothing is written', async () => {
    const file = path.join(out, 'cancelled.webm');
    const jobId = randomUUID();
    const running = dispatch('figure.timelapse', { format: 'webm', path: file, frame: { zone: 'Pier 1' }, width: 1280, obscured: 'grey', jobId });
    let status: JobStatus | null = null;
    for (let t = 0; t < 2400 && !status?.label?.startsWith('encoding WebM: frame'); t++) {
      await new Promise((res) => setTimeout(res, 50));
      const st = (await dispatch('jobs.status', { id: jobId })) as ApiResult<JobStatus | null>;
      status = st.ok ? st.value : null;
    }
    expect(status).toMatchObject({ state: 'running', label: expect.stringMatching(/^encoding WebM: frame \d+ of \d+$/) });
    // The bar moves while encoding: drawing was a step per frame, encoding is another.
    const [, d, n] = /frame (\d+) of (\d+)$/.exec(status!.label!)!.map(Number);
    expect(status).toMatchObject({ done: n! + d!, total: 2 * n! + 1 });
    const t0 = performance.now();
    expect(await dispatch('jobs.cancel', { id: jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const r = (await running) as ApiResult<TimelapseResult>;
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'Time-lapse cancelled: nothing was written.' } });
    // At once, not after the encoding would have finished.
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(fs.readdirSync(out).filter((f) => f.includes('cancelled'))).toEqual([]);
  }, 180_000);
});
