// The PDF report, headless: pdfkit with the shipped DejaVu fonts embedded (selectable text), charts drawn as vectors by svg-to-pdfkit, chips as PNG.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Chip } from './chips';
import type { ReportChart } from './reportCharts';
import { reportFonts } from './fonts';
import { PORT_CALL_NOTE, reportMetaRows, reviewStatusTable, STAY_NOTE, CENSORING_NOTE, type ReportModel } from './reportModel';
import type { ReportTable } from './reportAis';
import type { ReportFigures } from './reportFigures';

const A4: [number, number] = [595.28, 841.89];
const M = 50; // margin
const W = A4[0] - 2 * M;
const INK = '#1d2329';
const MUTED = '#5b6670';
const ACCENT = '#1f5fa8';
const WARN = '#9a5b00';

type Doc = PDFKit.PDFDocument;

/** Space a heading itself takes (gap above, line, rule, gap below), in points. */
const HEADING_H = 34;

/**
 * A section heading, kept with the first `keepWith` points of what follows it: when they do not fit
 * together, both go to a new page (a heading never sits alone at the foot of a page).
 */
function heading(doc: Doc, text: string, keepWith = 40) {
  ensure(doc, HEADING_H + keepWith);
  doc.moveDown(0.6).font('bold').fontSize(13).fillColor(ACCENT).text(text, M, doc.y, { width: W });
  doc.moveTo(M, doc.y + 2).lineTo(M + W, doc.y + 2).lineWidth(0.5).strokeColor('#c5ced6').stroke();
  doc.moveDown(0.5).fillColor(INK);
}

/** A new page when less than `h` points are left. */
function ensure(doc: Doc, h: number) {
  if (doc.y + h > A4[1] - M - 20) doc.addPage();
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table's header and first row: what its heading is kept with. */
const TABLE_START_H = 40;

/** A table that breaks across pages and repeats its header. */
function table(doc: Doc, columns: Column[], rows: (string | number)[][], size = 7.5) {
  const pad = 3;
  const drawHeader = () => {
    const y = doc.y;
    doc.rect(M, y, W, size + 2 * pad + 2).fill('#eef2f5');
    let x = M;
    doc.font('bold').fontSize(size).fillColor(INK);
    for (const c of columns) {
      doc.text(c.title, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
      x += c.width;
    }
    doc.y = y + size + 2 * pad + 2;
  };
  ensure(doc, 40);
  drawHeader();
  doc.font('regular').fontSize(size);
  rows.forEach((row, i) => {
    const h = Math.max(...row.map((cell, j) => doc.heightOfString(String(cell), { width: columns[j]!.width - 2 * pad }))) + 2 * pad;
    if (doc.y + h > A4[1] - M - 20) {
      doc.addPage();
      drawHeader();
      doc.font('regular').fontSize(size);
    }
    const y = doc.y;
    if (i % 2 === 1) doc.rect(M, y, W, h).fill('#f7f9fa');
    doc.fillColor(INK);
    let x = M;
    row.forEach((cell, j) => {
      doc.text(String(cell), x + pad, y + pad, { width: columns[j]!.width - 2 * pad, align: columns[j]!.align ?? 'left' });
      x += columns[j]!.width;
    });
    doc.y = y + h;
  });
  doc.x = M;
  doc.moveDown(0.5);
}

/**
 * A table of the model (ReportTable) with its title, its note above and its words below; the title is kept
 * with the note and the table's first row, or with the sentence said instead of an empty table.
 */
function reportTable(doc: Doc, t: ReportTable) {
  const noteH = doc.font('regular').fontSize(8).heightOfString(t.note, { width: W }) + 4;
  ensure(doc, 22 + noteH + (t.rows.length ? TABLE_START_H : 16));
  doc.moveDown(0.4).font('bold').fontSize(10).fillColor(INK).text(t.title, M, doc.y, { width: W });
  doc.moveDown(0.15).font('regular').fontSize(8).fillColor(MUTED).text(t.note, M, doc.y, { width: W });
  doc.moveDown(0.3);
  if (!t.rows.length) {
    doc.font('regular').fontSize(9).fillColor(INK).text(t.none, M, doc.y, { width: W });
    doc.moveDown(0.3);
  } else {
    table(doc, cols(t.columns.map((c) => [c.title, c.weight, c.numeric ? 'right' : 'left'] as [string, number, 'left' | 'right'])), t.rows, 7.5);
  }
  if (t.after) {
    doc.font('regular').fontSize(7.5).fillColor(MUTED).text(t.after, M, doc.y, { width: W });
    doc.moveDown(0.4);
  }
}

/** Column widths in proportion, summing to the text width. */
const cols = (spec: [string, number, ('left' | 'right')?][]): Column[] => {
  const total = spec.reduce((a, [, w]) => a + w, 0);
  return spec.map(([title, w, align]) => ({ title, width: (w / total) * W, ...(align ? { align } : {}) }));
};

export async function writePdfReport(file: string, model: ReportModel, charts: ReportChart[], chips: Chip[], figures: ReportFigures = { pair: null, strip: null }): Promise<number> {
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: A4,
    margins: { top: M, bottom: M, left: M, right: M },
    bufferPages: true,
    // Our own font from the start: pdfkit never needs its built-in Helvetica metrics.
    font: fonts.regular,
    info: { Title: model.title, Author: model.author, Subject: `${model.project}, ${model.periodLabel}`, Creator: 'Quaywatch', CreationDate: new Date(model.generatedAt) },
    pdfVersion: '1.7',
    displayTitle: true,
    lang: 'en',
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);

  // ---- title block
  doc.font('bold').fontSize(20).fillColor(INK).text(model.title, M, M, { width: W });
  doc.moveDown(0.4).font('regular').fontSize(9.5).fillColor(MUTED);
  const meta = reportMetaRows(model);
  for (const [k, v] of meta) {
    const y = doc.y;
    doc.font('bold').fillColor(MUTED).text(k, M, y, { width: 70 });
    doc.font('regular').fillColor(INK).text(v, M + 72, y, { width: W - 72 });
  }

  // ---- key figures, each with its coverage beside it
  heading(doc, 'Key figures');
  for (const f of model.keyFigures) {
    ensure(doc, 46);
    const y = doc.y;
    doc.rect(M, y + 1, 3, 10).fill(ACCENT);
    doc.font('bold').fontSize(10).fillColor(INK).text(f.figure, M + 10, y, { width: W - 10 });
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(`Coverage: ${f.coverage}`, M + 10, doc.y + 1, { width: W - 10 });
    if (f.warning) doc.fillColor(WARN).text(`Caution: ${f.warning}`, M + 10, doc.y + 1, { width: W - 10 });
    doc.moveDown(0.5);
  }

  // ---- charts (vector); a chart of its own section is drawn there
  const chartH = (c: ReportChart) => (W * c.height) / c.width;
  const drawChart = (c: ReportChart) => {
    const h = chartH(c);
    ensure(doc, h + 30);
    doc.font('bold').fontSize(10).fillColor(INK).text(c.title, M, doc.y, { width: W });
    const y = doc.y + 4;
    SVGtoPDF(doc as unknown as typeof PDFDocument, c.svg, M, y, {
      width: W,
      height: h,
      preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family, bold) => (bold ? 'bold' : 'regular'),
    });
    doc.y = y + h + 4;
    if (c.caption) doc.font('regular').fontSize(8).fillColor(MUTED).text(c.caption, M, doc.y, { width: W });
    doc.moveDown(0.6);
  };
  const mainCharts = charts.filter((c) => !c.section);
  if (mainCharts.length) heading(doc, 'Charts', chartH(mainCharts[0]!) + 30);
  mainCharts.forEach(drawChart);

  // ---- monthly table
  if (model.monthTable.length) {
    heading(doc, 'Visits per month, with coverage', TABLE_START_H);
    doc.font('regular').fontSize(8).fillColor(MUTED).text('Arrivals: visits first seen in the month. Under way: visits with any part in the month (a stay across the turn of a month counts in both).', M, doc.y, { width: W });
    doc.moveDown(0.3);
    table(
      doc,
      cols([['Month', 16], ['Zone', 14], ['Arrivals', 9, 'right'], ['Under way', 10, 'right'], ['Vessels', 8, 'right'], ['Clear scenes', 13, 'right'], ['Days observed', 13, 'right'], ['Longest gap', 11, 'right']]),
      model.monthTable.map((r) => [r.month, r.zone, r.visits, r.underWay, r.vessels, r.clearScenes, r.daysObserved, r.longestGap]),
    );
  }

  // ---- censoring: how tightly the scenes bracket the visits, with and without radar
  if (model.censoring.length) {
    heading(doc, 'How tightly the scenes bracket the visits', TABLE_START_H);
    doc.font('regular').fontSize(8).fillColor(MUTED).text(CENSORING_NOTE, M, doc.y, { width: W });
    if (model.censoringFall) doc.font('bold').fontSize(9).fillColor(INK).text(model.censoringFall, M, doc.y + 2, { width: W });
    doc.moveDown(0.3);
    const radar = model.censoring.some((r) => r.withoutRadar);
    table(
      doc,
      radar
        ? cols([['Zone', 11], ['Month', 11], ['Visits', 6, 'right'], ['Arrival', 17], ['Departure', 17], ['Width', 19], ['Width without radar', 19]])
        : cols([['Zone', 12], ['Month', 12], ['Visits', 7, 'right'], ['Arrival', 23], ['Departure', 23], ['Width', 23]]),
      model.censoring.map((r) => (radar ? [r.zone, r.month, r.visits, r.arrival, r.departure, r.width, r.withoutRadar!.width] : [r.zone, r.month, r.visits, r.arrival, r.departure, r.width])),
      7,
    );
  }

  // ---- visits and port calls: one table each, drawn alike
  const stays = (title: string, rows: ReportModel['visits'], zoneHeading: string, none: string, note: string) => {
    heading(doc, `${title} (${rows.length})`, rows.length ? TABLE_START_H + 20 : 20);
    if (!rows.length) {
      doc.font('regular').fontSize(9).fillColor(INK).text(none, M, doc.y);
      return;
    }
    doc.font('regular').fontSize(8).fillColor(MUTED).text(note, M, doc.y, { width: W });
    doc.moveDown(0.3);
    table(
      doc,
      cols([['Vessel', 13], [zoneHeading, 7], ['Arrived after', 15], ['First seen', 15], ['Last seen', 15], ['Left before', 15], ['Dwell', 19], ['Scenes', 8, 'right']]),
      rows.map((v) => [v.vessel, v.zone, v.arrivalAfter, v.firstSeen, v.lastSeen, v.departureBefore, v.dwell, v.scenes]),
      7,
    );
  };
  stays('Visits', model.visits, 'Zone', 'No visit in the period.', STAY_NOTE);
  stays('Port calls', model.portCalls, 'Zones', 'No port call in the period.', PORT_CALL_NOTE);

  // ---- AIS and imagery: what it found, its chart, then its tables, each drawn by reportTable with its notes
  const ais = model.ais;
  const lead = [ais.statement, ais.summary].filter((x): x is string => !!x);
  const leadH = lead.reduce((a, t) => a + doc.font('regular').fontSize(9).heightOfString(t, { width: W }) + 4, 0);
  heading(doc, 'AIS and imagery', leadH + 20);
  for (const t of lead) {
    doc.font('regular').fontSize(9).fillColor(INK).text(t, M, doc.y, { width: W });
    doc.moveDown(0.4);
  }
  for (const c of charts.filter((x) => x.section === 'ais')) drawChart(c);
  for (const t of ais.tables) reportTable(doc, t);

  // ---- figures: the before/after pair across the text width, the strip in rows of frames; dates and notes as text
  const notes = (list: string[]) => {
    for (const n of list) {
      doc.font('regular').fontSize(8).fillColor(MUTED).text(n, M, doc.y, { width: W });
      doc.moveDown(0.2);
    }
  };
  const pair = figures.pair;
  if (pair) {
    const h = pair.image ? (W * pair.image.height) / pair.image.width : 0;
    heading(doc, pair.heading, h + 30);
    if (pair.image) {
      const y = doc.y;
      doc.image(pair.image.jpeg, M, y, { width: W });
      doc.y = y + h + 4;
      doc.font('regular').fontSize(8.5).fillColor(INK).text(pair.caption, M, doc.y, { width: W });
      doc.moveDown(0.3);
    }
    notes(pair.notes);
  }
  const strip = figures.strip;
  if (strip) {
    const per = strip.columns;
    const gap = 10;
    const fw = (W - gap * (per - 1)) / per;
    const rowH = strip.frames.length ? (fw * strip.frames[0]!.image.height) / strip.frames[0]!.image.width + 26 : 0;
    heading(doc, strip.heading, rowH + 20);
    notes(strip.notes);
    doc.moveDown(0.2);
    for (let i = 0; i < strip.frames.length; i += per) {
      ensure(doc, rowH);
      const y = doc.y;
      strip.frames.slice(i, i + per).forEach((f, j) => {
        const x = M + j * (fw + gap);
        doc.image(f.image.jpeg, x, y, { width: fw });
        doc.font('bold').fontSize(8).fillColor(INK).text(f.when, x, y + rowH - 22, { width: fw });
        doc.font('regular').fontSize(7.5).fillColor(MUTED).text(f.sensor, x, doc.y, { width: fw });
      });
      doc.x = M;
      doc.y = y + rowH + 4;
    }
  }

  // ---- chips, two per row, caption as selectable text under each
  if (chips.length) {
    const gap = 15;
    const cw = (W - gap) / 2;
    const rowH = (row: Chip[]) => Math.max(...row.map((c) => (cw * c.height) / c.width));
    heading(doc, 'Image chips', rowH(chips.slice(0, 2)) + 40);
    for (let i = 0; i < chips.length; i += 2) {
      const row = chips.slice(i, i + 2);
      const ch = rowH(row);
      ensure(doc, ch + 40);
      const y = doc.y;
      row.forEach((c, j) => {
        const x = M + j * (cw + gap);
        doc.image(c.png, x, y, { width: cw });
        doc.font('bold').fontSize(8).fillColor(INK).text(c.subject, x, y + ch + 3, { width: cw });
        doc.font('regular').fontSize(7.5).fillColor(MUTED).text([c.when, c.scene, c.sensor, c.credit].filter(Boolean).join(' · '), x, doc.y, { width: cw });
      });
      doc.x = M;
      doc.y = y + ch + 34;
    }
  }

  // ---- review status
  heading(doc, 'Review status of the sightings in the period', TABLE_START_H);
  const status = reviewStatusTable(model);
  table(doc, cols(status.headings.map((h) => [h, 1, 'right'] as const)), [status.counts], 8.5);

  // ---- method and caveats
  heading(doc, 'Method');
  for (const s of model.method) {
    ensure(doc, 40);
    doc.font('bold').fontSize(9).fillColor(INK).text(s.heading, M, doc.y, { width: W });
    doc.font('regular').fontSize(8.5).fillColor(INK).text(s.text, M, doc.y + 1, { width: W, align: 'left' });
    doc.moveDown(0.4);
  }
  heading(doc, 'Caveats');
  for (const c of model.caveats) {
    ensure(doc, 24);
    doc.font('regular').fontSize(8.5).fillColor(INK).text(`•  ${c}`, M, doc.y, { width: W, indent: 0 });
    doc.moveDown(0.2);
  }
  if (model.credits.length) {
    heading(doc, 'Imagery');
    doc.font('regular').fontSize(8.5).fillColor(INK).text(`Imagery credits: ${model.credits.join('; ')}.`, M, doc.y, { width: W });
  }

  // ---- footer on every page (buffered pages), drawn without moving the text cursor onto a new page
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(MUTED).text(`${model.project} · ${model.periodLabel}`, M, A4[1] - 32, { width: W / 2, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, M + W / 2, A4[1] - 32, { width: W / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return range.count;
}
