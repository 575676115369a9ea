// Runs scripts/bench-figure.ts (see runTs.mjs: no TS runner is needed on Node 20).
import { runTs } from './runTs.mjs';

await runTs('bench-figure.ts');
