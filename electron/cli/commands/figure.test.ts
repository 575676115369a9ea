// `quaywatch figure` through the CLI's own runner on a GDAL-made project: a PNG, an SVG pair and a PDF written and
// said; a bad command line exits 2, a missing zone or scene and an unasked overwrite exit 1 with one line, nothing written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cliText as cli } from '../testing/cliHarness';
import { tempDir } from '../../testing/tmp';
import { makeFigureProject, VESSEL_NAME } from '../../node/figure/figureFixture';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeAll(async () => {
  tmp = tempDir('qw-cli-figure-');
  const fx = await makeFigureProject(tmp.dir);
  file = fx.file;
  fx.session.close(); // the CLI opens the project itself
}, 120_000);
afterAll(() => tmp?.cleanup());

describe('quaywatch figure', () => {
  it('writes a PNG of a zone on a day at the width and DPI asked, and says what it wrote', async () => {
    const out = path.join(tmp.dir, 'quay.png');
    const r = await cli('figure', file, '--zone', 'East Quay', '--scene', '2025-03-01', '--out', out, '--width', '1000', '--dpi', '200', '--title', 'Kestrel at East Quay');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(PNG, 1000 × \\d+ px at 200 dpi, \\d+ KiB\\) in \\d+\\.\\d s$`));
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.density]).toEqual(['png', 1000, 200]);
  });

  it('writes a before/after pair as SVG and a swipe as PDF from a box, with both dates', async () => {
    const svg = path.join(tmp.dir, 'pair.svg');
    expect((await cli('figure', file, '--bbox', '130.295,42.237,130.305,42.243', '--scene', '2025-03-01', '--after', '2025-03-09', '--out', svg)).code).toBe(0);
    const xml = fs.readFileSync(svg, 'utf8');
    expect(xml).toContain('2025-03-01 02:10 UTC');
    expect(xml).toContain('2025-03-09 01:55 UTC');
    const pdf = path.join(tmp.dir, 'swipe.pdf');
    const r = await cli('figure', file, '--zone', 'East Quay', '--scene', '2025-03-01', '--after', '2025-03-09', '--layout', 'swipe', '--split', '0.9', '--style', 'light', '--out', pdf, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'pdf', file: pdf });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const s of ['2025-03-01 02:10 UTC', '2025-03-09 01:55 UTC', VESSEL_NAME]) expect(text).toContain(s);
  });

  it('prints what the figure leaves out as notes, and --json carries them', async () => {
    // The scenes end at 130.315 E: half of this box is beyond them.
    const box = ['--bbox', '130.31,42.24,130.32,42.245', '--scene', '2025-03-01'];
    const r = await cli('figure', file, ...box, '--out', path.join(tmp.dir, 'edge.png'));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(/^Note: The scene of 2025-03-01 02:10 UTC covers \d+% of the frame; the rest is left blank\.$/);
    const j = await cli('figure', file, ...box, '--out', path.join(tmp.dir, 'edge.svg'), '--json');
    expect(JSON.parse(j.out).notes).toEqual([expect.stringMatching(/^The scene of 2025-03-01 02:10 UTC covers \d+% of the frame/)]);
  });

  it('leaves the marks out with --no-marks', async () => {
    const svg = path.join(tmp.dir, 'bare.svg');
    expect((await cli('figure', file, '--zone', 'East Quay', '--scene', '2025-03-01', '--no-marks', '--out', svg)).code).toBe(0);
    expect(fs.readFileSync(svg, 'utf8')).not.toContain(VESSEL_NAME);
  });

  it('refuses a bad command line (exit 2), a missing zone or scene and an unasked overwrite (exit 1), writing nothing', async () => {
    const out = path.join(tmp.dir, 'refused.png');
    const usage = [
      [['--scene', '2025-03-01', '--out', out], /give exactly one of --zone NAME or --bbox/],
      [['--zone', 'East Quay', '--scene', '2025-03-01', '--out', path.join(tmp.dir, 'x.jpg')], /--out: the name must end in \.png, \.svg, \.pdf/],
      [['--bbox', '130.3,42.2,oops', '--scene', '2025-03-01', '--out', out], /--bbox: "130.3,42.2,oops" is not four numbers W,S,E,N/],
      [['--zone', 'East Quay', '--scene', '2025-03-01', '--layout', 'swipe', '--out', out], /--layout is for a before\/after pair/],
      [['--zone', 'East Quay', '--scene', '2025-03-01', '--width', '50', '--out', out], /--width: .*200/],
    ] as const;
    for (const [args, message] of usage) {
      const r = await cli('figure', file, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
    const zone = await cli('figure', file, '--zone', 'West Quay', '--scene', '2025-03-01', '--out', out);
    expect(zone).toMatchObject({ code: 1, err: 'quaywatch: No zone "West Quay" in this project; its zones are: East Quay.' });
    const scene = await cli('figure', file, '--zone', 'East Quay', '--scene', '2031-01-01', '--out', out);
    expect(scene.code).toBe(1);
    expect(scene.err).toMatch(/^quaywatch: No scene "2031-01-01" in this project \(.*its scenes run from 2025-03-01 to 2025-03-09\)\.$/);
    expect(fs.existsSync(out)).toBe(false);
    fs.writeFileSync(out, 'mine');
    const again = await cli('figure', file, '--zone', 'East Quay', '--scene', '2025-03-01', '--out', out);
    expect(again).toMatchObject({ code: 1, err: `quaywatch: ${out} already exists; add --force to replace it.` });
    expect(fs.readFileSync(out, 'utf8')).toBe('mine');
    expect((await cli('figure', file, '--zone', 'East Quay', '--scene', '2025-03-01', '--out', out, '--force')).code).toBe(0);
    expect((await sharp(out).metadata()).format).toBe('png');
  });
});
