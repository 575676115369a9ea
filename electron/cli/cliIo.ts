// What every CLI command shares: its output streams, argument parsing with one-line usage errors, and opening a project.
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ProjectStore } from '../node/store/projectStore';

export interface CliIo {
  /** Results: stdout, one line per call. */
  out(line: string): void;
  /** Progress and notes: stderr, one line per call. */
  err(line: string): void;
}

/** A mistake in the command line itself (exit code 2). */
export class UsageError extends Error {}

export interface Command {
  /** Words that select it, e.g. ['zones', 'import']. */
  words: string[];
  usage: string;
  /** Shown under the usage line by `quaywatch COMMAND --help`. */
  details?: string[];
  run(args: string[], io: CliIo): void | Promise<void>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into one readable line that names the command. */
export function parseCommandArgs<O extends Options>(cmd: Command, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s+/g, ' ').trim();
    throw new UsageError(`${msg.replace(/\.$/, '')}. Usage: quaywatch ${cmd.usage}`);
  }
}

/** Exactly `n` positionals, or a usage error. */
export function positionalsOf(cmd: Command, positionals: string[], names: string[]): string[] {
  if (positionals.length !== names.length) {
    const what = positionals.length < names.length ? `missing ${names.slice(positionals.length).join(' and ')}` : `unexpected "${positionals[names.length]}"`;
    throw new UsageError(`${what}. Usage: quaywatch ${cmd.usage}`);
  }
  return positionals;
}

/** Who the edits are recorded as: the OS user, as in the app. */
export function cliAuthor(): string {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

/** Opens the project, runs `fn`, always closes it (the WAL is checkpointed on close). */
export function withProject<T>(file: string, fn: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(file, { author: cliAuthor() });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Left-aligned text table, for human output. */
export function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}
