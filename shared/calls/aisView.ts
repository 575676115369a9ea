// Calls that show AIS beside the imagery (the import itself is in calls/ais.ts).
//
//   ais.atScene   {sceneId, windowMin?} → AisAtScene: every vessel AIS places in the site's area at the
//                 scene's acquisition instant (interpolated between its messages within ± windowMin,
//                 default the project's window), with a short tail of where it came from.
//   ais.evidence  {minConfidence?, reviewedOnly?, includeUnverified?} → AisEvidenceView: gaps with the scenes
//                 inside them, AIS port visits beside the imagery visits (counted as those options say),
//                 and the review queue (electron/node/ais/aisAnalysis.ts; rules in METHOD.md).
//   ais.settings  {} → AisSettings: the project's thresholds (defaults where never set).
//   ais.settings.set {windowMin?, confirmM?, contradictM?, gapH?, stopKn?, bufferKm?} → AisSettings; one undoable step.
//   ais.brackets  {windowMin?} → AisBracketTable: per scene × MMSI of the project's vessels, the messages
//                 just before and after the acquisition within the window: what the renderer computes
//                 every sighting's verdict from, live, with the same rule as the host (shared/ais/verdicts.ts).
//   ais.identities {} → AisIdentitiesView: per MMSI of the AIS static data, the identities it broadcast over
//                 time, what they would fill on the project's vessels (proposals), what contradicts them
//                 (conflicts, never applied) and the ships no vessel is (shared/ais/identities.ts). Nothing is
//                 written: a proposal is applied with vessels.update, an unknown ship added with vessels.create.
import { z } from 'zod';
import type { Mmsi } from '../ais/types';
import type { AisBracketTable } from '../ais/verdicts';
import type { AisGap } from '../ais/gaps';
import type { AisQueueItem } from '../ais/queue';
import type { AisVisit, VisitComparison } from '../ais/visits';
import type { AisSettings } from '../ais/types';
import type { AisMmsiIdentities } from '../ais/identities';
import { CONFIDENCES } from '../domain';
import { call, idSchema } from './define';

/** One vessel as AIS places it at a scene's instant. */
export interface AisVesselAtScene {
  mmsi: Mmsi;
  /** From AIS static data, else the project's vessel with this MMSI; null when neither names it. */
  name: string | null;
  /** The project's vessel with this MMSI (at that time), or null. */
  vesselId: string | null;
  lon: number;
  lat: number;
  /** Speed over ground (knots) and course (degrees) of the nearest message; null when not sent. */
  sog: number | null;
  cog: number | null;
  /** Minutes between the scene's instant and the nearest message used. */
  minutesAway: number;
  /** Where it came from: positions before the instant (lon/lat), oldest first, ending at [lon, lat]. */
  tail: [number, number][];
}

export interface AisAtScene {
  sceneId: string;
  /** The scene's acquisition instant (ISO). */
  acquired: string;
  windowMin: number;
  vessels: AisVesselAtScene[];
}

/** What AIS says beside the imagery, for the Analysis view (each sighting's verdict is computed live in the page). */
export interface AisEvidenceView {
  settings: AisSettings;
  hasAis: boolean;
  gaps: AisGap[];
  visits: AisVisit[];
  comparison: VisitComparison;
  queue: AisQueueItem[];
  /** Each MMSI's latest broadcast name, for a ship the project has no identity for. */
  broadcastNames: Record<string, string>;
}

/** Vessel identities from AIS static data, for the Analysis view and the CLI. */
export interface AisIdentitiesView {
  /** Static reports the project holds (none: nothing to say). */
  statics: number;
  /** MMSIs with something to show (proposals, conflicts or unknown ships), in MMSI order. */
  mmsis: AisMmsiIdentities[];
  counts: { proposals: number; conflicts: number; unknown: number };
}

const windowMinSchema = z.number().int().min(1, 'the window is at least 1 minute').max(24 * 60, 'the window is at most a day');

/** The AIS thresholds as the API accepts them (a project file's stored value is read through it too). */
export const aisSettingsSchema = z
  .object({
    windowMin: windowMinSchema,
    confirmM: z.number().min(1, 'the confirm distance is at least 1 m').max(50_000, 'the confirm distance is at most 50 km'),
    contradictM: z.number().min(1, 'the contradict distance is at least 1 m').max(500_000, 'the contradict distance is at most 500 km'),
    gapH: z.number().min(0.1, 'a gap is at least 0.1 h').max(24 * 365, 'a gap is at most a year'),
    stopKn: z.number().min(0, 'the stop speed cannot be negative').max(10, 'the stop speed is at most 10 kn'),
    bufferKm: z.number().min(0, 'the buffer cannot be negative').max(1000, 'the buffer is at most 1,000 km'),
  })
  .strict()
  .refine((s) => s.confirmM < s.contradictM, 'the confirm distance must be below the contradict distance');

export const aisViewCalls = {
  'ais.atScene': call<AisAtScene>()(
    z
      .object({ sceneId: idSchema, windowMin: windowMinSchema.optional() })
      .strict(),
  ),
  'ais.settings': call<AisSettings>()(z.object({}).strict()),
  'ais.settings.set': call<AisSettings>()(
    z
      // Plain numbers here: the ranges are checked with the stored values (setAisSettings), refused in one sentence.
      .object({
        windowMin: z.number().optional(),
        confirmM: z.number().optional(),
        contradictM: z.number().optional(),
        gapH: z.number().optional(),
        stopKn: z.number().optional(),
        bufferKm: z.number().optional(),
      })
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'the change changes nothing'),
  ),
  'ais.evidence': call<AisEvidenceView>()(
    z.object({ minConfidence: z.enum(CONFIDENCES).default('possible'), reviewedOnly: z.boolean().default(false), includeUnverified: z.boolean().default(false) }).strict(),
  ),
  'ais.brackets': call<AisBracketTable>()(z.object({ windowMin: windowMinSchema.optional() }).strict()),
  'ais.identities': call<AisIdentitiesView>()(z.object({}).strict()),
} as const;
