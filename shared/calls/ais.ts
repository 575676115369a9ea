// Calls about AIS (issue 18): import logs into the project (with a job id for progress and cancel),
// and what AIS the project holds. The rows themselves stay on the host: the renderer asks small
// questions of them (see shared/ais/).
import { z } from 'zod';
import { call, finite, idSchema, pathSchema } from './define';
import { AIS_BAD_REASONS, DEFAULT_AIS_SETTINGS, type AisBadReason } from '../ais/types';

export { AIS_BAD_REASONS, type AisBadReason };

export type AisFileFormat = 'nmea' | 'dma-csv' | 'csv';

export interface AisImportSummary {
  state: 'done' | 'cancelled';
  /** The files read, each as the path given (an entry of a zip as zip/entry), with what was found in it. */
  files: { path: string; format: AisFileFormat; lines: number; messages: number }[];
  /** AIS messages (whole, multi-part ones once) and CSV rows read, the bad ones included. */
  read: number;
  /** Positions kept: inside a site's area of interest plus the buffer. */
  kept: number;
  /** Positions left out: farther than the buffer from every site's area. */
  outside: number;
  /** Static and voyage records kept (all of them, wherever the vessel was). */
  statics: number;
  /** The same message received twice (two stations, a repeated line), kept once. */
  duplicates: number;
  bad: Partial<Record<AisBadReason, number>>;
  /** Distinct MMSIs among what was kept. */
  vessels: number;
  /** First and last receive time of what was kept (ISO UTC), null when nothing was. */
  from: string | null;
  to: string | null;
  bufferKm: number;
  /** The import's record in the project (null when nothing was written: cancelled, or nothing kept). */
  importId: string | null;
}

export interface AisVesselSummary {
  mmsi: string;
  positions: number;
  statics: number;
  from: string;
  to: string;
  /** The latest name its static data gave, if any. */
  name: string | null;
}

export interface AisHoldings {
  positions: number;
  statics: number;
  vessels: number;
  from: string | null;
  to: string | null;
  imports: { id: string; at: string; author: string; files: string[]; kept: number; statics: number; bufferKm: number }[];
}

export const aisBufferKmSchema = finite.refine((v) => v >= 0 && v <= 1000, 'the buffer must be between 0 and 1,000 km');

export const aisCalls = {
  /**
   * Imports AIS logs (NMEA 0183, DMA CSV, plain CSV; plain, .gz or in a .zip): positions within
   * `bufferKm` of a site's area of interest and all static data, in one step; a cancelled or failed
   * import writes nothing. Poll `jobs.status` with `jobId` for progress; `jobs.cancel` stops it.
   */
  'ais.import': call<AisImportSummary>()(
    z
      .object({
        paths: z.array(pathSchema).min(1).max(1000),
        bufferKm: aisBufferKmSchema.default(DEFAULT_AIS_SETTINGS.bufferKm),
        jobId: idSchema.optional(),
      })
      .strict(),
  ),
  /** What AIS the project holds: counts, time range, imports. */
  'ais.summary': call<AisHoldings>()(z.object({}).strict()),
} as const;
