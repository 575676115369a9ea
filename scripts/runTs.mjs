// Runs a TypeScript script of ours on Node 20 without a TS runner: esbuild bundles our code (every
// package stays external), and the bundle is written under node_modules/.cache so packages resolve
// from the repo's node_modules. Benchmarks use it: `await runTs('bench-tiles.ts')`.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function runTs(entry) {
  const cache = join(here, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'qw-run-'));
  const file = join(dir, `${basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [join(here, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    // Some of our modules resolve package files (fonts) with require.resolve.
    banner: { js: "import { createRequire as __qwCreateRequire } from 'node:module'; const require = __qwCreateRequire(import.meta.url);" },
  });
  try {
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
