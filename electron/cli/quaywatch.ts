// The quaywatch command line: the same project operations as the app, headless. One file per command in commands/.
import { QuaywatchError } from '../node/errors';
import { UsageError, visible, type CliIo, type Command } from './cliIo';
import { aisIdentitiesCommand } from './commands/aisIdentities';
import { aisImportCommand } from './commands/aisImport';
import { demoCommand } from './commands/demo';
import { examinedSetCommand } from './commands/examinedSet';
import { figureCommand } from './commands/figure';
import { exportCommand } from './commands/export';
import { infoCommand } from './commands/info';
import { newCommand } from './commands/new';
import { observabilitySetCommand } from './commands/observabilitySet';
import { packageExportCommand, packageImportCommand } from './commands/package';
import { reportCommand } from './commands/report';
import { scenesDeleteCommand } from './commands/scenesDelete';
import { scenesImportCommand } from './commands/scenesImport';
import { sightingsImportCommand } from './commands/sightingsImport';
import { statsCommand } from './commands/stats';
import { zonesImportCommand } from './commands/zonesImport';
import { timelapseCommand } from './commands/timelapse';
import { teamConflictsCommand, teamInitCommand, teamJoinCommand, teamMemberAddCommand, teamSyncCommand, teamUnmatchedCommand } from './commands/team';

export { UsageError, type CliIo } from './cliIo';

/** Every command, in the order `quaywatch help` lists them. */
export const COMMANDS: readonly Command[] = [
  newCommand,
  infoCommand,
  zonesImportCommand,
  scenesImportCommand,
  scenesDeleteCommand,
  sightingsImportCommand,
  aisImportCommand,
  aisIdentitiesCommand,
  observabilitySetCommand,
  examinedSetCommand,
  statsCommand,
  exportCommand,
  reportCommand,
  figureCommand,
  timelapseCommand,
  packageExportCommand,
  packageImportCommand,
  teamInitCommand,
  teamMemberAddCommand,
  teamJoinCommand,
  teamSyncCommand,
  teamConflictsCommand,
  teamUnmatchedCommand,
  demoCommand,
];

export const USAGE = ['Usage:', ...COMMANDS.map((c) => `  quaywatch ${c.usage}`), '', 'Human-readable output by default; --json for machines. Exit code 0 on success, 1 on an error, 2 on a bad command line.'].join('\n');

/** Runs one command; throws UsageError or QuaywatchError (or anything unexpected) on failure. */
export async function run(argv: string[], io: CliIo): Promise<void> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) return io.out(USAGE);
  const cmd = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!cmd) {
    const group = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === argv[0]);
    if (group.length) throw new UsageError(`unknown "${argv.slice(0, 2).join(' ')}"; try ${group.map((c) => `"quaywatch ${c.words.join(' ')}"`).join(' or ')}`);
    throw new UsageError(`unknown command "${argv[0]}"; run "quaywatch help" for the list`);
  }
  const rest = argv.slice(cmd.words.length);
  if (rest.includes('--help') || rest.includes('-h')) return io.out([`Usage: quaywatch ${cmd.usage}`, ...(cmd.details ?? []).map((l) => (l ? `  ${l}` : ''))].join('\n'));
  await cmd.run.call(cmd, rest, io);
}

/** The whole program: exit code 0 on success; otherwise exactly one line on stderr and 1 (or 2 for a bad command line). */
export async function main(argv: string[], terminal: CliIo): Promise<number> {
  // The one way out to the terminal: every line, results and errors alike.
  const io: CliIo = { out: (line) => terminal.out(visible(line)), err: (line) => terminal.err(visible(line)) };
  try {
    await run(argv, io);
    return 0;
  } catch (e) {
    // An output already there: the command line's way to confirm is a flag, so the line names it.
    const exists = e instanceof QuaywatchError && e.code === 'exists' ? `${e.path} already exists; add --force to replace it.` : null;
    const message = (exists ?? (e instanceof Error ? e.message : String(e))).replace(/\s*\n\s*/g, ' ').trim();
    io.err(`quaywatch: ${message}`);
    return e instanceof UsageError ? 2 : e instanceof QuaywatchError ? 1 : 1;
  }
}
