// `quaywatch timelapse FILE (--zone NAME | --bbox W,S,E,N) --out q.gif|webp|webm|mp4`: a dated, credited time-lapse of a quay, headless.
import path from 'node:path';
import { FIGURE_STYLES, figureCalls, TIMELAPSE_FORMATS } from '../../../shared/calls/figure';
import { QuaywatchError } from '../../node/errors';
import { SCOPE_DETAILS, SCOPE_FLAGS, SCOPE_USAGE, scopeOf } from '../scopeFlags';
import { FRAME_DETAILS, FRAME_FLAGS, FRAME_USAGE, frameOf } from '../frameFlags';
import { parseCommandArgs, positionalsOf, UsageError, withProjectAsync, type Command } from '../cliIo';

/** A flag for each request field, so a refusal names what was typed. */
const FLAG_OF: Record<string, string> = { path: 'out', format: 'out', frameMs: 'frame-ms', frame: 'bbox' };

export const timelapseCommand: Command = {
  words: ['timelapse'],
  usage: `timelapse FILE ${FRAME_USAGE} [--from DATE] [--to DATE] --out OUT.${TIMELAPSE_FORMATS.join('|')} [--width PX] [--frame-ms MS] [--obscured skip|grey] [--no-marks] [--style ${FIGURE_STYLES.join('|')}] ${SCOPE_USAGE} [--force] [--json]`,
  details: [
    FRAME_DETAILS,
    '--from/--to  days (YYYY-MM-DD, UTC), both included; left out: the whole series. One frame per scene, oldest first.',
    '--obscured   scenes where the place was obscured (cloud) or not imaged: skip (default) leaves them out, grey shows them greyed with "obscured".',
    '--width 1280 pixels; --frame-ms 500 how long each frame shows. Ctrl-C cancels: nothing is written.',
    '--out        the format follows the name: .gif, .webp (animated pictures), .webm or .mp4 (video, both VP9: plays in browsers, VLC and Windows, not in older QuickTime).',
    SCOPE_DETAILS,
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      ...FRAME_FLAGS,
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string', default: '1280' },
      'frame-ms': { type: 'string', default: '500' },
      obscured: { type: 'string', default: 'skip' },
      'no-marks': { type: 'boolean', default: false },
      style: { type: 'string', default: 'dark' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...SCOPE_FLAGS,
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const endings = `${TIMELAPSE_FORMATS.slice(0, -1).map((f) => `.${f}`).join(', ')} or .${TIMELAPSE_FORMATS.at(-1)}`;
    if (!values.out) throw new UsageError(`--out OUT (ending in ${endings}) is required. Usage: quaywatch ${this.usage}`);
    const ext = path.extname(values.out).slice(1).toLowerCase();
    if (!(TIMELAPSE_FORMATS as readonly string[]).includes(ext)) {
      throw new UsageError(`--out: "${values.out}" should end in ${endings} (the format follows the name). Usage: quaywatch ${this.usage}`);
    }
    const int = (flag: string, v: string) => {
      if (!/^\d+$/.test(v.trim())) throw new UsageError(`--${flag}: "${v}" is not a whole number. Usage: quaywatch ${this.usage}`);
      return Number(v);
    };
    // The same schema as the app's figure.timelapse call, so both refuse the same things in the same words.
    const parsed = figureCalls['figure.timelapse'].request.safeParse({
      format: ext,
      path: values.out,
      overwrite: values.force,
      frame: frameOf(values),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      width: int('width', values.width!),
      frameMs: int('frame-ms', values['frame-ms']!),
      obscured: values.obscured!.toLowerCase(),
      marks: !values['no-marks'],
      style: values.style!.toLowerCase(),
      scope: scopeOf(values),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0]);
      throw new UsageError(`--${FLAG_OF[field] ?? field}: ${issue.message}. Usage: quaywatch ${this.usage}`);
    }
    // Loaded on use: sharp and geotiff must not slow every other command's start.
    const { makeTimelapse } = await import('../../node/figure/timelapse');
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    let lastTenth = -1;
    try {
      const r = await withProjectAsync(file!, (store) =>
        makeTimelapse(store, parsed.data, {
          signal: controller.signal,
          // A line a tenth of the way (and the encoding step), so a long run shows it is alive without flooding the log.
          onProgress: (done, total, label) => {
            const tenth = Math.floor((done * 10) / total);
            if (tenth === lastTenth && done !== total - 1) return;
            lastTenth = tenth;
            if (done < total) io.err(`timelapse: ${Math.floor((done * 100) / total)}% ${label}`);
          },
        }),
      );
      if (values.json) return io.out(JSON.stringify(r));
      const skipped = r.skipped ? `; ${r.skipped} obscured scene${r.skipped === 1 ? '' : 's'} left out` : '';
      io.out(`Wrote ${r.file} (${r.format.toUpperCase()}, ${r.frames} frame${r.frames === 1 ? '' : 's'} of ${r.width}×${r.height}${skipped}, ${Math.round(r.bytes / 1024)} KiB) in ${(r.millis / 1000).toFixed(1)} s`);
      for (const note of r.notes ?? []) io.out(`Note: ${note}`);
    } catch (e) {
      if (controller.signal.aborted && !(e instanceof QuaywatchError && e.code === 'cancelled')) throw new QuaywatchError('cancelled', 'Time-lapse cancelled: nothing was written.');
      throw e;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};
