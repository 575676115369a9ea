// What the radar scenes buy, on a real project file: the visits' censoring narrows by at least 30 % when the
// radar scenes are counted, and stats --json gives the same figures with and without them.
import { tempDir } from '../../testing/tmp';
import { seedRadarPort } from '../../testing/radarPort';
import { ProjectStore } from '../store/projectStore';
import { projectStats } from './projectStats';
import { radarGain } from './radarGain';

describe('radar scenes on the clouded days', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('narrow the median censoring width by at least 30 %, and stats --json says the same', () => {
    const { file, radarScenes } = seedRadarPort(t.dir);
    expect(radarScenes).toBeGreaterThan(20);
    const store = ProjectStore.open(file, { author: 'ana' });
    try {
      const gain = radarGain(store);
      expect(gain.radarScenes).toBe(radarScenes);
      expect(gain.withRadar.width.n).toBeGreaterThan(10);
      expect(gain.withoutRadar.width.n).toBeGreaterThan(10);
      expect(gain.withRadar.width.median!).toBeLessThan(gain.withoutRadar.width.median!);
      expect(gain.fallPercent!).toBeGreaterThanOrEqual(30);
      const r = projectStats(store, { minConfidence: 'possible', reviewedOnly: false });
      const overall = (rows: typeof r.censoring | null) => rows!.find((c) => c.zone === null && c.month === null)!;
      expect(overall(r.censoring).widthHours).toEqual(gain.withRadar.width);
      expect(overall(r.censoringWithoutRadar).widthHours).toEqual(gain.withoutRadar.width);
      // Every month of the record counts each day once: optical + radar days never exceed the month's days.
      for (const c of r.coverage) expect(c.opticalDaysObserved + c.radarDaysObserved).toBeLessThanOrEqual(c.daysInMonth);
      expect(r.coverage.some((c) => c.radarDaysObserved > 0)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('without radar scenes the figures are one: no "without radar" run, nothing changed', () => {
    const { file } = seedRadarPort(t.dir, { noRadar: true });
    const store = ProjectStore.open(file, { author: 'ana' });
    try {
      const gain = radarGain(store);
      expect(gain.radarScenes).toBe(0);
      expect(gain.withoutRadar).toEqual(gain.withRadar);
      expect(gain.fallPercent).toBe(0);
      const r = projectStats(store, { minConfidence: 'possible', reviewedOnly: false });
      expect(r.censoringWithoutRadar).toBeNull();
      for (const c of r.coverage) expect(c.radarDaysObserved).toBe(0);
    } finally {
      store.close();
    }
  });
});
