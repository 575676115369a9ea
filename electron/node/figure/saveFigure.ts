// figure.save: resolves what to draw (the frame, the scene or the before/after pair), composes it (compose.ts) and writes
// PNG, SVG or PDF through the output guard (never onto the project, never over a file unasked).
import fs from 'node:fs';
import type { z } from 'zod';
import type { FigureResult, figureCalls } from '../../../shared/calls/figure';
import type { Scene, Zone } from '../../../shared/domain';
import { QuaywatchError } from '../errors';
import { loadProjectData, type ProjectData } from '../export/projectData';
import type { ProjectStore } from '../store/projectStore';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import { localPixels } from '../imagery/localPixels';
import { centreOf, composeFigure, type FigureScene } from './compose';
import { frameHolds, frameOf, type FigureFrameBox } from './frame';
import { writeFigure } from './writeFigure';

export type FigureRequest = z.output<(typeof figureCalls)['figure.save']['request']>;

/** A scene by id (or provider item id), or by its day (YYYY-MM-DD: the day's first scene). */
export function resolveScene(data: ProjectData, ref: string): Scene {
  const byId = data.scenes.find((s) => s.id === ref) ?? data.scenes.find((s) => s.itemId === ref);
  if (byId) return byId;
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) {
    const day = data.scenes.filter((s) => s.acquired.slice(0, 10) === ref).sort((a, b) => a.acquired.localeCompare(b.acquired));
    if (day[0]) return day[0];
  }
  const days = [...new Set(data.scenes.map((s) => s.acquired.slice(0, 10)))].sort();
  const range = days.length ? `its scenes run from ${days[0]} to ${days.at(-1)}` : 'it has no scenes';
  throw new QuaywatchError('not_found', `No scene "${ref}" in this project (give a scene id or a day YYYY-MM-DD; ${range}).`);
}

/** A zone by id or name (any case). */
export function resolveZone(data: ProjectData, ref: string): Zone {
  const z = data.zones.find((x) => x.id === ref) ?? data.zones.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!z) throw new QuaywatchError('not_found', `No zone "${ref}" in this project; its zones are: ${data.zones.map((x) => x.name).join(', ') || 'none'}.`);
  return z;
}

/** The request's frame as a box (frame.ts). */
export function resolveFrame(data: ProjectData, frame: FigureRequest['frame']): FigureFrameBox {
  if ('zone' in frame) return frameOf({ zone: resolveZone(data, frame.zone) });
  const [[w, s], [e, n]] = frame.bbox;
  if (!(w < e && s < n)) throw new QuaywatchError('invalid_request', `The box must be west,south,east,north with west < east and south < north (got ${w},${s},${e},${n}).`);
  return frameOf({ bbox: frame.bbox });
}

/** How a still is made: `scenesWritten` waits for scenes still being written (the demo's first start), as reports do. */
export interface FigureRun {
  scenesWritten?: (scenes: Scene[]) => Promise<void>;
}

export async function saveFigure(store: ProjectStore, req: FigureRequest, run: FigureRun = {}): Promise<FigureResult> {
  const t0 = performance.now();
  // Refused before any work; the guard checks again when the file is put in place.
  const target = checkOutputPath(store, req.path, { overwrite: req.overwrite }).file;
  const pair = req.layout !== 'single';
  if (pair && !req.secondScene) throw new QuaywatchError('invalid_request', `A ${req.layout} figure needs a second ("after") scene.`);
  if (!pair && req.secondScene) throw new QuaywatchError('invalid_request', 'A second scene was given for a single figure: choose the side-by-side or swipe layout.');
  const data = loadProjectData(store, req.scope);
  const frame = resolveFrame(data, req.frame);
  const scenes = [resolveScene(data, req.scene), ...(pair ? [resolveScene(data, req.secondScene!)] : [])];
  await run.scenesWritten?.(scenes);
  const drawn: FigureScene[] = [];
  for (const scene of scenes) drawn.push({ scene, pixels: await localPixels(store, scene) });
  const fig = await composeFigure({
    frame,
    scenes: drawn as [FigureScene] | [FigureScene, FigureScene],
    layout: req.layout,
    split: req.split,
    width: req.width,
    style: req.style,
    title: req.title || undefined,
    caption: req.caption || undefined,
    ...(req.marks ? { sightings: data.sightings, vessels: data.vessels, tracks: data.tracks } : {}),
  });
  // A still with an empty picture is no figure: say why instead (time-lapse frames carry on without it).
  if (fig.empty.length) throw new QuaywatchError('not_found', `Nothing to draw for the scene of ${fig.empty.join('; ')}.`);
  await writeOutput(store, target, { overwrite: req.overwrite }, (tmp) => writeFigure(tmp, req.format, fig, { dpi: req.dpi, title: req.title }));
  const notes = [...fig.notes, ...(req.marks ? leftOutByScope(store, data, scenes, frame) : [])];
  return { file: target, format: req.format, width: fig.width, height: fig.height, bytes: fs.statSync(target).size, sceneIds: scenes.map((s) => s.id), notes, millis: Math.round(performance.now() - t0) };
}

/** Marks in the frame on the scenes drawn that the scope left out (another analyst's, with scope 'mine'): the figure is not the whole picture. */
function leftOutByScope(store: ProjectStore, data: ProjectData, scenes: Scene[], frame: FigureFrameBox): string[] {
  const drawn = new Set(scenes.map((s) => s.id));
  const kept = new Set(data.sightings.map((s) => s.id));
  const others = store.sightings().filter((s) => drawn.has(s.sceneId) && !kept.has(s.id) && frameHolds(frame, centreOf(s)));
  if (!others.length) return [];
  const who = [...new Set(others.map((s) => s.author))].sort().join(', ');
  const n = others.length;
  return [`${n} mark${n === 1 ? '' : 's'} by ${who} on ${scenes.length === 1 ? 'this scene' : 'these scenes'} ${n === 1 ? 'is' : 'are'} left out. ${data.scope.sentence}`];
}
