// One time-lapse frame as plain data (a FrameJob: what THE composer needs, never the store) and its drawing, the same
// in a worker thread (timelapseWorker.ts) and in the thread that asks: the finished picture as RGB.
import path from 'node:path';
import type { FigureStyle } from '../../../shared/calls/figure';
import type { Scene, Sighting, SightingClass, Track, Vessel } from '../../../shared/domain';
import { openRecordedFile, recordedFileOf, SceneFileError, type RecordedSceneFile } from '../imagery/sceneFile';
import type { ScenePixels } from '../imagery/sceneWindow';
import { mbtilesTile, mbtilesZooms } from '../imagery/tiles';
import type { ProjectStore } from '../store/projectStore';
import { renderFigurePixels } from './compose';
import type { FigureFrameBox } from './frame';

export interface FrameJob {
  /** The frame's place in the animation (date order). */
  index: number;
  frame: FigureFrameBox;
  scene: Scene;
  source: FrameSource;
  width: number;
  style: FigureStyle;
  /** The marks on this scene, and the vessels and tracks that name them; null: no marks. */
  marks: { sightings: Sighting[]; vessels: Vessel[]; tracks: Track[] } | null;
  legend: SightingClass[];
  obscured: boolean;
}

/** A frame drawn: RGB, width × height × 3 bytes. */
export interface DrawnFrame {
  index: number;
  data: Uint8Array;
  width: number;
  height: number;
  /** What the composer said of this frame (no pixels here, part of the frame covered): said in the result. */
  notes: string[];
}

/**
 * Where a frame's pixels are, as plain data: the scene's file (GeoTIFF or MBTiles) as recorded at import; why it cannot
 * be read (the frame is drawn empty with that note, as any figure is); or tiles copied into the project, which only
 * the thread holding the store can read.
 */
export type FrameSource = { kind: 'file'; file: RecordedSceneFile } | { kind: 'refused'; why: string } | { kind: 'project-tiles' };

export function frameSourceOf(store: ProjectStore, scene: Scene): FrameSource {
  if (scene.source.kind !== 'geotiff' && scene.source.kind !== 'mbtiles') return { kind: 'project-tiles' };
  try {
    return { kind: 'file', file: recordedFileOf(store, scene) };
  } catch (e) {
    if (e instanceof SceneFileError) return { kind: 'refused', why: e.message };
    throw e;
  }
}

/** A job's pixels without a store (a 'file' or 'refused' source): the recorded file only (imagery/sceneFile.ts). */
export async function sourcePixels(source: Exclude<FrameSource, { kind: 'project-tiles' }>): Promise<ScenePixels> {
  if (source.kind === 'refused') {
    return {
      kind: 'geotiff',
      open: () => Promise.reject(new Error(source.why)),
    };
  }
  const { file } = source;
  if (file.kind === 'geotiff') return { kind: 'geotiff', open: () => openRecordedFile(file) };
  // SQLite opens files by name: the file is proven to be the recorded one just before (as sceneMbtilesFile does).
  await (await openRecordedFile(file)).close();
  return { kind: 'tiles', zooms: () => mbtilesZooms(file.path), tile: (z, x, y) => mbtilesTile(file.path, z, x, y), missing: `its MBTiles file ${path.basename(file.path)} has no tile there` };
}

/** Draws one frame with THE composer (compose.ts), from `pixels`. */
export async function drawFrame(job: FrameJob, pixels: ScenePixels): Promise<DrawnFrame> {
  const pic = await renderFigurePixels({
    frame: job.frame,
    scenes: [{ scene: job.scene, pixels }],
    layout: 'single',
    split: 0.5,
    width: job.width,
    style: job.style,
    ...(job.marks ?? {}),
    legend: job.legend,
    obscured: job.obscured,
  });
  return { index: job.index, data: pic.data, width: pic.width, height: pic.height, notes: pic.notes };
}
