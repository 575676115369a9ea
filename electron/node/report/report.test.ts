// Reports read back by real tools: pdfinfo/pdftotext/pdffonts/pdfimages for the PDF, Debian's Chromium (network blocked) for the standalone HTML.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { ProjectSession } from '../session';
import sharp from 'sharp';
import { makeTestProject, PLANTED_KEY, type TestProject } from '../export/testProject';
import { writePdfReport } from './pdfReport';
import { methodSections, type ReportModel } from './reportModel';
import { buildAisSection, type ReportTable } from './reportAis';
import { DEFAULT_AIS_SETTINGS, buildTrackIndex } from '../../../shared/ais';
import type { AisEvidence } from '../ais/aisAnalysis';
import type { ProjectData } from '../export/projectData';
import { seedProject } from '../../testing/seedProject';

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

/** The AIS section's table titles ("Dark calls: imagery visits with no AIS (2)"). */
const AIS_TABLE_TITLE = /^(Vessel sightings by AIS verdict|Dark calls:|AIS-only visits:|AIS gaps with scenes|Review queue:).*\(\d+( vessels?)?\)$/;

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
    // "N visits …" each followed by its coverage (the demo: 2 visits at Pier 1, 5 at Pier 2; 13 optical and 10 radar scenes).
    expect(body).toMatch(/2 visits by 2 vessels at Pier 1 in the period\s+Coverage: 23 clear scenes \(13 optical, 10 radar\) of Pier 1 \(17 examined; 1 obscured\), longest gap [\d.]+ days/);
    expect(body).toMatch(/5 visits by 3 vessels at Pier 2 in the period\s+Coverage: 22 clear scenes \(12 optical, 10 radar\) of Pier 2/);
    expect(body).toMatch(/Median stay at the quay [\d.]+ – [\d.]+ d/);
    // No ship moves between piers in the demo: one port call per visit, ended only where both piers were seen.
    expect(body).toMatch(/7 port calls by 4 vessels in the period \(a move between quays is one call\)\s+Coverage: every zone of the port clear and examined on \d+ of \d+ scenes/);
    expect(body).toContain('Vostok Trader');
    // The month table: arrivals and visits under way side by side (the demo's visits stay within their month).
    expect(body).toMatch(/Arrivals\s+Under way\s+Vessels\s+Clear scenes/);
    expect(body).toMatch(/December 2024\s+Pier 2\s+3\s+3\s+2\s/);
    // The carried-unconfirmed heading wraps onto a second line in the PDF.
    expect(body).toMatch(/Confirmed\s+Disputed\s+Rejected\s+Unreviewed\s+Carried,\s+Total\s+unconfirmed\s+1\s+1\s+1\s+18\s+0\s+21/);
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
    for (const title of ['Visits per month per zone', 'Visit timeline', 'Containers per zone over time', 'Dwell distribution', 'Observation calendar']) expect(body).toContain(title);
    expect(body).toMatch(/2024-12\s+2025-01\s+2025-02/);
    expect(body).toMatch(/Arrival \/ departure window/);
  });

  it('shows each chip with its UTC time, provider, item id and imagery credit', () => {
    expect(body).toMatch(/2024-12-10 01:38 UTC · Planet · 20241210_013845_12_2461 ·\s+optical\s+·\s+©\s+Planet Labs PBC/);
  });

  it('accounts for every visit in the dwell summary, with the same totals as the Analysis view (the dwell chart)', () => {
    const flat = body.replace(/\s+/g, ' ');
    const visits = Number(/Visits \((\d+)\)/.exec(flat)![1]);
    // The key figure and the chart caption say the same thing in the same words (shared/charts censoringText).
    const figure = /Dwell distribution .*? From (\d+ visits: [^.]*)\./.exec(flat)![1]!;
    // 5.0 – 6.5 d: the demo's radar scenes bracket the stays closer; the last scenes are not examined, so they end no visit
    // (Amur Express's stay at Pier 2 is open).
    expect(flat).toContain(`Median stay at the quay 5.0 – 6.5 d Coverage: from ${figure}`);
    const n = Number(/^(\d+) visits/.exec(figure)![1]);
    expect(n).toBe(visits);
    // Each visit falls in exactly one kind: bracketed on both sides or with an open end, adding up to the whole
    // ("seen on one scene only" is a part of each, not a kind: it once took visits out of "bracketed").
    const bracketed = Number(/: (\d+) bracketed on both sides/.exec(figure)?.[1] ?? 0);
    const open = Number(/(\d+) with an open end/.exec(figure)?.[1] ?? 0);
    expect(bracketed + open).toBe(n);
    // Port calls have their own table after the visits (in the demo, one per visit: no ship moves between piers).
    expect(flat).toMatch(/Port calls \(7\) A vessel's stay at the port, whatever the quay/);
    // The open ones are the visits table's rows whose dwell says which end was never seen.
    const plain = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const table = plain.slice(plain.indexOf(`Visits (${visits})`), plain.indexOf('Port calls ('));
    expect(open).toBe([...table.matchAll(/\((already there at the first scene|still there at the last scene|there from the first scene to the last)\)/g)].length);
  });

  it('writes dwell one way: one unit per range, open ends in words', () => {
    const flat = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(flat).not.toMatch(/\(open\)|at least [\d.]+ [hd]\b|\d h – [\d.]+ d/);
    expect(flat).toContain('≥ 3.0 d (already there at the first scene)');
    expect(flat).toContain('5.0 – 6.5 d'); // Paekdu Star at Pier 2 in December, bracketed by the radar scenes of 15 and 21 Dec
  });

  it('sets AIS beside the imagery: each vessel\'s verdicts, the dark calls, AIS-only visits, gaps holding the scenes that show it, the queue, and the thresholds', () => {
    const flat = body.replace(/\s+/g, ' ');
    const section = flat.slice(flat.indexOf('AIS and imagery 18 vessel sightings'), flat.indexOf('Image chips'));
    // 14 marks on optical scenes and 4 on radar ones (Paekdu Star confirmed, Sea Harmony contradicted twice, Ryongsong 2 silent).
    expect(section).toContain('18 vessel sightings in the period set beside AIS: 8 confirmed, 0 nearby, 6 contradicted, 4 silent, 0 unlinked; 2 dark calls');
    // The demo's cases (demo/demoAis.ts): Ryongsong 2 dark on every scene, Sea Harmony's AIS elsewhere (spoofed), the reporting ships confirmed.
    expect(section).toMatch(/Vessel MMSI Confirmed Nearby Contradicted Silent Unlinked Total Amur Express 273412870 2 0 0 0 0 2 Paekdu Star 445556000 4 0 0 0 0 4 Ryongsong 2 445061000 0 0 0 4 0 4 Sea Harmony 667001234 0 0 6 0 0 6 Vostok Trader 273351220 2 0 0 0 0 2 Thresholds:/);
    // The thresholds under the table, in METHOD.md's words with the settings' values.
    expect(section).toMatch(/Thresholds: a sighting is compared with the AIS messages of its vessel's MMSI within ± 30 min .* confirm distance \(500 m\) .* contradict distance \(5 km\);.* A gap is a silence of 6 h or more \(the gap threshold\) between two consecutive messages/);
    // Dark calls: both of Ryongsong 2's visits at Pier 2, silent throughout.
    expect(section).toContain('Dark calls: imagery visits with no AIS (2)');
    expect(section).toMatch(/Ryongsong 2 Pier 2 2024-12-10 01:38 2024-12-10 01:38 1 silent throughout Ryongsong 2 Pier 2 2024-12-26 02:11 2024-12-30 09:27 3 silent throughout/); // its second visit seen on radar too, on the clouded 30 Dec
    // AIS-only: Sparta IV (no vessel in the project: its AIS name) missed on an examined scene; Amur Express's call on a scene nobody examined.
    expect(section).toMatch(/SPARTA IV Pier 1 2025-01-02 22:58 2025-01-03 04:48 1 missed: an examined clear scene shows the zone without it/);
    expect(section).toMatch(/Amur Express Pier 1 2025-01-13 15:49 2025-01-14 13:49 2 unexamined/); // the radar scene of 13 Jan evening and the optical one of the 14th
    // The gaps that hold scenes showing the dark ship: the imagery-backed calls.
    expect(section).toContain('AIS gaps with scenes showing the vessel (2)');
    expect(section).toMatch(/Ryongsong 2 445061000 2024-12-25 08:09 2024-12-30 19:39 131\.5 2024-12-26 Pier 2; 2024-12-30 Pier 2/);
    expect(section).toContain('Review queue: AIS says here, nothing marked (3)');
    expect(section).toMatch(/2025-01-03 01:58 AIS says SPARTA IV at Pier 1; nothing marked 273445480 examined/);
    expect(section).toMatch(/AIS says Amur Express at Pier 1; nothing marked 273412870 not examined/);
    // The chart: titled, its legend and rows are text (vector), its caption counts the same sightings.
    expect(section).toMatch(/AIS beside the imagery, per vessel AIS heard AIS gap \(≥ 6 h\) Silent \(dark\) Contradicted Confirmed/);
    expect(section).toContain('18 vessel sightings of 5 vessels (4 silent, 6 contradicted, 8 confirmed)');
  });

  it('keeps every heading with what follows it: none ends a page', () => {
    const headings = ['Key figures', 'Charts', 'Visits per month, with coverage', 'AIS and imagery', 'Image chips', 'Review status of the sightings in the period', 'Method', 'Caveats', 'Imagery'];
    for (let p = 1; p <= pages; p++) {
      const lines = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/Page \d+ of \d+$/.test(l));
      const last = lines[lines.length - 1]!;
      expect(headings.includes(last) || /^(Visits|Port calls) \(\d+\)$/.test(last) || AIS_TABLE_TITLE.test(last), `page ${p} ends with the heading "${last}"`).toBe(false);
    }
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

  it('says the baseline mean is unknown when no month before the last one has a clear scene', async () => {
    // November 2024 has no imagery at all (the demo starts on 10 December): December is compared with nothing seen.
    const f = path.join(out, 'nov-dec.pdf');
    await report({ format: 'pdf', path: f, from: '2024-11-01', to: '2024-12-31' });
    const t = text(f).replace(/\s+/g, ' ');
    expect(t).toMatch(/visits? in December 2024 \(\d+ vessels?\), against an unknown mean: no clear scene in November 2024/);
    expect(t).toMatch(/baseline mean is unknown/);
    expect(t).not.toMatch(/mean of 0\.0|NaN/);
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
    expect(html).toContain('7 port calls by 4 vessels in the period');
    // The month table gives arrivals and visits under way side by side.
    expect(html).toMatch(/<th[^>]*>Arrivals<\/th><th[^>]*>Under way<\/th>/);
    expect(html).toContain('A port call is a vessel');
    expect(html).toMatch(/Thresholds: a sighting is compared with the AIS messages of its vessel&#39;s MMSI within ± 30 min/);
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
      // The AIS section as Chromium shows it: its chart drawn, its tables' rows read off the page.
      expect(await page.locator('h3').allTextContents()).toEqual([
        'Vessel sightings by AIS verdict (5 vessels)',
        'Dark calls: imagery visits with no AIS (2)',
        'AIS-only visits: AIS calls the imagery has not (2)',
        'AIS gaps with scenes showing the vessel (2)',
        'Review queue: AIS says here, nothing marked (3)',
      ]);
      const rowOf = (name: string) => page.locator('h3:has-text("by AIS verdict") + p + table tr', { hasText: name }).locator('td').allTextContents();
      expect(await rowOf('Ryongsong 2')).toEqual(['Ryongsong 2', '445061000', '0', '0', '0', '4', '0', '4']);
      expect(await rowOf('Sea Harmony')).toEqual(['Sea Harmony', '667001234', '0', '0', '6', '0', '0', '6']);
      expect(await page.locator('h3:has-text("Review queue") + p + table td').allTextContents()).toContain('AIS says SPARTA IV at Pier 1; nothing marked');
      expect(await page.locator('figure', { hasText: 'AIS beside the imagery, per vessel' }).locator('svg').count()).toBe(1);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('a chip of an imported GeoTIFF', () => {
  it('is captioned with the scene\'s date, provider and file name, not an internal id', async () => {
    const own = path.join(out, 'harbour_east_pass.tif');
    const demoTif = fs.readdirSync(path.join(tp.dir, 'demo', 'imagery')).find((n) => n.endsWith('.tif'))!;
    execFileSync('gdal_translate', ['-q', '-mo', 'TIFFTAG_DATETIME=2025:02:15 03:00:00', path.join(tp.dir, 'demo', 'imagery', demoTif), own]);
    const imported = await dispatch('scenes.import', { paths: [own] });
    expect(imported.ok).toBe(true);
    const scenes = await dispatch('scenes.list', {});
    const scene = (scenes.ok ? (scenes.value as { id: string; acquired: string }[]) : []).find((x) => x.acquired.startsWith('2025-02-15'))!;
    const zones = await dispatch('zones.list', {});
    const pier1 = (zones.ok ? (zones.value as { name: string; geometry: { coordinates: number[][][] } }[]) : []).find((z) => z.name === 'Pier 1')!;
    const ring = pier1.geometry.coordinates[0]!;
    const centre = [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2];
    const mark = await dispatch('sightings.create', { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: centre }, confidence: 'probable' });
    if (!mark.ok) throw new Error(mark.error.message);
    const f = path.join(out, 'own-chip.pdf');
    await report({ format: 'pdf', path: f, chipSightingIds: [(mark.value as { id: string }).id] });
    const t = text(f).replace(/\s+/g, ' ');
    expect(t).toContain('2025-02-15 03:00 UTC · Local file · harbour_east_pass.tif');
    expect(t).not.toContain(scene.id.slice(0, 8));
  }, 60_000);
});

describe('PDF layout', () => {
  /** The last line of each page's text, the footer left out. */
  const lastLines = (file: string, pages: number) =>
    Array.from({ length: pages }, (_, i) => {
      const lines = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/Page \d+ of \d+$/.test(l));
      return lines[lines.length - 1]!;
    });

  it('never leaves a heading alone at the foot of a page, however long the visits table runs', async () => {
    const png = await sharp({ create: { width: 560, height: 404, channels: 3, background: '#336' } }).png().toBuffer();
    const chip = { sightingId: 's', sceneId: 'c', png, width: 560, height: 404, when: '2025-01-01 00:00 UTC', scene: 'Planet · x', credit: '© Planet', sensor: 'optical', subject: 'Ship at Pier 1' };
    const row = { vessel: 'Ship', zone: 'Pier 1', arrivalAfter: 'open', firstSeen: '2025-01-01 00:00', lastSeen: '2025-01-02 00:00', departureBefore: '2025-01-03 00:00', dwell: '1.0 – 2.0 d', scenes: 2 };
    const headings = new Set(['Key figures', 'AIS and imagery', 'Image chips', 'Review status of the sightings in the period', 'Method', 'Caveats', 'Imagery']);
    // AIS tables after the visits: their titles, moved down row by row too, must each keep their note and first row.
    const note = 'A note said above the table, long enough to wrap onto a second line in the PDF so that the title, the note and the first row together need more room than a title alone.';
    const aisTable = (title: string, rows: number): ReportTable => ({
      title: `${title} (${rows})`,
      note,
      columns: [{ title: 'Vessel', weight: 2 }, { title: 'Count', weight: 1, numeric: true }],
      rows: Array.from({ length: rows }, (_, i) => ['Ship', i]),
      none: 'None.',
      ...(rows === 3 ? { after: 'Thresholds: said under the table.' } : {}),
    });
    const ais = { statement: null, summary: 'A summary of what AIS says.', tables: [aisTable('Vessel sightings by AIS verdict', 3), aisTable('Dark calls: imagery visits with no AIS', 2), aisTable('AIS-only visits: AIS calls the imagery has not', 0), aisTable('Review queue: AIS says here, nothing marked', 4)] };
    // Each extra row moves what follows by one row height: somewhere in this range a heading lands at a page's foot.
    for (let n = 30; n <= 62; n += 2) {
      const model: ReportModel = {
        title: 'Layout', project: 'P', author: 'A', scope: 'Scope: every sighting in this project (by A).', generatedAt: '2025-01-01T00:00:00.000Z', from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z',
        periodLabel: '1 Jan 2025 – 31 Jan 2025 (UTC)', zones: ['Pier 1'], minConfidence: 'possible', scenesInPeriod: 3, unverifiedLeftOut: 0, unexaminedClearScenes: 0, keyFigures: [], monthTable: [], censoring: [], censoringFall: null,
        visits: Array.from({ length: n }, () => row), portCalls: [], review: { confirmed: 0, disputed: 0, rejected: 0, unreviewed: 0, total: 0, unconfirmedCarried: 0 },
        ais,
        method: methodSections('possible'), caveats: ['One caveat.'], credits: ['© Planet'],
      };
      const f = path.join(out, `layout-${n}.pdf`);
      const pages = await writePdfReport(f, model, [], [chip, chip]);
      // An AIS table's title and note are kept with its first row: a page ending in the note is a title left behind too.
      for (const [i, last] of lastLines(f, pages).entries()) expect(headings.has(last) || /^Visits \(\d+\)$/.test(last) || AIS_TABLE_TITLE.test(last) || note.includes(last.replace(/\s+/g, ' ')), `${n} rows: page ${i + 1} ends with the heading "${last}"`).toBe(false);
    }
  }, 60_000);
});

describe('the AIS section, with nothing to set beside the imagery', () => {
  it('says plainly that the project holds no AIS, in the PDF and the HTML', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-report-noais-'));
    try {
      const seeded = seedProject(dir, { zones: [{ name: 'Quay', geometry: { type: 'Polygon', coordinates: [[[130, 42], [130.01, 42], [130.01, 42.01], [130, 42.01], [130, 42]]] } }] });
      const s = new ProjectSession({ dataDir: path.join(dir, 'data'), author: 'Test Analyst', host: 'cli' });
      s.open(seeded.file);
      try {
        const d = createDispatcher(s);
        for (const format of ['pdf', 'html'] as const) {
          const r = await d('report.run', { format, path: path.join(dir, `r.${format}`) });
          if (!r.ok) throw new Error(r.error.message);
        }
      } finally {
        s.close();
      }
      const pdf = text(path.join(dir, 'r.pdf')).replace(/\s+/g, ' ');
      expect(pdf).toContain('AIS and imagery This project holds no AIS: there is nothing to set beside the imagery. No vessel has an MMSI either.');
      expect(pdf).not.toContain('Vessel sightings by AIS verdict');
      const html = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
      expect(html).toContain('<h2>AIS and imagery</h2>\n<p>This project holds no AIS: there is nothing to set beside the imagery.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says so when the project holds AIS but no vessel has an MMSI: every sighting unlinked', () => {
    const data = {
      zones: [{ id: 'z', name: 'Pier 1' }],
      scenes: [{ id: 'c', acquired: '2025-01-10T01:00:00.000Z' }],
      sightings: [{ id: 's', sceneId: 'c', zoneId: 'z', vesselId: 'v' }],
      vessels: [{ id: 'v', name: 'Angara', mmsi: null }],
    } as unknown as ProjectData;
    const evidence: AisEvidence = {
      settings: DEFAULT_AIS_SETTINGS,
      hasAis: true,
      verdicts: [{ sightingId: 's', vesselId: 'v', mmsi: null, verdict: 'unlinked', nearestMinutes: null, distanceM: null, ais: null }],
      gaps: [],
      visits: [],
      comparison: { both: [], imageryOnly: [], aisOnly: [], unlinked: [] },
      queue: [],
      heard: [{ mmsi: '273000001', from: '2025-01-01T00:00:00.000Z', to: '2025-01-31T00:00:00.000Z' }],
      index: buildTrackIndex([]),
      names: new Map(),
    };
    const section = buildAisSection(data, evidence, { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z', zoneIds: ['z'] });
    expect(section.statement).toMatch(/^The project holds AIS, but no vessel has an MMSI: no sighting can be compared with it/);
    expect(section.tables[0]!.rows).toEqual([['Angara', '—', 0, 0, 0, 0, 1, 1]]);
    expect(section.summary).toMatch(/^1 vessel sighting in the period set beside AIS: 0 confirmed, 0 nearby, 0 contradicted, 0 silent, 1 unlinked/);
  });
});
