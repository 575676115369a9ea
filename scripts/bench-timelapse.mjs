// Builds the CLI (the bench times it as users run it) and runs scripts/bench-timelapse.ts (see runTs.mjs: no TS
// runner is needed on Node 20) from the repository's root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './build.mjs';
import { runTs } from './runTs.mjs';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
await buildCli();
await runTs('bench-timelapse.ts');
