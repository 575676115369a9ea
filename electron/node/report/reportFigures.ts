// The report's figures (issue 20): a before/after pair and a strip of frames of a zone, each drawn by THE figure
// composer (figure/compose.ts renderFigurePixels: the scene's pixels, date stamp, credit, marks, scale bar) and kept
// as one JPEG that the PDF and the HTML both place. Which scenes: shared/reportFigures.ts. A scene whose pixels are
// not on this machine, or do not cover the zone, is said in the report beside the figure, never left as a silent gap.
import sharp from 'sharp';
import type { Scene, SightingClass, Zone } from '../../../shared/domain';
import { evenlySpread, figureCandidates, type FigureCandidates } from '../../../shared/reportFigures';
import { sensorLabel } from '../../../shared/radar';
import { plural } from '../../../shared/words';
import { QuaywatchError } from '../errors';
import type { ProjectData } from '../export/projectData';
import { renderFigurePixels, utcWhen, type FigureOptions } from '../figure/compose';
import { frameOf } from '../figure/frame';
import { resolveScene, resolveZone } from '../figure/saveFigure';
import { hasLocalPixels, localPixels } from '../imagery/localPixels';
import type { ProjectStore } from '../store/projectStore';

/** A picture as the report places it: JPEG, as the figure PDF keeps its pixels (writeFigure.ts: a radar scene's speckle made a PNG five times larger), 4:4:4 so the text stays sharp. */
export interface FigureImage {
  jpeg: Buffer;
  width: number;
  height: number;
  alt: string;
}

export interface PairFigure {
  heading: string;
  /** Null when it could not be drawn: `notes` say why. */
  image: FigureImage | null;
  caption: string;
  notes: string[];
  sceneIds: string[];
}

export interface StripFigure {
  heading: string;
  /** Frames a row, in the PDF and the HTML alike: four of a tall zone (a pier seen end on), three of a wide one. */
  columns: number;
  frames: { image: FigureImage; sceneId: string; when: string; sensor: string }[];
  notes: string[];
}

export interface ReportFigures {
  pair: PairFigure | null;
  strip: StripFigure | null;
}

export interface FiguresRequest {
  pair?: { zone: string; before?: string | undefined; after?: string | undefined } | undefined;
  strip?: { zone: string; frames: number } | undefined;
}

/** The pair's whole width and one strip frame's, in pixels: about 190 dpi across the PDF's text width (a third of it for a frame). */
const PAIR_WIDTH = 1600;
const FRAME_WIDTH = 560;

const when = (s: Scene) => utcWhen(s.acquired);

async function draw(store: ProjectStore, data: ProjectData, zone: Zone, scenes: [Scene] | [Scene, Scene], width: number, legend?: SightingClass[]) {
  let pixels: FigureOptions['scenes'];
  try {
    pixels = (await Promise.all(scenes.map(async (scene) => ({ scene, pixels: await localPixels(store, scene) })))) as FigureOptions['scenes'];
  } catch (e) {
    // An MBTiles file moved away since the import: said like any other scene without pixels.
    return { notes: [`${scenes.map(when).join(' and ')}: ${(e as Error).message.replace(/\.+$/, '')}`], image: null };
  }
  const opts: FigureOptions = {
    frame: frameOf({ zone }),
    scenes: pixels,
    layout: scenes.length === 2 ? 'side-by-side' : 'single',
    split: 0.5,
    width,
    // Printed on white paper.
    style: 'light',
    sightings: data.sightings,
    vessels: data.vessels,
    tracks: data.tracks,
    ...(legend ? { legend } : {}),
  };
  const pic = await renderFigurePixels(opts);
  // A picture with no pixels of its scene is not drawn, and says why; one drawn in part is still drawn.
  if (pic.empty.length) return { notes: pic.empty, image: null };
  const jpeg = await sharp(pic.data, { raw: { width: pic.width, height: pic.height, channels: 3 } }).jpeg({ quality: 88, chromaSubsampling: '4:4:4' }).toBuffer();
  return { notes: [], image: { jpeg, width: pic.width, height: pic.height } };
}

/** "2 scenes that show Pier 1 have no pixels on this machine and were passed over (…)". */
function passedOver(c: FigureCandidates, zone: Zone): string[] {
  if (!c.withoutPixels.length) return [];
  const list = c.withoutPixels.slice(0, 4).map(when).join(', ') + (c.withoutPixels.length > 4 ? ', …' : '');
  return [`${plural(c.withoutPixels.length, 'scene')} that show${c.withoutPixels.length === 1 ? 's' : ''} ${zone.name} in the period ha${c.withoutPixels.length === 1 ? 's' : 've'} no pixels on this machine (its file is not here, or its tiles were not made available offline) and ${c.withoutPixels.length === 1 ? 'was' : 'were'} passed over: ${list}.`];
}

async function pairFigure(store: ProjectStore, data: ProjectData, req: NonNullable<FiguresRequest['pair']>, range: { from: number; to: number }): Promise<PairFigure> {
  const zone = resolveZone(data, req.zone);
  const c = figureCandidates(data, zone, range, (s) => hasLocalPixels(store, s));
  const heading = `Before and after: ${zone.name}`;
  const asked = (ref: string | undefined) => (ref ? resolveScene(data, ref) : null);
  const before = asked(req.before) ?? c.usable[0] ?? null;
  const after = asked(req.after) ?? c.usable.at(-1) ?? null;
  const notes = req.before && req.after ? [] : passedOver(c, zone);
  if (req.before && req.after && before?.id === after?.id) throw new QuaywatchError('invalid_request', `The "before" and "after" of the pair are the same scene (${when(before!)}).`);
  if (!before || !after || before.id === after.id) {
    const have = c.usable.length === 1 ? `only one scene (${when(c.usable[0]!)}) shows it` : 'no scene shows it';
    return { heading, image: null, caption: '', sceneIds: [], notes: [`No before/after pair of ${zone.name}: in the period ${have} with its pixels on this machine${c.obscured.length ? ` (${plural(c.obscured.length, 'scene')} saw it obscured or did not image it)` : ''}.`, ...notes] };
  }
  if (before.acquired > after.acquired) throw new QuaywatchError('invalid_request', `The "before" scene (${when(before)}) is later than the "after" scene (${when(after)}).`);
  // Only a scene asked for by name can lack its pixels (the defaults are chosen among those that have them).
  const missing = [before, after].filter((s) => !hasLocalPixels(store, s));
  if (missing.length) {
    const which = missing.map(when).join(' and ');
    return { heading, image: null, caption: '', sceneIds: [], notes: [`The before/after pair of ${zone.name} was not drawn: the scene of ${which} asked for has no pixels on this machine (its file is not here, or its tiles were not made available offline).`, ...notes] };
  }
  // A scene asked for by name is drawn as asked; what the analysis holds about it is said beside it.
  for (const s of [before, after]) {
    if (c.obscured.some((o) => o.id === s.id)) notes.push(`The analysis counts ${zone.name} as obscured or not imaged on the scene of ${when(s)} asked for.`);
    const t = Date.parse(s.acquired);
    if (t < range.from || t >= range.to) notes.push(`The scene of ${when(s)} asked for lies outside the report's period.`);
  }
  const drawn = await draw(store, data, zone, [before, after], PAIR_WIDTH);
  if (!drawn.image) return { heading, image: null, caption: '', sceneIds: [], notes: [`The before/after pair of ${zone.name} was not drawn: ${drawn.notes.join('; ')}.`, ...notes] };
  const label = (s: Scene) => `${when(s)} (${[sensorLabel(s), s.credit || s.provider].filter(Boolean).join(', ')})`;
  return {
    heading,
    image: { ...drawn.image, alt: `${zone.name} before (${when(before)}) and after (${when(after)})` },
    caption: `Before, left: ${label(before)}. After, right: ${label(after)}. The same framing of ${zone.name}; what changed between the two is left to the analyst to say.`,
    notes,
    sceneIds: [before.id, after.id],
  };
}

async function stripFigure(store: ProjectStore, data: ProjectData, req: NonNullable<FiguresRequest['strip']>, range: { from: number; to: number }): Promise<StripFigure> {
  const zone = resolveZone(data, req.zone);
  const c = figureCandidates(data, zone, range, (s) => hasLocalPixels(store, s));
  const chosen = evenlySpread(c.usable, req.frames);
  const notes = passedOver(c, zone);
  if (c.obscured.length) notes.push(`${plural(c.obscured.length, 'scene')} of the period on which ${zone.name} was obscured or not imaged ${c.obscured.length === 1 ? 'is' : 'are'} left out.`);
  // One legend for the whole strip (the classes marked on any frame), so every frame has one size and one key.
  const ids = new Set(chosen.map((s) => s.id));
  const legend = [...new Set(data.sightings.filter((s) => ids.has(s.sceneId)).map((s) => s.class))];
  // Two frames at once, as the time-lapse draws them: one's GeoTIFF read and libvips work overlap the other's warp in JS.
  const drawn = new Array<Awaited<ReturnType<typeof draw>>>(chosen.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < chosen.length; i = next++) drawn[i] = await draw(store, data, zone, [chosen[i]!], FRAME_WIDTH, legend);
  };
  await Promise.all([worker(), worker()]);
  const frames: StripFigure['frames'] = [];
  chosen.forEach((scene, i) => {
    const d = drawn[i]!;
    if (d.image) frames.push({ image: { ...d.image, alt: `${zone.name}, ${when(scene)}` }, sceneId: scene.id, when: when(scene), sensor: sensorLabel(scene) });
    else notes.push(`No frame for ${d.notes.join('; ')}.`);
  });
  const shows = c.usable.length;
  const heading = `Frames: ${zone.name}`;
  if (!frames.length) notes.unshift(`No frame of ${zone.name}: no scene in the period shows it with its pixels on this machine.`);
  else notes.unshift(`${plural(frames.length, 'frame')} of the ${plural(shows, 'scene')} in the period that show ${zone.name}${frames.length < shows ? ', evenly spread' : ''}, oldest first.`);
  const first = frames[0]?.image;
  return { heading, columns: first && first.height > first.width ? 4 : 3, frames, notes };
}

/** The figures asked for, over the report's period [from, to). */
export async function reportFigures(store: ProjectStore, data: ProjectData, req: FiguresRequest, period: { from: string; to: string }): Promise<ReportFigures> {
  const range = { from: Date.parse(period.from), to: Date.parse(period.to) };
  return {
    pair: req.pair ? await pairFigure(store, data, req.pair, range) : null,
    strip: req.strip ? await stripFigure(store, data, req.strip, range) : null,
  };
}

/** The scenes the pair asks for by name (resolved), so a caller can wait for imagery still being written with the period's. */
export function askedScenes(data: ProjectData, req: FiguresRequest): Scene[] {
  return [req.pair?.before, req.pair?.after].filter((r): r is string => !!r).map((r) => resolveScene(data, r));
}
