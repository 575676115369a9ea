// npm run dist: the installers for this OS (electron-builder.yml: AppImage + deb, nsis, dmg), on a
// machine with internet (Electron's binary and headers are downloaded). Pass electron-builder options
// after `--`, e.g. `npm run dist -- --linux deb`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let rc = run(process.execPath, ['scripts/build.mjs']);
// better-sqlite3 rebuilt for Electron's ABI; electron-builder then unpacks it from the asar.
if (rc === 0) rc = run(npx, ['electron-builder', 'install-app-deps']);
if (rc === 0) rc = run(npx, ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]);
// Put Node's build of better-sqlite3 back, so the CLI, browser mode and tests keep working here.
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3`.');
process.exit(rc || restored);
