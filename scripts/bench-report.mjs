// Runs scripts/bench-report.ts: bundled on the fly with esbuild (no TS runner needed on Node 20).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = await build({ entryPoints: [join(here, 'bench-report.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, external: ['better-sqlite3', '@napi-rs/keyring', 'sharp', 'pdfkit', 'echarts', 'geotiff', 'proj4'] });
// Inside the repository, so that the native and data-carrying packages left external resolve from node_modules.
mkdirSync(join(here, '..', 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join(here, '..', 'node_modules', '.cache', 'qw-bench-report-'));
const file = join(dir, 'bench-report.mjs');
writeFileSync(file, out.outputFiles[0].text);
try {
  await import(pathToFileURL(file).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
