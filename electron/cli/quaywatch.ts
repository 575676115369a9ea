// The quaywatch command line: the same project operations as the app, headless.
import { parseArgs } from 'node:util';
import os from 'node:os';
import { ProjectStore } from '../node/store/projectStore';
import type { ProjectSummary } from '../../shared/api';

export const USAGE = `Usage:
  quaywatch new FILE.quaywatch [--name NAME]
  quaywatch info FILE [--json]`;

export class UsageError extends Error {}

const author = () => {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
};

function printSummary(s: ProjectSummary, asJson: boolean, out: (line: string) => void) {
  if (asJson) return out(JSON.stringify({ name: s.project.name, path: s.project.path, schemaVersion: s.project.schemaVersion, ...s.counts }));
  out(`${s.project.name}  (${s.project.path}, schema v${s.project.schemaVersion})`);
  for (const [k, v] of Object.entries(s.counts)) out(`  ${k.padEnd(10)} ${v}`);
}

export function run(argv: string[], out: (line: string) => void): void {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (!command || command === 'help' || command === '--help' || values.help) return out(USAGE);
  const file = positionals[0];
  switch (command) {
    case 'new': {
      if (!file || positionals.length > 1) throw new UsageError('quaywatch new needs exactly one FILE.quaywatch');
      const store = ProjectStore.create(file.endsWith('.quaywatch') ? file : `${file}.quaywatch`, values.name ?? file.replace(/^.*[\\/]/, '').replace(/\.quaywatch$/, ''), { author: author() });
      try {
        printSummary(store.summary(), values.json, out);
      } finally {
        store.close();
      }
      return;
    }
    case 'info': {
      if (!file || positionals.length > 1) throw new UsageError('quaywatch info needs exactly one FILE');
      const store = ProjectStore.open(file, { author: author() });
      try {
        printSummary(store.summary(), values.json, out);
      } finally {
        store.close();
      }
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}
