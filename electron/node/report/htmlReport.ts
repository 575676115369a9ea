// The standalone HTML report: one file with inline styles, inline SVG charts and PNG chips as data URIs, and no reference to anything outside it.
import type { Chip } from './chips';
import type { ReportChart } from './reportCharts';
import { PORT_CALL_NOTE, reportMetaRows, reviewStatusTable, STAY_NOTE, CENSORING_NOTE, type ReportModel } from './reportModel';
import type { ReportTable } from './reportAis';
import type { FigureImage, ReportFigures } from './reportFigures';

export const esc = (s: string | number) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** ECharts' SVG carries only shapes and text; anything that could fetch (href, src, url(), <image>) is removed so the page stays closed. */
export function closedSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*>/g, '')
    .replace(/<image\b[^>]*\/>/g, '')
    .replace(/\s(?:xlink:)?href="(?!#)[^"]*"/g, '')
    .replace(/url\((?!#)[^)]*\)/g, 'none');
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2329; margin: 0; background: #f4f6f8; }
  main { max-width: 860px; margin: 0 auto; background: #fff; padding: 40px 48px 56px; }
  h1 { font-size: 26px; margin: 0 0 12px; }
  h2 { font-size: 17px; color: #1f5fa8; border-bottom: 1px solid #c5ced6; padding-bottom: 3px; margin-top: 32px; }
  dl.meta { display: grid; grid-template-columns: 90px 1fr; gap: 2px 10px; font-size: 13px; margin: 0; }
  dl.meta dt { color: #5b6670; font-weight: bold; }
  dl.meta dd { margin: 0; }
  .figure { border-left: 3px solid #1f5fa8; padding: 2px 0 2px 10px; margin: 10px 0; }
  .figure b { display: block; font-size: 14px; }
  .figure .coverage { color: #5b6670; font-size: 12px; }
  .figure .warning { color: #9a5b00; font-size: 12px; }
  figure { margin: 16px 0; }
  figure svg { width: 100%; height: auto; }
  figcaption { font-size: 11px; color: #5b6670; }
  table { border-collapse: collapse; width: 100%; font-size: 11px; }
  th { background: #eef2f5; text-align: left; }
  th, td { padding: 4px 6px; vertical-align: top; }
  tr:nth-child(even) td { background: #f7f9fa; }
  td.n, th.n { text-align: right; }
  .chips { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  .chips img { width: 100%; height: auto; display: block; }
  .chips .cap { font-size: 11px; color: #5b6670; }
  .chips .cap b { color: #1d2329; }
  .pair img { width: 100%; height: auto; display: block; }
  .strip { display: grid; gap: 10px; }
  .strip img { width: 100%; height: auto; display: block; }
  .strip .cap { font-size: 11px; color: #5b6670; }
  .strip .cap b { color: #1d2329; }
  h3 { font-size: 14px; margin: 22px 0 4px; }
  p.note { font-size: 12px; color: #5b6670; margin: 4px 0 8px; }
  footer { font-size: 11px; color: #5b6670; margin-top: 32px; }
  @media print { body { background: #fff; } main { padding: 0; } }
`;

export function htmlReport(model: ReportModel, charts: ReportChart[], chips: Chip[], figures: ReportFigures = { pair: null, strip: null }): string {
  const row = (cells: (string | number)[], numeric: number[] = []) => `<tr>${cells.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`;
  const head = (cells: string[], numeric: number[] = []) => `<tr>${cells.map((c, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</th>`).join('')}</tr>`;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`);
  // No network, even if someone edits the file later and adds a reference.
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
  parts.push(`<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="Quaywatch"><title>${esc(model.title)}</title><style>${STYLE}</style></head><body><main>`);
  parts.push(`<h1>${esc(model.title)}</h1><dl class="meta">`);
  for (const [k, v] of reportMetaRows(model)) parts.push(`<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`);
  parts.push(`</dl><h2>Key figures</h2>`);
  for (const f of model.keyFigures) {
    parts.push(`<div class="figure"><b>${esc(f.figure)}</b><span class="coverage">Coverage: ${esc(f.coverage)}</span>${f.warning ? `<div class="warning">Caution: ${esc(f.warning)}</div>` : ''}</div>`);
  }
  const mainCharts = charts.filter((c) => !c.section);
  if (mainCharts.length) parts.push('<h2>Charts</h2>');
  const figure = (c: ReportChart) => parts.push(`<figure><figcaption><b>${esc(c.title)}</b></figcaption>${closedSvg(c.svg)}${c.caption ? `<figcaption>${esc(c.caption)}</figcaption>` : ''}</figure>`);
  mainCharts.forEach(figure);
  if (model.monthTable.length) {
    parts.push(`<h2>Visits per month, with coverage</h2><p style="font-size:12px;color:#5b6670">Arrivals: visits first seen in the month. Under way: visits with any part in the month (a stay across the turn of a month counts in both).</p><table>${head(['Month', 'Zone', 'Arrivals', 'Under way', 'Vessels', 'Clear scenes', 'Days observed', 'Longest gap'], [2, 3, 4, 5, 6, 7])}`);
    for (const m of model.monthTable) parts.push(row([m.month, m.zone, m.visits, m.underWay, m.vessels, m.clearScenes, m.daysObserved, m.longestGap], [2, 3, 4, 5, 6, 7]));
    parts.push('</table>');
  }
  if (model.censoring.length) {
    const radar = model.censoring.some((r) => r.withoutRadar);
    parts.push(`<h2>How tightly the scenes bracket the visits</h2><p style="font-size:12px;color:#5b6670">${esc(CENSORING_NOTE)}</p>${model.censoringFall ? `<p><b>${esc(model.censoringFall)}</b></p>` : ''}<table>${head(['Zone', 'Month', 'Visits', 'Arrival', 'Departure', 'Width', ...(radar ? ['Width without radar'] : [])], [2])}`);
    for (const r of model.censoring) parts.push(row([r.zone, r.month, r.visits, r.arrival, r.departure, r.width, ...(radar ? [r.withoutRadar!.width] : [])], [2]));
    parts.push('</table>');
  }
  // Visits and port calls: one table each, drawn alike.
  const stays = (title: string, rows: ReportModel['visits'], zoneHeading: string, none: string, note: string) => {
    parts.push(`<h2>${esc(title)} (${rows.length})</h2>`);
    if (!rows.length) return parts.push(`<p>${esc(none)}</p>`);
    parts.push(`<p style="font-size:12px;color:#5b6670">${esc(note)}</p>`);
    parts.push(`<table>${head(['Vessel', zoneHeading, 'Arrived after', 'First seen', 'Last seen', 'Left before', 'Dwell', 'Scenes'], [7])}`);
    for (const v of rows) parts.push(row([v.vessel, v.zone, v.arrivalAfter, v.firstSeen, v.lastSeen, v.departureBefore, v.dwell, v.scenes], [7]));
    return parts.push('</table>');
  };
  stays('Visits', model.visits, 'Zone', 'No visit in the period.', STAY_NOTE);
  stays('Port calls', model.portCalls, 'Zones', 'No port call in the period.', PORT_CALL_NOTE);
  // AIS and imagery: what it found, its chart, then its tables, each drawn by one function with its notes.
  const reportTable = (t: ReportTable) => {
    const numeric = t.columns.flatMap((c, i) => (c.numeric ? [i] : []));
    parts.push(`<h3>${esc(t.title)}</h3><p class="note">${esc(t.note)}</p>`);
    parts.push(t.rows.length ? `<table>${head(t.columns.map((c) => c.title), numeric)}${t.rows.map((r) => row(r, numeric)).join('')}</table>` : `<p>${esc(t.none)}</p>`);
    if (t.after) parts.push(`<p class="note">${esc(t.after)}</p>`);
  };
  parts.push('<h2>AIS and imagery</h2>');
  for (const t of [model.ais.statement, model.ais.summary]) if (t) parts.push(`<p>${esc(t)}</p>`);
  charts.filter((c) => c.section === 'ais').forEach(figure);
  model.ais.tables.forEach(reportTable);
  // Figures: the before/after pair, then the strip, each picture a data URI like the chips; dates and notes as text.
  const img = (i: FigureImage) => `<img alt="${esc(i.alt)}" width="${i.width}" height="${i.height}" src="data:image/jpeg;base64,${i.jpeg.toString('base64')}">`;
  const notes = (list: string[]) => list.map((n) => `<p class="note">${esc(n)}</p>`).join('');
  const pair = figures.pair;
  if (pair) {
    parts.push(`<h2>${esc(pair.heading)}</h2>`);
    if (pair.image) parts.push(`<figure class="pair" data-figure="pair">${img(pair.image)}<figcaption>${esc(pair.caption)}</figcaption></figure>`);
    parts.push(notes(pair.notes));
  }
  const strip = figures.strip;
  if (strip) {
    parts.push(`<h2>${esc(strip.heading)}</h2>${notes(strip.notes)}<div class="strip" data-figure="strip" style="grid-template-columns: repeat(${strip.columns}, 1fr)">`);
    for (const f of strip.frames) parts.push(`<figure>${img(f.image)}<div class="cap"><b>${esc(f.when)}</b><br>${esc(f.sensor)}</div></figure>`);
    parts.push('</div>');
  }
  if (chips.length) {
    parts.push('<h2>Image chips</h2><div class="chips">');
    for (const c of chips) {
      parts.push(`<figure><img alt="${esc(`${c.subject}, ${c.when}`)}" src="data:image/png;base64,${c.png.toString('base64')}"><div class="cap"><b>${esc(c.subject)}</b><br>${esc([c.when, c.scene, c.sensor, c.credit].filter(Boolean).join(' · '))}</div></figure>`);
    }
    parts.push('</div>');
  }
  const status = reviewStatusTable(model);
  const right = status.counts.map((_, i) => i);
  parts.push(`<h2>Review status of the sightings in the period</h2><table>${head(status.headings, right)}${row(status.counts, right)}</table>`);
  parts.push('<h2>Method</h2>');
  for (const s of model.method) parts.push(`<p><b>${esc(s.heading)}.</b> ${esc(s.text)}</p>`);
  parts.push(`<h2>Caveats</h2><ul>${model.caveats.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`);
  if (model.credits.length) parts.push(`<h2>Imagery</h2><p>Imagery credits: ${esc(model.credits.join('; '))}.</p>`);
  parts.push(`<footer>${esc(model.project)} · ${esc(model.periodLabel)} · generated by Quaywatch</footer></main></body></html>\n`);
  return parts.join('\n');
}
