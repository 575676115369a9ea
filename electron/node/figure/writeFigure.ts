// A composed figure as a file: PNG (pixels + overlay by sharp, DPI in pHYs), SVG (pixels as an embedded PNG image +
// the overlay as vectors and text), PDF (pdfkit: the pixels as a JPEG image, the overlay drawn as vectors by svg-to-pdfkit
// with the shipped font embedded, so its text is selectable). Sizes: PNG in pixels; SVG in CSS pixels; PDF in points (× 72/96).
import fs from 'node:fs';
import sharp from 'sharp';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { FigureFormat } from '../../../shared/calls/figure';
import { reportFonts } from '../report/fonts';
import { figurePng, type ComposedFigure } from './compose';
import { embeddedFontCss, FONT_FAMILY } from './figureText';
import { xmlEscape } from '../../../shared/xml';

async function basePng(fig: ComposedFigure): Promise<Buffer> {
  return sharp(fig.base, { raw: { width: fig.width, height: fig.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The characters the overlay's <text> elements set, per weight (textSvg writes each as one <text>, its content escaped). */
function textOf(svg: string): { regular: string; bold: string } {
  const used = { regular: '', bold: '' };
  for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    used[m[1]!.includes('font-weight="bold"') ? 'bold' : 'regular'] += m[2]!.replace(/&(\w+);/g, (e, name: string) => ENTITIES[name] ?? e);
  }
  return used;
}

export async function figureSvg(fig: ComposedFigure, title?: string): Promise<string> {
  // xlink:href, not SVG 2's href: every viewer and editor reads it (browsers, Inkscape, Illustrator); once, the image is most of the file.
  const png = await basePng(fig);
  const overlay = fig.overlay('text');
  // The overlay's own <svg> opening becomes this document's; its content follows the image.
  const inner = overlay.slice(overlay.indexOf('>') + 1, overlay.lastIndexOf('</svg>'));
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${fig.width}" height="${fig.height}" viewBox="0 0 ${fig.width} ${fig.height}" font-family="${FONT_FAMILY}, Verdana, sans-serif">` +
    (title ? `<title>${xmlEscape(title)}</title>` : '') +
    `<style>${await embeddedFontCss(textOf(inner))}</style>` +
    `<image x="0" y="0" width="${fig.width}" height="${fig.height}" preserveAspectRatio="none" xlink:href="data:image/png;base64,${png.toString('base64')}"/>` +
    inner +
    `</svg>\n`
  );
}

async function writePdf(tmp: string, fig: ComposedFigure, title?: string): Promise<void> {
  const k = 72 / 96;
  const doc = new PDFDocument({ size: [fig.width * k, fig.height * k], margin: 0, info: { Title: title ?? 'Quaywatch figure', Creator: 'Quaywatch' } });
  const fonts = reportFonts();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const out = fs.createWriteStream(tmp);
  const done = new Promise<void>((res, rej) => {
    out.on('finish', res);
    out.on('error', rej);
  });
  doc.pipe(out);
  // JPEG at high quality, full colour resolution: a radar scene's speckle made a PNG five times larger; text and marks stay vectors.
  const jpeg = await sharp(fig.base, { raw: { width: fig.width, height: fig.height, channels: 3 } }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
  doc.image(jpeg, 0, 0, { width: fig.width * k, height: fig.height * k });
  SVGtoPDF(doc as unknown as typeof PDFDocument, fig.overlay('text'), 0, 0, {
    width: fig.width * k,
    height: fig.height * k,
    fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular'),
  });
  doc.end();
  await done;
}

/** Writes the figure to `tmp` (the output guard's temporary) in `format`. */
export async function writeFigure(tmp: string, format: FigureFormat, fig: ComposedFigure, opts: { dpi: number; title?: string | undefined }): Promise<void> {
  if (format === 'png') fs.writeFileSync(tmp, await figurePng(fig, opts.dpi));
  else if (format === 'svg') fs.writeFileSync(tmp, await figureSvg(fig, opts.title), 'utf8');
  else await writePdf(tmp, fig, opts.title);
}
