// Exports opened by real GIS tools: GDAL's ogrinfo for GeoPackage, KML and GeoJSON, GDAL's GeoPackage validator, csv-parse for CSV.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import proj4 from 'proj4';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { ProjectSession } from '../session';
import { makeTestProject, PLANTED_KEY, type TestProject } from './testProject';

let tp: TestProject;
let out: string;
let session: ProjectSession;
let dispatch: Dispatch;

beforeAll(async () => {
  tp = await makeTestProject();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-export-out-'));
  // A key in the environment and in a keystore-like 0600 file: neither may reach an export.
  process.env.PL_API_KEY = PLANTED_KEY;
  fs.writeFileSync(path.join(tp.dir, 'tile-keys.json'), JSON.stringify({ 'tiles.example.invalid': PLANTED_KEY }), { mode: 0o600 });
  session = new ProjectSession({ dataDir: path.join(tp.dir, 'data'), author: 'tester', host: 'cli' });
  session.open(tp.file);
  dispatch = createDispatcher(session);
}, 120_000);

afterAll(() => {
  session?.close();
  tp?.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
  delete process.env.PL_API_KEY;
});

async function exportOk(format: string, what: string, file: string) {
  const r = await dispatch('export.run', { format, what, path: file });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { files: string[]; counts: Record<string, number> };
}

/** ogrinfo -al -so, parsed into layers; stderr is returned so that warnings fail the test. */
function ogrinfo(file: string) {
  const r = spawnSync('ogrinfo', ['-al', '-so', file], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const layers = new Map<string, { geometry: string; count: number; fields: Map<string, string> }>();
  for (const block of r.stdout.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0]!.trim();
    const fields = new Map<string, string>();
    for (const m of block.matchAll(/^(\w+): (\w[\w()]*(?: \(\w+\))?) \(/gm)) fields.set(m[1]!, m[2]!);
    layers.set(name, {
      geometry: /\nGeometry: (.+)\n/.exec(block)![1]!,
      count: Number(/\nFeature Count: (\d+)/.exec(block)![1]),
      fields,
    });
  }
  return { layers, stderr: r.stderr };
}

const sql = (file: string, query: string) => execFileSync('ogrinfo', ['-q', file, '-sql', query], { encoding: 'utf8' });

describe('GeoPackage', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(out, 'rajin.gpkg');
    await exportOk('gpkg', 'all', file);
  });

  it('opens in GDAL with its layers, each of one geometry type (QGIS loads them at once), counts and fields, and no warning', () => {
    const { layers, stderr } = ogrinfo(file);
    expect(stderr).toBe('');
    expect([...layers.keys()]).toEqual(['zones', 'sightings_boxes', 'sightings_points', 'visits', 'scenes', 'ais_tracks']);
    expect(layers.get('zones')).toMatchObject({ geometry: 'Polygon', count: 2 });
    // 18 demo vessel points (14 on optical scenes, 4 on radar) + 3 container-stack boxes: the boxes as drawn, and all 21 at their anchors.
    expect(layers.get('sightings_boxes')).toMatchObject({ geometry: 'Polygon', count: 3 });
    expect(layers.get('sightings_points')).toMatchObject({ geometry: 'Point', count: 21 });
    // What QGIS reads: no layer of mixed ("Unknown") geometry for it to split into sub-layers.
    const summary = execFileSync('ogrinfo', ['-so', file], { encoding: 'utf8' });
    expect(summary).toMatch(/sightings_boxes \(Polygon\)/);
    expect(summary).toMatch(/sightings_points \(Point\)/);
    expect(summary).not.toMatch(/Unknown|Geometry\)/);
    expect(sql(file, "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns WHERE table_name LIKE 'sightings%' ORDER BY table_name")).toMatch(
      /table_name \(String\) = sightings_boxes\s+geometry_type_name \(String\) = POLYGON[\s\S]*table_name \(String\) = sightings_points\s+geometry_type_name \(String\) = POINT/,
    );
    expect(sql(file, "SELECT anchor, COUNT(*) AS n FROM sightings_points GROUP BY anchor ORDER BY anchor")).toMatch(/anchor \(String\) = box centre\s+n \(Integer\) = 3[\s\S]*anchor \(String\) = point\s+n \(Integer\) = 18/);
    // 7 vessel visits + 1 track dwell (Stack A).
    // 7 vessel visits and Stack A's track in two: the radar scene of 15 Dec (clear, examined, Pier 1) lies between its optical scenes without it.
    expect(layers.get('visits')).toMatchObject({ geometry: 'Polygon', count: 9 });
    expect(layers.get('scenes')).toMatchObject({ geometry: 'Polygon', count: 24 });
    expect([...layers.get('zones')!.fields.keys()]).toEqual(['zone_id', 'name', 'kind', 'site']);
    const s = layers.get('sightings_points')!.fields;
    expect(s.get('acquired')).toBe('DateTime');
    expect(s.get('zone_overridden')).toBe('Integer(Boolean)');
    expect([...s.keys()]).toEqual(expect.arrayContaining(['sighting_id', 'class', 'confidence', 'review', 'zone', 'vessel', 'track', 'count', 'notes', 'author']));
    const v = layers.get('visits')!.fields;
    expect(v.get('dwell_max_hours')).toBe('Real');
    expect([...v.keys()]).toEqual(expect.arrayContaining(['subject', 'zone', 'arrival_after', 'first_seen', 'last_seen', 'departure_before', 'dwell_min_hours', 'arrival_open']));
  });

  it("passes GDAL's GeoPackage validator (header, SRS rows, geometry blobs, R-tree)", () => {
    const r = spawnSync('/usr/bin/python3', ['/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py', file], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
    for (const layer of ['zones', 'sightings_boxes', 'sightings_points', 'visits', 'scenes', 'ais_tracks']) {
      expect(sql(file, `SELECT HasSpatialIndex('${layer}', 'geom')`)).toMatch(/HasSpatialIndex \(Integer\) = 1/);
    }
    // The index finds a sighting by its box: a spatial filter GDAL answers through the R-tree.
    const box = execFileSync('ogrinfo', ['-q', '-spat', '130.2', '42.2', '130.4', '42.3', file, 'sightings_points'], { encoding: 'utf8' });
    expect(box.match(/OGRFeature\(sightings_points\)/g)).toHaveLength(21);
  });

  it('keeps values: the container stack, its count and its note with quotes and a newline', () => {
    const r = sql(file, "SELECT count, notes, acquired FROM sightings_boxes WHERE track = 'Stack A' ORDER BY acquired");
    expect(r).toMatch(/count \(Integer64\) = 12/);
    expect(r).toContain('notes (String) = Stack "A", near crane, 3 rows\nsecond line');
    expect(r).toMatch(/acquired \(DateTime\) = \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it("gives every vessel sighting its MMSI and AIS verdict: the dark ship silent, the spoofer kilometres off, the others confirmed", () => {
    const s = ogrinfo(file).layers.get('sightings_points')!.fields;
    expect(s.get('ais_verdict')).toBe('String');
    expect(s.get('ais_distance_m')).toBe('Real');
    expect(s.get('ais_nearest_min')).toBe('Real');
    const rows = sql(file, "SELECT vessel, mmsi, ais_verdict, ais_distance_m, ais_nearest_min FROM sightings_points WHERE class = 'vessel' ORDER BY vessel, acquired");
    const byVessel = new Map<string, Set<string>>();
    for (const m of rows.matchAll(/vessel \(String\) = (.+)\n\s+mmsi \(String\) = (\d+)\n\s+ais_verdict \(String\) = (\w+)\n\s+ais_distance_m \(Real\) = (\S+)/g)) {
      byVessel.set(m[1]!, new Set([...(byVessel.get(m[1]!) ?? []), m[3]!]));
      if (m[3] === 'contradicted') expect(Number(m[4])).toBeGreaterThan(5000);
      if (m[3] === 'confirmed') expect(Number(m[4])).toBeLessThan(50);
      if (m[3] === 'silent') expect(m[4]).toBe('(null)');
    }
    expect(Object.fromEntries([...byVessel].map(([k, v]) => [k, [...v]]))).toEqual({
      'Amur Express': ['confirmed'], 'Paekdu Star': ['confirmed'], 'Ryongsong 2': ['silent'], 'Sea Harmony': ['contradicted'], 'Vostok Trader': ['confirmed'],
    });
    // A container stack has no MMSI and no verdict.
    expect(sql(file, "SELECT mmsi, ais_verdict FROM sightings_boxes WHERE track = 'Stack A'")).toMatch(/mmsi \(String\) = \(null\)\s+ais_verdict \(String\) = \(null\)/);
  });

  it('gives every vessel sighting its vessel\'s call sign beside the MMSI', () => {
    expect(ogrinfo(file).layers.get('sightings_points')!.fields.get('call_sign')).toBe('String');
    const rows = sql(file, "SELECT DISTINCT vessel, call_sign FROM sightings_points WHERE class = 'vessel' ORDER BY vessel");
    const pairs = [...rows.matchAll(/vessel \(String\) = (.+)\n\s+call_sign \(String\) = (\S+)/g)].map((m) => [m[1], m[2]]);
    expect(pairs).toEqual([['Amur Express', 'UAMX3'], ['Paekdu Star', 'HMPS5'], ['Ryongsong 2', 'HMRS2'], ['Sea Harmony', '9LSH4'], ['Vostok Trader', 'UBVT7']]);
    expect(sql(file, "SELECT call_sign FROM sightings_boxes WHERE track = 'Stack A'")).toMatch(/call_sign \(String\) = \(null\)/);
  });

  it('draws AIS tracks as lines, one per MMSI and UTC day, never across the dark ship\'s silence', () => {
    const t = ogrinfo(file).layers.get('ais_tracks')!;
    expect(t.geometry).toBe('Line String');
    expect([...t.fields.keys()]).toEqual(['mmsi', 'name', 'vessel', 'day', 'from', 'to', 'positions']);
    expect(t.fields.get('from')).toBe('DateTime');
    const perMmsi = sql(file, 'SELECT mmsi, vessel, COUNT(*) AS n, SUM(positions) AS p, MIN("from") AS f FROM ais_tracks GROUP BY mmsi ORDER BY mmsi');
    // Six MMSIs: the five demo ships and Sparta IV, which the project has no vessel for.
    expect(perMmsi.match(/mmsi \(String\)/g)).toHaveLength(6);
    // Sparta IV's six hours at the quay straddle midnight UTC: two lines.
    expect(perMmsi).toMatch(/mmsi \(String\) = 273445480\s+vessel \(String\) = \(null\)\s+n \(Integer\) = 2/);
    // No line of a day holds two days, and none of Ryongsong 2's spans one of its gaps (12 h and more).
    expect(sql(file, 'SELECT COUNT(*) AS n FROM ais_tracks WHERE substr("from", 1, 10) <> substr("to", 1, 10) OR day <> substr("from", 1, 10)')).toMatch(/n \(Integer\) = 0/);
    const dark = sql(file, "SELECT \"from\", \"to\" FROM ais_tracks WHERE mmsi = '445061000' ORDER BY \"from\"");
    const ms = (d: string, t: string) => Date.parse(`${d.replace(/\//g, '-')}T${t}Z`);
    const spans = [...dark.matchAll(/from \(DateTime\) = (\S+) ([\d:]+)\+00\s+to \(DateTime\) = (\S+) ([\d:]+)\+00/g)].map((m) => [ms(m[1]!, m[2]!), ms(m[3]!, m[4]!)]);
    expect(spans.length).toBeGreaterThan(10);
    for (const [f, t] of spans) expect(t! - f!).toBeLessThan(24 * 3_600_000);
    // Ryongsong 2 was silent from the evening of 9 December to the evening of 10 December: no line that day covers its call.
    expect(spans.some(([f, t]) => f! < Date.parse('2024-12-10T01:38:45Z') && t! > Date.parse('2024-12-10T01:38:45Z'))).toBe(false);
  });

  it('writes one layer when asked for sightings only, and refuses dwell with a reason', async () => {
    const one = path.join(out, 'only.gpkg');
    await exportOk('gpkg', 'sightings', one);
    expect([...ogrinfo(one).layers.keys()]).toEqual(['sightings_boxes', 'sightings_points']);
    const bad = await dispatch('export.run', { format: 'gpkg', what: 'dwell', path: path.join(out, 'dwell.gpkg') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!bad.ok && bad.error.message).toMatch(/export it as CSV/);
    expect(fs.existsSync(path.join(out, 'dwell.gpkg'))).toBe(false);
    // The AIS tracks alone; CSV cannot hold lines and says what can.
    const tracks = path.join(out, 'tracks.gpkg');
    expect((await exportOk('gpkg', 'ais', tracks)).counts.ais_tracks).toBeGreaterThan(100);
    expect([...ogrinfo(tracks).layers.keys()]).toEqual(['ais_tracks']);
    const csv = await dispatch('export.run', { format: 'csv', what: 'ais', path: path.join(out, 'tracks.csv') });
    expect(!csv.ok && csv.error.message).toMatch(/export them as GeoPackage or KML/);
    expect(fs.existsSync(path.join(out, 'tracks.csv'))).toBe(false);
  });
});

describe('KML', () => {
  let file: string;
  let text: string;
  beforeAll(async () => {
    file = path.join(out, 'rajin.kml');
    await exportOk('kml', 'all', file);
    text = fs.readFileSync(file, 'utf8');
  });

  it('opens in GDAL (LIBKML) with zones, sightings and visits and their fields', () => {
    const { layers, stderr } = ogrinfo(file);
    expect(stderr).toBe('');
    expect([...layers.keys()]).toEqual(['zones', 'sightings', 'visits', 'ais_tracks']);
    expect(layers.get('zones')!.count).toBe(2);
    expect(layers.get('sightings')!.count).toBe(21);
    expect(layers.get('visits')!.count).toBe(9);
    expect([...layers.get('sightings')!.fields.keys()]).toEqual(expect.arrayContaining(['timestamp', 'sighting_id', 'class', 'vessel', 'count', 'review']));
    expect([...layers.get('visits')!.fields.keys()]).toEqual(expect.arrayContaining(['begin', 'end', 'subject', 'dwell_min_hours', 'departure_before']));
  });

  it('gives every sighting a TimeStamp and every visit a TimeSpan that GDAL reads as times', () => {
    expect(text.match(/<TimeStamp><when>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/when><\/TimeStamp>/g)).toHaveLength(21);
    expect(text.match(/<TimeSpan><begin>[^<]+<\/begin><end>[^<]+<\/end><\/TimeSpan><styleUrl>#visit</g)).toHaveLength(9);
    const visits = execFileSync('ogrinfo', ['-q', file, 'visits'], { encoding: 'utf8' });
    expect(visits.match(/ begin \(DateTime\) = 20\d\d\/\d\d\/\d\d/g)).toHaveLength(9);
    const sightings = execFileSync('ogrinfo', ['-q', file, 'sightings'], { encoding: 'utf8' });
    expect(sightings.match(/ timestamp \(DateTime\) = 20\d\d\/\d\d\/\d\d/g)).toHaveLength(21);
  });

  it('gives AIS tracks a time per position (gx:Track) that GDAL reads as lines with their span', () => {
    const tracks = [...text.matchAll(/<gx:Track>(.*?)<\/gx:Track>/g)].map((m) => m[1]!);
    expect(tracks.length).toBeGreaterThan(100);
    for (const t of tracks) {
      const whens = t.match(/<when>\d{4}-\d\d-\d\dT[\d:.]+Z<\/when>/g)!;
      expect(whens.length).toBeGreaterThanOrEqual(2);
      expect(t.match(/<gx:coord>130\.\d+ 42\.\d+ 0<\/gx:coord>/g)).toHaveLength(whens.length);
    }
    const layer = execFileSync('ogrinfo', ['-q', '-geom=SUMMARY', file, 'ais_tracks'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(layer.match(/LINESTRING : \d+ points/g)).toHaveLength(tracks.length);
    expect(layer).toMatch(/Name \(String\) = SPARTA IV\s+begin \(DateTime\) = 2025\/01\/0[23]/);
    expect(layer).toMatch(/mmsi \(String\) = 445061000\s+vessel \(String\) = Ryongsong 2/);
    // The sightings carry their verdicts here too (Ryongsong 2, dark in port: twice on optical scenes, once on radar).
    expect(execFileSync('ogrinfo', ['-q', file, 'sightings'], { encoding: 'utf8', maxBuffer: 64 << 20 }).match(/ais_verdict \(String\) = silent/g)).toHaveLength(4);
  });

  it('styles each class and points every sighting at its style', () => {
    for (const c of ['vessel', 'container_stack', 'aircraft', 'vehicle', 'other']) expect(text).toContain(`<Style id="class-${c}">`);
    expect(text.match(/<styleUrl>#class-vessel<\/styleUrl>/g)).toHaveLength(18);
    expect(text.match(/<styleUrl>#class-container_stack<\/styleUrl>/g)).toHaveLength(3);
  });
});

describe('GeoJSON', () => {
  it('is RFC 7946: lon/lat, no crs, exterior rings counter-clockwise; GDAL reads zones and sightings with all attributes', async () => {
    const file = path.join(out, 'rajin.geojson');
    await exportOk('geojson', 'all', file);
    const { layers, stderr } = ogrinfo(file);
    expect(stderr).toBe('');
    const layer = layers.get('Rajin port (demo)')!;
    expect(layer.count).toBe(23);
    expect([...layer.fields.keys()]).toEqual(expect.arrayContaining(['feature_type', 'name', 'kind', 'sighting_id', 'acquired', 'class', 'confidence', 'review', 'zone', 'vessel', 'track', 'count', 'notes', 'author']));
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { crs?: unknown; features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[] };
    expect(fc.crs).toBeUndefined();
    expect(fc.features.filter((f) => f.properties.feature_type === 'zone')).toHaveLength(2);
    for (const f of fc.features) {
      if (f.geometry.type !== 'Polygon') continue;
      const ring = (f.geometry.coordinates as [number, number][][])[0]!;
      let area = 0;
      for (let i = 0; i < ring.length - 1; i++) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(area).toBeGreaterThan(0);
      // Rajin: lon ≈ 130.3, lat ≈ 42.2 (a swapped axis order would put lon first at 42).
      expect(ring[0]![0]).toBeCloseTo(130.3, 1);
      expect(ring[0]![1]).toBeCloseTo(42.24, 1);
    }
  });
});

describe('CSV', () => {
  let files: string[];
  beforeAll(async () => {
    files = (await exportOk('csv', 'all', path.join(out, 'rajin.csv'))).files;
  });

  it('writes sightings, visits and dwell beside the chosen name, each with one header row', () => {
    expect(files.map((f) => path.basename(f))).toEqual(['rajin-sightings.csv', 'rajin-visits.csv', 'rajin-dwell.csv']);
    const [sightings, visits, dwell] = files.map((f) => parse(fs.readFileSync(f, 'utf8'), { columns: true }) as Record<string, string>[]) as [Record<string, string>[], Record<string, string>[], Record<string, string>[]];
    expect(sightings).toHaveLength(21);
    // Each mark says what saw it: the demo's radar marks are on Sentinel-1A scenes, the rest on optical ones.
    const radar = sightings.filter((x) => x.sensor === 'sar');
    expect(radar).toHaveLength(4);
    expect(new Set(radar.map((x) => `${x.platform} ${x.polarizations}`))).toEqual(new Set(['Sentinel-1A VV+VH', 'Sentinel-1A VV']));
    expect(sightings.filter((x) => x.sensor === 'optical')).toHaveLength(17);
    expect(visits).toHaveLength(7);
    expect(dwell).toHaveLength(9);
    expect(dwell.filter((r) => r.subject_kind === 'track').map((r) => r.subject)).toEqual(['Stack A', 'Stack A']); // split by the radar scene of 15 Dec
    // The verdict columns: every vessel mark has its MMSI and a verdict, a stack neither.
    for (const r of sightings) {
      expect(r.mmsi === '').toBe(r.class !== 'vessel');
      expect(r.ais_verdict === '').toBe(r.class !== 'vessel');
      expect(r.ais_distance_m === '').toBe(r.ais_verdict !== 'confirmed' && r.ais_verdict !== 'nearby' && r.ais_verdict !== 'contradicted');
    }
    expect(sightings.filter((r) => r.vessel === 'Ryongsong 2').map((r) => r.ais_verdict)).toEqual(['silent', 'silent', 'silent', 'silent']); // dark in port, on radar too
    for (const r of sightings) expect(r.acquired_utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const r of visits) {
      expect(r.first_seen_utc).toMatch(/Z$/);
      // An open end is empty and flagged, never a made-up time.
      expect(r.arrival_after_utc === '').toBe(r.arrival_open === 'true');
      expect(r.dwell_max_hours === '').toBe(r.arrival_open === 'true' || r.departure_open === 'true');
    }
  });

  it('quotes per RFC 4180 (CRLF, doubled quotes, embedded newline) and defuses spreadsheet formulas', () => {
    const raw = fs.readFileSync(files[0]!, 'utf8');
    expect(raw.split('\r\n')[0]).toMatch(/^id,scene_id,acquired_utc,/);
    expect(raw).toContain('"Stack ""A"", near crane, 3 rows\nsecond line"');
    const rows = parse(raw, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.notes?.startsWith('Stack'))!.notes).toBe('Stack "A", near crane, 3 rows\nsecond line');
    expect(rows.some((r) => r.notes === `'=HYPERLINK("x")`)).toBe(true);
    expect(rows.find((r) => r.class === 'container_stack')!.geometry_wkt).toMatch(/^POLYGON \(\(130\.\d+ 42\.\d+, /);
  });

  it("gives each box its size in true metres and the direction the screen shows (a stack's axis, no heading); GeoJSON agrees", async () => {
    const rows = parse(fs.readFileSync(files[0]!, 'utf8'), { columns: true }) as Record<string, string>[];
    const stack = rows.find((r) => r.class === 'container_stack')!;
    // The reference: the stack's ring in a transverse Mercator of scale 1 through its centre (proj4), not our code.
    const ring = [...stack.geometry_wkt!.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const [lon, lat] = [Number(stack.lon), Number(stack.lat)];
    const t = proj4('EPSG:4326', `+proj=tmerc +lat_0=${lat} +lon_0=${lon} +k=1 +ellps=WGS84 +units=m +no_defs`);
    const xy = ring.map((p) => t.forward(p));
    const side = (i: number) => Math.hypot(xy[i + 1]![0]! - xy[i]![0]!, xy[i + 1]![1]! - xy[i]![1]!);
    const [ew, ns] = [(side(0) + side(2)) / 2, (side(1) + side(3)) / 2];
    expect(ns).toBeGreaterThan(ew); // 0.0004° of latitude is longer than 0.0004° of longitude at 42°N
    expect(Number(stack.length_m)).toBeCloseTo(ns, 1);
    expect(Number(stack.width_m)).toBeCloseTo(ew, 1);
    expect(stack.heading_deg).toBe(''); // a stack has no bow
    expect(Number(stack.axis_deg)).toBe(0); // its long side runs north–south
    // Points have no box figures.
    expect(rows.filter((r) => r.class === 'vessel').every((r) => r.length_m === '' && r.axis_deg === '')).toBe(true);
    const file = path.join(out, 'boxes.geojson');
    await exportOk('geojson', 'sightings', file);
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const feature = fc.features.find((f) => f.properties.sighting_id === stack.id)!;
    expect(feature.properties).toMatchObject({ length_m: Number(stack.length_m), width_m: Number(stack.width_m), heading_deg: null, axis_deg: 0 });
    // One row builder: every sighting's attributes agree between CSV and GeoJSON, the verdict columns included.
    const csvName: Record<string, string> = { sighting_id: 'id', acquired: 'acquired_utc', created: 'created_utc', updated: 'updated_utc' };
    for (const f of fc.features) {
      const row = rows.find((r) => r.id === f.properties.sighting_id)!;
      for (const [k, v] of Object.entries(f.properties)) {
        if (k === 'feature_type') continue;
        // (the CSV defuses a formula with a leading apostrophe: the only difference allowed)
        expect(row[csvName[k] ?? k]!.replace(/^'(?==)/, ''), k).toBe(v === null ? '' : String(v));
      }
    }
  });
});

describe('every export', () => {
  it('never contains the API key planted in a tile template, the environment and the key file', async () => {
    await exportOk('geojson', 'visits', path.join(out, 'visits.geojson'));
    await exportOk('kml', 'visits', path.join(out, 'visits.kml'));
    const written = fs.readdirSync(out).map((f) => path.join(out, f));
    expect(written.length).toBeGreaterThanOrEqual(9);
    for (const f of written) expect(fs.readFileSync(f).includes(PLANTED_KEY), f).toBe(false);
    // The scene that carried the key is exported, only without its template.
    expect(sql(path.join(out, 'rajin.gpkg'), "SELECT source_kind, source_file FROM scenes WHERE item_id = '20250220_014000_00_24ab'")).toMatch(/source_kind \(String\) = xyz[\s\S]*source_file \(String\) = \(null\)/);
  });

  it('refuses a missing folder, a folder, and the project file itself, and writes nothing', async () => {
    const before = fs.readdirSync(out).sort();
    const cases = [
      [path.join(out, 'no-such-dir', 'x.kml'), /does not exist/],
      [out, /is a folder/],
      [tp.file, /open project's own file/],
    ] as const;
    for (const [target, message] of cases) {
      const r = await dispatch('export.run', { format: 'kml', what: 'all', path: target });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(message);
    }
    expect(fs.readdirSync(out).sort()).toEqual(before);
    expect(session.requireProject().summary().counts.sightings).toBe(21);
    const invalid = await dispatch('export.run', { format: 'shp', what: 'all', path: path.join(out, 'x.shp') });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
