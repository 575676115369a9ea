// `quaywatch report FILE --pdf OUT.pdf | --html OUT.html [--from DATE] [--to DATE] [--zone NAME]`: the report, headless and reproducible.
import { CONFIDENCES } from '../../../shared/domain';
import { reportCalls } from '../../../shared/calls/export';
import { ProjectStore } from '../../node/store/projectStore';
import { cliAuthor, cliOpenOptions, parseCommandArgs, positionalsOf, UsageError, type Command } from '../cliIo';

export const reportCommand: Command = {
  words: ['report'],
  usage: `report FILE (--pdf OUT.pdf | --html OUT.html) [--from DATE] [--to DATE] [--zone NAME] [--title TEXT] [--author NAME] [--min-confidence ${CONFIDENCES.join('|')}] [--force] [--json]`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      pdf: { type: 'string' },
      html: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      zone: { type: 'string' },
      title: { type: 'string' },
      author: { type: 'string' },
      'min-confidence': { type: 'string', default: 'possible' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    if ((values.pdf === undefined) === (values.html === undefined)) throw new UsageError(`give exactly one of --pdf OUT.pdf or --html OUT.html. Usage: quaywatch ${this.usage}`);
    const format = values.pdf !== undefined ? 'pdf' : 'html';
    const parsed = reportCalls['report.run'].request.safeParse({
      format,
      path: values.pdf ?? values.html,
      overwrite: values.force,
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      ...(values.zone !== undefined ? { zone: values.zone } : {}),
      ...(values.title !== undefined ? { title: values.title } : {}),
      minConfidence: values['min-confidence']!.toLowerCase(),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const flag = issue.path[0] === 'path' ? format : issue.path[0] === 'minConfidence' ? 'min-confidence' : String(issue.path[0]);
      throw new UsageError(`--${flag}: ${issue.message}. Usage: quaywatch ${this.usage}`);
    }
    const store = ProjectStore.open(file!, cliOpenOptions());
    try {
      // Loaded on use: the PDF, image and chart libraries must not slow every other command's start.
      const { generateReport } = await import('../../node/report/generateReport');
      const r = await generateReport(store, parsed.data, values.author ?? cliAuthor());
      if (values.json) return io.out(JSON.stringify(r));
      io.out(`Wrote ${r.file} (${r.format.toUpperCase()}, ${r.pages} page${r.pages === 1 ? '' : 's'}, ${Math.round(r.bytes / 1024)} KiB) for ${r.from.slice(0, 10)} – ${new Date(Date.parse(r.to) - 1).toISOString().slice(0, 10)} in ${(r.millis / 1000).toFixed(1)} s`);
    } finally {
      store.close();
    }
  },
};
