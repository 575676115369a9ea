// Test helper: a child process script. esbuild bundles a TypeScript entry (electron/testing/*Child.ts, the
// CLI) into one CommonJS file; its packages stay external and load from node_modules at run time through
// NODE_PATH, native ones included, as in the app. Spawn it with `process.execPath` and `childEnv()`.
import path from 'node:path';
import { build } from 'esbuild';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Bundles `entry` (relative to the repository, e.g. 'electron/testing/editChild.ts') to `outfile`; returns outfile. */
export async function buildChild(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile,
    packages: 'external', logLevel: 'error',
  });
  return outfile;
}

/** The environment a built child needs (NODE_PATH), plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...extra };
}
