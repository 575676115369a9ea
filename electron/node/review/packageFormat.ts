// The sightings package format, versions 1 and 2 (documented in docs/package-format.md): their schemas
// and the content hash. Reading and writing the zip live in sightingsPackage.ts. Version 2 gave vessels
// a call sign and a beam; version 1's reader refuses keys it does not know, so a package that carries
// them says version 2 and an older Quaywatch asks to be updated instead of failing on a field.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CONFIDENCES, REVIEW_VERDICTS, SIGHTING_CLASSES, SIGHTING_ORIGINS, ZONE_KINDS } from '../../../shared/domain';
import { finite, idSchema, isoInstantSchema } from '../../../shared/calls/define';
import { polygonSchema, sightingGeometrySchema, MAX_BATCH, vesselFields } from '../../../shared/calls/editing';
import { canonicalJson } from '../../../shared/review/canonical';
import { sceneAcquiredSchema, sceneFootprintSchema } from '../../../shared/calls/imagery';

export const PACKAGE_FORMAT = 'quaywatch-sightings-package';
/** The format version this code writes, and the newest it reads (it reads every version from 1). */
export const PACKAGE_FORMAT_VERSION = 2;
export type PackageFormatVersion = 1 | 2;
export const MANIFEST_ENTRY = 'manifest.json';
export const CONTENT_ENTRY = 'content.json';
/** Far above any investigation's marks (a year of daily scenes × dozens of marks), far below memory trouble. */
export const MAX_CONTENT_BYTES = 256 * 1024 * 1024;
const MAX_ITEMS = 1_000_000;

// Read as shared/dates.ts reads every instant (no zone: UTC), and kept as ISO UTC with Z, so the
// times compared on import (updatedAt, a scene's acquired) never depend on the machine's zone.
const iso = isoInstantSchema;
const text = (max: number) => z.string().max(max);
const jsonText = z.string().max(1_000_000).nullable();

export const manifestSchema = z.object({
  format: z.string().max(100),
  formatVersion: z.number().int().min(1),
}).passthrough();

/** The manifest of a known version, checked once the version is known (versions 1 and 2 share its fields). */
const manifestOf = <V extends PackageFormatVersion>(version: V) => z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.literal(version),
    /** sha256 (hex) of the canonical JSON of content.json. */
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: iso,
    /** The analyst who exported it. */
    exportedBy: text(200),
    project: z.object({ id: text(80), name: text(500) }).strict(),
    app: text(100),
  })
  .strict();
export const manifestV1Schema = manifestOf(1);
export const manifestV2Schema = manifestOf(2);
export const manifestSchemaOf = (version: PackageFormatVersion) => (version === 1 ? manifestV1Schema : manifestV2Schema);
export type PackageManifest = z.infer<typeof manifestV1Schema> | z.infer<typeof manifestV2Schema>;

const sceneRefSchema = z
  .object({
    id: idSchema,
    provider: text(200),
    product: text(200),
    itemId: text(500).nullable(),
    // The API's own scene fields (shared/calls/imagery.ts), as every importer checks a scene.
    acquired: sceneAcquiredSchema,
    footprint: sceneFootprintSchema.nullable(),
  })
  .strict();

const zoneSchema = z.object({ id: idSchema, siteId: idSchema, name: text(200), kind: z.enum(ZONE_KINDS), geometry: polygonSchema }).strict();
/** A vessel as version 1 wrote it: no call sign, no beam (and no other key: version 1 readers refuse one). */
const vesselV1Schema = z
  .object({
    id: idSchema,
    kind: z.enum(['vessel', 'aircraft']),
    name: text(200),
    aliases: z.array(text(200)).max(50),
    imo: text(20).nullable(),
    mmsi: text(20).nullable(),
    flag: text(60).nullable(),
    lengthM: finite.nullable(),
  })
  .strict();
/** Version 2: a vessel's call sign and beam, checked with the API's own field schemas. */
const vesselSchema = vesselV1Schema.extend({ callSign: vesselFields.callSign, beamM: vesselFields.beamM }).strict();
const trackSchema = z.object({ id: idSchema, class: z.enum(SIGHTING_CLASSES), label: text(200) }).strict();
const sightingSchema = z
  .object({
    id: idSchema,
    sceneId: idSchema,
    class: z.enum(SIGHTING_CLASSES),
    geometry: sightingGeometrySchema,
    zoneId: idSchema.nullable(),
    zoneOverridden: z.boolean(),
    confidence: z.enum(CONFIDENCES),
    count: z.number().int().min(0).max(100_000).nullable(),
    vesselId: idSchema.nullable(),
    trackId: idSchema.nullable(),
    notes: text(10_000),
    author: text(200),
    createdAt: iso,
    updatedAt: iso,
    // Provenance (since version 7 of the project file); a package from before has marks taken as marked and verified.
    origin: z.enum(SIGHTING_ORIGINS).default('marked'),
    originDetail: text(500).default(''),
    verified: z.boolean().default(true),
  })
  .strict();
const reviewSchema = z
  .object({ id: idSchema, sightingId: idSchema, reviewer: text(200), verdict: z.enum(REVIEW_VERDICTS), comment: text(2000), at: iso })
  .strict();
/** One row of the exporting project's audit trail; before/after are the stored JSON texts, verbatim. */
const historySchema = z
  .object({
    at: iso,
    author: text(200),
    label: text(200),
    entity: z.enum(['sighting', 'review']),
    entityId: idSchema,
    before: jsonText,
    after: jsonText,
  })
  .strict();

const contentOf = <V extends z.ZodType<z.infer<typeof vesselSchema>, unknown>>(vessel: V) => z
  .object({
    site: z.object({ id: idSchema, name: text(500), aoi: polygonSchema.nullable() }).strict(),
    scenes: z.array(sceneRefSchema).max(MAX_ITEMS),
    zones: z.array(zoneSchema).max(MAX_BATCH),
    vessels: z.array(vessel).max(MAX_ITEMS),
    tracks: z.array(trackSchema).max(MAX_ITEMS),
    sightings: z.array(sightingSchema).max(MAX_ITEMS),
    reviews: z.array(reviewSchema).max(MAX_ITEMS),
    history: z.array(historySchema).max(10 * MAX_ITEMS),
  })
  .strict();
export const contentSchema = contentOf(vesselSchema);
/** Version 1's content, read as version 2's: its vessels have no call sign or beam. */
const contentV1Schema = contentOf(vesselV1Schema.transform((v) => ({ ...v, callSign: null, beamM: null })));
export const contentSchemaOf = (version: PackageFormatVersion) => (version === 1 ? contentV1Schema : contentSchema);
export type PackageContent = z.infer<typeof contentSchema>;
export type SceneRef = z.infer<typeof sceneRefSchema>;

/** sha256 (hex) over the canonical JSON (sorted keys, no whitespace, UTF-8) of the content. */
export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * One schema per shared entity, as a package carries it: the team workspace checks every value it pulls
 * from the server with these (electron/node/team/sync.ts), so a package and a team sync accept the same.
 */
export const entitySchemas = { zone: zoneSchema, vessel: vesselSchema, track: trackSchema, sighting: sightingSchema, review: reviewSchema } as const;
