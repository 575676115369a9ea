// Runs R's survival::survfit on the shared datasets (when Rscript exists) and compares it with ours and the fixture.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TURNBULL_DATASETS } from './fixtures/turnbull-datasets';
import { compareWithR, type RFit } from './fixtures/compare-r';

const here = __dirname;
const fixturePath = join(here, 'fixtures', 'turnbull-r.json');

function hasR(): boolean {
  const r = spawnSync('Rscript', ['-e', 'library(survival); cat(as.character(packageVersion("survival")))'], { encoding: 'utf8' });
  return r.status === 0;
}

const rAvailable = hasR();

describe.skipIf(!rAvailable)('Turnbull against R survival::survfit (live)', () => {
  let fits: RFit[] = [];
  let version = '';
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'qw-turnbull-'));
    try {
      const files = TURNBULL_DATASETS.map((ds, i) => {
        const f = join(dir, `${i}.csv`);
        writeFileSync(f, 'lower,upper\n' + ds.data.map((d) => `${d.lower},${d.upper === Infinity ? 'Inf' : d.upper}`).join('\n') + '\n');
        return f;
      });
      const out = execFileSync('Rscript', [join(here, 'fixtures', 'turnbull-r.R'), ...files], { encoding: 'utf8' });
      const raw = JSON.parse(out) as Omit<RFit, 'name'>[];
      fits = raw.map((r, i) => ({ ...r, name: TURNBULL_DATASETS[i]!.name }));
      version = execFileSync('Rscript', ['-e', 'cat(R.version.string, "/ survival", as.character(packageVersion("survival")))'], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.QW_UPDATE_R_FIXTURE === '1') {
      writeFileSync(fixturePath, JSON.stringify({ generatedBy: version, script: 'fixtures/turnbull-r.R', fits }, null, 1) + '\n');
    }
  }, 300_000);

  it.each(TURNBULL_DATASETS.map((d) => [d.name]))('%s matches R within 1e-4', (name) => {
    const r = fits.find((f) => f.name === name)!;
    const ds = TURNBULL_DATASETS.find((d) => d.name === name)!;
    const tight = compareWithR(ds.data, r.tight);
    expect(tight.maxSurvivalDiff).toBeLessThan(1e-4);
    expect(tight.quantileMismatches).toEqual([]);
    // survfit as shipped stops early; ours must then be at least as likely as its answer.
    const shipped = compareWithR(ds.data, r.default);
    expect(tight.fit.logLikelihood).toBeGreaterThanOrEqual(shipped.rLogLik - 1e-9);
  });

  it('the recorded fixture is what R computes today', () => {
    const recorded = JSON.parse(readFileSync(fixturePath, 'utf8')) as { fits: RFit[] };
    for (const live of fits) {
      const rec = recorded.fits.find((f) => f.name === live.name)!;
      for (const k of ['default', 'tight'] as const) {
        expect(rec[k].time).toEqual(live[k].time);
        live[k].surv.forEach((s, i) => expect(Math.abs(s - rec[k].surv[i]!)).toBeLessThan(1e-9));
      }
    }
  });
});
