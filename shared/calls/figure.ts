// Calls that make pictures for publication (issue 20): an annotated still of one scene, a before/after
// pair with the same framing, and a time-lapse of a quay across dates. What is framed is a zone (by name
// or id) or a view the window shows (a lon/lat box); what is drawn is the scene's own pixels with the
// analyst's marks, labels, date and time (UTC), sensor, provider credit, scale bar, north arrow and a
// legend of the classes shown. Written through the output guard, like exports and reports.
import { z } from 'zod';
import { call, finite, idSchema, lonLatSchema, overwriteSchema, pathSchema } from './define';
import { SCOPES } from '../teamScope';

export const FIGURE_FORMATS = ['png', 'svg', 'pdf'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];
/** Time-lapses as video: WebM and MP4, both VP9 (electron/node/figure/video.ts says why). */
export const VIDEO_FORMATS = ['webm', 'mp4'] as const;
export type VideoFormat = (typeof VIDEO_FORMATS)[number];
export const TIMELAPSE_FORMATS = ['gif', 'webp', ...VIDEO_FORMATS] as const;
export type TimelapseFormat = (typeof TIMELAPSE_FORMATS)[number];
export const FIGURE_STYLES = ['dark', 'light'] as const;
export type FigureStyle = (typeof FIGURE_STYLES)[number];
/** One scene; two side by side; or two as a swipe (the first left of `split`, the second right of it). */
export const FIGURE_LAYOUTS = ['single', 'side-by-side', 'swipe'] as const;
export type FigureLayout = (typeof FIGURE_LAYOUTS)[number];

/** What a figure frames: a zone (its outline and a margin around it), or a lon/lat box (the window's view). */
export const figureFrameSchema = z.union([
  z.object({ zone: z.string().trim().min(1).max(200) }).strict(),
  z.object({ bbox: z.tuple([lonLatSchema, lonLatSchema]) }).strict(),
]);
export type FigureFrame = z.infer<typeof figureFrameSchema>;

/** A scene by id, or by its acquisition day (YYYY-MM-DD: the day's first scene). */
export const sceneRefSchema = z.string().trim().min(1).max(64);

const textSchema = z.string().trim().max(300);

export interface FigureResult {
  file: string;
  format: FigureFormat;
  /** Pixels (PNG) or CSS pixels (SVG, PDF points × 96/72). */
  width: number;
  height: number;
  bytes: number;
  /** The scene(s) drawn, first (before) then second (after). */
  sceneIds: string[];
  /**
   * What the figure does not show that the analyst may expect it to, one sentence each (the dialog's message and the
   * CLI print them): marks left out by the scope, a scene covering only part of the frame, marks hidden by a swipe.
   */
  notes: string[];
  millis: number;
}

export interface TimelapseResult {
  file: string;
  format: TimelapseFormat;
  width: number;
  height: number;
  /** One per scene drawn, in date order. */
  frames: number;
  /** Scenes in the range left out because the zone was obscured there (obscured: 'skip'). */
  skipped: number;
  bytes: number;
  millis: number;
  /** What the analyst should know about the file: frames whose scene did not fill the frame or had no pixels there, a video's size made even. */
  notes?: string[];
}

export const figureCalls = {
  // An annotated still (PNG at a width and DPI; SVG and PDF with vector marks and text), or a before/after pair.
  'figure.save': call<FigureResult>()(
    z
      .object({
        format: z.enum(FIGURE_FORMATS),
        path: pathSchema,
        overwrite: overwriteSchema,
        frame: figureFrameSchema,
        scene: sceneRefSchema,
        /** The "after" scene of a before/after pair (layout side-by-side or swipe). */
        secondScene: sceneRefSchema.optional(),
        layout: z.enum(FIGURE_LAYOUTS).default('single'),
        /** Swipe only: where the two meet, 0–1 across the picture. */
        split: finite.min(0.05).max(0.95).default(0.5),
        /** Width of the whole figure in pixels (PNG) or CSS pixels (SVG, PDF). */
        width: z.number().int().min(200).max(8000).default(1600),
        /** PNG only: written into the file's pHYs, so print layouts size it right. */
        dpi: z.number().int().min(36).max(1200).default(150),
        style: z.enum(FIGURE_STYLES).default('dark'),
        title: textSchema.optional(),
        caption: textSchema.optional(),
        marks: z.boolean().default(true),
        /** Whose sightings are drawn (shared/teamScope.ts); left out, every sighting in the project. */
        scope: z.enum(SCOPES).optional(),
      })
      .strict(),
  ),
  // A time-lapse of a zone or view across [from, to]: one frame per scene, date-stamped and credited. Long: poll jobs.status with jobId.
  'figure.timelapse': call<TimelapseResult>()(
    z
      .object({
        format: z.enum(TIMELAPSE_FORMATS),
        path: pathSchema,
        overwrite: overwriteSchema,
        frame: figureFrameSchema,
        /** Days (YYYY-MM-DD), inclusive; left out, the whole series. */
        from: z.string().trim().max(40).optional(),
        to: z.string().trim().max(40).optional(),
        width: z.number().int().min(160).max(3840).default(1280),
        /** How long each frame shows, milliseconds. */
        frameMs: z.number().int().min(40).max(10_000).default(500),
        /** Scenes where the zone was obscured (cloud, outside the scene): left out, or shown greyed with "obscured". */
        obscured: z.enum(['skip', 'grey']).default('skip'),
        marks: z.boolean().default(true),
        style: z.enum(FIGURE_STYLES).default('dark'),
        scope: z.enum(SCOPES).optional(),
        jobId: idSchema.optional(),
      })
      .strict(),
  ),
} as const;
