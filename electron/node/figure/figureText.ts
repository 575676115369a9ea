// Text in a figure's overlay, set in the shipped DejaVu Sans: as <text> (SVG and PDF files: selectable, searchable)
// or as glyph outlines (the PNG: sharp's SVG renderer would otherwise pick whatever font the system has, or none).
// Both measure with the same font, so a label's backing box fits it either way. An SVG file carries the glyphs it uses.
import fs from 'node:fs';
import { openSync, type Font } from 'fontkit';
// Required, not import()ed: the host runs from V8's code cache, which has no dynamic import (codeCache.ts). HarfBuzz's
// .wasm is read only on the first subset.
import subsetFont from 'subset-font';
import { reportFonts } from '../report/fonts';
import { xmlEscape } from '../../../shared/xml';

export type TextMode = 'text' | 'outlines';
export interface TextStyle {
  size: number;
  bold?: boolean;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
}

let fonts: { regular: Font; bold: Font } | null = null;
function font(bold?: boolean): Font {
  fonts ??= { regular: openSync(reportFonts().regular), bold: openSync(reportFonts().bold) };
  return bold ? fonts.bold : fonts.regular;
}

export const FONT_FAMILY = 'DejaVu Sans';

/**
 * @font-face rules carrying the two weights cut down to the characters each sets, as WOFF2 data URLs: an SVG with them
 * shows its text in DejaVu where DejaVu is not installed. The cutting is HarfBuzz's subsetter (`subset-font`), which
 * keeps the tables a browser checks and DejaVu's kerning, so a line is as wide as `measure` said and labels fit their
 * boxes. The family keeps DejaVu's name, so a viewer that reads no @font-face (some editors) asks its system for it.
 */
export async function embeddedFontCss(used: { regular: string; bold: string }): Promise<string> {
  const rules = await Promise.all(
    (['regular', 'bold'] as const)
      .filter((w) => used[w])
      .map(async (w) => {
        const woff2 = await subsetFont(fontFile(w), used[w], { targetFormat: 'woff2' });
        return `@font-face{font-family:"${FONT_FAMILY}";font-weight:${w === 'bold' ? 'bold' : 'normal'};src:url(data:font/woff2;base64,${woff2.toString('base64')}) format("woff2")}`;
      }),
  );
  return rules.join('');
}

const fontFiles = new Map<string, Buffer>();
/** The shipped DejaVu file of a weight, read once. */
function fontFile(w: 'regular' | 'bold'): Buffer {
  const file = reportFonts()[w];
  if (!fontFiles.has(file)) fontFiles.set(file, fs.readFileSync(file));
  return fontFiles.get(file)!;
}

/** Width of `text` in pixels at `size`. */
export function measure(text: string, size: number, bold?: boolean): number {
  const f = font(bold);
  return (f.layout(text).advanceWidth * size) / f.unitsPerEm;
}

/** Cuts `text` to `maxWidth` pixels with an ellipsis. */
export function fit(text: string, size: number, maxWidth: number, bold?: boolean): string {
  if (measure(text, size, bold) <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && measure(`${t}…`, size, bold) > maxWidth) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** Breaks `text` into lines no wider than `maxWidth`, at spaces. */
export function wrap(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => fit(l, size, maxWidth));
}

/** One line of text with its baseline at (x, y). */
export function textSvg(mode: TextMode, x: number, y: number, text: string, style: TextStyle): string {
  const anchor = style.anchor ?? 'start';
  if (mode === 'text') {
    return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${style.size}"${style.bold ? ' font-weight="bold"' : ''}${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} fill="${style.fill}">${xmlEscape(text)}</text>`;
  }
  const f = font(style.bold);
  const run = f.layout(text);
  const s = style.size / f.unitsPerEm;
  let pen = x - (anchor === 'start' ? 0 : anchor === 'middle' ? (run.advanceWidth * s) / 2 : run.advanceWidth * s);
  const parts: string[] = [];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    parts.push(g.path.scale(s, -s).translate(pen + p.xOffset * s, y - p.yOffset * s).toSVG());
    pen += p.xAdvance * s;
  });
  return `<path d="${parts.join('')}" fill="${style.fill}"/>`;
}
