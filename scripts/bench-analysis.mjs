// Runs scripts/bench-analysis.ts: bundled on the fly with esbuild (no TS runner needed on Node 20).
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = await build({ entryPoints: [join(here, 'bench-analysis.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false });
const dir = mkdtempSync(join(tmpdir(), 'qw-bench-'));
const file = join(dir, 'bench-analysis.mjs');
writeFileSync(file, out.outputFiles[0].text);
try {
  await import(pathToFileURL(file).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
