// The CLI's project commands on real temporary projects: new, info, zones import, sightings import, observability set.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { historyOf } from '../node/store/history';
import { ProjectStore } from '../node/store/projectStore';
import { tempDir } from '../testing/tmp';
import { cli, featureCollection, rect, sha256, writeFile } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;
beforeEach(async () => {
  tmp = tempDir('qw-cli-');
  project = path.join(tmp.dir, 'port.quaywatch');
  expect((await cli('new', project, '--name', 'Test port')).code).toBe(0);
});
afterEach(() => tmp.cleanup());

const ZONES = featureCollection([
  { geometry: rect(129.0, 42.0, 129.01, 42.01), properties: { name: 'Quay A' } },
  { geometry: rect(129.02, 42.0, 129.03, 42.01), properties: { name: 'Quay B', kind: 'berth' } },
]);

/** Scenes come from `scenes import` (another issue); here they are added through the store. */
function addScenes(items: [string, string][]): string[] {
  const store = ProjectStore.open(project, { author: 'test' });
  try {
    const siteId = store.sites()[0]!.id;
    return items.map(([itemId, acquired]) =>
      store.createScene({ siteId, acquired, provider: 'Planet', product: 'PSScene', itemId, footprint: null, cloudCover: null, gsd: 3, credit: '', source: { kind: 'geotiff', path: `${itemId}.tif` } }).id,
    );
  } finally {
    store.close();
  }
}

function read<T>(fn: (s: ProjectStore) => T): T {
  const store = ProjectStore.open(project, { author: 'test' });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Runs the command and checks the contract for errors: non-zero, exactly one line on stderr, the project byte-identical. */
async function expectRefused(args: string[], message: RegExp, code = 1) {
  const before = sha256(project);
  const r = await cli(...args);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^quaywatch: /);
  expect(r.err[0]).toMatch(message);
  expect(r.code).toBe(code);
  expect(sha256(project)).toBe(before);
  expect(fs.existsSync(`${project}-wal`) ? fs.statSync(`${project}-wal`).size : 0).toBe(0);
}

describe('new and info', () => {
  it('creates a project and reports its counts, for people and as JSON', async () => {
    const human = await cli('info', project);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^Test port {2}\(/);
    expect(human.out).toMatch(/sightings +0/);
    const json = JSON.parse((await cli('info', project, '--json')).out);
    expect(json).toMatchObject({ name: 'Test port', sites: 0, zones: 0, scenes: 0, sightings: 0, vessels: 0, tracks: 0 });
    expect(json.path).toBe(project);
  });

  it('refuses to overwrite an existing file', async () => {
    await expectRefused(['new', project], /already exists/);
  });

  it('names the missing, foreign, damaged or newer project in one line and changes nothing', async () => {
    expect((await cli('info', path.join(tmp.dir, 'none.quaywatch'))).err).toEqual([expect.stringMatching(/does not exist/)]);
    const text = writeFile(tmp.dir, 'notes.quaywatch', 'not a database at all');
    const h = sha256(text);
    const r = await cli('info', text);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/not a Quaywatch project/)]);
    expect(sha256(text)).toBe(h);

    const db = new Database(project);
    db.pragma('user_version = 999');
    db.close();
    await expectRefused(['info', project], /newer Quaywatch.*version 999/);
    await expectRefused(['zones', 'import', project, writeFile(tmp.dir, 'z.geojson', ZONES)], /newer Quaywatch/);
  });

  it('gives a one-line usage error (exit 2) for a bad command line', async () => {
    await expectRefused(['info'], /missing FILE/, 2);
    await expectRefused(['info', project, 'extra'], /unexpected "extra"/, 2);
    await expectRefused(['info', project, '--verbose'], /Unknown option '--verbose'/, 2);
    await expectRefused(['frobnicate'], /unknown command "frobnicate"/, 2);
    await expectRefused(['zones', 'export', project], /try "quaywatch zones import"/, 2);
    expect((await cli('help')).out).toMatch(/quaywatch sightings import FILE/);
    const help = await cli('sightings', 'import', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Importing the same file twice adds nothing/);
  });
});

describe('zones import', () => {
  it('adds zones to a site named after the project, and a re-import updates by name without duplicates', async () => {
    const file = writeFile(tmp.dir, 'zones.geojson', ZONES);
    const first = await cli('zones', 'import', project, file);
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out).toMatch(/2 added, 0 updated, 0 unchanged/);
    expect(first.out).toMatch(/Sites added: Test port/);
    expect(read((s) => s.zones().map((z) => [z.name, z.kind]))).toEqual([['Quay A', 'quay'], ['Quay B', 'berth']]);

    const h = sha256(project);
    expect((await cli('zones', 'import', project, file)).out).toMatch(/0 added, 0 updated, 2 unchanged/);
    expect(sha256(project)).toBe(h);

    const moved = featureCollection([{ geometry: rect(129.0, 42.0, 129.015, 42.01), properties: { name: 'quay a', kind: 'pier' } }]);
    const r = JSON.parse((await cli('zones', 'import', project, writeFile(tmp.dir, 'moved.geojson', moved), '--json')).out);
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const zones = read((s) => s.zones());
    expect(zones).toHaveLength(2);
    expect(zones[0]).toMatchObject({ name: 'Quay A', kind: 'pier' });
    expect(zones[0]!.geometry.coordinates[0]![1]).toEqual([129.015, 42.0]);
    // Each import is one step of the app's undo history: undo puts the old outline back.
    expect(read((s) => historyOf(s).state().undoLabel)).toBe('Import zones from moved.geojson');
    read((s) => historyOf(s).undo());
    expect(read((s) => s.zones()[0]!)).toMatchObject({ kind: 'quay', geometry: ZONES.features[0]!.geometry });
  });

  it('creates the named site when missing and asks which site when there are several', async () => {
    const two = featureCollection([
      { geometry: rect(10, 10, 10.01, 10.01), properties: { name: 'Apron 1', kind: 'apron', site: 'Airfield' } },
      { geometry: rect(129.0, 42.0, 129.01, 42.01), properties: { name: 'Quay A', site: 'Rajin' } },
    ]);
    expect((await cli('zones', 'import', project, writeFile(tmp.dir, 'two.geojson', two))).out).toMatch(/Sites added: Airfield, Rajin/);
    expect(read((s) => s.sites().map((x) => x.name))).toEqual(['Airfield', 'Rajin']);
    await expectRefused(['zones', 'import', project, writeFile(tmp.dir, 'nosite.geojson', ZONES)], /nosite\.geojson line 37 \(feature 2\): the project has 2 sites \(Airfield, Rajin\); add a "site" property/);
  });

  it('moves sightings to the zone that now contains them', async () => {
    await cli('zones', 'import', project, writeFile(tmp.dir, 'zones.geojson', ZONES));
    const [scene] = addScenes([['S1', '2025-01-01T00:00:00.000Z']]);
    await cli('sightings', 'import', project, writeFile(tmp.dir, 's.csv', `scene,class,lon,lat\n${scene},vessel,129.012,42.005\n`));
    expect(read((s) => s.sightings()[0]!.zoneId)).toBeNull();
    const grown = featureCollection([{ geometry: rect(129.0, 42.0, 129.015, 42.01), properties: { name: 'Quay A' } }]);
    expect((await cli('zones', 'import', project, writeFile(tmp.dir, 'grown.geojson', grown))).out).toMatch(/1 sighting\(s\) now fall in a different zone/);
    expect(read((s) => s.sightings()[0]!.zoneId)).toBe(read((s) => s.zones()[0]!.id));
  });

  it('refuses bad files with the line of the bad feature, importing nothing', async () => {
    const bad = (name: string, features: string | object) => writeFile(tmp.dir, name, features);
    const fc = (props: object, geometry: unknown = rect(129, 42, 129.01, 42.01)) =>
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'OK' }, geometry: rect(129, 42, 129.01, 42.01) }, { type: 'Feature', properties: props, geometry }] }, null, 2);
    await expectRefused(['zones', 'import', project, bad('a.geojson', fc({ kind: 'quay' }))], /a\.geojson line 37 \(feature 2\): the zone has no "name" property\. Nothing was imported\./);
    await expectRefused(['zones', 'import', project, bad('b.geojson', fc({ name: 'X', kind: 'dock' }))], /line 37 \(feature 2\): "kind" is "dock"; use one of quay, berth, pier, apron, other/);
    await expectRefused(['zones', 'import', project, bad('c.geojson', fc({ name: 'X' }, { type: 'Point', coordinates: [129, 42] }))], /feature 2\): geometry is a Point; a Polygon is needed/);
    await expectRefused(['zones', 'import', project, bad('d.geojson', fc({ name: 'X' }, { type: 'Polygon', coordinates: [[[129, 42], [129.1, 42], [129.1, 42.1], [129, 42.1]]] }))], /ring 1: a polygon ring must be closed/);
    await expectRefused(['zones', 'import', project, bad('e.geojson', fc({ name: 'X' }, rect(500000, 4650000, 500100, 4650100)))], /not longitude\/latitude.*UTM/);
    await expectRefused(['zones', 'import', project, bad('f.geojson', fc({ name: 'OK' }))], /zone "OK" appears twice in the file \(first at line 4 \(feature 1\)\)/);
    await expectRefused(['zones', 'import', project, bad('g.geojson', '{\n "type": "FeatureCollection",\n "features": [\n  {"type": "Feature",,}\n ]\n}')], /g\.geojson line 4: not valid JSON/);
    await expectRefused(['zones', 'import', project, bad('h.geojson', { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32652' } }, features: [] })], /EPSG::32652.*reproject/);
    await expectRefused(['zones', 'import', project, bad('i.geojson', { type: 'FeatureCollection', features: [] })], /the file has no features/);
    await expectRefused(['zones', 'import', project, bad('j.geojson', { type: 'Polygon', coordinates: [] })], /expected a GeoJSON FeatureCollection, found a Polygon/);
    await expectRefused(['zones', 'import', project, path.join(tmp.dir, 'missing.geojson')], /No file at .*missing\.geojson/);
    await expectRefused(['zones', 'import', project], /missing ZONES\.geojson/, 2);
    expect(read((s) => s.summary().counts)).toMatchObject({ sites: 0, zones: 0 });
  });
});

describe('sightings import', () => {
  let scenes: string[];
  beforeEach(async () => {
    await cli('zones', 'import', project, writeFile(tmp.dir, 'zones.geojson', ZONES));
    scenes = addScenes([
      ['20250101_010000_00_24a3', '2025-01-01T01:00:00.000Z'],
      ['20250103_010000_00_24a3', '2025-01-03T01:00:00.000Z'],
    ]);
  });

  const GEOJSON = () =>
    featureCollection([
      { geometry: { type: 'Point', coordinates: [129.005, 42.005] }, properties: { scene: '20250101_010000_00_24a3', class: 'vessel', vessel: 'Angara', confidence: 'probable', author: 'kim', notes: 'moored' } },
      { geometry: { type: 'Point', coordinates: [129.005, 42.005] }, properties: { scene: scenes[1], class: 'vessel', vessel: 'angara' } },
      { geometry: rect(129.021, 42.001, 129.022, 42.002), properties: { scene: scenes[0], class: 'container_stack', track: 'Stack 7', count: 24 } },
      { geometry: { type: 'Point', coordinates: [129.5, 42.5] }, properties: { scene: scenes[0], class: 'vehicle', zone: 'Quay B', source: 'manual' } },
    ]);

  it('imports GeoJSON: scenes by item id or id, vessels and tracks by name, zone by containment or override, author', async () => {
    const file = writeFile(tmp.dir, 'sightings.geojson', GEOJSON());
    const r = await cli('sightings', 'import', project, file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 added, 0 already in the project \(of 4 in the file\)/);
    expect(r.out).toMatch(/Vessels added: Angara\./);
    expect(r.out).toMatch(/Tracks added: Stack 7\./);
    expect(r.err).toEqual(['Note: ignored field(s) that are not sighting fields: source.']);
    const [zoneA, zoneB] = read((s) => s.zones().map((z) => z.id));
    const sightings = read((s) => s.sightings());
    const vessel = read((s) => s.vessels());
    expect(vessel).toHaveLength(1);
    expect(sightings.map((s) => [s.sceneId, s.class, s.zoneId, s.zoneOverridden, s.confidence, s.count, s.vesselId, s.author])).toEqual(
      expect.arrayContaining([
        [scenes[0], 'vessel', zoneA, false, 'probable', null, vessel[0]!.id, 'kim'],
        [scenes[1], 'vessel', zoneA, false, 'confirmed', null, vessel[0]!.id, expect.any(String)],
        [scenes[0], 'container_stack', zoneB, false, 'confirmed', 24, null, expect.any(String)],
        [scenes[0], 'vehicle', zoneB, true, 'confirmed', null, null, expect.any(String)],
      ]),
    );
    expect(sightings.find((s) => s.author === 'kim')!.notes).toBe('moored');
    expect(read((s) => s.tracks())).toEqual([{ id: sightings.find((s) => s.class === 'container_stack')!.trackId, class: 'container_stack', label: 'Stack 7' }]);
    expect(read((s) => historyOf(s).state().undoLabel)).toBe('Import 4 sightings from sightings.geojson');
    read((s) => historyOf(s).undo());
    expect(read((s) => s.summary().counts)).toMatchObject({ sightings: 0, vessels: 0, tracks: 0 });
  });

  it('adds nothing when the same file is imported twice, even after an edit in between', async () => {
    const file = writeFile(tmp.dir, 'sightings.geojson', GEOJSON());
    await cli('sightings', 'import', project, file);
    const ids = read((s) => s.sightings().map((x) => x.id)).sort();
    const db = new Database(project);
    db.prepare("UPDATE sighting SET notes = 'checked by lee', confidence = 'confirmed' WHERE author = 'kim'").run();
    db.close();
    const again = JSON.parse((await cli('sightings', 'import', project, file, '--json')).out);
    expect(again).toMatchObject({ rows: 4, added: 0, alreadyImported: 4, vesselsCreated: [], tracksCreated: [] });
    expect(read((s) => s.sightings().map((x) => x.id)).sort()).toEqual(ids);
    expect(read((s) => s.summary().counts)).toMatchObject({ sightings: 4, vessels: 1, tracks: 1 });
    expect(read((s) => s.sightings().find((x) => x.author === 'kim'))).toMatchObject({ notes: 'checked by lee', confidence: 'confirmed' });
  });

  it('imports CSV with lon/lat columns, quoted fields and two identical rows as two sightings, once', async () => {
    const csv = [
      'scene,class,lon,lat,vessel,count,confidence,zone,author,notes',
      `${scenes[0]},vessel,129.005,42.005,Lady R,,possible,,lee,"Seen at dawn, bow north"`,
      `20250103_010000_00_24a3,Container stack,129.025,42.005,,12,,,,`,
      `20250103_010000_00_24a3,Container stack,129.025,42.005,,12,,,,`,
      '',
    ].join('\r\n');
    const file = writeFile(tmp.dir, 'sightings.csv', csv);
    expect((await cli('sightings', 'import', project, file)).out).toMatch(/3 added, 0 already/);
    expect((await cli('sightings', 'import', project, file)).out).toMatch(/0 added, 3 already/);
    const s = read((st) => st.sightings());
    expect(s.find((x) => x.vesselId)!).toMatchObject({ confidence: 'possible', author: 'lee', notes: 'Seen at dawn, bow north', geometry: { type: 'Point', coordinates: [129.005, 42.005] } });
    expect(s.filter((x) => x.class === 'container_stack').map((x) => x.count)).toEqual([12, 12]);
  });

  it('reports progress on stderr for a large file and imports it as one step', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${scenes[i % 2]},container_stack,${(129 + (i % 40) * 0.0002).toFixed(4)},${(42 + Math.floor(i / 40) * 0.0002).toFixed(4)},${i % 50}`);
    const file = writeFile(tmp.dir, 'many.csv', ['scene,class,lon,lat,count', ...rows].join('\n'));
    const t0 = performance.now();
    const r = await cli('sightings', 'import', project, file);
    const ms = performance.now() - t0;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1200 added/);
    expect(r.err).toEqual(['Importing sightings: 500/1200', 'Importing sightings: 1000/1200', 'Importing sightings: 1200/1200']);
    expect(read((s) => s.summary().counts.sightings)).toBe(1200);
    expect(read((s) => historyOf(s).state().undoLabel)).toBe('Import 1200 sightings from many.csv');
    expect(ms).toBeLessThan(20_000);
  });

  it('refuses bad rows with their line number, importing nothing', async () => {
    const csv = (row: string, header = 'scene,class,lon,lat,count,confidence,zone') => writeFile(tmp.dir, 'bad.csv', `${header}\n${scenes[0]},vessel,129.005,42.005,,,\n${row}\n`);
    await expectRefused(['sightings', 'import', project, csv('nope,vessel,129,42,,,')], /bad\.csv line 3: no scene "nope" in this project/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},ship,129,42,,,`)], /line 3: "class" is "ship"; use one of vessel, container_stack, aircraft, vehicle, other/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,,sure,`)], /line 3: "confidence" is "sure"/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},container_stack,129,42,-3,,`)], /line 3: "count" cannot be negative/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},container_stack,129,42,many,,`)], /line 3: "count" is "many"; a whole number is needed/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,529000,4650000,,,`)], /line 3: position .* is not longitude\/latitude/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,,42,,,`)], /line 3: "lon" and "lat" must be numbers/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,,,Quay Z`)], /line 3: no zone "Quay Z" in this project \(zones: Quay A, Quay B\)/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42`)], /line 3: not valid CSV/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,"129,42,,,`)], /bad\.csv line 3: not valid CSV/);
    const noLon = writeFile(tmp.dir, 'nolon.csv', `scene,class,x,y\n${scenes[0]},vessel,129,42\n`);
    await expectRefused(['sightings', 'import', project, noLon], /nolon\.csv line 1: the header has no "lon" column/);
    await expectRefused(['sightings', 'import', project, writeFile(tmp.dir, 's.txt', 'x')], /use a \.geojson or \.csv file/);
    const rules = (body: string) => writeFile(tmp.dir, 'rules.csv', `scene,class,lon,lat,vessel,track,count\n${body}\n`);
    await expectRefused(['sightings', 'import', project, rules(`${scenes[0]},vessel,129,42,,,3`)], /rules\.csv line 2: only container stacks have a "count"/);
    await expectRefused(['sightings', 'import', project, rules(`${scenes[0]},vehicle,129,42,Angara,,`)], /line 2: a vehicle sighting cannot name a "vessel"/);
    await expectRefused(['sightings', 'import', project, rules(`${scenes[0]},vessel,129,42,Angara,,\n${scenes[0]},vessel,129.1,42,angara,,`)], /line 3: vessel angara is marked twice on scene .* \(also at line 2\)/);
    await expectRefused(['sightings', 'import', project, rules(`${scenes[0]},container_stack,129,42,,S1,\n${scenes[0]},container_stack,129.1,42,,S1,`)], /line 3: track S1 is marked twice/);
    const gj = featureCollection([
      { geometry: { type: 'Point', coordinates: [129.005, 42.005] }, properties: { scene: scenes[0], class: 'vessel' } },
      { geometry: { type: 'LineString', coordinates: [[129, 42], [129.1, 42]] }, properties: { scene: scenes[0], class: 'vessel' } },
    ]);
    await expectRefused(['sightings', 'import', project, writeFile(tmp.dir, 'bad.geojson', gj)], /bad\.geojson line \d+ \(feature 2\): geometry is a LineString; a Point or a Polygon is needed/);
    expect(read((s) => s.summary().counts)).toMatchObject({ sightings: 0, vessels: 0, tracks: 0 });
  });

  it('fills vessel identities from mmsi, imo, flag and length columns, reports contradictions and never overwrites', async () => {
    // Angara is in the project with an MMSI; Lady R is new; a row with only an MMSI names the vessel that has it.
    await cli('sightings', 'import', project, writeFile(tmp.dir, 'first.csv', `scene,class,lon,lat,vessel\n${scenes[0]},vessel,129.005,42.005,Angara\n`));
    const db = new Database(project);
    db.prepare("UPDATE vessel SET mmsi = '273000001' WHERE name = 'Angara'").run();
    db.close();
    const csv = [
      'scene,class,lon,lat,vessel,mmsi,imo,flag,length',
      `${scenes[1]},vessel,129.005,42.005,Angara,273000002,9179842,Russia,120`,
      `${scenes[1]},vessel,129.025,42.005,Lady R,273000001,9074729,,`,
      `${scenes[0]},vessel,129.025,42.005,Lady R,,,Russia,96.5`,
      `${scenes[0]},vessel,129.006,42.006,,273999999,,,`,
    ].join('\n');
    const r = await cli('sightings', 'import', project, writeFile(tmp.dir, 'ids.csv', csv));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 added/);
    expect(r.out).toMatch(/Vessels added: Lady R, MMSI 273999999\./);
    expect(r.out).toMatch(/Vessel identities filled in: Angara\./);
    expect(r.err).toEqual([
      'Identity not applied: line 2: Angara has MMSI 273000001 in the project; the file says 273000002 (kept 273000001).',
      'Identity not applied: line 3: MMSI 273000001 belongs to Angara in the project; not given to Lady R.',
    ]);
    const byName = Object.fromEntries(read((s) => s.vessels()).map((v) => [v.name, v]));
    expect(byName['Angara']).toMatchObject({ mmsi: '273000001', imo: '9179842', flag: 'Russia', lengthM: 120 });
    expect(byName['Lady R']).toMatchObject({ mmsi: null, imo: '9074729', flag: 'Russia', lengthM: 96.5 });
    expect(byName['MMSI 273999999']).toMatchObject({ mmsi: '273999999', kind: 'vessel' });
    // One undo takes back the marks and the identities they brought.
    expect(read((s) => historyOf(s).state().undoLabel)).toBe('Import 4 sightings from ids.csv');
    read((s) => historyOf(s).undo());
    expect(read((s) => s.vessels().find((v) => v.name === 'Angara'))).toMatchObject({ mmsi: '273000001', imo: null, flag: null, lengthM: null });
  });

  it('fills call sign (call_sign or callsign, upper-cased) and beam through the same rule: a different call sign is reported, never applied', async () => {
    await cli('sightings', 'import', project, writeFile(tmp.dir, 'first.csv', `scene,class,lon,lat,vessel\n${scenes[0]},vessel,129.005,42.005,Angara\n`));
    const csv = [
      'scene,class,lon,lat,vessel,call_sign,beam',
      `${scenes[1]},vessel,129.005,42.005,Angara,ubcd7,19.5`,
      `${scenes[1]},vessel,129.025,42.005,Lady R,UBLR2,`,
    ].join('\n');
    const r = await cli('sightings', 'import', project, writeFile(tmp.dir, 'cs.csv', csv));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Vessel identities filled in: Angara\./);
    const byName = () => Object.fromEntries(read((s) => s.vessels()).map((v) => [v.name, v]));
    expect(byName()['Angara']).toMatchObject({ callSign: 'UBCD7', beamM: 19.5 });
    expect(byName()['Lady R']).toMatchObject({ callSign: 'UBLR2', beamM: null });
    // GeoJSON with "callsign" (the first file's mark again, so only its identity is offered): the same call
    // sign in other spacing agrees; another contradicts and is kept out.
    const gj = (props: Record<string, unknown>) =>
      featureCollection([{ geometry: { type: 'Point', coordinates: [129.005, 42.005] }, properties: { scene: scenes[0], class: 'vessel', vessel: 'Angara', ...props } }]);
    const again = JSON.parse((await cli('sightings', 'import', project, writeFile(tmp.dir, 'cs.geojson', gj({ callsign: 'UB CD7', beam: 19 })), '--json')).out);
    expect(again).toMatchObject({ identitiesFilled: [], identityConflicts: [] });
    const other = JSON.parse((await cli('sightings', 'import', project, writeFile(tmp.dir, 'cs2.geojson', gj({ callsign: 'UBXX1', beam: 30 })), '--json')).out);
    expect(other.identityConflicts).toEqual([
      'line 4 (feature 1): Angara has call sign UBCD7 in the project; the file says UBXX1 (kept UBCD7)',
      'line 4 (feature 1): Angara has beam 19.5 in the project; the file says 30 (kept 19.5)',
    ]);
    expect(byName()['Angara']).toMatchObject({ callSign: 'UBCD7', beamM: 19.5 });
    const bad = (row: string, header = 'scene,class,lon,lat,vessel,callsign,beam') => writeFile(tmp.dir, 'csbad.csv', `${header}\n${row}\n`);
    await expectRefused(['sightings', 'import', project, bad(`${scenes[0]},vessel,129,42,Angara,UB,`)], /csbad\.csv line 2: "callsign" a call sign has 3 to 7 letters and digits/);
    await expectRefused(['sightings', 'import', project, bad(`${scenes[0]},vessel,129,42,Angara,UB-CD7,`)], /line 2: "callsign" a call sign has 3 to 7 letters and digits/);
    await expectRefused(['sightings', 'import', project, bad(`${scenes[0]},vessel,129,42,Angara,,95`)], /line 2: "beam" beam must be between 1 and 80 m/);
    await expectRefused(['sightings', 'import', project, bad(`${scenes[0]},vessel,129,42,Angara,UBCD7,UBCD8`, 'scene,class,lon,lat,vessel,call_sign,callsign')], /line 2: "call_sign" is UBCD7 and "callsign" UBCD8; give one/);
  });

  it('links a row with only an MMSI to the vessel that has it, and fills identities on re-import of a file given an mmsi column', async () => {
    const gj = (props: Record<string, unknown>) =>
      featureCollection([{ geometry: { type: 'Point', coordinates: [129.005, 42.005] }, properties: { scene: scenes[0], class: 'vessel', ...props } }]);
    await cli('sightings', 'import', project, writeFile(tmp.dir, 'a.geojson', gj({ vessel: 'Sparta IV', author: 'kim' })));
    const again = JSON.parse((await cli('sightings', 'import', project, writeFile(tmp.dir, 'a.geojson', gj({ vessel: 'Sparta IV', author: 'kim', mmsi: 273_445_480, imo: 9_179_842, length: 149 })), '--json')).out);
    expect(again).toMatchObject({ added: 0, alreadyImported: 1, identitiesFilled: ['Sparta IV'], identityConflicts: [] });
    expect(read((s) => s.vessels())).toEqual([expect.objectContaining({ name: 'Sparta IV', mmsi: '273445480', imo: '9179842', lengthM: 149 })]);
    await cli('sightings', 'import', project, writeFile(tmp.dir, 'b.csv', `scene,class,lon,lat,mmsi\n${scenes[1]},vessel,129.005,42.005,273445480\n`));
    const sparta = read((s) => s.vessels())[0]!;
    expect(read((s) => s.sightings().filter((x) => x.vesselId === sparta.id))).toHaveLength(2);
  });

  it('refuses identity fields that cannot be right, naming the line, and imports nothing', async () => {
    const csv = (row: string) => writeFile(tmp.dir, 'idbad.csv', `scene,class,lon,lat,vessel,mmsi,imo,flag,length\n${row}\n`);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,Angara,27300001,,,`)], /idbad\.csv line 2: "mmsi" an MMSI has 9 digits/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,Angara,,9179843,,`)], /line 2: "imo" that IMO number fails its check digit/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,Angara,,,,900`)], /line 2: "length" length must be between 0 and 600 m/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},container_stack,129,42,,273000001,,,`)], /line 2: MMSI describe a vessel; a container stack sighting cannot carry them/);
    await expectRefused(['sightings', 'import', project, csv(`${scenes[0]},vessel,129,42,,,,Russia,`)], /line 2: a call sign, flag, length or beam needs the vessel it belongs to/);
    expect(read((s) => s.summary().counts)).toMatchObject({ sightings: 0, vessels: 0 });
  });

  it('keeps the app\'s rules against what is already in the project', async () => {
    await cli('sightings', 'import', project, writeFile(tmp.dir, 'one.csv', `scene,class,lon,lat,vessel\n${scenes[0]},aircraft,129.005,42.005,Il-76 RA-78830\n`));
    await expectRefused(['sightings', 'import', project, writeFile(tmp.dir, 'two.csv', `scene,class,lon,lat,vessel\n${scenes[1]},vessel,129.005,42.005,il-76 ra-78830\n`)], /two\.csv line 2: Il-76 RA-78830 is an aircraft in this project: it can only be linked to aircraft sightings/);
    await expectRefused(['sightings', 'import', project, writeFile(tmp.dir, 'three.csv', `scene,class,lon,lat,vessel\n${scenes[0]},aircraft,129.006,42.005,Il-76 RA-78830\n`)], /three\.csv line 2: Il-76 RA-78830 is already marked on scene/);
    expect(read((s) => s.vessels().map((v) => [v.name, v.kind]))).toEqual([['Il-76 RA-78830', 'aircraft']]);
  });
});

describe('observability set', () => {
  it('records the analyst override and refuses unknown scenes, zones and values', async () => {
    await cli('zones', 'import', project, writeFile(tmp.dir, 'zones.geojson', ZONES));
    const [scene] = addScenes([['ITEM1', '2025-01-01T01:00:00.000Z']]);
    const r = await cli('observability', 'set', project, '--scene', 'ITEM1', '--zone', 'quay b', '--value', 'obscured');
    expect(r).toMatchObject({ code: 0, out: 'Quay B on the scene of 2025-01-01T01:00:00.000Z: obscured.' });
    const zoneB = read((s) => s.zones()[1]!.id);
    expect(read((s) => s.observability())).toEqual([{ sceneId: scene, zoneId: zoneB, value: 'obscured', overridden: true }]);
    await expectRefused(['observability', 'set', project, '--scene', 'ITEM1', '--zone', 'Quay B', '--value', 'cloudy'], /--value is "cloudy"; use one of clear, partial, obscured, outside/, 2);
    await expectRefused(['observability', 'set', project, '--scene', 'ITEM1', '--zone', 'Quay B'], /missing --value/, 2);
    await expectRefused(['observability', 'set', project, '--scene', 'ITEM9', '--zone', 'Quay B', '--value', 'clear'], /No scene "ITEM9"/);
    await expectRefused(['observability', 'set', project, '--scene', 'ITEM1', '--zone', 'Quay Q', '--value', 'clear'], /No zone "Quay Q"/);
  });
});
