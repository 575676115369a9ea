// Runs scripts/bench-ais-rules.ts (see runTs.mjs: no TS runner is needed on Node 20). Folded into
// `npm run bench:ais` as its verdicts section; runnable alone: node scripts/bench-ais-rules.mjs
import { runTs } from './runTs.mjs';

await runTs('bench-ais-rules.ts');
