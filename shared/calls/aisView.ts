// Calls that show AIS beside the imagery (the import itself is in calls/ais.ts).
//
//   ais.atScene   {sceneId, windowMin?} → AisAtScene: every vessel AIS places in the site's area at the
//                 scene's acquisition instant (interpolated between its messages within ± windowMin,
//                 default the project's window), with a short tail of where it came from.
//   ais.brackets  {windowMin?} → AisBracketTable: per scene × MMSI of the project's vessels, the messages
//                 just before and after the acquisition within the window: what the renderer computes
//                 every sighting's verdict from, live, with the same rule as the host (shared/ais/verdicts.ts).
import { z } from 'zod';
import type { Mmsi } from '../ais/types';
import type { AisBracketTable } from '../ais/verdicts';
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

const windowMinSchema = z.number().int().min(1, 'the window is at least 1 minute').max(24 * 60, 'the window is at most a day');

export const aisViewCalls = {
  'ais.atScene': call<AisAtScene>()(
    z
      .object({ sceneId: idSchema, windowMin: windowMinSchema.optional() })
      .strict(),
  ),
  'ais.brackets': call<AisBracketTable>()(z.object({ windowMin: windowMinSchema.optional() }).strict()),
} as const;
