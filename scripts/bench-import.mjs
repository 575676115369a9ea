// Runs scripts/bench-import.ts: bundled on the fly with esbuild (no TS runner needed on Node 20).
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = await build({
  entryPoints: [join(here, 'bench-import.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  // Native modules load from node_modules; the bundle is written inside the repo so they resolve.
  external: ['better-sqlite3', '@napi-rs/keyring'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const dir = mkdtempSync(join(here, '..', 'node_modules', '.qw-bench-'));
const file = join(dir, 'bench-import.mjs');
writeFileSync(file, out.outputFiles[0].text);
try {
  await import(pathToFileURL(file).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
