// figure.timelapse through the dispatcher, its files decoded back by other programs than the one that wrote them:
// ffprobe (Debian's ffmpeg) counts the GIF's frames, the WebP's RIFF chunks are read by hand, sharp gives the pixels.
// Each frame's date stamp is compared with the stamp rendered separately (frameChecks.ts), marks are looked for where
// the sightings are, obscured frames are measured grey.
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
import type { TestProject } from '../export/testProject';
import { openTimelapseFixture, type TimelapseFixture } from './timelapseFixture';
import { framePx, frameOf } from './frame';
import { redOnRing, stampScores, utc } from './frameChecks';

let fx: TimelapseFixture;
let tp: TestProject;
let out: string;
let dispatch: Dispatch;
let scenes: Scene[];
let sightings: Sighting[];
let pier1: Zone;
let hazy: Scene;
/** Pier 1's obscured (or not imaged) scenes, as the project records them. */
let obscuredIds: Set<string>;
let timelapse: TimelapseFixture['timelapse'];

beforeAll(async () => {
  fx = await openTimelapseFixture('qw-timelapse-out-');
  ({ tp, out, dispatch, scenes, sightings, pier1, timelapse } = fx);
  // The analyst calls a clear-looking scene obscured (haze the picture hardly shows): greying must come from that record, not the pixels.
  hazy = scenes.find((s) => s.acquired.startsWith('2024-12-26'))!;
  expect(await dispatch('observability.set', { sceneId: hazy.id, zoneId: pier1.id, value: 'obscured' })).toMatchObject({ ok: true });
  obscuredIds = await fx.obscuredIds();
}, 120_000);

afterAll(() => fx?.close());

/** The scenes a time-lapse of Pier 1 over [from, to] (UTC days) should show, oldest first: read from the project, not from our planner. */
function expectedScenes(from: string, to: string): Scene[] {
  return scenes.filter((s) => s.acquired.slice(0, 10) >= from && s.acquired.slice(0, 10) <= to).sort((a, b) => a.acquired.localeCompare(b.acquired));
}

const FROM = '2024-12-10';
const TO = '2024-12-31';

/** Frame `i` of an animation as RGB, decoded by libvips. */
async function frameRgb(file: string, i: number) {
  const { data, info } = await sharp(file, { page: i }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The share of pixels in a box whose channels differ by more than 24 (colour, not grey). */
function colourShare(f: { data: Buffer; width: number }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  let coloured = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * f.width + x) * 3;
      const [r, g, b] = [f.data[o]!, f.data[o + 1]!, f.data[o + 2]!];
      n++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
    }
  }
  return coloured / n;
}

/** The animated WebP's frames as its RIFF chunks say (ANMF: one per frame, 24-bit duration at offset 12). */
function webpFrames(file: string): { durations: number[]; loop: number } {
  const b = fs.readFileSync(file);
  expect(b.toString('latin1', 0, 4)).toBe('RIFF');
  expect(b.toString('latin1', 8, 12)).toBe('WEBP');
  const durations: number[] = [];
  let loop = -1;
  for (let p = 12; p + 8 <= b.length; ) {
    const id = b.toString('latin1', p, p + 4);
    const size = b.readUInt32LE(p + 4);
    if (id === 'ANIM') loop = b.readUInt16LE(p + 8 + 4);
    if (id === 'ANMF') durations.push(b.readUIntLE(p + 8 + 12, 3));
    p += 8 + size + (size & 1);
  }
  return { durations, loop };
}

function ffprobeFrames(file: string): { frames: number; width: number; height: number } {
  const j = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,width,height', '-of', 'json', file], { encoding: 'utf8' }));
  const s = j.streams[0];
  return { frames: Number(s.nb_read_frames), width: s.width, height: s.height };
}

describe('time-lapse of a quay', () => {
  it('GIF: one frame per scene in the range, oldest first, each shown for the asked time; obscured scenes greyed or left out', async () => {
    const expected = expectedScenes(FROM, TO);
    const dark = expected.filter((s) => obscuredIds.has(s.id));
    expect(dark.map((s) => s.id)).toContain(hazy.id); // with the demo's cloud over Pier 1, in the range

    const grey = path.join(out, 'grey.gif');
    const r = await timelapse({ format: 'gif', path: grey, frame: { zone: 'Pier 1' }, from: FROM, to: TO, width: 480, frameMs: 300, obscured: 'grey' });
    expect(r).toMatchObject({ file: grey, format: 'gif', width: 480, frames: expected.length, skipped: 0 });
    expect(ffprobeFrames(grey)).toEqual({ frames: expected.length, width: 480, height: r.height });
    const meta = await sharp(grey, { pages: -1 }).metadata();
    expect(meta.pages).toBe(expected.length);
    expect(meta.delay).toEqual(Array(expected.length).fill(300));
    expect(meta.loop).toBe(0);

    // The picture (above the band) of an obscured scene is grey; those of the others are in colour.
    const pictureH = Math.round(r.height * 0.6);
    for (const [i, s] of expected.entries()) {
      const share = colourShare(await frameRgb(grey, i), 40, 40, r.width - 40, pictureH);
      if (obscuredIds.has(s.id)) expect(share, `frame ${i} (${s.acquired}, obscured)`).toBeLessThan(0.02);
      else if (s.sensor === 'optical') expect(share, `frame ${i} (${s.acquired})`).toBeGreaterThan(0.2);
    }

    const skip = path.join(out, 'skip.gif');
    const k = await timelapse({ format: 'gif', path: skip, frame: { zone: 'Pier 1' }, from: FROM, to: TO, width: 320, obscured: 'skip' });
    expect(k).toMatchObject({ frames: expected.length - dark.length, skipped: dark.length });
    expect(ffprobeFrames(skip).frames).toBe(expected.length - dark.length);
    // What is left is what the clear scenes show: the optical ones in colour.
    for (const [i, s] of expected.filter((x) => !obscuredIds.has(x.id)).entries()) {
      if (s.sensor !== 'optical') continue;
      const f = await frameRgb(skip, i);
      expect(colourShare(f, 20, 20, f.width - 20, Math.round(f.height * 0.6)), `frame ${i} (${s.acquired})`).toBeGreaterThan(0.2);
    }
  }, 120_000);

  describe('WebP at 1280 px', () => {
    const from = '2024-12-13';
    const to = '2024-12-21';
    let file: string;
    let bare: string;
    let r: TimelapseResult;
    beforeAll(async () => {
      file = path.join(out, 'quay.webp');
      bare = path.join(out, 'bare.webp');
      r = await timelapse({ format: 'webp', path: file, frame: { zone: 'Pier 1' }, from, to, width: 1280, frameMs: 700, obscured: 'grey' });
      await timelapse({ format: 'webp', path: bare, frame: { zone: 'Pier 1' }, from, to, width: 1280, frameMs: 700, obscured: 'grey', marks: false });
    }, 120_000);

    it('has one frame per scene, each shown for the asked time, looping', async () => {
      const expected = expectedScenes(from, to);
      expect(r.frames).toBe(expected.length);
      expect(webpFrames(file)).toEqual({ durations: Array(expected.length).fill(700), loop: 0 });
      const meta = await sharp(file, { pages: -1 }).metadata();
      expect({ pages: meta.pages, width: meta.width, pageHeight: meta.pageHeight }).toEqual({ pages: expected.length, width: 1280, pageHeight: r.height });
    });

    it("stamps each frame with its own scene's date and time: the stamp matches that text rendered apart, and no other scene's", async () => {
      const expected = expectedScenes(from, to);
      const whens = [...new Set(expected.map((s) => utc(s.acquired)))];
      expect(whens.length).toBeGreaterThan(3);
      for (const [i, s] of expected.entries()) {
        const { best, said } = await stampScores(await frameRgb(file, i), s, whens);
        expect(best[0], `frame ${i}: ${said}`).toBe(utc(s.acquired));
        expect(best[1], `frame ${i}: ${said}`).toBeGreaterThan(0.9);
      }
    }, 60_000);

    it('draws the marks where the sightings are, and none with marks off', async () => {
      const expected = expectedScenes(from, to);
      const frame = frameOf({ zone: pier1 });
      const u = Math.max(10, Math.min(48, 1280 / 90));
      let checked = 0;
      for (const [i, s] of expected.entries()) {
        const points = sightings.filter((x) => x.sceneId === s.id && x.class === 'vessel' && x.geometry.type === 'Point');
        if (!points.length) continue;
        const withMarks = await frameRgb(file, i);
        const without = await frameRgb(bare, i);
        const pictureH = Math.round((withMarks.width * (frame.merc[1] - frame.merc[3])) / (frame.merc[2] - frame.merc[0]));
        const toPx = framePx(frame, withMarks.width, pictureH);
        for (const p of points) {
          const [x, y] = toPx((p.geometry as { coordinates: [number, number] }).coordinates);
          // Sightings at the other pier fall outside the picture.
          if (x < u * 2 || y < u * 2 || x > withMarks.width - u * 2 || y > pictureH - u * 2) continue;
          // The vessel colour (#ff3c3c) on a ring the size of a mark around the sighting.
          expect(redOnRing(withMarks, x, y, u * 0.9), `frame ${i}, sighting at ${x.toFixed(0)},${y.toFixed(0)}`).toBeGreaterThan(0.3);
          expect(redOnRing(without, x, y, u * 0.9)).toBeLessThan(0.05);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(2);
    }, 60_000);
  });

  it('says which frames only partly show the box asked for, instead of passing the blank off as picture', async () => {
    // A box across the east edge of the scenes' footprints: about half of each frame has no pixels.
    const lats = scenes.flatMap((sc) => sc.footprint?.coordinates[0]!.map(([, lat]) => lat) ?? []);
    const east = Math.min(...scenes.filter((sc) => sc.footprint).map((sc) => Math.max(...sc.footprint!.coordinates[0]!.map(([lon]) => lon))));
    const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
    expect(Number.isFinite(east)).toBe(true);
    const r = await timelapse({ format: 'gif', path: path.join(out, 'edge.gif'), frame: { bbox: [[east - 0.004, lat - 0.003], [east + 0.004, lat + 0.003]] }, width: 320, obscured: 'grey' });
    expect(r.frames).toBeGreaterThan(4);
    expect(r.notes).toHaveLength(5);
    expect(r.notes![0]).toMatch(/^The scene of \d{4}-\d\d-\d\d \d\d:\d\d UTC covers \d+% of the frame; the rest is left blank\.$/);
    expect(r.notes![4]).toMatch(/^And \d+ more frames like these\.$/);
  });

  it('cancels through jobs.cancel: the call says so and nothing is written', async () => {
    const file = path.join(out, 'cancelled.gif');
    const jobId = randomUUID();
    const running = dispatch('figure.timelapse', { format: 'gif', path: file, frame: { zone: 'Pier 1' }, width: 640, obscured: 'grey', jobId });
    let status: JobStatus | null = null;
    for (let t = 0; t < 600 && !(status && status.done >= 1); t++) {
      await new Promise((res) => setTimeout(res, 50));
      const st = (await dispatch('jobs.status', { id: jobId })) as ApiResult<JobStatus | null>;
      status = st.ok ? st.value : null;
    }
    expect(status).toMatchObject({ state: 'running' });
    expect(status!.total).toBeGreaterThan(status!.done);
    expect(status!.label).toMatch(/^frame \d+ of \d+/);
    expect(await dispatch('jobs.cancel', { id: jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const r = (await running) as ApiResult<TimelapseResult>;
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'Time-lapse cancelled: nothing was written.' } });
    expect(((await dispatch('jobs.status', { id: jobId })) as { value: JobStatus }).value.state).toBe('cancelled');
    expect(fs.readdirSync(out).filter((f) => f.includes('cancelled'))).toEqual([]);
  }, 120_000);

  it('refuses an unknown zone, an empty range and an existing file (unless asked to replace it), writing nothing', async () => {
    const file = path.join(out, 'refused.gif');
    const call = async (req: Record<string, unknown>) => (await dispatch('figure.timelapse', { format: 'gif', path: file, frame: { zone: 'Pier 1' }, width: 320, ...req })) as ApiResult<TimelapseResult>;
    expect(await call({ frame: { zone: 'Pier 9' } })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No zone "Pier 9" in this project; its zones are: Pier 1, Pier 2.' } });
    expect(await call({ from: '2023-01-01', to: '2023-01-31' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No scene shows zone Pier 1 from 2023-01-01 to 2023-01-31; nothing was written.' } });
    expect(await call({ from: '2025-01-31', to: '2025-01-01' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call({ from: '31/01/2025' })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('YYYY-MM-DD') } });
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, 'keep me');
    expect(await call({ from: FROM, to: '2024-12-13' })).toMatchObject({ ok: false, error: { code: 'exists', path: file } });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(await call({ from: FROM, to: '2024-12-13', overwrite: true })).toMatchObject({ ok: true, value: { frames: expectedScenes(FROM, '2024-12-13').length } });
    expect(ffprobeFrames(file).frames).toBe(expectedScenes(FROM, '2024-12-13').length);
    // Never onto the project itself, even asked to replace.
    expect(await call({ path: tp.file, overwrite: true })).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringContaining("open project's own file") } });
  }, 60_000);
});
