// The one overlay of a figure, as SVG in the figure's pixel coordinates: zone outline, marks with labels, scale bar and
// north arrow on each picture; under each picture its band (date and time UTC, sensor, credit); title, legend, caption.
// The PNG renders it (text as outlines); the SVG and PDF files carry it as vectors with real text.
import type { LonLat, Sighting, SightingClass, Zone } from '../../../shared/domain';
import type { FigureStyle } from '../../../shared/calls/figure';
import { CLASS_COLOURS } from '../export/kml';
import { classNoun } from '../../../shared/sightingRules';
import { fit, measure, textSvg, wrap, type TextMode } from './figureText';

export interface Palette {
  background: string;
  ink: string;
  muted: string;
  /** Behind labels on the imagery: dark either way, the imagery decides legibility. */
  labelBack: string;
  zone: string;
}

export const PALETTES: Record<FigureStyle, Palette> = {
  dark: { background: '#15191e', ink: '#ffffff', muted: '#c3cad2', labelBack: 'rgba(0,0,0,0.62)', zone: '#ffd700' },
  light: { background: '#ffffff', ink: '#1d2329', muted: '#4f5a64', labelBack: 'rgba(0,0,0,0.62)', zone: '#ffd700' },
};

/** KML's aabbggrr to CSS #rrggbb: one colour per class, as exports and chips draw them. */
export const classColour = (c: SightingClass) => {
  const k = CLASS_COLOURS[c];
  return `#${k.slice(6, 8)}${k.slice(4, 6)}${k.slice(2, 4)}`;
};

export interface OverlayMark {
  sighting: Sighting;
  /** "Angara", "container stack · 24", "vessel". */
  label: string;
}

/** One picture of the figure (two for side-by-side; one for a swipe, with two halves). */
export interface OverlayPanel {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Lon/lat → pixels inside the picture (0..w, 0..h). */
  toPx: (p: LonLat) => [number, number];
  zone: Zone | null;
  /** Per scene shown in this picture: the part of its width it covers (a swipe: two), its marks and its band. */
  parts: { from: number; to: number; marks: OverlayMark[]; band: { when: string; sensor: string; credit: string } }[];
  /** Ground metres per pixel at the frame's centre. */
  groundPerPx: number;
}

export interface OverlayLayout {
  width: number;
  height: number;
  unit: number;
  title: { y: number; text: string } | null;
  panels: OverlayPanel[];
  bandY: number;
  bandH: number;
  footerY: number;
  legend: SightingClass[];
  caption: string[];
  /** A swipe's divider, in figure pixels. */
  divider: number | null;
}

const f1 = (v: number) => v.toFixed(1);

function ringPath(ring: LonLat[], toPx: (p: LonLat) => [number, number], dx: number, dy: number): string {
  return ring.map((p, i) => `${i ? 'L' : 'M'}${toPx(p).map((v, k) => f1(v + (k ? dy : dx))).join(' ')}`).join(' ') + ' Z';
}

/** Where a mark's label goes: its centre, or the top-right of a box. */
function anchorOf(s: Sighting, toPx: (p: LonLat) => [number, number]): [number, number] {
  const g = s.geometry;
  if (g.type === 'Point') return toPx(g.coordinates);
  const pts = g.coordinates[0]!.map(toPx);
  return [Math.max(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1]))];
}

function markSvg(m: OverlayMark, panel: OverlayPanel, u: number, mode: TextMode): string {
  const colour = classColour(m.sighting.class);
  const g = m.sighting.geometry;
  const sw = Math.max(2, u * 0.18);
  const r = u * 0.9;
  let shape: string;
  let [ax, ay] = anchorOf(m.sighting, panel.toPx);
  ax += panel.x;
  ay += panel.y;
  if (g.type === 'Point') {
    shape =
      `<circle cx="${f1(ax)}" cy="${f1(ay)}" r="${f1(r)}" fill="none" stroke="#000" stroke-opacity="0.6" stroke-width="${f1(sw + 2)}"/>` +
      `<circle cx="${f1(ax)}" cy="${f1(ay)}" r="${f1(r)}" fill="none" stroke="${colour}" stroke-width="${f1(sw)}"/>`;
    ax += r * 0.7;
    ay -= r * 0.7;
  } else {
    const d = g.coordinates.map((ring) => ringPath(ring, panel.toPx, panel.x, panel.y)).join(' ');
    shape = `<path d="${d}" fill="none" stroke="#000" stroke-opacity="0.6" stroke-width="${f1(sw + 2)}"/><path d="${d}" fill="none" stroke="${colour}" stroke-width="${f1(sw)}"/>`;
  }
  const size = Math.round(u * 0.8);
  const text = fit(m.label, size, panel.w * 0.4, true);
  const tw = measure(text, size, true);
  const pad = size * 0.3;
  // Kept inside the picture: a mark near the right or top edge has its label on the other side.
  let lx = ax + pad;
  if (lx + tw + 2 * pad > panel.x + panel.w) lx = ax - tw - 3 * pad;
  let ly = ay - size - 2 * pad;
  if (ly < panel.y) ly = ay + pad;
  return (
    shape +
    `<rect x="${f1(lx)}" y="${f1(ly)}" width="${f1(tw + 2 * pad)}" height="${f1(size + 2 * pad)}" rx="${f1(pad)}" fill="#000" fill-opacity="0.62"/>` +
    `<rect x="${f1(lx)}" y="${f1(ly)}" width="${f1(pad * 0.8)}" height="${f1(size + 2 * pad)}" fill="${colour}"/>` +
    textSvg(mode, lx + pad * 1.4, ly + pad + size * 0.8, text, { size, bold: true, fill: '#ffffff' })
  );
}

/** A round ground distance about a fifth of the picture wide, bottom left. */
function scaleBarSvg(panel: OverlayPanel, u: number, mode: TextMode): string {
  const target = (panel.w / 5) * panel.groundPerPx;
  const steps = [1, 2, 5];
  let metres = 1;
  for (let p = 1; p < 1e7; p *= 10) for (const s of steps) if (s * p <= target) metres = s * p;
  const len = metres / panel.groundPerPx;
  const x = panel.x + u;
  const y = panel.y + panel.h - u * 1.2;
  const hgt = Math.max(4, u * 0.35);
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  const size = Math.round(u * 0.8);
  const tw = measure(label, size, true);
  return (
    `<rect x="${f1(x - u * 0.4)}" y="${f1(y - size - u * 0.6)}" width="${f1(Math.max(len, tw) + u * 0.8)}" height="${f1(size + hgt + u * 1.0)}" rx="${f1(u * 0.2)}" fill="#000" fill-opacity="0.5"/>` +
    `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(len / 2)}" height="${f1(hgt)}" fill="#ffffff" stroke="#000" stroke-width="1"/>` +
    `<rect x="${f1(x + len / 2)}" y="${f1(y)}" width="${f1(len / 2)}" height="${f1(hgt)}" fill="#000" stroke="#ffffff" stroke-width="1"/>` +
    textSvg(mode, x, y - u * 0.3, label, { size, bold: true, fill: '#ffffff' })
  );
}

/** North is straight up: the picture is north-up Web Mercator (frame.ts). An "N" over an arrow, in a disc. */
function northArrowSvg(panel: OverlayPanel, u: number, mode: TextMode): string {
  const r = u * 1.45;
  const cx = panel.x + panel.w - u * 0.6 - r;
  const cy = panel.y + u * 0.6 + r;
  const tip = cy - u * 0.15;
  const base = cy + u * 1.05;
  return (
    `<circle cx="${f1(cx)}" cy="${f1(cy)}" r="${f1(r)}" fill="#000" fill-opacity="0.5"/>` +
    `<path d="M${f1(cx)} ${f1(tip)} L${f1(cx + u * 0.5)} ${f1(base)} L${f1(cx)} ${f1(base - u * 0.3)} Z" fill="#ffffff"/>` +
    `<path d="M${f1(cx)} ${f1(tip)} L${f1(cx - u * 0.5)} ${f1(base)} L${f1(cx)} ${f1(base - u * 0.3)} Z" fill="#9aa3ad"/>` +
    textSvg(mode, cx, cy - u * 0.3, 'N', { size: Math.round(u * 0.8), bold: true, fill: '#ffffff', anchor: 'middle' })
  );
}

function bandSvg(layout: OverlayLayout, panel: OverlayPanel, palette: Palette, mode: TextMode): string {
  const u = layout.unit;
  return panel.parts
    .map((part, k) => {
      // A swipe's two bands take half the width each whatever the split (a split near the edge must not cut the date);
      // the second is set flush right, under its side.
      const swipe = panel.parts.length === 2;
      const w = (swipe ? 0.5 : part.to - part.from) * panel.w - u;
      const anchor = swipe && k === 1 ? 'end' : 'start';
      const x = anchor === 'end' ? panel.x + panel.w - u * 0.5 : panel.x + (swipe ? 0 : part.from) * panel.w + u * 0.5;
      const line1 = fit(`${part.band.when} · ${part.band.sensor}`, Math.round(u), w, true);
      const line2 = fit(part.band.credit, Math.round(u * 0.85), w);
      return (
        textSvg(mode, x, layout.bandY + u * 1.35, line1, { size: Math.round(u), bold: true, fill: palette.ink, anchor }) +
        (line2 ? textSvg(mode, x, layout.bandY + u * 2.6, line2, { size: Math.round(u * 0.85), fill: palette.muted, anchor }) : '')
      );
    })
    .join('');
}

function legendSvg(layout: OverlayLayout, palette: Palette, mode: TextMode): string {
  const u = layout.unit;
  let x = u * 0.5;
  const y = layout.footerY + u * 1.2;
  const size = Math.round(u * 0.85);
  return layout.legend
    .map((c) => {
      const noun = classNoun(c);
      const s = `<rect x="${f1(x)}" y="${f1(y - size * 0.8)}" width="${f1(size)}" height="${f1(size)}" rx="${f1(size * 0.2)}" fill="none" stroke="${classColour(c)}" stroke-width="${f1(Math.max(2, u * 0.18))}"/>` + textSvg(mode, x + size * 1.5, y, noun, { size, fill: palette.ink });
      x += size * 1.5 + measure(noun, size) + u * 1.2;
      return s;
    })
    .join('');
}

/** The overlay as one SVG document the size of the figure. */
export function overlaySvg(layout: OverlayLayout, style: FigureStyle, mode: TextMode, stamp: string | null = null): string {
  const palette = PALETTES[style];
  const u = layout.unit;
  const defs: string[] = [];
  const body: string[] = [];
  if (layout.title) body.push(textSvg(mode, u * 0.5, layout.title.y, fit(layout.title.text, Math.round(u * 1.4), layout.width - u, true), { size: Math.round(u * 1.4), bold: true, fill: palette.ink }));
  layout.panels.forEach((panel, i) => {
    defs.push(`<clipPath id="qw-panel-${i}"><rect x="${f1(panel.x)}" y="${f1(panel.y)}" width="${f1(panel.w)}" height="${f1(panel.h)}"/></clipPath>`);
    const inside: string[] = [];
    if (panel.zone) inside.push(`<path d="${panel.zone.geometry.coordinates.map((r) => ringPath(r, panel.toPx, panel.x, panel.y)).join(' ')}" fill="none" stroke="#000" stroke-opacity="0.5" stroke-width="${f1(Math.max(3, u * 0.25))}"/><path d="${panel.zone.geometry.coordinates.map((r) => ringPath(r, panel.toPx, panel.x, panel.y)).join(' ')}" fill="none" stroke="${palette.zone}" stroke-width="${f1(Math.max(1.5, u * 0.14))}" stroke-dasharray="${f1(u * 0.6)} ${f1(u * 0.4)}"/>`);
    panel.parts.forEach((part, k) => {
      const marks = part.marks.map((m) => markSvg(m, panel, u, mode)).join('');
      if (!marks) return;
      if (panel.parts.length === 1) return void inside.push(marks);
      // A swipe: each scene's marks only on its own side of the divider.
      const id = `qw-part-${i}-${k}`;
      defs.push(`<clipPath id="${id}"><rect x="${f1(panel.x + part.from * panel.w)}" y="${f1(panel.y)}" width="${f1((part.to - part.from) * panel.w)}" height="${f1(panel.h)}"/></clipPath>`);
      inside.push(`<g clip-path="url(#${id})">${marks}</g>`);
    });
    body.push(`<g clip-path="url(#qw-panel-${i})">${inside.join('')}</g>`);
    body.push(scaleBarSvg(panel, u, mode), northArrowSvg(panel, u, mode), bandSvg(layout, panel, palette, mode));
  });
  if (layout.divider !== null) {
    const p = layout.panels[0]!;
    body.push(`<rect x="${f1(layout.divider - Math.max(1.5, u * 0.12))}" y="${f1(p.y)}" width="${f1(2 * Math.max(1.5, u * 0.12))}" height="${f1(p.h)}" fill="#ffffff"/>`);
  }
  if (stamp) {
    for (const p of layout.panels) body.push(textSvg(mode, p.x + p.w / 2, p.y + p.h / 2 + u, stamp, { size: Math.round(u * 2.4), bold: true, fill: '#ffffff', anchor: 'middle' }));
  }
  body.push(legendSvg(layout, palette, mode));
  const capSize = Math.round(u * 0.9);
  const capY = layout.footerY + (layout.legend.length ? u * 1.9 : u * 0.4) + capSize * 1.1;
  layout.caption.forEach((line, i) => body.push(textSvg(mode, u * 0.5, capY + i * capSize * 1.35, line, { size: capSize, fill: palette.muted })));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}"><defs>${defs.join('')}</defs>${body.join('')}</svg>`;
}

export { wrap };
