// figure.save: resolves what to draw (frame, scene), draws it, writes PNG, SVG or PDF through the output guard.
import fs from 'node:fs';
import sharp from 'sharp';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { FigureResult, figureCalls } from '../../../shared/calls/figure';
import type { z } from 'zod';
import type { LonLat, Scene, Zone } from '../../../shared/domain';
import { QuaywatchError } from '../errors';
import { loadProjectData, type ProjectData } from '../export/projectData';
import type { ProjectStore } from '../store/projectStore';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import { mercator, utcLabel } from '../report/chips';
import { reportFonts } from '../report/fonts';

export type FigureRequest = z.output<(typeof figureCalls)['figure.save']['request']>;

/** A scene by id, or by its day (YYYY-MM-DD: the day's first scene). */
export function resolveScene(data: ProjectData, ref: string): Scene {
  const byId = data.scenes.find((s) => s.id === ref || s.itemId === ref);
  if (byId) return byId;
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) {
    const day = data.scenes.filter((s) => s.acquired.slice(0, 10) === ref).sort((a, b) => a.acquired.localeCompare(b.acquired));
    if (day[0]) return day[0];
  }
  const days = [...new Set(data.scenes.map((s) => s.acquired.slice(0, 10)))].sort();
  const range = days.length ? `its scenes run from ${days[0]} to ${days.at(-1)}` : 'it has no scenes';
  throw new QuaywatchError('not_found', `No scene "${ref}" in this project (give a scene id or a day YYYY-MM-DD; ${range}).`);
}

export function resolveZone(data: ProjectData, ref: string): Zone {
  const z = data.zones.find((x) => x.id === ref) ?? data.zones.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!z) throw new QuaywatchError('not_found', `No zone "${ref}" in this project; its zones are: ${data.zones.map((x) => x.name).join(', ') || 'none'}.`);
  return z;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function saveFigure(store: ProjectStore, req: FigureRequest): Promise<FigureResult> {
  const t0 = performance.now();
  const target = checkOutputPath(store, req.path, { overwrite: req.overwrite }).file;
  const data = loadProjectData(store, req.scope);
  const scene = resolveScene(data, req.scene);
  const zone = 'zone' in req.frame ? resolveZone(data, req.frame.zone) : null;
  const box: [LonLat, LonLat] = zone
    ? [
        [Math.min(...zone.geometry.coordinates[0]!.map((p) => p[0])), Math.min(...zone.geometry.coordinates[0]!.map((p) => p[1]))],
        [Math.max(...zone.geometry.coordinates[0]!.map((p) => p[0])), Math.max(...zone.geometry.coordinates[0]!.map((p) => p[1]))],
      ]
    : (req.frame as { bbox: [LonLat, LonLat] }).bbox;
  const [x0, y0] = mercator(box[0]);
  const [x1, y1] = mercator(box[1]);
  const w = req.width;
  const h = Math.max(1, Math.round((w * (y1 - y0)) / (x1 - x0)));
  const toPx = (p: LonLat) => {
    const [x, y] = mercator(p);
    return [((x - x0) / (x1 - x0)) * w, ((y1 - y) / (y1 - y0)) * h].map((v) => v.toFixed(1)).join(' ');
  };
  const marks = req.marks ? data.sightings.filter((s) => s.sceneId === scene.id) : [];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<rect width="${w}" height="${h}" fill="#1b1f24"/>` +
    (zone ? `<path d="M${zone.geometry.coordinates[0]!.map(toPx).join(' L')} Z" fill="none" stroke="#ffd700" stroke-width="2"/>` : '') +
    marks.map((s) => (s.geometry.type === 'Point' ? `<circle cx="${toPx(s.geometry.coordinates).split(' ')[0]}" cy="${toPx(s.geometry.coordinates).split(' ')[1]}" r="10" fill="none" stroke="#ff4040" stroke-width="3"/>` : `<path d="M${s.geometry.coordinates[0]!.map(toPx).join(' L')} Z" fill="none" stroke="#ff4040" stroke-width="3"/>`)).join('') +
    `<text x="10" y="${h - 10}" font-family="DejaVu Sans" font-size="16" fill="#fff">${esc(`${utcLabel(scene.acquired)} · ${scene.credit}`)}</text></svg>`;
  await writeOutput(store, target, { overwrite: req.overwrite }, async (tmp) => {
    if (req.format === 'svg') fs.writeFileSync(tmp, svg, 'utf8');
    else if (req.format === 'png') await sharp(Buffer.from(svg)).withMetadata({ density: req.dpi }).png().toFile(tmp);
    else {
      const doc = new PDFDocument({ size: [w * 0.75, h * 0.75], margin: 0 });
      doc.registerFont('DejaVu Sans', reportFonts().regular);
      const out = fs.createWriteStream(tmp);
      doc.pipe(out);
      SVGtoPDF(doc as unknown as typeof PDFDocument, svg, 0, 0, { width: w * 0.75, height: h * 0.75, fontCallback: () => 'DejaVu Sans' });
      doc.end();
      await new Promise<void>((res, rej) => (out.on('finish', res), out.on('error', rej)));
    }
  });
  return { file: target, format: req.format, width: w, height: h, bytes: fs.statSync(target).size, sceneIds: [scene.id], millis: Math.round(performance.now() - t0) };
}
