// What every CLI command shares: its output streams, argument parsing with one-line usage errors, and opening a project.
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TempJournal } from '../node/output/tempJournal';
import { defaultDataDir } from '../node/paths';
import { AnalystProfileFile } from '../node/analystProfile';
import { projectUsesFolder } from '../node/store/folderInUse';
import { ProjectStore, type OpenOptions } from '../node/store/projectStore';
import { readOnlyRefusal } from '../node/store/projectInspect';

/**
 * Characters that would act on the terminal instead of being shown: C0 and C1 controls (ESC starts
 * sequences that clear the screen or retitle the window, CR overwrites a line), DEL, line separators
 * and bidirectional overrides (which reorder what is read). Newline and tab are layout.
 */
// eslint-disable-next-line no-control-regex
const ACTS_ON_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line as it may reach the terminal: names and messages come from project files and imported
 * files, so each such character is shown as its escape (ESC as \u001b). The escape is also valid in
 * JSON strings, so --json output still parses to the same values.
 */
export function visible(line: string): string {
  return line.replace(ACTS_ON_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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
/** The analyst's name as given in the app (analyst.json in the data folder), else the OS user's. */
export function cliAuthor(): string {
  const profile = new AnalystProfileFile(defaultDataDir()).read();
  if (profile) return profile.name;
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

let journal: TempJournal | null = null;

/** How every command opens a project: as the OS user, its temporaries noted in the app data folder like the app's. */
export function cliOpenOptions(): OpenOptions {
  if (!journal) {
    journal = TempJournal.inDataDir(defaultDataDir());
    // A CLI run is a start too: what a crashed run (of the CLI or the app) left half-written goes now.
    journal.cleanLeftovers(projectUsesFolder);
  }
  return { author: cliAuthor(), temporaries: journal };
}

/** Opens the project, runs `fn`, always closes it (the WAL is checkpointed on close). */
export function withProject<T>(file: string, fn: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(file, cliOpenOptions());
  try {
    return fn(store);
  } catch (e) {
    throw readOnlyRefusal(store.readOnly, e) ?? e;
  } finally {
    store.close();
  }
}

/** withProject for async work (a package written or merged, a team sync): the project stays open until it settles. */
export async function withProjectAsync<T>(file: string, fn: (store: ProjectStore) => Promise<T>): Promise<T> {
  const store = ProjectStore.open(file, cliOpenOptions());
  try {
    return await fn(store);
  } catch (e) {
    throw readOnlyRefusal(store.readOnly, e) ?? e;
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
