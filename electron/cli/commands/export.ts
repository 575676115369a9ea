// `quaywatch export FILE --format csv|geojson|kml|gpkg [--what sightings|visits|dwell|all] --out PATH`: findings to GIS and spreadsheet files.
import { EXPORT_FORMATS, EXPORT_WHATS, exportCalls } from '../../../shared/calls/export';
import { exportProject } from '../../node/export/exportProject';
import { SCOPE_DETAILS, SCOPE_FLAGS, SCOPE_USAGE, scopeLine, scopeOf } from '../scopeFlags';
import { parseCommandArgs, positionalsOf, UsageError, withProject, type Command } from '../cliIo';

export const exportCommand: Command = {
  words: ['export'],
  usage: `export FILE --format ${EXPORT_FORMATS.join('|')} [--what ${EXPORT_WHATS.join('|')}] --out PATH ${SCOPE_USAGE} [--force] [--json]`,
  details: [SCOPE_DETAILS],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      format: { type: 'string' },
      what: { type: 'string', default: 'all' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...SCOPE_FLAGS,
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    if (!values.format) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')}). Usage: quaywatch ${this.usage}`);
    if (!values.out) throw new UsageError(`--out PATH is required. Usage: quaywatch ${this.usage}`);
    // The same schema as the app's export.run call, so both refuse the same things in the same words.
    const parsed = exportCalls['export.run'].request.safeParse({ format: values.format.toLowerCase(), what: values.what!.toLowerCase(), path: values.out, overwrite: values.force, scope: scopeOf(values) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`--${String(issue.path[0] === 'path' ? 'out' : issue.path[0])}: ${issue.message}. Usage: quaywatch ${this.usage}`);
    }
    const result = withProject(file!, (store) => exportProject(store, parsed.data));
    if (values.json) return io.out(JSON.stringify(result));
    for (const f of result.files) io.out(`Wrote ${f}`);
    io.out(`  ${Object.entries(result.counts).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    const scope = scopeLine(result.scope);
    if (scope) io.out(`  ${scope}`);
  },
};
