// Calls that edit a project (sightings, vessels, tracks, zones, observability) and the one undo history.
//
// Contract for the workbench UI (every edit is saved before the call answers; each call below that
// changes something is ONE undo step with the label shown in quotes):
//   sightings.update       {id, patch:{class?, geometry?, confidence?, count?, vesselId?, trackId?, zoneId?, notes?}, label?}
//                          → Sighting. "Move sighting" (geometry), "Edit sighting" otherwise; pass `label`
//                          ("Rotate sighting", "Reshape sighting") when the tool knows better.
//                          zoneId: a zone id overrides containment; null = back to containment.
//                          A geometry change re-derives the zone unless it is overridden.
//                          Changing class away from container_stack clears count; away from vessel/aircraft clears vesselId.
//   sightings.updateMany   {updates:[{id, patch}…] (≤ 10,000, ids distinct), label?} → Sighting[] in order.
//                          ONE step for a multi-select edit: "Move 3 sightings" (geometry only), "Edit 3 sightings"
//                          otherwise, or `label` ("Rotate 3 sightings"). All or nothing: one refused patch
//                          (gone, bad link, …) refuses the batch and the project is unchanged.
//   sightings.create       SightingInput → Sighting: Point or oriented box/polygon, optionally with count,
//                          vesselId, trackId                                          "Mark vessel", "Add sighting"
//   sightings.delete       {id} → {id}                                                "Delete sighting"
//   sightings.createMany   {sightings:[SightingInput…]} → Sighting[]                  "Add 3 sightings"
//   sightings.deleteMany   {ids} → {ids}                                              "Delete 3 sightings"
//   sightings.carryForward {ids, toSceneId?} → CarryForwardResult                     "Carry forward 2 sightings"
//                          Copies onto the next scene by acquisition time (or toSceneId), same vessel/track.
//                          A sighting with neither vessel nor track gets a new track (the original is linked
//                          to it too), so the copies follow the same object. A subject already marked on the
//                          target scene is skipped (listed in `skipped`), never duplicated.
//   sightings.verify       {ids} → Sighting[]                                           "Confirm 2 carried sightings"
//                          The analyst looked at these marks' scene and confirms them (a carried mark is unverified
//                          until then). Confirming the last unverified mark in a zone lets that zone be examined.
//   sightings.acceptGhost  {ghostId, sceneId} → AcceptGhostResult                      "Accept ghost"
//                          Copies a sighting of another (usually the previous) scene onto sceneId, linked like carryForward.
//   vessels.list / vessels.create {kind?, name, aliases?, imo?, mmsi?, flag?, lengthM?, callSign?, beamM?} / vessels.update {id, patch}
//   tracks.list / tracks.create {class, label?} / tracks.update {id, label}
//   zones.create {siteId?, name, kind, geometry:Polygon} / zones.update {id, patch} / zones.delete {id}
//                          Zone edits re-derive the zone of every sighting that is not overridden (same undo step).
//   observability.set      {sceneId, zoneId, value} → SceneZoneObservability (an analyst override)
//   examined.set           {sceneIds, zoneIds?, value} → {changed}   "Mark scene examined", "Mark 3 scenes not examined"
//                          The analyst's record of effort: only an examined clear scene is an absence. zoneIds
//                          omitted: every zone the scene shows. Marking a sighting (or accepting a ghost) in a
//                          zone examines that zone on its scene in the same step; carrying forward does not.
//   scenes.delete          {id} → SceneDeleted                                         "Delete scene of 14 Jan 2025 01:38 UTC"
//                          The scene with its sightings, their reviews and its observability, as one step: undo
//                          brings all of it back. Its offline tile copy (if any) is not restored by undo.
//   history.undo / history.redo → HistoryChange: the label, every entity's new value (null = gone), and the new state.
//                          Only local edits undo; an edit imported from a colleague never enters the stack.
//   history.state          → HistoryState {canUndo, canRedo, undoLabel, redoLabel}
//   history.list           {entity?, entityId?, limit?, beforeSeq?} → AuditEntry[] newest first (who, when, from → to),
//                          including undo/redo entries.
import { z } from 'zod';
import {
  CONFIDENCES,
  OBSERVABILITIES,
  SIGHTING_CLASSES,
  ZONE_KINDS,
  type EditRecord,
  type SceneZoneObservability,
  type Sighting,
  type Track,
  type Vessel,
  type Zone,
  type LonLat,
} from '../domain';
import { call, empty, finite, idSchema, lonLatSchema, pointSchema } from './define';
import { ringSelfIntersects } from '../geometry';

/** More vertices than any hand-drawn outline; bounds the work one payload can cause. */
export const MAX_POLYGON_VERTICES = 10_000;
const MAX_RINGS = 100;
/** How many sightings one multi-select edit may touch. */
export const MAX_BATCH = 10_000;

const sameLonLat = (a: readonly number[] | undefined, b: readonly number[] | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];

/** Twice the signed planar area of a lon/lat ring; zero means a degenerate (flat) ring. */
function ringArea2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

const ringSchema = z
  .array(lonLatSchema)
  .min(4, 'a polygon ring needs at least 4 positions (3 corners and the closing one)')
  .max(MAX_POLYGON_VERTICES, `a polygon may have at most ${MAX_POLYGON_VERTICES} vertices`)
  .refine((r) => sameLonLat(r[0], r[r.length - 1]), 'a polygon ring must be closed (last position equal to the first)');

/** A GeoJSON Polygon in lon/lat: closed rings, a non-flat outer ring, ≤ 10,000 vertices in all. */
export const polygonSchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z.array(ringSchema).min(1, 'a polygon needs an outer ring').max(MAX_RINGS, `a polygon may have at most ${MAX_RINGS} rings`),
  })
  .strict()
  .refine((p) => p.coordinates.reduce((n, r) => n + r.length, 0) <= MAX_POLYGON_VERTICES, `a polygon may have at most ${MAX_POLYGON_VERTICES} vertices`)
  .refine((p) => Math.abs(ringArea2(p.coordinates[0]!)) > 1e-18, 'the polygon has no area (its corners lie on one line)')
  .refine((p) => !p.coordinates.some((r) => ringSelfIntersects(r as LonLat[])), 'the polygon crosses itself (a "bowtie"); redraw it so its edges do not cross');

/** A sighting is a point, or an oriented box / outline (a box is a 5-position closed ring). */
export const sightingGeometrySchema = z.discriminatedUnion('type', [pointSchema, polygonSchema]);

const notesSchema = z.string().max(10_000);
/** Containers in a stack; bounded well above any quay's capacity. */
const countSchema = z.number().int('a container count is a whole number').min(0).max(100_000);
const labelSchema = z.string().trim().min(1).max(80);

/** One sighting to create (sightings.create takes the same fields). */
export const sightingInputSchema = z
  .object({
    sceneId: idSchema,
    class: z.enum(SIGHTING_CLASSES),
    geometry: sightingGeometrySchema,
    confidence: z.enum(CONFIDENCES).default('confirmed'),
    count: countSchema.nullable().optional(),
    vesselId: idSchema.nullable().optional(),
    trackId: idSchema.nullable().optional(),
    notes: notesSchema.default(''),
  })
  .strict();

const sightingPatchSchema = z
  .object({
    class: z.enum(SIGHTING_CLASSES),
    geometry: sightingGeometrySchema,
    confidence: z.enum(CONFIDENCES),
    count: countSchema.nullable(),
    vesselId: idSchema.nullable(),
    trackId: idSchema.nullable(),
    /** A zone id overrides containment; null goes back to containment. */
    zoneId: idSchema.nullable(),
    notes: notesSchema,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'the patch changes nothing');

const idsSchema = z.array(idSchema).min(1, 'select at least one sighting').max(MAX_BATCH, `at most ${MAX_BATCH} sightings at once`);

/** IMO numbers: 7 digits whose last is a check digit; "IMO 9234567" is accepted and stored as "9234567". */
export function imoCheckDigitOk(imo: string): boolean {
  if (!/^\d{7}$/.test(imo)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(imo[i]) * (7 - i);
  return sum % 10 === Number(imo[6]);
}
const imoSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/^\s*IMO\s*/i, '').trim())
  .refine((s) => /^\d{7}$/.test(s), 'an IMO number has 7 digits')
  .refine(imoCheckDigitOk, 'that IMO number fails its check digit; check for a typo');
const mmsiSchema = z
  .string()
  .trim()
  .refine((s) => /^\d{9}$/.test(s), 'an MMSI has 9 digits');
/** ITU call signs: 3 to 7 letters and digits ("UBCD7", "9HA2345"); "ub cd7" is accepted and stored as "UBCD7". */
const callSignSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => /^[A-Z0-9]{3,7}$/.test(s), 'a call sign has 3 to 7 letters and digits');
/** The vessel fields' schemas, for forms that say a field's problem beside it in the API's own words. */
export const vesselFields = {
  kind: z.enum(['vessel', 'aircraft']),
  name: z.string().trim().min(1, 'a vessel needs a name').max(200),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50),
  imo: imoSchema.nullable(),
  mmsi: mmsiSchema.nullable(),
  /** Flag state as the analyst writes it (e.g. "Russia", "RU"). */
  flag: z.string().trim().min(1).max(60).nullable(),
  /** Length overall in metres. */
  lengthM: finite.refine((v) => v > 0 && v <= 600, 'length must be between 0 and 600 m').nullable(),
  callSign: callSignSchema.nullable(),
  /** Beam (greatest width) in metres: no ship is narrower than 1 m or wider than 80 m. */
  beamM: finite.refine((v) => v >= 1 && v <= 80, 'beam must be between 1 and 80 m').nullable(),
};

const zoneFields = {
  name: z.string().trim().min(1, 'a zone needs a name').max(200),
  kind: z.enum(ZONE_KINDS),
  geometry: polygonSchema,
};

export const HISTORY_ENTITIES = ['sighting', 'zone', 'scene', 'vessel', 'track', 'site', 'observability', 'examined', 'review', 'setting', 'settlement'] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** e.g. "Delete 3 sightings"; null when there is nothing to undo. */
  undoLabel: string | null;
  redoLabel: string | null;
}

/** One entity's value after an undo/redo; null when it no longer exists. */
export interface EntityChange {
  entity: HistoryEntity;
  /** For observability and examined: "sceneId/zoneId". */
  id: string;
  value: unknown;
}

export interface HistoryChange {
  /** The label of the step undone or redone. */
  label: string;
  changes: EntityChange[];
  state: HistoryState;
}

/**
 * Where a change to a project comes from: the analyst's own undoable 'edit', an 'import' (scenes, the
 * demo), a colleague's 'package', 'derived' data (observability read from masks), a 'migration', or the
 * 'team' workspace (colleagues' changes pulled by a sync, electron/node/team/sync.ts).
 */
export type ChangeOrigin = 'edit' | 'import' | 'package' | 'derived' | 'migration' | 'team';

/** One line of the audit trail: who changed which entity, when, from what to what. */
export interface AuditEntry {
  seq: number;
  at: string;
  author: string;
  label: string;
  /** 'undo'/'redo' entries record the reversal of an earlier edit. */
  action: 'edit' | 'undo' | 'redo';
  /** Where the change came from; only 'edit' is ever undoable here ('package' = a colleague's package). */
  origin: ChangeOrigin;
  entity: EditRecord['entity'];
  entityId: string;
  before: unknown;
  after: unknown;
  /** Top-level fields that differ between before and after (all of them for a creation or deletion). */
  changed: string[];
}

export interface CarryForwardResult {
  sceneId: string;
  created: Sighting[];
  /** Tracks created for sightings that had neither vessel nor track. */
  tracks: Track[];
  /** Originals that were not copied, e.g. the same vessel is already marked on the target scene. */
  skipped: { id: string; reason: string }[];
}

export interface AcceptGhostResult {
  sighting: Sighting;
  /** A track created because the ghost had neither vessel nor track; null otherwise. */
  track: Track | null;
}

export interface SceneDeleted {
  id: string;
  acquired: string;
  /** How many sightings (marks) went with it, and how many of their reviews. */
  sightings: number;
  reviews: number;
}

export const editingCalls = {
  'sightings.update': call<Sighting>()(z.object({ id: idSchema, patch: sightingPatchSchema, label: labelSchema.optional() }).strict()),
  'sightings.updateMany': call<Sighting[]>()(
    z
      .object({
        updates: z
          .array(z.object({ id: idSchema, patch: sightingPatchSchema }).strict())
          .min(1, 'select at least one sighting')
          .max(MAX_BATCH, `at most ${MAX_BATCH} sightings at once`)
          .refine((us) => new Set(us.map((u) => u.id)).size === us.length, 'the same sighting appears twice in one batch edit'),
        label: labelSchema.optional(),
      })
      .strict(),
  ),
  // Point or oriented box/polygon, optionally linked to a vessel/track (schema shared with sightings.createMany).
  'sightings.create': call<Sighting>()(sightingInputSchema),
  'sightings.delete': call<{ id: string }>()(z.object({ id: idSchema }).strict()),
  'sightings.createMany': call<Sighting[]>()(
    z.object({ sightings: z.array(sightingInputSchema).min(1).max(MAX_BATCH) }).strict(),
  ),
  'sightings.deleteMany': call<{ ids: string[] }>()(z.object({ ids: idsSchema }).strict()),
  'sightings.verify': call<Sighting[]>()(z.object({ ids: idsSchema }).strict()),
  'sightings.carryForward': call<CarryForwardResult>()(z.object({ ids: idsSchema, toSceneId: idSchema.optional() }).strict()),
  'sightings.acceptGhost': call<AcceptGhostResult>()(z.object({ ghostId: idSchema, sceneId: idSchema }).strict()),

  'vessels.list': call<Vessel[]>()(empty),
  'vessels.create': call<Vessel>()(
    z
      .object({
        kind: vesselFields.kind.default('vessel'),
        name: vesselFields.name,
        aliases: vesselFields.aliases.default([]),
        imo: vesselFields.imo.default(null),
        mmsi: vesselFields.mmsi.default(null),
        flag: vesselFields.flag.default(null),
        lengthM: vesselFields.lengthM.default(null),
        callSign: vesselFields.callSign.default(null),
        beamM: vesselFields.beamM.default(null),
      })
      .strict(),
  ),
  'vessels.update': call<Vessel>()(
    z
      .object({
        id: idSchema,
        patch: z
          .object(vesselFields)
          .partial()
          .strict()
          .refine((p) => Object.keys(p).length > 0, 'the patch changes nothing'),
      })
      .strict(),
  ),

  'tracks.list': call<Track[]>()(empty),
  'tracks.create': call<Track>()(z.object({ class: z.enum(SIGHTING_CLASSES), label: z.string().trim().max(200).default('') }).strict()),
  'tracks.update': call<Track>()(z.object({ id: idSchema, label: z.string().trim().max(200) }).strict()),

  'zones.create': call<Zone>()(z.object({ siteId: idSchema.optional(), ...zoneFields }).strict()),
  'zones.update': call<Zone>()(
    z
      .object({
        id: idSchema,
        patch: z
          .object(zoneFields)
          .partial()
          .strict()
          .refine((p) => Object.keys(p).length > 0, 'the patch changes nothing'),
        label: labelSchema.optional(),
      })
      .strict(),
  ),
  'zones.delete': call<{ id: string }>()(z.object({ id: idSchema }).strict()),

  'scenes.delete': call<SceneDeleted>()(z.object({ id: idSchema }).strict()),

  'observability.set': call<SceneZoneObservability>()(
    z.object({ sceneId: idSchema, zoneId: idSchema, value: z.enum(OBSERVABILITIES) }).strict(),
  ),

  'examined.set': call<{ changed: number }>()(
    z
      .object({
        sceneIds: z.array(idSchema).min(1).max(100_000),
        /** Omitted: every zone each scene shows (clear or partial). */
        zoneIds: z.array(idSchema).min(1).max(10_000).optional(),
        value: z.boolean(),
      })
      .strict(),
  ),

  'history.undo': call<HistoryChange>()(empty),
  'history.redo': call<HistoryChange>()(empty),
  'history.state': call<HistoryState>()(empty),
  'history.list': call<AuditEntry[]>()(
    z
      .object({
        entity: z.enum(HISTORY_ENTITIES).optional(),
        entityId: z.string().min(1).max(80).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        /** Paging: entries strictly older than this seq. */
        beforeSeq: z.number().int().min(1).optional(),
      })
      .strict()
      .refine((r) => !r.entityId || r.entity, 'entityId needs entity'),
  ),
} as const;
