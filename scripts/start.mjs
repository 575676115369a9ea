// npm start: builds if sources changed, then opens the Electron window where Electron's binary is
// installed, else says so in one line and serves the same app in browser mode on loopback.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, needsBuild } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (needsBuild()) {
  console.log('Building Quaywatch…');
  await buildAll();
}

const extra = process.argv.slice(2);
const bin = process.env.QUAYWATCH_BROWSER_MODE ? null : electronBinary();
let child;
if (bin) {
  child = spawn(bin, [root, ...extra], { stdio: 'inherit' });
} else {
  console.log("Electron's binary is not installed here, so Quaywatch opens in browser mode instead.");
  child = spawn(process.execPath, [path.join(root, 'dist', 'electron', 'host.cjs'), '--open', ...extra], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
