// Runs scripts/demo-imagery-hashes.ts: bundled with esbuild like runTs.mjs does, but into this
// checkout's .cache/ (node_modules may be a link to a shared install that this should not write to).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.cache');
fs.mkdirSync(cache, { recursive: true });
const dir = fs.mkdtempSync(path.join(cache, 'qw-hashes-'));
const file = path.join(dir, 'demo-imagery-hashes.mjs');
await build({ entryPoints: [path.join(root, 'scripts', 'demo-imagery-hashes.ts')], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
try {
  process.env.QW_ROOT = root;
  await import(pathToFileURL(file).href);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
