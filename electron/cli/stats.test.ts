// `quaywatch stats` on the demo port (ground truth known) and on small projects: the JSON contract, filters, comparison, errors.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDemoProject } from '../node/demo/demoProject';
import { demoDataset } from '../node/demo/demoImagery';
import { tempDir } from '../testing/tmp';
import { cli, sha256 } from './testing/cliHarness';

let shared: ReturnType<typeof tempDir>;
let demoFile: string;
let tmp: ReturnType<typeof tempDir>;
let project: string;

beforeAll(async () => {
  shared = tempDir('qw-cli-demo-');
  demoFile = path.join(shared.dir, 'demo.quaywatch');
  await createDemoProject(demoFile);
}, 120_000);
afterAll(() => shared.cleanup());
beforeEach(() => {
  tmp = tempDir('qw-cli-stats-');
  project = path.join(tmp.dir, 'demo.quaywatch');
  fs.copyFileSync(demoFile, project);
});
afterEach(() => tmp.cleanup());

const stats = async (...args: string[]) => {
  const r = await cli('stats', project, '--json', ...args);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
};

const TRUTH = demoDataset();
/** The demo marks every scene but the last three; visits there follow the schedule in demoImagery.ts. */
const EXPECTED_VISITS = [
  ['Ryongsong 2', 'Pier 2', '2024-12-10', '2024-12-10'],
  ['Vostok Trader', 'Pier 1', '2024-12-10', '2024-12-13'],
  ['Paekdu Star', 'Pier 2', '2024-12-16', '2024-12-21'],
  ['Amur Express', 'Pier 1', '2024-12-21', '2024-12-21'],
  ['Ryongsong 2', 'Pier 2', '2024-12-26', '2024-12-30'],
  ['Paekdu Star', 'Pier 2', '2025-01-08', '2025-01-08'],
  ['Amur Express', 'Pier 2', '2025-01-13', '2025-01-13'],
];

describe('stats on the demo port', () => {
  it('finds the visits per pier of the ground truth, each scene of each visit showing that ship at that pier', async () => {
    const r = await stats();
    // The contract's keys, in order; later issues may add more after them (add more, break none).
    expect(Object.keys(r).slice(0, 6)).toEqual(['visits', 'monthly', 'dwell', 'coverage', 'containers', 'comparison']);
    expect(r.visits.map((v: Record<string, string>) => [v.vessel, v.zone, v.firstSeen!.slice(0, 10), v.lastSeen!.slice(0, 10)])).toEqual(EXPECTED_VISITS);
    const sceneIdByTime = new Map<string, string>();
    const db = new Database(project, { readonly: true });
    for (const s of db.prepare('SELECT id, acquired FROM scene').all() as { id: string; acquired: string }[]) sceneIdByTime.set(s.id, s.acquired);
    db.close();
    for (const v of r.visits) {
      for (const id of v.sceneIds) {
        const truth = [...TRUTH.scenes, ...TRUTH.radarScenes].find((s) => s.acquired === sceneIdByTime.get(id))!;
        expect(truth.ships.some((s) => s.name === v.vessel && s.zone === v.zone)).toBe(true);
      }
      expect(Object.keys(v)).toEqual(['vessel', 'zone', 'firstSeen', 'lastSeen', 'arrivalAfter', 'departureBefore', 'dwellMinHours', 'dwellMaxHours', 'sceneIds']);
    }
    // The first scene of the series cannot bracket an arrival: open, shown as null; the radar pass of 15 Dec ends it.
    expect(r.visits[1]).toMatchObject({ vessel: 'Vostok Trader', arrivalAfter: null, departureBefore: '2024-12-15T09:27:40.000Z', dwellMaxHours: null });
    expect(r.visits[1].dwellMinHours).toBeCloseTo(72.2236, 3);
    // The cloud over Pier 2 on 19 Dec neither ends nor starts Paekdu Star's visit; radar passes bracket it closer than
    // the optical scenes of 13 and 26 Dec could: the morning of 15 Dec and the evening of 21 Dec.
    expect(r.visits[2]).toMatchObject({ arrivalAfter: '2024-12-15T09:27:40.000Z', departureBefore: '2024-12-21T21:05:12.000Z' });
    // No ship moves between piers in the demo: one port call per visit, bracketed by scenes where both piers were seen
    // without it. The radar pass of 19 Dec sees through the cloud over Pier 2 that hid the port on the optical scene,
    // so Amur Express's call, like its visit, starts after that pass and ends before the evening pass of 21 Dec.
    expect(r.portCalls.map((c: { vessel: string; zones: string[]; firstSeen: string }) => [c.vessel, c.zones.join(), c.firstSeen.slice(0, 10)])).toEqual(EXPECTED_VISITS.map(([v, z, f]) => [v, z, f]));
    expect(r.visits[3]).toMatchObject({ vessel: 'Amur Express', arrivalAfter: '2024-12-19T09:27:38.000Z' });
    expect(r.portCalls[3]).toMatchObject({ vessel: 'Amur Express', site: 'Rajin (demo)', arrivalAfter: '2024-12-19T09:27:38.000Z', departureBefore: '2024-12-21T21:05:12.000Z' });
  });

  it('lists every month and pier, zero-visit months included, with the coverage behind each count', async () => {
    const r = await stats();
    expect(r.monthly).toEqual([
      { month: '2024-12', zone: 'Pier 1', visits: 2, underWay: 2, vessels: ['Amur Express', 'Vostok Trader'] },
      { month: '2024-12', zone: 'Pier 2', visits: 3, underWay: 3, vessels: ['Paekdu Star', 'Ryongsong 2'] },
      { month: '2025-01', zone: 'Pier 1', visits: 0, underWay: 0, vessels: [] },
      { month: '2025-01', zone: 'Pier 2', visits: 2, underWay: 2, vessels: ['Amur Express', 'Paekdu Star'] },
    ]);
    // Optical and radar scenes alike (radar ones are never obscured: cloud does not hide a quay from radar).
    const obscured = (zone: string, month: string) => TRUTH.scenes.filter((s) => s.acquired.startsWith(month) && s.obscuredZones.includes(zone)).length;
    const inMonth = (month: string) => [...TRUTH.scenes, ...TRUTH.radarScenes].filter((s) => s.acquired.startsWith(month)).length;
    for (const c of r.coverage) {
      expect(Object.keys(c)).toEqual(['month', 'zone', 'scenes', 'clearScenes', 'examinedClearScenes', 'daysObserved', 'daysInMonth', 'longestGapDays', 'bySensor', 'opticalDaysObserved', 'radarDaysObserved']);
      expect(c.scenes).toBe(inMonth(c.month));
      expect(c.clearScenes).toBe(inMonth(c.month) - obscured(c.zone, c.month));
      expect(c.daysInMonth).toBe(31);
    }
    expect(r.coverage).toHaveLength(4);
    expect(r.dwell).toEqual([]);
    expect(r.containers).toEqual([]);
    expect(r.comparison).toBeNull();
  });

  it('filters by zone, period and confidence', async () => {
    const pier1 = await stats('--zone', 'Pier 1');
    expect(pier1.visits.map((v: { vessel: string }) => v.vessel)).toEqual(['Vostok Trader', 'Amur Express']);
    expect(new Set(pier1.monthly.map((m: { zone: string }) => m.zone))).toEqual(new Set(['Pier 1']));
    const jan = await stats('--from', '2025-01-01', '--to', '2025-01-31');
    expect(jan.visits.map((v: { vessel: string }) => v.vessel)).toEqual(['Paekdu Star', 'Amur Express']);
    expect(jan.monthly.map((m: { month: string }) => m.month)).toEqual(['2025-01', '2025-01']);
    const db = new Database(project);
    db.prepare("UPDATE sighting SET confidence = 'possible' WHERE vessel_id = (SELECT id FROM vessel WHERE name = 'Amur Express')").run();
    db.close();
    expect((await stats('--min-confidence', 'probable')).visits.map((v: { vessel: string }) => v.vessel)).not.toContain('Amur Express');
    expect((await stats()).visits.map((v: { vessel: string }) => v.vessel)).toContain('Amur Express');
  });

  it('counts only reviewed sightings with --reviewed-only', async () => {
    expect((await stats('--reviewed-only')).visits).toEqual([]);
    const db = new Database(project);
    db.prepare(
      `INSERT INTO review (id, sighting_id, reviewer, verdict, comment, at)
       SELECT lower(hex(randomblob(16))), s.id, 'rev', 'confirmed', '', '2025-02-01T00:00:00.000Z' FROM sighting s JOIN vessel v ON v.id = s.vessel_id WHERE v.name = 'Vostok Trader'`,
    ).run();
    db.close();
    expect((await stats('--reviewed-only')).visits.map((v: { vessel: string }) => v.vessel)).toEqual(['Vostok Trader']);
  });

  it('compares January with the months before it, and warns when coverage alone could explain the change', async () => {
    const r = await stats('--compare', '2025-01', '--baseline', '1');
    expect(r.comparison).toMatchObject({ period: '2025-01', visits: 2, baselineMean: 5, vessels: 2, baselineVesselsMean: 4, baselineMonths: ['2024-12'] });
    expect(Object.keys(r.comparison.coverage)).toEqual(['clearScenes', 'shareOfDaysObserved', 'longestGapDays']);
    expect(r.comparison.warning).toBeNull();
    const three = await stats('--compare', '2025-01');
    // October and November have no imagery at all: the baseline cannot show absence.
    expect(three.comparison.baselineMonths).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(three.comparison.warning).toMatch(/No clear scene in .*2024-10, 2024-11/);
    const human = await cli('stats', project, '--compare', '2025-01');
    expect(human.out).toMatch(/2025-01 against the mean of 2024-10, 2024-11, 2024-12/);
    expect(human.out).toMatch(/Warning: No clear scene/);
  });

  it('says the baseline mean is unknown, not 0, when no baseline month has a clear scene', async () => {
    // The demo's imagery starts on 10 December: September to November were never imaged.
    const r = await stats('--compare', '2024-12');
    expect(r.comparison).toMatchObject({ period: '2024-12', baselineMean: null, baselineVesselsMean: null, baselineMonths: ['2024-09', '2024-10', '2024-11'] });
    expect(r.comparison.warning).toMatch(/No clear scene in 2024-09, 2024-10, 2024-11.*baseline mean is unknown/);
    const human = await cli('stats', project, '--compare', '2024-12');
    expect(human.out).toMatch(/Visits +\d+ +unknown/);
    expect(human.out).toMatch(/Vessels +\d+ +unknown/);
    expect(human.out).not.toMatch(/NaN/);
  });

  it('prints tables for people', async () => {
    const r = await cli('stats', project);
    expect(r.code).toBe(0);
    // What the figures do not rest on comes first: the demo's last three optical scenes and two radar passes are not examined yet.
    expect(r.out).toMatch(/^Note: 5 clear scene\(s\) not examined: neither presence nor absence until examined \(quaywatch examined set\)\.\nVisits \(7\)/);
    expect(r.out).toMatch(/Vostok Trader +Pier 1 +open +2024-12-10 01:38/);
    expect(r.out).toMatch(/2025-01 +Pier 1 +0 +0 +— +11\/11 +9\/31 +3 optical \+ 3 radar of 31/);
    expect(r.out).toMatch(/\nPort calls \(7\)\n/);
    expect(r.out.indexOf('Port calls (7)')).toBeGreaterThan(r.out.indexOf('Visits (7)'));
    expect(r.out).toMatch(/Vostok Trader +Rajin \(demo\) +Pier 1 +open +2024-12-10 01:38/);
  });

  it("counts AIS by the project's own thresholds: with 'contradicted beyond 25 km' the spoofer's marks are merely nearby, in stats and exports alike", async () => {
    const { ProjectStore } = await import('../node/store/projectStore');
    const { setAisSettings } = await import('../node/store/ais');
    const store = ProjectStore.open(project, { author: 't' });
    try {
      setAisSettings(store, { contradictM: 25_000 });
    } finally {
      store.close();
    }
    const r = await stats();
    expect(r.aisSummary.verdicts).toMatchObject({ nearby: 6, contradicted: 0 }); // Sea Harmony on 4 optical scenes and 2 radar passes
    const csv = path.join(tmp.dir, 'marks.csv');
    expect((await cli('export', project, '--format', 'csv', '--what', 'sightings', '--out', csv)).err).toEqual([]);
    const seaHarmony = fs.readFileSync(csv, 'utf8').split(/\r?\n/).filter((l) => l.includes('Sea Harmony'));
    expect(seaHarmony.length).toBe(6);
    for (const line of seaHarmony) expect(line).toContain(',nearby,');
  });

  it('refuses bad arguments in one line, leaving the project untouched', async () => {
    const before = sha256(project);
    const cases: [string[], RegExp, number][] = [
      [['--from', 'last week'], /--from is "last week"; give a date/, 2],
      [['--to', '2025-02-30'], /--to is "2025-02-30"/, 2],
      [['--from', '2025-02-01', '--to', '2025-01-01'], /--from 2025-02-01 is not before --to 2025-01-01/, 2],
      [['--compare', '2025-13'], /--compare is "2025-13"; give a month as YYYY-MM/, 2],
      [['--baseline', '3'], /--baseline needs --compare/, 2],
      [['--compare', '2025-01', '--baseline', '0'], /--baseline is "0"/, 2],
      [['--min-confidence', 'high'], /--min-confidence is "high"; use one of confirmed, probable, possible/, 2],
      [['--zone', 'Pier 9'], /No zone "Pier 9" in this project \(zones: Pier 1, Pier 2\)/, 1],
      [['--json=yes'], /--json/, 2],
    ];
    for (const [args, message, code] of cases) {
      const r = await cli('stats', project, ...args);
      expect(r.err).toEqual([expect.stringMatching(message)]);
      expect(r.code).toBe(code);
    }
    expect(sha256(project)).toBe(before);
  });
});

describe('stats on a small project', () => {
  /** Two piers of one port, scenes on the given UTC days (ids S0…), every pier examined on every scene. */
  async function twoPiers(days: string[], marks: [scene: string, pier: string][]) {
    const file = path.join(tmp.dir, 'piers.quaywatch');
    await cli('new', file);
    const square = (x: number) => [[[129 + x, 42], [129.01 + x, 42], [129.01 + x, 42.01], [129 + x, 42.01], [129 + x, 42]]];
    const zones = { type: 'FeatureCollection', features: ['Pier 1', 'Pier 2'].map((name, i) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: square(i * 0.02) } })) };
    fs.writeFileSync(path.join(tmp.dir, 'piers.geojson'), JSON.stringify(zones));
    expect((await cli('zones', 'import', file, path.join(tmp.dir, 'piers.geojson'))).code).toBe(0);
    const db = new Database(file);
    const site = (db.prepare('SELECT id FROM site').get() as { id: string }).id;
    const ins = db.prepare("INSERT INTO scene (id, site_id, acquired, provider, product, item_id, source) VALUES (?, ?, ?, 'Planet', 'PSScene', ?, '{}')");
    days.forEach((d, i) => ins.run(`00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, site, `${d}T01:00:00.000Z`, `S${i}`));
    db.close();
    const lon = { 'Pier 1': 129.005, 'Pier 2': 129.025 } as Record<string, number>;
    const csv = ['scene,class,lon,lat,vessel', ...marks.map(([sc, pier]) => `${sc},vessel,${lon[pier]},42.005,Kumsong`)].join('\n');
    fs.writeFileSync(path.join(tmp.dir, 'marks.csv'), csv);
    expect((await cli('sightings', 'import', file, path.join(tmp.dir, 'marks.csv'), '--examined', 'all')).code).toBe(0);
    return file;
  }

  it('a move from Pier 1 to Pier 2 is two visits and one port call; a day one pier is hidden does not end it', async () => {
    const file = await twoPiers(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'], [
      ['S1', 'Pier 1'],
      ['S2', 'Pier 2'],
      ['S4', 'Pier 2'],
    ]);
    // On the 4th Pier 1 is seen without it but Pier 2 is under cloud: the port was not seen empty.
    expect((await cli('observability', 'set', file, '--scene', 'S3', '--zone', 'Pier 2', '--value', 'obscured')).code).toBe(0);
    const r = JSON.parse((await cli('stats', file, '--json')).out);
    expect(r.visits.map((v: { zone: string; firstSeen: string; lastSeen: string }) => [v.zone, v.firstSeen.slice(0, 10), v.lastSeen.slice(0, 10)])).toEqual([
      ['Pier 1', '2025-03-02', '2025-03-02'],
      ['Pier 2', '2025-03-03', '2025-03-05'],
    ]);
    expect(r.portCalls).toEqual([
      {
        vessel: 'Kumsong',
        site: expect.any(String),
        zones: ['Pier 1', 'Pier 2'],
        firstSeen: '2025-03-02T01:00:00.000Z',
        lastSeen: '2025-03-05T01:00:00.000Z',
        arrivalAfter: '2025-03-01T01:00:00.000Z',
        departureBefore: '2025-03-06T01:00:00.000Z',
        dwellMinHours: 72,
        dwellMaxHours: 120,
        sceneIds: expect.any(Array),
      },
    ]);
    expect(r.portCalls[0].sceneIds).toHaveLength(3);
    expect(Object.keys(r.portCalls[0])).toEqual(['vessel', 'site', 'zones', 'firstSeen', 'lastSeen', 'arrivalAfter', 'departureBefore', 'dwellMinHours', 'dwellMaxHours', 'sceneIds']);
    const human = (await cli('stats', file)).out;
    expect(human).toMatch(/Port calls \(1\)\n.*\n.*Kumsong +\S.* +Pier 1, Pier 2 +2025-03-01 01:00 +2025-03-02 01:00 +2025-03-05 01:00 +2025-03-06 01:00/);
  });

  it('both piers seen without it end the port call', async () => {
    const file = await twoPiers(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05'], [
      ['S1', 'Pier 1'],
      ['S3', 'Pier 2'],
    ]);
    const r = JSON.parse((await cli('stats', file, '--json')).out);
    expect(r.portCalls.map((c: { zones: string[]; departureBefore: string }) => [c.zones, c.departureBefore.slice(0, 10)])).toEqual([
      [['Pier 1'], '2025-03-03'],
      [['Pier 2'], '2025-03-05'],
    ]);
  });

  it('a ship that arrived in December and stayed into January: an arrival in December, under way in both', async () => {
    const file = await twoPiers(['2024-12-18', '2024-12-20', '2024-12-28', '2025-01-05', '2025-01-09'], [
      ['S1', 'Pier 1'],
      ['S2', 'Pier 1'],
      ['S3', 'Pier 1'],
    ]);
    const pier1 = (rows: { zone: string }[]) => rows.filter((m) => m.zone === 'Pier 1');
    const r = JSON.parse((await cli('stats', file, '--json')).out);
    expect(pier1(r.monthly)).toEqual([
      { month: '2024-12', zone: 'Pier 1', visits: 1, underWay: 1, vessels: ['Kumsong'] },
      { month: '2025-01', zone: 'Pier 1', visits: 0, underWay: 1, vessels: [] },
    ]);
    // January alone: no arrival, and the December arrival still under way.
    const jan = JSON.parse((await cli('stats', file, '--json', '--from', '2025-01', '--to', '2025-01')).out);
    expect(jan.visits).toEqual([]);
    expect(pier1(jan.monthly)).toEqual([{ month: '2025-01', zone: 'Pier 1', visits: 0, underWay: 1, vessels: [] }]);
    expect((await cli('stats', file, '--from', '2025-01', '--to', '2025-01')).out).toMatch(/2025-01 +Pier 1 +0 +1 +—/);
  });

  it('counts containers per scene only where stacks were marked, unknown under cloud, and reports track dwell', async () => {
    const small = path.join(tmp.dir, 'small.quaywatch');
    await cli('new', small);
    const zones = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Quay A' }, geometry: { type: 'Polygon', coordinates: [[[129, 42], [129.01, 42], [129.01, 42.01], [129, 42.01], [129, 42]]] } }] };
    fs.writeFileSync(path.join(tmp.dir, 'z.geojson'), JSON.stringify(zones));
    await cli('zones', 'import', small, path.join(tmp.dir, 'z.geojson'));
    const db = new Database(small);
    const site = (db.prepare('SELECT id FROM site').get() as { id: string }).id;
    const ins = db.prepare("INSERT INTO scene (id, site_id, acquired, provider, product, item_id, source) VALUES (?, ?, ?, 'Planet', 'PSScene', ?, '{}')");
    ['01', '05', '09', '13'].forEach((d, i) => ins.run(`00000000-0000-4000-8000-00000000000${i}`, site, `2025-03-${d}T01:00:00.000Z`, `S${i}`));
    db.close();
    const csv = ['scene,class,lon,lat,track,count', 'S0,container_stack,129.005,42.005,Stack 1,30', 'S1,container_stack,129.005,42.005,Stack 1,28', 'S2,container_stack,129.005,42.005,Stack 1,28'].join('\n');
    fs.writeFileSync(path.join(tmp.dir, 's.csv'), csv);
    // A complete annotation: every scene examined, so the 13th (no stack marked) counts as 0, not unknown.
    expect((await cli('sightings', 'import', small, path.join(tmp.dir, 's.csv'), '--examined', 'all')).code).toBe(0);
    expect((await cli('observability', 'set', small, '--scene', 'S2', '--zone', 'Quay A', '--value', 'obscured')).code).toBe(0);
    const r = JSON.parse((await cli('stats', small, '--json')).out);
    expect(r.containers.map((c: { count: number | null }) => c.count)).toEqual([30, 28, null, 0]);
    expect(Object.keys(r.containers[0])).toEqual(['sceneId', 'acquired', 'zone', 'count', 'observability', 'examined', 'partial', 'uncountedStacks']);
    // Marked on 1, 5 and 9 March (seen through a gap in the cloud on the 9th: a presence still counts), gone on the 13th.
    expect(r.dwell).toEqual([
      { track: 'Stack 1', zone: 'Quay A', firstSeen: '2025-03-01T01:00:00.000Z', lastSeen: '2025-03-09T01:00:00.000Z', arrivalAfter: null, departureBefore: '2025-03-13T01:00:00.000Z', dwellMinHours: 192, dwellMaxHours: null },
    ]);
    expect(r.visits).toEqual([]);
  });
});
