// A report's before/after pair and strip of frames (report.run pair/strip), read back by other programs than the one that
// wrote them: pdftotext finds each date, pdfimages counts the pictures, Chromium (network blocked) decodes the HTML's.
// The scenes expected are read from the project's own records (observability, sources), not from our planner.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { ReportResult } from '../../../shared/calls/export';
import type { Scene, SceneZoneObservability, Zone } from '../../../shared/domain';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { ProjectSession } from '../session';
import { makeTestProject, type TestProject } from '../export/testProject';
import { utcWhen } from '../figure/compose';
import { tempDir } from '../../testing/tmp';

let tp: TestProject;
let out: string;
let session: ProjectSession;
let dispatch: Dispatch;
let scenes: Scene[];
let pier1: Zone;
let hazy: Scene;

const list = async <T>(name: string) => ((await dispatch(name as never, {})) as { value: T }).value;

beforeAll(async () => {
  tp = await makeTestProject();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-report-figures-'));
  session = new ProjectSession({ dataDir: path.join(tp.dir, 'data'), author: 'Test Analyst', host: 'cli' });
  session.open(tp.file);
  dispatch = createDispatcher(session);
  scenes = (await list<Scene[]>('scenes.list')).sort((a, b) => a.acquired.localeCompare(b.acquired));
  pier1 = (await list<Zone[]>('zones.list')).find((z) => z.name === 'Pier 1')!;
  // A clear-looking scene the analyst calls obscured at Pier 1: the strip must leave it out by that record.
  hazy = scenes.find((s) => s.acquired.startsWith('2024-12-26'))!;
  expect(await dispatch('observability.set', { sceneId: hazy.id, zoneId: pier1.id, value: 'obscured' })).toMatchObject({ ok: true });
}, 120_000);

afterAll(() => {
  session?.close();
  tp?.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

async function report(req: Record<string, unknown>): Promise<ReportResult> {
  const r = await dispatch('report.run', req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ReportResult;
}

/** Pier 1's scenes in [from, to] (UTC days) that show it and whose pixels are here: not recorded obscured or outside, not the tile scene nobody made available offline. */
async function showingPier1(from: string, to: string): Promise<Scene[]> {
  const observability = await list<SceneZoneObservability[]>('observability.list');
  const dark = new Set(observability.filter((o) => o.zoneId === pier1.id && (o.value === 'obscured' || o.value === 'outside')).map((o) => o.sceneId));
  return scenes.filter((s) => s.acquired.slice(0, 10) >= from && s.acquired.slice(0, 10) <= to && !dark.has(s.id) && s.source.kind !== 'xyz');
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfImages = (file: string) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
/** The text of the report from a heading to the next section heading (pdftotext keeps the page's order). */
const section = (text: string, heading: string, next: string) => text.slice(text.indexOf(heading), text.indexOf(next, text.indexOf(heading)));

describe('PDF report with figures', () => {
  it('shows the pair of the first and last scenes that show the zone and a strip of frames, each dated in the text, each a picture', async () => {
    const plain = path.join(out, 'plain.pdf');
    const withFigures = path.join(out, 'figures.pdf');
    await report({ format: 'pdf', path: plain });
    const r = await report({ format: 'pdf', path: withFigures, pair: { zone: 'Pier 1' }, strip: { zone: 'Pier 1' } });
    const expected = await showingPier1('0000', '9999');
    const text = pdfText(withFigures);

    expect(r.pairSceneIds).toEqual([expected[0]!.id, expected.at(-1)!.id]);
    const pair = section(text, 'Before and after: Pier 1', 'Frames: Pier 1').replace(/\s+/g, ' ');
    expect(pair).toContain(`Before, left: ${utcWhen(expected[0]!.acquired)}`);
    expect(pair).toContain(`After, right: ${utcWhen(expected.at(-1)!.acquired)}`);
    expect(pair).toContain('what changed between the two is left to the analyst');

    // Six frames by default, oldest first, the first and last scene among them, each dated under its picture.
    expect(r.stripSceneIds).toHaveLength(6);
    const ids = expected.map((s) => s.id);
    expect(r.stripSceneIds.map((id) => ids.indexOf(id))).toEqual([...r.stripSceneIds.map((id) => ids.indexOf(id))].sort((a, b) => a - b));
    expect(r.stripSceneIds[0]).toBe(expected[0]!.id);
    expect(r.stripSceneIds.at(-1)).toBe(expected.at(-1)!.id);
    const strip = section(text, 'Frames: Pier 1', 'Image chips');
    for (const id of r.stripSceneIds) expect(strip).toContain(utcWhen(expected.find((s) => s.id === id)!.acquired));
    // The tile scene with no tiles here shows Pier 1 but cannot be drawn: the report says it passed it over.
    expect(strip.replace(/\s+/g, ' ')).toMatch(/1 scene that shows Pier 1 in the period has no pixels on this machine .* passed over: 2025-02-20 01:40 UTC/);

    // Seven more pictures than the same report without figures: the pair and six frames.
    expect(pdfImages(withFigures).length - pdfImages(plain).length).toBe(7);
  }, 120_000);

  it('leaves out of the strip the scenes the analysis counts as obscured there', async () => {
    const file = path.join(out, 'strip.pdf');
    // A short period: every scene that shows Pier 1 fits in twelve frames, so only the obscured ones can be missing.
    const r = await report({ format: 'pdf', path: file, from: '2024-12-20', to: '2025-01-05', strip: { zone: 'Pier 1', frames: 12 } });
    const expected = await showingPier1('2024-12-20', '2025-01-05');
    expect(expected.length).toBeLessThanOrEqual(12);
    expect(r.stripSceneIds).toEqual(expected.map((s) => s.id));
    expect(r.stripSceneIds).not.toContain(hazy.id);
    const strip = section(pdfText(file), 'Frames: Pier 1', 'Image chips');
    expect(strip).not.toContain(utcWhen(hazy.acquired));
    expect(strip).toMatch(/\d+ scenes? of the period on which Pier 1 was obscured or not imaged (is|are) left out/);
  }, 120_000);

  it('says so in the report when a scene asked for has no pixels here, instead of a gap, or is obscured there', async () => {
    const file = path.join(out, 'missing.pdf');
    const r = await report({ format: 'pdf', path: file, pair: { zone: 'Pier 1', before: '2024-12-10', after: '2025-02-20' } });
    expect(r.pairSceneIds).toEqual([]);
    const pair = section(pdfText(file), 'Before and after: Pier 1', 'Image chips').replace(/\s+/g, ' ');
    expect(pair).toContain('The before/after pair of Pier 1 was not drawn: the scene of 2025-02-20 01:40 UTC asked for has no pixels on this machine');
    // A scene asked for that the analysis counts as obscured there is drawn as asked, and said.
    const hazyFile = path.join(out, 'hazy.pdf');
    const hazyPair = await report({ format: 'pdf', path: hazyFile, pair: { zone: 'Pier 1', before: hazy.id } });
    expect(hazyPair.pairSceneIds[0]).toBe(hazy.id);
    expect(pdfText(hazyFile).replace(/\s+/g, ' ')).toContain(`The analysis counts Pier 1 as obscured or not imaged on the scene of ${utcWhen(hazy.acquired)} asked for.`);
  }, 120_000);
});

describe('HTML report with figures', () => {
  it('carries the pair and the strip inside the file, and Chromium decodes every picture with the network blocked', async () => {
    const file = path.join(out, 'figures.html');
    const r = await report({ format: 'html', path: file, pair: { zone: 'Pier 1' }, strip: { zone: 'Pier 2', frames: 4 } });
    const html = fs.readFileSync(file, 'utf8');
    // Parsed as markup: one picture in the pair, four in the strip, each a JPEG data URI.
    const pictures = (kind: string) => {
      const at = html.indexOf(`data-figure="${kind}"`);
      const block = html.slice(at, html.indexOf(kind === 'pair' ? '</figure>' : '</div>\n', at));
      return [...block.matchAll(/<img [^>]*src="data:image\/jpeg;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]!);
    };
    expect(pictures('pair')).toHaveLength(1);
    expect(pictures('strip')).toHaveLength(4);
    for (const id of r.stripSceneIds) expect(html).toContain(`<b>${utcWhen(scenes.find((s) => s.id === id)!.acquired)}</b>`);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    try {
      const context = await browser.newContext({ offline: true });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.request().url().startsWith('file://') ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      await page.goto(`file://${file}`);
      await page.waitForLoadState('load');
      expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
      const decoded = async (selector: string) => page.locator(selector).evaluateAll((imgs) => imgs.map((i) => [(i as HTMLImageElement).complete, (i as HTMLImageElement).naturalWidth]));
      expect(await decoded('.pair img')).toEqual([[true, 1600]]);
      expect(await decoded('.strip img')).toEqual(Array.from({ length: 4 }, () => [true, 560]));
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('on the demo\'s first start', () => {
  it('waits for the scenes still being written before drawing the strip', async () => {
    const tmp = tempDir('qw-report-figures-demo-');
    const demo = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
    try {
      await demo.openDemo(); // opens at once; its imagery is written afterwards, scene by scene
      const r = await createDispatcher(demo)('report.run', { format: 'html', path: path.join(tmp.dir, 'r.html'), strip: { zone: 'Pier 2', frames: 12 } });
      expect(r.ok).toBe(true);
      // Every frame drawn from its scene's own pixels: twelve, none passed over for a file not written yet.
      expect((r as { value: ReportResult }).value.stripSceneIds).toHaveLength(12);
      expect(fs.readFileSync(path.join(tmp.dir, 'r.html'), 'utf8')).not.toContain('no pixels on this machine');
    } finally {
      demo.close();
      tmp.cleanup();
    }
  }, 120_000);
});
