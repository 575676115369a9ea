// Calls for reviewing colleagues' sightings: sightings packages (export/import), the review queue and
// verdicts, conflicts between analysts, and agreement between them.
//
//   package.export        {path, overwrite?, authors?} → PackageExportResult. Writes a sightings package (docs/package-format.md);
//                         `authors` limits it to those analysts' sightings and verdicts; an existing file needs `overwrite`.
//   package.import        {path} → PackageImportReport. One transaction, recorded as origin 'package' (never in
//                         the local undo stack). Bad input (newer format, tampered, unsafe paths, another site)
//                         is refused with a message and changes nothing.
//   reviews.queue         {author?, class?, zoneId?, from?, to?, unreviewedOnly?} → ReviewQueueItem[], unreviewed first,
//                         then by acquisition time.
//   reviews.set           {sightingId, verdict, comment} → Review, by the session's author, now; one undo step.
//   reviews.list          {sightingId?} → Review[] oldest first.
//   reviews.conflicts     {distanceM?} → SightingConflict[] (shared/review/conflicts.ts), unsettled only.
//   reviews.resolveConflict {aId, bId, resolution, merged?, comment?} → ConflictResolution; one undo step:
//                         keepA/keepB confirm one and reject the other; merge patches A with `merged` (class,
//                         vesselId, count), confirms it and rejects B; keepBoth confirms both (two objects).
//   reviews.teamConflicts {openOnly?} → TeamConflict[] (shared/review/teamConflict.ts): changes a team workspace could
//                         not apply (changed or deleted by someone else first), the same on every replica, in the team's order.
//   reviews.settleTeamConflict {eventId, keep} → TeamConflict, settled: 'proposed' puts the proposal (or its deletion),
//                         'team' keeps the team's value; one undo step whose settlement syncs, so every replica closes it alike.
//   reviews.agreement     {reference?, compared?, distanceM?} → AgreementResult[] (shared/review/agreement.ts);
//                         both authors given: that pair; otherwise every pair of authors.
import { z } from 'zod';
import { REVIEW_VERDICTS, SIGHTING_CLASSES, type Review, type Sighting } from '../domain';
import type { AgreementResult } from '../review/agreement';
import type { SightingConflict } from '../review/conflicts';
import { SETTLEMENT_KEEPS, type TeamConflict } from '../review/teamConflict';
import { call, finite, idSchema, isoInstantSchema, overwriteSchema, pathSchema } from './define';

/** A settlement as it travels in a team's log (checked before a pulled one is applied). */
export const settlementSchema = z.object({ id: z.string().uuid(), keep: z.enum(SETTLEMENT_KEEPS) }).strict();

const authorSchema = z.string().trim().min(1).max(200);
const distanceSchema = finite.refine((v) => v > 0 && v <= 1000, 'the matching distance must be between 0 and 1000 m');

export interface PackageExportResult {
  path: string;
  /** sha256 of the package's canonical content, as written into its manifest. */
  contentSha256: string;
  counts: { scenes: number; zones: number; vessels: number; tracks: number; sightings: number; reviews: number; history: number };
}

export interface UnmatchedScene {
  id: string;
  itemId: string | null;
  acquired: string;
  /** Sightings of the package on this scene, not imported. */
  sightings: number;
}

export interface PackageImportReport {
  /** Who exported the package. */
  author: string;
  /** Whose sightings came in (added or updated), sorted: the analysts the import message names. */
  analysts: string[];
  formatVersion: number;
  contentSha256: string;
  scenes: { matchedById: number; matchedByItemId: number; matchedByTimeAndFootprint: number; unmatched: UnmatchedScene[] };
  zones: { added: number; matched: number };
  vessels: { added: number; matched: number };
  tracks: { added: number; matched: number };
  sightings: { added: number; updated: number; unchanged: number; keptLocal: number; onUnmatchedScenes: number };
  reviews: { added: number; unchanged: number; withoutSighting: number };
  /** Entries of the package's edit history added to this project's audit trail. */
  historyAdded: number;
  /** True when the import changed nothing (e.g. the same package twice). */
  nothingChanged: boolean;
}

export interface ReviewQueueItem {
  sighting: Sighting;
  sceneAcquired: string;
  zoneName: string | null;
  /** The latest verdict (by time), null when unreviewed. */
  latest: Review | null;
  reviews: number;
}

export interface ConflictResolution {
  reviews: Review[];
  /** The merged sighting (resolution 'merge'), else null. */
  sighting: Sighting | null;
}

export const CONFLICT_RESOLUTIONS = ['keepA', 'keepB', 'merge', 'keepBoth'] as const;

const queueRequest = z
  .object({
    author: authorSchema.optional(),
    class: z.enum(SIGHTING_CLASSES).optional(),
    zoneId: idSchema.optional(),
    from: isoInstantSchema.optional(),
    to: isoInstantSchema.optional(),
    unreviewedOnly: z.boolean().default(false),
  })
  .strict();

export const reviewCalls = {
  'package.export': call<PackageExportResult>()(z.object({ path: pathSchema, overwrite: overwriteSchema, authors: z.array(authorSchema).min(1).max(100).optional() }).strict()),
  'package.import': call<PackageImportReport>()(z.object({ path: pathSchema }).strict()),
  'reviews.queue': call<ReviewQueueItem[]>()(queueRequest),
  'reviews.set': call<Review>()(
    z.object({ sightingId: idSchema, verdict: z.enum(REVIEW_VERDICTS), comment: z.string().trim().max(2000).default('') }).strict(),
  ),
  'reviews.list': call<Review[]>()(z.object({ sightingId: idSchema.optional() }).strict()),
  'reviews.conflicts': call<SightingConflict[]>()(z.object({ distanceM: distanceSchema.optional() }).strict()),
  'reviews.teamConflicts': call<TeamConflict[]>()(z.object({ openOnly: z.boolean().default(true) }).strict()),
  'reviews.settleTeamConflict': call<TeamConflict>()(z.object({ eventId: z.string().uuid(), keep: z.enum(SETTLEMENT_KEEPS) }).strict()),
  'reviews.resolveConflict': call<ConflictResolution>()(
    z
      .object({
        aId: idSchema,
        bId: idSchema,
        resolution: z.enum(CONFLICT_RESOLUTIONS),
        merged: z
          .object({
            class: z.enum(SIGHTING_CLASSES).optional(),
            vesselId: idSchema.nullable().optional(),
            count: z.number().int().min(0).max(100_000).nullable().optional(),
          })
          .strict()
          .optional(),
        comment: z.string().trim().max(2000).default(''),
      })
      .strict()
      .refine((r) => r.aId !== r.bId, 'a conflict is between two different sightings')
      .refine((r) => r.resolution !== 'merge' || r.merged, 'a merge needs the merged values'),
  ),
  'reviews.agreement': call<AgreementResult[]>()(
    z
      .object({ reference: authorSchema.optional(), compared: authorSchema.optional(), distanceM: distanceSchema.optional() })
      .strict()
      .refine((r) => !r.reference === !r.compared, 'give both reference and compared, or neither'),
  ),
} as const;

