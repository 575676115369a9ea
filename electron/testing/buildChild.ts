// Test helper: a child process script. esbuild bundles a TypeScript entry (electron/testing/*Child.ts, the
// CLI) into one CommonJS file; its packages stay external and load from node_modules at run time through
// NODE_PATH, native ones included, as in the app. Spawn it with `process.execPath` and `childEnv()`.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { build } from 'esbuild';
import type { ApiResult } from '../../shared/api';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Bundles `entry` (relative to the repository, e.g. 'electron/testing/editChild.ts') to `outfile`; returns outfile. */
export async function buildChild(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile,
    packages: 'external', logLevel: 'error',
    // Code that loads a package on first use (`await import('pg')`) must reach it as require() does, through
    // NODE_PATH, from a child written to a temporary folder: Node's import() ignores NODE_PATH.
    supported: { 'dynamic-import': false },
  });
  return outfile;
}

/**
 * Lets a child run as another user (the unprivileged "nobody") reach the repository's node_modules: a
 * checkout inside a 0700 folder (what `mktemp -d` makes) hides it from everyone but its owner. Adds
 * search permission for others (o+x, not read) to each folder on the way that lacks it; returns the undo.
 */
export function letOthersReachNodeModules(): () => void {
  const changed: [string, number][] = [];
  for (let d = path.join(ROOT, 'node_modules'); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode & 0o7777;
    if (!(mode & 0o001)) {
      fs.chmodSync(d, mode | 0o001);
      changed.push([d, mode]);
    }
    if (d === path.dirname(d)) break;
  }
  return () => {
    for (const [d, mode] of changed.reverse()) fs.chmodSync(d, mode);
  };
}

/** The environment a built child needs (NODE_PATH), plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...extra };
}

/**
 * Talks to a running editChild.ts (spawned with piped stdio): `next` reads its next stdout line ('ready' first);
 * `ask` writes one `{name, req}` line and reads the ApiResult the child answers with; `stderr` is what it printed there.
 */
export function childLines(proc: ChildProcess) {
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  const lines = readline.createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error(`child ended: ${stderr}`);
    return r.value as string;
  };
  const ask = async <T>(name: string, req: unknown): Promise<ApiResult<T>> => {
    proc.stdin!.write(`${JSON.stringify({ name, req })}\n`);
    return JSON.parse(await next()) as ApiResult<T>;
  };
  return { next, ask, stderr: () => stderr };
}
