// `quaywatch report --pair ZONE[:BEFORE,AFTER] --strip ZONE[:N]` through the CLI's own runner: the figures land in the
// PDF with their dates, the command says which scenes it drew, and a bad flag is one line with exit code 2.
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

describe('quaywatch report --pair / --strip', () => {
  it('draws the pair of the days named and a strip of the count asked for, dated in the PDF', async () => {
    const pdf = path.join(tp.dir, 'figures.pdf');
    const r = await cli('report', tp.file, '--pdf', pdf, '--pair', 'Pier 1:2024-12-10,2025-01-20', '--strip', 'pier 2:4');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Before\/after pair: 2024-12-10 01:38 UTC and 2025-01-20 01:39 UTC$/m);
    expect(r.out).toMatch(/^Strip: 4 frames, (\d{4}-\d\d-\d\d \d\d:\d\d UTC(, |$)){4}/m);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Before, left: 2024-12-10 01:38 UTC');
    expect(text).toContain('After, right: 2025-01-20 01:39 UTC');
    expect(text).toContain('Frames: Pier 2');
    expect(text).toMatch(/4 frames of the \d+ scenes in the period that show Pier 2, evenly spread/);
  }, 120_000);

  it('refuses a strip of more than twelve frames and an unknown zone, and writes nothing', async () => {
    const before = fs.readdirSync(tp.dir).sort();
    const many = await cli('report', tp.file, '--pdf', path.join(tp.dir, 'x.pdf'), '--strip', 'Pier 1:13');
    expect(many.code).toBe(2);
    expect(many.err.split('\n')).toHaveLength(1);
    expect(many.err).toMatch(/--strip: a strip has 2 to 12 frames/);
    const zone = await cli('report', tp.file, '--pdf', path.join(tp.dir, 'x.pdf'), '--pair', 'Pier 9');
    expect(zone.code).toBe(1);
    expect(zone.err).toMatch(/No zone "Pier 9".*Pier 1, Pier 2/);
    expect(fs.readdirSync(tp.dir).sort()).toEqual(before);
  }, 120_000);
});
