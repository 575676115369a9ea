// The host's AIS evidence on the demo, whose AIS was made to show each case once (demo/demoAis.ts):
// the reporting ships confirmed, the dark one silent with gaps holding the scenes that show it, the
// spoofer contradicted, the unmarked Sparta IV in the review queue, and the dark calls as imagery-only.
import path from 'node:path';
import { writeDemoProjectFile } from '../demo/demoProject';
import { analysisOf, loadProjectData } from '../export/projectData';
import { ProjectStore } from '../store/projectStore';
import { tempDir } from '../../testing/tmp';
import { aisEvidence } from './aisAnalysis';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('qw-ais-evidence-');
});
afterAll(() => tmp.cleanup());

function demoEvidence() {
  const file = path.join(tmp.dir, 'demo', 'demo.quaywatch');
  writeDemoProjectFile(file);
  const store = ProjectStore.open(file, { author: 'test' });
  try {
    const data = loadProjectData(store);
    return { data, evidence: aisEvidence(store, data, analysisOf(data)) };
  } finally {
    store.close();
  }
}

describe('AIS evidence of the demo', () => {
  let data: ReturnType<typeof demoEvidence>['data'];
  let evidence: ReturnType<typeof demoEvidence>['evidence'];
  let vesselName: Map<string, string>;
  beforeAll(() => {
    ({ data, evidence } = demoEvidence());
    vesselName = new Map(data.vessels.map((v) => [v.id, v.name]));
  });
  const verdictsOf = (name: string) => new Set(evidence.verdicts.filter((v) => v.vesselId && vesselName.get(v.vesselId) === name).map((v) => v.verdict));

  it('confirms the ships that report, calls the dark one silent and the spoofer contradicted', () => {
    expect(evidence.hasAis).toBe(true);
    for (const name of ['Vostok Trader', 'Amur Express', 'Paekdu Star']) expect(verdictsOf(name)).toEqual(new Set(['confirmed']));
    expect(verdictsOf('Ryongsong 2')).toEqual(new Set(['silent']));
    expect(verdictsOf('Sea Harmony')).toEqual(new Set(['contradicted']));
    for (const v of evidence.verdicts.filter((x) => x.verdict === 'confirmed')) expect(v.distanceM!).toBeLessThan(50);
  });

  it('lists the dark ship\'s gaps with the scenes inside them that show it at the quay', () => {
    const ryongsong = data.vessels.find((v) => v.name === 'Ryongsong 2')!;
    const gaps = evidence.gaps.filter((g) => g.mmsi === ryongsong.mmsi);
    expect(gaps.length).toBe(2); // two calls, dark from six hours before to six hours after each
    expect(gaps.every((g) => g.hours >= 12)).toBe(true);
    const seen = gaps.flatMap((g) => g.scenes.filter((s) => s.seen).map((s) => s.acquired.slice(0, 10)));
    expect(seen).toEqual(['2024-12-10', '2024-12-26', '2024-12-30', '2024-12-30']); // 30 Dec: the optical scene and the radar pass
    // The reporting ships are never silent for six hours.
    expect(evidence.gaps.filter((g) => g.mmsi !== ryongsong.mmsi)).toEqual([]);
  });

  it('queues Sparta IV at Pier 1 on 3 January (examined: nothing there), and Amur Express on 13 (radar) and 14 January (not examined yet)', () => {
    expect(evidence.queue.map((q) => [q.acquired.slice(0, 10), q.text, q.examined])).toEqual([
      ['2025-01-03', 'AIS says SPARTA IV at Pier 1; nothing marked', true],
      ['2025-01-13', 'AIS says Amur Express at Pier 1; nothing marked', false], // the evening radar pass: the demo's unmarked tail
      ['2025-01-14', 'AIS says Amur Express at Pier 1; nothing marked', false], // the demo's unmarked tail
    ]);
  });

  it('sets the imagery visits beside the AIS visits: the dark calls are imagery-only and silent', () => {
    const dark = evidence.comparison.imageryOnly.filter((x) => vesselName.get(x.imagery.subjectId) === 'Ryongsong 2');
    expect(dark.length).toBeGreaterThan(0);
    expect(dark.every((x) => x.ais === 'silent')).toBe(true);
    expect(evidence.comparison.both.some((x) => vesselName.get(x.imagery.subjectId) === 'Vostok Trader')).toBe(true);
  });
});
