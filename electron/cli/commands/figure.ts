// `quaywatch figure FILE --zone NAME | --bbox W,S,E,N --scene DATE|ID [--after DATE|ID] --out fig.png|svg|pdf`: an annotated
// still (or a before/after pair) for publication, the same figure.save as the app's "Save figure…".
import path from 'node:path';
import { FIGURE_FORMATS, FIGURE_LAYOUTS, FIGURE_STYLES, figureCalls } from '../../../shared/calls/figure';
import { ProjectStore } from '../../node/store/projectStore';
import { SCOPE_DETAILS, SCOPE_FLAGS, SCOPE_USAGE, scopeOf } from '../scopeFlags';
import { FRAME_DETAILS, FRAME_FLAGS, FRAME_USAGE, frameOf } from '../frameFlags';
import { cliOpenOptions, parseCommandArgs, positionalsOf, UsageError, type Command } from '../cliIo';

/** The request's name for a flag, for messages: the flag the user typed. */
const FLAG_OF: Record<string, string> = { path: 'out', frame: 'zone/--bbox', secondScene: 'after', overwrite: 'force' };

export const figureCommand: Command = {
  words: ['figure'],
  usage: `figure FILE ${FRAME_USAGE} --scene DATE|ID [--after DATE|ID [--layout side-by-side|swipe] [--split 0.5]] --out FIG.${FIGURE_FORMATS.join('|')} [--width PX] [--dpi N] [--style ${FIGURE_STYLES.join('|')}] [--title TEXT] [--caption TEXT] [--no-marks] ${SCOPE_USAGE} [--force] [--json]`,
  details: [
    FRAME_DETAILS,
    '--scene/--after  a scene id, its provider item id, or a day (YYYY-MM-DD, UTC: that day\'s first scene).',
    '--out            the format follows the name: .png (pixels, --dpi written in the file), .svg or .pdf (vector marks and text).',
    '--width          of the whole figure, pixels (default 1600); a pair shares it.',
    SCOPE_DETAILS,
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      ...FRAME_FLAGS,
      scene: { type: 'string' },
      after: { type: 'string' },
      layout: { type: 'string' },
      split: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
      dpi: { type: 'string' },
      style: { type: 'string' },
      title: { type: 'string' },
      caption: { type: 'string' },
      'no-marks': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...SCOPE_FLAGS,
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const frame = frameOf(values);
    if (!values.scene) throw new UsageError(`--scene DATE|ID is required. Usage: quaywatch ${this.usage}`);
    if (!values.out) throw new UsageError(`--out FIG.png|svg|pdf is required. Usage: quaywatch ${this.usage}`);
    const format = path.extname(values.out).slice(1).toLowerCase();
    if (!(FIGURE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--out: the name must end in ${FIGURE_FORMATS.map((f) => `.${f}`).join(', ')} (the format follows it), not "${path.basename(values.out)}". Usage: quaywatch ${this.usage}`);
    if (values.layout !== undefined && values.after === undefined) throw new UsageError(`--layout is for a before/after pair: give --after DATE|ID too. Usage: quaywatch ${this.usage}`);
    if (values.layout !== undefined && !(FIGURE_LAYOUTS as readonly string[]).includes(values.layout.toLowerCase())) throw new UsageError(`--layout: side-by-side or swipe, not "${values.layout}". Usage: quaywatch ${this.usage}`);
    const num = (flag: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag}: a number, not "${v}". Usage: quaywatch ${this.usage}`);
      return n;
    };
    // The same schema as the app's figure.save call, so both refuse the same things in the same words.
    const parsed = figureCalls['figure.save'].request.safeParse({
      format,
      path: values.out,
      overwrite: values.force,
      frame,
      scene: values.scene,
      ...(values.after !== undefined ? { secondScene: values.after, layout: values.layout?.toLowerCase() ?? 'side-by-side' } : {}),
      ...(values.split !== undefined ? { split: num('split', values.split) } : {}),
      ...(values.width !== undefined ? { width: num('width', values.width) } : {}),
      ...(values.dpi !== undefined ? { dpi: num('dpi', values.dpi) } : {}),
      ...(values.style !== undefined ? { style: values.style.toLowerCase() } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.caption !== undefined ? { caption: values.caption } : {}),
      marks: !values['no-marks'],
      scope: scopeOf(values),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = String(issue.path[0]);
      throw new UsageError(`--${FLAG_OF[key] ?? key}: ${issue.message}. Usage: quaywatch ${this.usage}`);
    }
    const store = ProjectStore.open(file!, cliOpenOptions());
    try {
      // Loaded on use: the image and PDF libraries must not slow every other command's start.
      const { saveFigure } = await import('../../node/figure/saveFigure');
      const r = await saveFigure(store, parsed.data);
      if (values.json) return io.out(JSON.stringify(r));
      io.out(`Wrote ${r.file} (${r.format.toUpperCase()}, ${r.width} × ${r.height}${r.format === 'png' ? ` px at ${parsed.data.dpi} dpi` : ''}, ${Math.round(r.bytes / 1024)} KiB) in ${(r.millis / 1000).toFixed(1)} s`);
      for (const note of r.notes) io.out(`Note: ${note}`);
    } finally {
      store.close();
    }
  },
};
