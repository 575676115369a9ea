// An SVG figure carries its font: DejaVu Sans cut down to the characters it sets, as @font-face data URLs. Read back with
// fontkit, each weight has every character its <text> elements set, with DejaVu's own outlines; Chromium sets the text
// with the embedded font (its own report: a custom font, not a system one); the file stays well-formed XML whatever the
// title holds.
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { create, openSync, type Font } from 'fontkit';
import { chromium } from 'playwright';
import { reportFonts } from '../report/fonts';
import { tempDir } from '../../testing/tmp';
import { FRAME_BBOX, makeFigureProject, VESSEL_NAME, type FigureFixture } from './figureFixture';
import { measure } from './figureText';

let tmp: ReturnType<typeof tempDir>;
let fx: FigureFixture;
let svgFile: string;
let xml: string;
beforeAll(async () => {
  tmp = tempDir('qw-svg-font-');
  fx = await makeFigureProject(tmp.dir);
  svgFile = path.join(tmp.dir, 'pair.svg');
  const r = await fx.dispatch('figure.save', {
    format: 'svg',
    path: svgFile,
    frame: { bbox: FRAME_BBOX },
    scene: '2025-03-01',
    secondScene: '2025-03-09',
    layout: 'side-by-side',
    width: 1200,
    // A bell character (XML forbids it even escaped), markup characters and letters beyond ASCII.
    title: 'Kestrel & <the> "Ångström" AVATAR quay \u0007— 1 × 2',
    caption: 'Cargo moved: Łódź → Rajin, 24 stacks…',
  });
  if (!r.ok) throw new Error(r.error.message);
  xml = fs.readFileSync(svgFile, 'utf8');
}, 120_000);
afterAll(() => {
  fx?.session.close();
  tmp?.cleanup();
});

/** The embedded fonts, by weight. */
function embedded(): Record<'normal' | 'bold', Font> {
  const out: Partial<Record<'normal' | 'bold', Font>> = {};
  for (const m of xml.matchAll(/@font-face\{[^}]*font-weight:(normal|bold);src:url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g)) {
    out[m[1] as 'normal' | 'bold'] = create(Buffer.from(m[2]!, 'base64'));
  }
  return out as Record<'normal' | 'bold', Font>;
}

describe('an SVG figure embeds its font', () => {
  it('is well-formed XML with the title as given, less the character XML forbids', () => {
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(xml, 'image/svg+xml');
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagName('title')[0]!.textContent).toBe('Kestrel & <the> "Ångström" AVATAR quay — 1 × 2');
  });

  it('has, per weight, every character the figure sets, drawn as DejaVu draws it, and little else', () => {
    const fonts = embedded();
    expect(Object.keys(fonts).sort()).toEqual(['bold', 'normal']);
    const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => ({ text: t.textContent ?? '', bold: t.getAttribute('font-weight') === 'bold' }));
    // The date bands, the label, the title and the caption are among them.
    const all = texts.map((t) => t.text);
    expect(all).toEqual(expect.arrayContaining(['2025-03-01 02:10 UTC · optical', '2025-03-09 01:55 UTC · optical', VESSEL_NAME, 'Kestrel & <the> "Ångström" AVATAR quay — 1 × 2', '100 m', 'N']));
    expect(all.some((t) => t.startsWith('Cargo moved: Łódź → Rajin'))).toBe(true);
    const full = { normal: openSync(reportFonts().regular), bold: openSync(reportFonts().bold) };
    for (const { text, bold } of texts) {
      const w = bold ? 'bold' : 'normal';
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        expect(fonts[w].hasGlyphForCodePoint(cp), `${w} ${JSON.stringify(ch)} in "${text}"`).toBe(true);
        // The same outline as the full font's: the subset maps each character to its own glyph.
        expect(fonts[w].glyphForCodePoint(cp).path.toSVG()).toBe(full[w].glyphForCodePoint(cp).path.toSVG());
      }
      // Set as wide as the full font sets it (kerning pairs kept, "Ke" among them): labels fit the boxes measured for them.
      expect(fonts[w].layout(text).advanceWidth, `${w} "${text}"`).toBe(full[w].layout(text).advanceWidth);
    }
    // A subset: a letter the figure never sets is not there, and the fonts are a small part of the full ones.
    expect(fonts.bold.hasGlyphForCodePoint('Q'.codePointAt(0)!)).toBe(false);
    expect(fonts.normal.numGlyphs).toBeLessThan(80);
  });

  it('is what Chromium sets the text with: the embedded font, both weights, no system font', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${svgFile}`);
      await page.evaluate(() => document.fonts.ready);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'text' });
      expect(nodeIds.length).toBeGreaterThan(8);
      const used = new Set<string>();
      for (const nodeId of nodeIds) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        for (const f of fonts) used.add(`${f.familyName}${f.isCustomFont ? ' (embedded)' : ''}`);
      }
      expect([...used]).toEqual(['DejaVu Sans (embedded)']);
      // Each line as wide in Chromium as fontkit measured it for its backing box (kerning included).
      const widths = await page.$$eval('text', (els) => els.map((el) => ({ text: el.textContent ?? '', size: Number(el.getAttribute('font-size')), bold: el.getAttribute('font-weight') === 'bold', width: (el as SVGTextElement).getComputedTextLength() })));
      for (const w of widths) expect(Math.abs(w.width - measure(w.text, w.size, w.bold)), `"${w.text}"`).toBeLessThan(0.5);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
