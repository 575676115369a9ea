// `quaywatch export` and `quaywatch report` through the CLI's own runner: files written, one-line errors with exit code 2 for a bad command line.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliText as cli } from '../testing/cliHarness';
import { makeTestProject, type TestProject } from '../../node/export/testProject';

let tp: TestProject;
beforeAll(async () => {
  tp = await makeTestProject();
}, 120_000);
afterAll(() => tp?.cleanup());

describe('quaywatch export / report', () => {
  it('exports a GeoPackage that GDAL opens, and CSV visits', async () => {
    const gpkg = path.join(tp.dir, 'cli.gpkg');
    const r = await cli('export', tp.file, '--format', 'gpkg', '--out', gpkg);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`Wrote ${gpkg}`);
    expect(r.out).toContain('zones: 2, sightings: 21, visits: 9, scenes: 24'); // the demo's 13 optical and 10 radar scenes, and one added here
    expect(execFileSync('ogrinfo', ['-so', gpkg], { encoding: 'utf8' })).toMatch(/1: zones \(Polygon\)\s+2: sightings_boxes \(Polygon\)\s+3: sightings_points \(Point\)\s+4: visits \(Polygon\)\s+5: scenes \(Polygon\)/);
    const csv = path.join(tp.dir, 'visits.csv');
    expect((await cli('export', tp.file, '--format', 'CSV', '--what', 'visits', '--out', csv)).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^vessel,vessel_id,zone,/);
  });

  it('writes a PDF report for one zone and a period, and says what it wrote', async () => {
    const pdf = path.join(tp.dir, 'pier2.pdf');
    const r = await cli('report', tp.file, '--pdf', pdf, '--zone', 'Pier 2', '--from', '2024-12-01', '--to', '2025-01-31', '--author', 'A. Analyst');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote .*pier2\.pdf \(PDF, \d+ pages, \d+ KiB\) for 2024-12-01 – 2025-01-31/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('A. Analyst');
    expect(text).toMatch(/visits? by \d vessels? at Pier 2 in the period/);
  });

  it('refuses bad command lines with one line and exit code 2, and writes nothing', async () => {
    const before = fs.readdirSync(tp.dir).sort();
    const cases: [string[], RegExp][] = [
      [['report', tp.file, '--pdf', 'a.pdf', '--html', 'b.html'], /exactly one of --pdf/],
      [['report', tp.file, '--html', 'b.html', '--from', 'yesterday'], /--from: must be a date/],
      [['export', tp.file, '--format', 'shp', '--out', 'x.shp'], /--format: /],
      [['export', tp.file, '--format', 'kml'], /--out PATH is required/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
    const zone = await cli('report', tp.file, '--html', path.join(tp.dir, 'z.html'), '--zone', 'Pier 7');
    expect(zone.code).toBe(1);
    expect(zone.err).toMatch(/No zone "Pier 7".*Pier 1, Pier 2/);
    expect(fs.readdirSync(tp.dir).sort()).toEqual(before);
  });
});
