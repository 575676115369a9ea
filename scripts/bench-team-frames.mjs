// Runs scripts/bench-team-frames.ts (see runTs.mjs: no TS runner is needed on Node 20), on the test build:
// the benchmark reads the page through its test hook.
import { buildAll, needsBuild } from './build.mjs';
import { runTs } from './runTs.mjs';

if (needsBuild({ testHooks: true })) await buildAll({ testHooks: true });
await runTs('bench-team-frames.ts');
