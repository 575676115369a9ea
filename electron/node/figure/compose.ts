// THE figure composer (issue 20): one or two scenes framed alike, as (a) their pixels on the figure's grid and (b) one
// overlay SVG in the same pixel coordinates (overlay.ts). Stills (PNG, SVG, PDF: writeFigure.ts), before/after pairs
// and every time-lapse frame are drawn here, so they all look alike and put marks in the same places.
import { utcWhen } from '../../../shared/dates';
import sharp from 'sharp';
import type { FigureLayout, FigureStyle } from '../../../shared/calls/figure';
import type { Id, LonLat, Scene, Sighting, SightingClass, Track, Vessel } from '../../../shared/domain';
import { SIGHTING_CLASSES } from '../../../shared/domain';
import { sensorLabel } from '../../../shared/radar';
import { classNoun } from '../../../shared/sightingRules';
import { readGeoTiffWindow, readTileMosaic, unmercator, type ScenePixels } from '../imagery/sceneWindow';
import { framePx, groundPerPx, pictureHeight, type FigureFrameBox } from './frame';
import { overlaySvg, PALETTES, type OverlayLayout, type OverlayMark, type OverlayPanel } from './overlay';
import { wrap } from './figureText';
import { warp } from './warp';
import type { TextMode } from './figureText';

/** One scene to draw and where its pixels are (imagery/localPixels.ts). */
export interface FigureScene {
  scene: Scene;
  pixels: ScenePixels;
}

export interface FigureOptions {
  frame: FigureFrameBox;
  /** One scene, or before and after. */
  scenes: [FigureScene] | [FigureScene, FigureScene];
  layout: FigureLayout;
  split: number;
  width: number;
  style: FigureStyle;
  title?: string | undefined;
  caption?: string | undefined;
  /** The project's sightings, vessels and tracks (marks are those on the scenes drawn); omitted or empty: no marks. */
  sightings?: Sighting[];
  vessels?: Vessel[];
  tracks?: Track[];
  /** Time-lapse frames of an obscured scene: the picture greyed, "obscured" written across it. */
  obscured?: boolean;
  /** The classes the legend lists; omitted, those marked on the scenes drawn. A time-lapse gives every class marked on any of its frames, so all frames keep one size and one legend. */
  legend?: SightingClass[];
}

export interface ComposedFigure {
  width: number;
  height: number;
  /** The whole figure's background and pictures, RGB, no overlay. */
  base: Buffer;
  /** The overlay, as real text (SVG, PDF) or as glyph outlines (PNG). */
  overlay: (mode: TextMode) => string;
  /** Why a scene's picture is empty (its pixels are not on this machine, or do not cover the frame), per scene. */
  empty: string[];
  /** What the analyst should know of the figure drawn, in their words: the empty pictures above, a scene covering only part of the frame, marks hidden by a swipe's split. */
  notes: string[];
}

/** Below this share of the frame a scene covers, the figure says the rest is blank (edge pixels of a warp aside). */
const COVERED_ENOUGH = 0.99;

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

// Figures stamp scenes as the CLI and reports name them (shared/dates.ts).
export { utcWhen };

/** A sighting's centre: the point, or the mean of a box's corners. */
export function centreOf(s: Sighting): LonLat {
  const g = s.geometry;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.coordinates[0]!.slice(0, -1);
  return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
}

/** A mark's label: the vessel's or track's name when linked, else the class; a container stack with its count. */
export function markLabel(s: Sighting, vessels: Map<Id, Vessel>, tracks: Map<Id, Track>): string {
  const name = (s.vesselId ? vessels.get(s.vesselId)?.name : null) || (s.trackId ? tracks.get(s.trackId)?.label : null) || '';
  const what = s.class === 'container_stack' && s.count !== null ? `${classNoun(s.class)} · ${s.count}` : classNoun(s.class);
  return name ? (s.class === 'vessel' ? name : `${name} (${what})`) : what;
}

/**
 * One scene's pixels over the frame, `width` × `height` RGB: a GeoTIFF window read around the frame at about the
 * picture's resolution and warped from the scene's CRS; tiles stitched at the best zoom and resampled.
 * Where the scene has no pixels, `background`; when it has none over the frame at all, that is thrown as the reason.
 * `covered`: the share of the picture that has the scene's pixels.
 */
export async function framePixels(src: FigureScene, frame: FigureFrameBox, width: number, height: number, background: [number, number, number]): Promise<{ pixels: Buffer; covered: number }> {
  const [l, t, r, b] = frame.merc;
  const mx = (x: number) => l + (x / width) * (r - l);
  const my = (y: number) => t - (y / height) * (t - b);
  const pixels = src.pixels;
  if (pixels.kind === 'tiles') {
    const metresPerPx = ((r - l) / width) * Math.cos((unmercator([(l + r) / 2, (t + b) / 2])[1] * Math.PI) / 180);
    const mosaic = await readTileMosaic(pixels, frame.merc, metresPerPx, { r: background[0], g: background[1], b: background[2] });
    const out = warp(mosaic.pixels, width, height, (x, y) => [(mx(x) - mosaic.originX) * mosaic.k, (mosaic.originY - my(y)) * mosaic.k], background);
    // Tiles the source lacks are background inside the mosaic: their share stands for the part not covered.
    return { pixels: out.pixels, covered: Math.min(mosaic.share, 1 - out.blank / (width * height)) };
  }
  // The frame's outline (corners and edge midpoints) in the image's pixels gives the window to read.
  const outline: [number, number][] = [];
  for (const fx of [0, 0.5, 1]) for (const fy of [0, 0.5, 1]) outline.push([fx * width, fy * height]);
  let win = { x0: 0, y0: 0, w: 1, h: 1 };
  const { pixels: raw, grid } = await readGeoTiffWindow(pixels.open, src.scene.sensor, (g) => {
    const pts = outline.map(([x, y]) => g.toImagePx(unmercator([mx(x), my(y)])));
    const x0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[0]))) - 1);
    const y0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[1]))) - 1);
    const x1 = Math.min(g.width, Math.ceil(Math.max(...pts.map((p) => p[0]))) + 1);
    const y1 = Math.min(g.height, Math.ceil(Math.max(...pts.map((p) => p[1]))) + 1);
    if (x1 <= x0 || y1 <= y0) throw new Error('the scene does not cover this place');
    // Read no finer than the picture needs (a large frame of a fine scene), never finer than the image.
    const scale = Math.min(1, 1.2 * Math.max(width / (x1 - x0), height / (y1 - y0)));
    const w = Math.max(1, Math.round((x1 - x0) * scale));
    const h = Math.max(1, Math.round((y1 - y0) * scale));
    win = { x0, y0, w: (x1 - x0) / w, h: (y1 - y0) / h };
    return { window: [x0, y0, x1, y1], width: w, height: h };
  });
  const out = warp(raw, width, height, (x, y) => {
    const [ix, iy] = grid.toImagePx(unmercator([mx(x), my(y)]));
    return [(ix - win.x0) / win.w, (iy - win.y0) / win.h];
  }, background);
  return { pixels: out.pixels, covered: 1 - out.blank / (width * height) };
}

/** The figure's unit of size (the band's text size), pixels: it follows the width, within limits. */
export const unitOf = (width: number) => Math.max(10, Math.min(48, width / 90));

/** How the figure is laid out: sizes follow the width, so a 3000 px figure reads like a 1000 px one, larger. */
function layoutOf(opts: FigureOptions, marks: OverlayMark[][]): OverlayLayout {
  const W = opts.width;
  const u = unitOf(W);
  const pair = opts.layout === 'side-by-side' && opts.scenes.length === 2;
  const gap = pair ? Math.round(u * 0.6) : 0;
  const pw = pair ? Math.floor((W - gap) / 2) : W;
  const ph = pictureHeight(opts.frame, pw);
  const titleH = opts.title ? Math.round(u * 2.4) : 0;
  const bandH = Math.round(u * 3.3);
  const px = () => framePx(opts.frame, pw, ph);
  const band = (s: Scene) => ({ when: utcWhen(s.acquired), sensor: sensorLabel(s), credit: s.credit });
  const scenes = opts.scenes.map((x) => x.scene);
  const panels: OverlayPanel[] = pair
    ? [0, 1].map((i) => ({ x: i * (pw + gap), y: titleH, w: pw, h: ph, toPx: px(), zone: opts.frame.zone, groundPerPx: groundPerPx(opts.frame, pw), parts: [{ from: 0, to: 1, marks: marks[i]!, band: band(scenes[i]!) }] }))
    : [
        {
          x: 0,
          y: titleH,
          w: pw,
          h: ph,
          toPx: px(),
          zone: opts.frame.zone,
          groundPerPx: groundPerPx(opts.frame, pw),
          parts:
            opts.layout === 'swipe' && scenes.length === 2
              ? [
                  { from: 0, to: opts.split, marks: marks[0]!, band: band(scenes[0]!) },
                  { from: opts.split, to: 1, marks: marks[1]!, band: band(scenes[1]!) },
                ]
              : [{ from: 0, to: 1, marks: marks[0]!, band: band(scenes[0]!) }],
        },
      ];
  // Only marks on their own part of the picture are drawn, and only their classes are in the legend.
  for (const panel of panels) {
    for (const part of panel.parts) {
      part.marks = part.marks.filter((m) => {
        const [x, y] = panel.toPx(centreOf(m.sighting));
        return x >= part.from * panel.w && x <= part.to * panel.w && y >= 0 && y <= panel.h;
      });
    }
  }
  const legend = SIGHTING_CLASSES.filter((c: SightingClass) => (opts.legend ? opts.legend.includes(c) : panels.some((p) => p.parts.some((part) => part.marks.some((m) => m.sighting.class === c)))));
  const caption = opts.caption ? wrap(opts.caption, Math.round(u * 0.9), W - u) : [];
  const footerH = (legend.length ? u * 1.9 : u * 0.4) + (caption.length ? caption.length * Math.round(u * 0.9) * 1.35 + u * 0.5 : 0);
  const bandY = titleH + ph;
  const footerY = bandY + bandH;
  return {
    width: W,
    height: Math.ceil(footerY + footerH),
    unit: u,
    title: opts.title ? { y: u * 1.75, text: opts.title } : null,
    panels,
    bandY,
    bandH,
    footerY,
    legend,
    caption,
    divider: opts.layout === 'swipe' && scenes.length === 2 ? Math.round(opts.split * W) : null,
  };
}

/** The figure: pixels of each scene on the frame, and the overlay. */
export async function composeFigure(opts: FigureOptions): Promise<ComposedFigure> {
  const vessels = new Map((opts.vessels ?? []).map((v) => [v.id, v]));
  const tracks = new Map((opts.tracks ?? []).map((t) => [t.id, t]));
  const marks = opts.scenes.map(({ scene }) => (opts.sightings ?? []).filter((s) => s.sceneId === scene.id).map((s) => ({ sighting: s, label: markLabel(s, vessels, tracks) })));
  const layout = layoutOf(opts, marks);
  const palette = PALETTES[opts.style];
  const bg = hex(palette.background);
  const blank: [number, number, number] = opts.style === 'dark' ? [0x26, 0x2b, 0x31] : [0xd5, 0xd9, 0xde];
  const base = filled(layout.width * layout.height, bg);
  const empty: string[] = [];
  const notes: string[] = [];
  const when = (i: number) => utcWhen(opts.scenes[i]!.scene.acquired);
  const paint = (pic: Buffer, px: number, py: number, pw: number, ph: number, from: number, to: number) => {
    const x0 = Math.round(from * pw);
    const x1 = Math.round(to * pw);
    for (let y = 0; y < ph; y++) pic.copy(base, ((py + y) * layout.width + px + x0) * 3, (y * pw + x0) * 3, (y * pw + x1) * 3);
  };
  const pictureOf = async (i: number, pw: number, ph: number) => {
    try {
      const { pixels, covered } = await framePixels(opts.scenes[i]!, opts.frame, pw, ph, blank);
      if (covered < COVERED_ENOUGH) notes.push(`The scene of ${when(i)} covers ${Math.round(covered * 100)}% of the frame; the rest is left blank.`);
      return pixels;
    } catch (e) {
      empty.push(`${when(i)}: ${(e as Error).message}`);
      notes.push(`The scene of ${when(i)} has nothing to draw here: ${(e as Error).message}.`);
      return filled(pw * ph, blank);
    }
  };
  for (const [pi, panel] of layout.panels.entries()) {
    for (const [k, part] of panel.parts.entries()) {
      const sceneIndex = layout.panels.length === 2 ? pi : k;
      const pic = await pictureOf(sceneIndex, panel.w, panel.h);
      if (opts.obscured) grey(pic);
      paint(pic, panel.x, panel.y, panel.w, panel.h, part.from, part.to);
    }
  }
  notes.push(...hiddenBySplit(opts, marks, layout));
  return { width: layout.width, height: layout.height, base, overlay: (mode) => overlaySvg(layout, opts.style, mode, opts.obscured ? 'obscured' : null), empty, notes };
}

/** A swipe shows each scene on one side of the split: marks of a scene on the other side are not drawn, and the analyst is told. */
function hiddenBySplit(opts: FigureOptions, marks: OverlayMark[][], layout: OverlayLayout): string[] {
  const panel = layout.panels[0]!;
  if (layout.divider === null || panel.parts.length !== 2) return [];
  return panel.parts.flatMap((part, k) => {
    const hidden = marks[k]!.filter((m) => {
      const [x, y] = panel.toPx(centreOf(m.sighting));
      const inFrame = x >= 0 && x <= panel.w && y >= 0 && y <= panel.h;
      return inFrame && !part.marks.includes(m);
    }).length;
    if (!hidden) return [];
    const side = k === 0 ? 'right' : 'left';
    return [`${hidden} mark${hidden === 1 ? '' : 's'} on the scene of ${utcWhen(opts.scenes[k]!.scene.acquired)} ${hidden === 1 ? 'lies' : 'lie'} ${side} of the split and ${hidden === 1 ? 'is' : 'are'} not drawn.`];
  });
}

/** `n` RGB pixels of one colour. */
function filled(n: number, [r, g, b]: [number, number, number]): Buffer {
  const buf = Buffer.alloc(n * 3);
  buf[0] = r;
  buf[1] = g;
  buf[2] = b;
  // Doubling copies: a few native calls instead of a loop over every pixel.
  for (let have = 3; have < buf.length; have *= 2) buf.copy(buf, have, 0, Math.min(have, buf.length - have));
  return buf;
}

/** Greyed and dimmed: a time-lapse frame whose scene did not see the place. */
function grey(pic: Buffer) {
  for (let i = 0; i < pic.length; i += 3) {
    const v = Math.round((0.3 * pic[i]! + 0.59 * pic[i + 1]! + 0.11 * pic[i + 2]!) * 0.55 + 40);
    pic[i] = pic[i + 1] = pic[i + 2] = v;
  }
}

/** The figure as PNG bytes: pixels + overlay (text as outlines), composed by sharp. */
export async function figurePng(fig: ComposedFigure, dpi?: number): Promise<Buffer> {
  const img = sharp(fig.base, { raw: { width: fig.width, height: fig.height, channels: 3 } }).composite([{ input: Buffer.from(fig.overlay('outlines')), left: 0, top: 0 }]);
  // Level 4: nearly the size of 6 (imagery compresses little either way) in half the time at 3000 px.
  return (dpi ? img.withMetadata({ density: dpi }) : img).png({ compressionLevel: 4 }).toBuffer();
}

/**
 * One finished picture as raw RGB (for the time-lapse's frames): the same composer, pixels + overlay.
 */
export async function renderFigurePixels(opts: FigureOptions): Promise<{ data: Buffer; width: number; height: number; empty: string[]; notes: string[] }> {
  const fig = await composeFigure(opts);
  // The animation is opaque: libvips drops the overlay's alpha, which a loop in JS did per pixel before.
  const out = await sharp(fig.base, { raw: { width: fig.width, height: fig.height, channels: 3 } })
    .composite([{ input: Buffer.from(fig.overlay('outlines')), left: 0, top: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height, empty: fig.empty, notes: fig.notes };
}
