// Reports read back by real tools: pdfinfo/pdftotext/pdffonts/pdfimages for the PDF, Debian's Chromium (network blocked) for the standalone HTML.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { ProjectSession } from '../session';
import { makeTestProject, PLANTED_KEY, type TestProject } from '../export/testProject';

let tp: TestProject;
let out: string;
let session: ProjectSession;
let dispatch: Dispatch;

beforeAll(async () => {
  tp = await makeTestProject();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-report-out-'));
  session = new ProjectSession({ dataDir: path.join(tp.dir, 'data'), author: 'Test Analyst', host: 'cli' });
  session.open(tp.file);
  dispatch = createDispatcher(session);
}, 120_000);

afterAll(() => {
  session?.close();
  tp?.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

async function report(req: Record<string, unknown>) {
  const r = await dispatch('report.run', req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { file: string; pages: number; bytes: number; from: string; to: string };
}

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('PDF report', () => {
  let file: string;
  let body: string;
  let pages: number;
  beforeAll(async () => {
    file = path.join(out, 'rajin.pdf');
    pages = (await report({ format: 'pdf', path: file })).pages;
    body = text(file);
  }, 60_000);

  it('has the title block, key figures with their coverage, the visits table, review status, method and credits as text', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Title:\s+Rajin port \(demo\): visits and coverage/);
    for (const s of ['Rajin port (demo): visits and coverage', 'Period', '10 Dec 2024 – 20 Feb 2025 (UTC)', 'Test Analyst', 'Key figures']) expect(body).toContain(s);
    // "N visits …" each followed by its coverage (the demo: 2 visits at Pier 1, 5 at Pier 2).
    expect(body).toMatch(/2 visits by 2 vessels at Pier 1 in the period\s+Coverage: 13 clear scenes of Pier 1 \(1 obscured\), longest gap [\d.]+ days/);
    expect(body).toMatch(/5 visits by 3 vessels at Pier 2 in the period\s+Coverage: 12 clear scenes of Pier 2/);
    expect(body).toMatch(/Median stay at the quay between/);
    expect(body).toContain('Vostok Trader');
    expect(body).toMatch(/Confirmed\s+Disputed\s+Rejected\s+Unreviewed\s+Total\s+1\s+1\s+1\s+14\s+17/);
    for (const s of ['Method', 'Caveats', 'A visit is a vessel', '© Planet Labs PBC (synthetic demo)', 'Page 1 of']) expect(body).toContain(s);
    expect(body.includes(PLANTED_KEY)).toBe(false);
  });

  it('embeds its fonts and draws charts as vectors: the only raster images are the chips', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(f).toMatch(/DejaVuSans.* yes +yes +yes/);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    // 6 chips, each one PNG (pdfkit may add an SMask only for alpha; the chips are opaque RGB).
    expect(images).toHaveLength(6);
    for (const i of images) expect(i).toMatch(/ 560 +404 +rgb/);
    // The Analysis panel's chart specs, titled and summarised; their axis labels are text in the PDF (vector), not pixels.
    for (const title of ['Visits per month per zone', 'Visit timeline', 'Containers per zone over time', 'Dwell distribution', 'Coverage calendar']) expect(body).toContain(title);
    expect(body).toMatch(/2024-12\s+2025-01\s+2025-02/);
    expect(body).toMatch(/Arrival \/ departure window/);
  });

  it('shows each chip with its UTC time, item id and imagery credit', () => {
    expect(body).toMatch(/2024-12-10 01:38 UTC · 20241210_013845_12_2461 · ©\s+Planet Labs PBC/);
  });

  it('reports one zone and a period when asked, and says so', async () => {
    const f = path.join(out, 'pier1-jan.pdf');
    const r = await report({ format: 'pdf', path: f, zone: 'pier 1', from: '2024-12-01', to: '2025-01-31' });
    expect(r.from).toBe('2024-12-01T00:00:00.000Z');
    expect(r.to).toBe('2025-02-01T00:00:00.000Z');
    const t = text(f);
    expect(t).toContain('1 Dec 2024 – 31 Jan 2025 (UTC)');
    expect(t).toMatch(/Zones\s+Pier 1\n/);
    expect(t).not.toMatch(/at Pier 2 in the period/);
    expect(t).toMatch(/visits? in January 2025/);
  });

  it('refuses an unknown zone or an empty period, naming the zones, and writes nothing', async () => {
    const f = path.join(out, 'bad.pdf');
    const bad = await dispatch('report.run', { format: 'pdf', path: f, zone: 'Pier 9' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!bad.ok && bad.error.message).toMatch(/Pier 1, Pier 2/);
    const empty = await dispatch('report.run', { format: 'pdf', path: f, from: '2025-02-01', to: '2025-01-01' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const garbage = await dispatch('report.run', { format: 'pdf', path: f, from: 'last tuesday' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(fs.readdirSync(out).filter((n) => n.startsWith('bad') || n.includes('.tmp'))).toEqual([]);
  });
});

describe('HTML report', () => {
  it('is one self-contained file: Chromium with the network blocked makes no request beyond the file and shows every chip', async () => {
    const file = path.join(out, 'rajin.html');
    await report({ format: 'html', path: file });
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html.includes(PLANTED_KEY)).toBe(false);
    expect(html).toContain('2 visits by 2 vessels at Pier 1 in the period');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.request().url().startsWith('file://') ? route.continue() : route.abort();
      });
      await page.goto(`file://${file}`);
      await page.waitForLoadState('load');
      expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
      const chips = await page.locator('.chips img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(chips).toHaveLength(6);
      for (const w of chips) expect(w).toBe(560);
      expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('h1').textContent()).toBe('Rajin port (demo): visits and coverage');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
