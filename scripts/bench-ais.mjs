// npm run bench:ais — the three AIS targets of issue 18, each runnable alone:
//   import (scripts/bench-ais.ts: a 10-million-message NMEA log, ≤ 60 s, memory flat, cancel),
//   verdicts (scripts/bench-ais-rules.ts: 100k sightings × 1M positions, ≤ 200 ms full, ≤ 20 ms per edit),
//   map (scripts/bench-ais-layer.mjs: the AIS layer on a scene switch, p95 added ≤ 50 ms).
// QW_BENCH_AIS_PARTS=import,verdicts,map picks parts (all by default).
import { runTs } from './runTs.mjs';

const parts = (process.env.QW_BENCH_AIS_PARTS ?? 'import,verdicts,map').split(',');
if (parts.includes('import')) await runTs('bench-ais.ts');
if (parts.includes('verdicts')) await runTs('bench-ais-rules.ts');
if (parts.includes('map')) await import('./bench-ais-layer.mjs');
