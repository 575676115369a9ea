// Starts the real browser-mode host as a child process on a private home folder, and kills it
// the way a crash would (SIGKILL) when a test asks.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { takePageErrors } from './pageErrors';

const ROOT = path.resolve(__dirname, '..', '..');

export interface RunningHost {
  url: string;
  port: number;
  startupMs: number;
  proc: ChildProcess;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private home for one test, as a returning analyst's: their name is already given (analyst.json),
 * so the first-run question does not stand over the window. `firstRun` leaves it bare.
 */
export function tempHome(opts: { firstRun?: boolean } = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-e2e-'));
  if (!opts.firstRun) fs.writeFileSync(path.join(home, 'analyst.json'), JSON.stringify({ name: 'Test Analyst', initials: 'TA' }));
  return home;
}

export async function startHost(home: string): Promise<RunningHost> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'electron', 'host.cjs')], {
    env: { ...process.env, QUAYWATCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  const ready = await new Promise<{ url: string; port: number; startupMs: number }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in 60 s\n${stderr}`)), 60_000);
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]!));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}\n${stderr}`));
    });
  });
  let stopping = false;
  // A host that dies under a test says why in the test's output (its stderr is otherwise lost).
  proc.once('exit', (code, signal) => {
    if (!stopping) console.error(`host exited unexpectedly (${code ?? signal})\n${stderr}`);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    ...ready,
    proc,
    async kill9() {
      stopping = true;
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      stopping = true;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * For each test of the spec that calls it: a fresh home folder (and the artifacts folder for
 * screenshots); afterwards, the host the test started last is stopped and the folder removed.
 */
export function hostPerTest(opts: { firstRun?: boolean } = {}): { readonly home: string; start(): Promise<RunningHost> } {
  let home = '';
  let host: RunningHost | null = null;
  test.beforeEach(() => {
    home = tempHome(opts);
    fs.mkdirSync('artifacts', { recursive: true });
  });
  test.afterEach(async () => {
    await host?.stop();
    host = null;
    fs.rmSync(home, { recursive: true, force: true });
    const errors = takePageErrors();
    if (errors.length) throw new Error(`the page threw ${errors.length} uncaught error(s); the first:\n${errors[0]}`);
  });
  return {
    get home() {
      return home;
    },
    /** Starts the host on this test's home (again, after a kill: the one before is dead). */
    async start() {
      host = await startHost(home);
      return host;
    },
  };
}
