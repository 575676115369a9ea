import { readFileSync } from 'node:fs';
import { TURNBULL_DATASETS } from './fixtures/turnbull-datasets';
import { compareWithR } from './fixtures/compare-r';
it('dbg', () => {
  const rec = JSON.parse(readFileSync(__dirname + '/fixtures/turnbull-r.json', 'utf8'));
  for (const ds of TURNBULL_DATASETS) {
    const r = rec.fits.find((f: {name: string}) => f.name === ds.name);
    for (const k of ['default', 'tight']) {
    const res = compareWithR(ds.data, r[k]);
    console.log(ds.name, k, res.rLogLik, res.fit.logLikelihood, res.maxSurvivalDiff, res.fit.iterations, res.fit.converged, JSON.stringify(res.quantileMismatches));
    if (ds.name === 'dwell-hours-200' && k === 'tight') console.log(res.rows.filter(r => r.diff > 1e-4).slice(0, 10), res.fit.intervals.filter(i => i.mass > 1e-6).length, res.fit.intervals.length, r[k].time.length);
    }
  }
});
