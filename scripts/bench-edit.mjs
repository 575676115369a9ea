// Runs scripts/bench-edit.ts, bundled on the fly with esbuild; dependencies stay external and
// resolve from the repo's node_modules because the bundle is written below it.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'qw-bench-edit-'));
const file = join(dir, 'bench-edit.cjs');
await build({
  entryPoints: [join(here, 'bench-edit.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outfile: file, packages: 'external', logLevel: 'error',
});
try {
  await import(pathToFileURL(file).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
