// `quaywatch info FILE [--json]`: the project's name, schema version and counts.
import type { ProjectSummary } from '../../../shared/api';
import { parseCommandArgs, positionalsOf, withProject, type CliIo, type Command } from '../cliIo';

export function printSummary(s: ProjectSummary, asJson: boolean, io: CliIo) {
  if (asJson) return io.out(JSON.stringify({ name: s.project.name, path: s.project.path, schemaVersion: s.project.schemaVersion, ...s.counts }));
  io.out(`${s.project.name}  (${s.project.path}, schema v${s.project.schemaVersion})`);
  for (const [k, v] of Object.entries(s.counts)) io.out(`  ${k.padEnd(10)} ${v}`);
}

export const infoCommand: Command = {
  words: ['info'],
  usage: 'info FILE [--json]',
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    withProject(file!, (store) => printSummary(store.summary(), values.json, io));
  },
};
