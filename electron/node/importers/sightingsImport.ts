// Imports sightings from GeoJSON or CSV: scenes by id or item id, vessels and tracks by name, zone by containment unless given.
//
// Identity rule (so importing the same file twice adds nothing): a sighting's id is a UUID v5 of its
// scene id, class, geometry (coordinates rounded to 1e-9°), author, and its ordinal among identical
// rows of the same file. A row whose id is already in the project is skipped, even when that sighting
// was edited in the app since (the edit is kept); a sighting deleted since is imported again. Vessel,
// track, confidence, count, zone and notes are attributes, not identity: re-importing a corrected file
// does not overwrite what is in the project.
//
// A vessel's identity can come with its marks (mmsi, imo, call_sign or callsign, flag, length, beam): it fills what the project's
// vessel lacks, so a scripted project links to AIS without hand work; a value that contradicts the
// stored one is reported and never overwrites it. A row with an MMSI or IMO and no vessel name names
// the vessel that already has it (or a new one, "MMSI 273123456").
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { CONFIDENCES, SIGHTING_CLASSES, type Confidence, type Scene, type SightingClass, type SightingGeometry, type Vessel, type Zone } from '../../../shared/domain';
import { canHaveCount, classNoun, linkableKind, placeInZone, vesselLinkRefusal } from '../../../shared/sightingRules';
import { examinedKey } from '../../../shared/examination';
import { editingOf } from '../store/editing';
import { historyOf } from '../store/history';
import type { ProjectStore } from '../store/projectStore';
import { QuaywatchError } from '../errors';
import { describeIssue } from '../../../shared/calls/define';
import { sightingInputSchema, vesselFields } from '../../../shared/calls/editing';
import { IDENTITY_WORDS, judgeIdentityValue, placeholderName, type IdentityField } from '../../../shared/vesselIdentity';
import { checkPolygon, checkPosition, featureWhere, fileError, propertiesOf, readGeoJsonFeatures, readTextFile, uuidV5 } from './importFiles';
import { sceneByRef, zoneByRef } from './resolve';

/** Namespace of imported sighting ids (fixed forever: changing it would duplicate every re-import). */
export const SIGHTING_IMPORT_NAMESPACE = '6f1d2c4e-8a53-4d0b-9c7e-3b5f1a2e7d90';

export const SIGHTING_FIELDS = ['scene', 'class', 'vessel', 'track', 'count', 'confidence', 'zone', 'author', 'notes', 'mmsi', 'imo', 'call_sign', 'callsign', 'flag', 'length', 'beam'] as const;
const CSV_GEOMETRY_FIELDS = ['lon', 'lat'];

export interface SightingsImportResult {
  rows: number;
  added: number;
  /** Rows whose sighting is already in the project (same identity). */
  alreadyImported: number;
  vesselsCreated: string[];
  /** Vessels whose MMSI, IMO, call sign, flag, length or beam the file filled in. */
  identitiesFilled: string[];
  /** Identity values the file gave that contradict the project's (or an earlier row's): reported, not applied. */
  identityConflicts: string[];
  tracksCreated: string[];
  /** Columns or properties that are not sighting fields (ignored). */
  ignoredFields: string[];
  /** Scene × zone pairs newly marked examined (`examined`: 'marked' or 'all'). */
  examined: number;
}

/**
 * What an import says of the analyst's effort: 'none' (default: the scenes still need looking at),
 * 'marked' (each zone on each scene the file has a mark in was examined completely), or 'all' (every
 * zone every scene of the project shows: the file is a complete annotation from another tool).
 */
export type ImportExamined = 'none' | 'marked' | 'all';
export const IMPORT_EXAMINED: readonly ImportExamined[] = ['none', 'marked', 'all'];

export interface SightingsImportOptions {
  onProgress?: (done: number, total: number) => void;
  examined?: ImportExamined;
}

interface SightingRow {
  where: string;
  scene: string;
  class: SightingClass;
  vessel: string | null;
  track: string | null;
  count: number | null;
  confidence: Confidence;
  zone: string | null;
  author: string | null;
  notes: string;
  identity: VesselIdentity;
  geometry: SightingGeometry;
}

/** The identity fields a row may give of its vessel (null: not given). */
type VesselIdentity = Pick<Vessel, 'mmsi' | 'imo' | 'callSign' | 'flag' | 'lengthM' | 'beamM'>;
const ROW_IDENTITY_FIELDS = ['mmsi', 'imo', 'callSign', 'flag', 'lengthM', 'beamM'] as const satisfies readonly (keyof VesselIdentity & IdentityField)[];

const text = (max: number) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() || undefined : v),
    z.string({ error: 'must be text' }).max(max, { error: `is longer than ${max} characters` }).optional(),
  );
const lowerEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/[\s-]+/g, '_') || undefined : v ?? undefined),
    z.enum(values, { error: (i) => `is "${String(i.input)}"; use one of ${values.join(', ')}` }).optional(),
  );
const count = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v) : v ?? undefined),
  z
    .number({ error: (i) => `is "${String(i.input)}"; a whole number is needed` })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'cannot be negative' })
    .max(1_000_000, { error: 'is implausibly large' })
    .optional(),
);

/** An identity column: empty is "not given"; otherwise the API's own vessel field schema decides. */
const identityField = <T extends z.ZodType>(schema: T, toText = true) =>
  z.preprocess((v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : toText && typeof v === 'number' ? String(v) : !toText && typeof v === 'string' ? Number(v) : v), schema.optional());

const RowSchema = z.object({
  scene: text(200),
  class: lowerEnum(SIGHTING_CLASSES),
  vessel: text(200),
  track: text(200),
  count,
  confidence: lowerEnum(CONFIDENCES),
  zone: text(200),
  author: text(200),
  notes: text(10_000),
  mmsi: identityField(vesselFields.mmsi.unwrap()),
  imo: identityField(vesselFields.imo.unwrap()),
  call_sign: identityField(vesselFields.callSign.unwrap()),
  callsign: identityField(vesselFields.callSign.unwrap()),
  flag: identityField(vesselFields.flag.unwrap()),
  length: identityField(vesselFields.lengthM.unwrap(), false),
  beam: identityField(vesselFields.beamM.unwrap(), false),
});

function checkRow(file: string, where: string, fields: Record<string, unknown>, geometry: SightingGeometry): SightingRow {
  const parsed = RowSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fileError(file, where, `"${String(issue.path[0])}" ${issue.message}`);
  }
  const r = parsed.data;
  if (!r.scene) throw fileError(file, where, 'no "scene" (a scene id or a provider item id)');
  if (!r.class) throw fileError(file, where, `no "class" (one of ${SIGHTING_CLASSES.join(', ')})`);
  if (r.call_sign && r.callsign && r.call_sign !== r.callsign) throw fileError(file, where, `"call_sign" is ${r.call_sign} and "callsign" ${r.callsign}; give one`);
  return {
    where,
    scene: r.scene,
    class: r.class,
    vessel: r.vessel ?? null,
    track: r.track ?? null,
    count: r.count ?? null,
    confidence: r.confidence ?? 'confirmed',
    zone: r.zone ?? null,
    author: r.author ?? null,
    notes: r.notes ?? '',
    identity: { mmsi: r.mmsi ?? null, imo: r.imo ?? null, callSign: r.call_sign ?? r.callsign ?? null, flag: r.flag ?? null, lengthM: r.length ?? null, beamM: r.beam ?? null },
    geometry,
  };
}

function readGeoJsonRows(file: string, ignored: Set<string>): SightingRow[] {
  return readGeoJsonFeatures(file).map((f) => {
    const where = featureWhere(f);
    const g = f.feature.geometry as { type?: unknown; coordinates?: unknown } | null;
    let geometry: SightingGeometry;
    if (g && g.type === 'Point') {
      const p = checkPosition(g.coordinates);
      if (typeof p === 'string') throw fileError(file, where, p);
      geometry = { type: 'Point', coordinates: p };
    } else {
      const poly = checkPolygon(g);
      if (typeof poly === 'string') throw fileError(file, where, g && g.type !== 'Polygon' && g.type !== 'MultiPolygon' ? `geometry is ${g.type === undefined ? 'missing' : `a ${String(g.type)}`}; a Point or a Polygon is needed` : poly);
      geometry = poly;
    }
    const props = propertiesOf(f);
    for (const k of Object.keys(props)) if (!(SIGHTING_FIELDS as readonly string[]).includes(k)) ignored.add(k);
    return checkRow(file, where, props, geometry);
  });
}

function readCsvRows(file: string, ignored: Set<string>): SightingRow[] {
  const input = readTextFile(file);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parseCsv(input, {
      columns: (h: string[]) => (header = h.map((x) => x.trim().toLowerCase())),
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    }) as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw fileError(file, err.lines ? `line ${err.lines}` : null, `not valid CSV (${err.message.replace(/^Invalid Record Length: /, '').replace(/, got \d+ on line \d+$/, '')})`);
  }
  for (const need of ['scene', 'class', ...CSV_GEOMETRY_FIELDS]) {
    if (!header.includes(need)) throw fileError(file, 'line 1', `the header has no "${need}" column (needed: scene, class, lon, lat)`);
  }
  for (const h of header) if (![...SIGHTING_FIELDS, ...CSV_GEOMETRY_FIELDS].includes(h)) ignored.add(h);
  return records.map(({ record, info }) => {
    const where = `line ${info.lines}`;
    const lonLat = [record.lon, record.lat].map((v) => (v === undefined || v.trim() === '' ? Number.NaN : Number(v)));
    if (lonLat.some((v) => Number.isNaN(v))) throw fileError(file, where, '"lon" and "lat" must be numbers in degrees');
    const p = checkPosition(lonLat);
    if (typeof p === 'string') throw fileError(file, where, p);
    return checkRow(file, where, record, { type: 'Point', coordinates: p });
  });
}

/** Reads and checks the whole file (by extension: .geojson/.json or .csv); nothing is written. */
export function readSightingsFile(file: string, ignored = new Set<string>()): SightingRow[] {
  const ext = file.toLowerCase().replace(/^.*\./, '');
  let rows: SightingRow[];
  if (ext === 'csv') rows = readCsvRows(file, ignored);
  else if (ext === 'geojson' || ext === 'json') rows = readGeoJsonRows(file, ignored);
  else throw new QuaywatchError('invalid_request', `Cannot tell the format of ${file}: use a .geojson or .csv file.`);
  if (rows.length === 0) throw fileError(file, null, 'the file has no sightings');
  return rows;
}

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;
const canonicalGeometry = (g: SightingGeometry) =>
  JSON.stringify(g.type === 'Point' ? ['P', g.coordinates.map(round9)] : ['A', g.coordinates.map((ring) => ring.map((p) => p.map(round9)))]);

/**
 * Checks every row against the project and the app's rules (counts only on container stacks, a vessel
 * or track marked once per scene, a vessel linked only to sightings of its kind) before anything is
 * written; then adds the new ones as one undoable step ("Import 12 sightings from x.csv").
 */
export function importSightings(store: ProjectStore, file: string, options: SightingsImportOptions = {}): SightingsImportResult {
  const ignored = new Set<string>();
  const rows = readSightingsFile(file, ignored);
  const scenes = store.scenes();
  const zones = store.zones();
  const vessels = new Map<string, Vessel>();
  for (const v of store.vessels()) for (const n of [v.name, ...v.aliases]) if (!vessels.has(n.toLowerCase())) vessels.set(n.toLowerCase(), v);
  const tracks = new Map(store.tracks().map((t) => [t.label.toLowerCase(), t]));
  const occurrences = new Map<string, number>();
  const inFile = new Map<string, string>();
  const result: SightingsImportResult = { rows: rows.length, added: 0, alreadyImported: 0, vesselsCreated: [], identitiesFilled: [], identityConflicts: [], tracksCreated: [], ignoredFields: [...ignored].sort(), examined: 0 };
  const identities = identityBook(store.vessels(), result.identityConflicts);

  // Where the file's marks are (rows already imported included): the zones 'marked' examines.
  const markedPairs = new Map<string, { sceneId: string; zoneId: string }>();
  const siteOfScene = new Map(scenes.map((s) => [s.id, s.siteId]));
  const siteOfZone = new Map(zones.map((z) => [z.id, z.siteId]));
  const noteMarked = (sceneId: string, zoneId: string | null) => {
    if (zoneId && siteOfZone.get(zoneId) === siteOfScene.get(sceneId)) markedPairs.set(examinedKey(sceneId, zoneId), { sceneId, zoneId });
  };
  const todo = rows.flatMap((row) => {
    const fail = (m: string): never => {
      throw fileError(file, row.where, m);
    };
    const scene = sceneByRef(scenes, row.scene);
    if (typeof scene === 'string') fail(scene);
    const sceneId = (scene as Scene).id;
    // The API's own schema for a new sighting (as sightings.create checks it): a file can bring in nothing a request could not.
    const asRequest = sightingInputSchema.safeParse({ sceneId, class: row.class, geometry: row.geometry, confidence: row.confidence, count: row.count, notes: row.notes });
    if (!asRequest.success) fail(describeIssue(asRequest.error));
    const zone = row.zone ? zoneByRef(zones, row.zone) : null;
    if (typeof zone === 'string') fail(zone);
    const author = row.author ?? store.author;
    const key = [sceneId, row.class, canonicalGeometry(row.geometry), author].join('\n');
    const nth = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, nth);
    const id = uuidV5(`${key}\n${nth}`, SIGHTING_IMPORT_NAMESPACE);
    const given = ROW_IDENTITY_FIELDS.filter((k) => row.identity[k] !== null);
    if (given.length && linkableKind(row.class) !== 'vessel') fail(`${given.map((k) => IDENTITY_WORDS[k]).join(', ')} describe a vessel; a ${classNoun(row.class)} sighting cannot carry them`);
    if (given.length && !row.vessel) {
      const holder = identities.holderOf(row.identity);
      if (!holder && !row.identity.mmsi && !row.identity.imo) fail('a call sign, flag, length or beam needs the vessel it belongs to: add a "vessel" name, an "mmsi" or an "imo"');
      row.vessel = holder ?? placeholderName(row.identity)!;
    }
    // Identity is offered for rows already imported too: re-importing a file with an mmsi column added fills it.
    if (given.length && row.vessel) identities.offer(row.vessel, vessels.get(row.vessel.toLowerCase()), row.identity, row.where);
    const existing = store.sighting(id);
    if (existing) {
      noteMarked(sceneId, existing.zoneId);
      result.alreadyImported++;
      return [];
    }
    if (row.count !== null && !canHaveCount(row.class)) fail('only container stacks have a "count"');
    if (row.vessel) {
      const kind = linkableKind(row.class);
      if (!kind) fail(`a ${classNoun(row.class)} sighting cannot name a "vessel" (only vessel and aircraft sightings do; use "track" to follow an object)`);
      const v = vessels.get(row.vessel.toLowerCase());
      if (v && vesselLinkRefusal(row.class, v)) fail(`${v.name} is ${v.kind === 'aircraft' ? 'an aircraft' : 'a vessel'} in this project: it can only be linked to ${v.kind} sightings`);
      if (v && store.subjectMarkedOnScene(sceneId, 'vessel', v.id)) fail(`${v.name} is already marked on scene ${row.scene}; a vessel is marked once per scene`);
    }
    const t = row.track ? tracks.get(row.track.toLowerCase()) : undefined;
    if (t && store.subjectMarkedOnScene(sceneId, 'track', t.id)) fail(`track ${t.label} is already marked on scene ${row.scene}; a track is marked once per scene`);
    for (const [what, name] of [['vessel', row.vessel], ['track', row.track]] as const) {
      if (!name) continue;
      const k = `${what}\u0001${name.toLowerCase()}\u0001${sceneId}`;
      const first = inFile.get(k);
      if (first) fail(`${what} ${name} is marked twice on scene ${row.scene} (also at ${first}); a ${what} is marked once per scene`);
      inFile.set(k, row.where);
    }
    return [{ row, id, sceneId, author, zoneId: (zone as Zone | null)?.id ?? null }];
  });

  const examined = options.examined ?? 'none';
  const fillsExisting = store.vessels().some((v) => identities.fillsOf(v.name));
  if (todo.length === 0 && examined === 'none' && !fillsExisting) return result;
  const label = todo.length
    ? `Import ${todo.length === 1 ? 'a sighting' : `${todo.length} sightings`} from ${path.basename(file)}`
    : examined === 'none'
      ? `Vessel identities from ${path.basename(file)}`
      : `Mark scenes examined from ${path.basename(file)}`;
  historyOf(store).run(label, (tx) => {
    // The project's vessels the file gave an MMSI, IMO, call sign, flag, length or beam they lacked.
    for (const v of store.vessels()) {
      const fills = identities.fillsOf(v.name);
      if (!fills) continue;
      const updated = tx.put('vessel', { ...v, ...fills });
      for (const [k, x] of vessels) if (x.id === v.id) vessels.set(k, updated);
      result.identitiesFilled.push(v.name);
    }

    todo.forEach(({ row, id, sceneId, author, zoneId }, i) => {
      let vesselId: string | null = null;
      if (row.vessel) {
        let v = vessels.get(row.vessel.toLowerCase());
        if (!v) {
          v = tx.put('vessel', { id: randomUUID(), kind: linkableKind(row.class)!, name: row.vessel, aliases: [], imo: null, mmsi: null, callSign: null, flag: null, lengthM: null, beamM: null, ...identities.fillsOf(row.vessel) });
          vessels.set(row.vessel.toLowerCase(), v);
          result.vesselsCreated.push(row.vessel);
        }
        vesselId = v.id;
      }
      let trackId: string | null = null;
      if (row.track) {
        let t = tracks.get(row.track.toLowerCase());
        if (!t) {
          t = tx.put('track', { id: randomUUID(), class: row.class, label: row.track });
          tracks.set(row.track.toLowerCase(), t);
          result.tracksCreated.push(row.track);
        }
        trackId = t.id;
      }
      const at = new Date().toISOString();
      const placed = placeInZone(row.geometry, zoneId, zones);
      noteMarked(sceneId, placed.zoneId);
      tx.put('sighting', {
        id,
        sceneId,
        class: row.class,
        geometry: row.geometry,
        ...placed,
        confidence: row.confidence,
        count: row.count,
        vesselId,
        trackId,
        notes: row.notes,
        author,
        createdAt: at,
        updatedAt: at,
        // Someone's look at the scene, brought in from a file: verified as that analyst saw it.
        origin: 'imported',
        originDetail: path.basename(file),
        verified: true,
      });
      result.added++;
      if (options.onProgress && (i + 1) % 500 === 0) options.onProgress(i + 1, todo.length);
    });
    // Joins this step: one undo takes back the sightings and what the import said was examined.
    const editing = editingOf(store);
    if (examined === 'all' && scenes.length) result.examined = editing.setExamined({ sceneIds: scenes.map((s) => s.id), value: true }).changed;
    if (examined === 'marked') {
      for (const { sceneId, zoneId } of markedPairs.values()) if (editing.examine(tx, sceneId, zoneId)) result.examined++;
    }
  });
  if (options.onProgress && todo.length >= 500) options.onProgress(todo.length, todo.length);
  return result;
}

/**
 * What the file says of its vessels' identities, checked against the project and against itself: a
 * value fills a field the vessel lacks; one that differs from the stored (or an earlier row's) value,
 * or an MMSI/IMO another vessel already has, is a conflict, said in words and not applied.
 */
function identityBook(stored: Vessel[], conflicts: string[]) {
  const fills = new Map<string, Partial<VesselIdentity>>();
  const holders = new Map<string, string>(); // "mmsi:…"/"imo:…" → vessel name (lower case)
  const nameOf = new Map<string, string>();
  for (const v of stored) {
    if (v.mmsi) holders.set(`mmsi:${v.mmsi}`, v.name.toLowerCase());
    if (v.imo) holders.set(`imo:${v.imo}`, v.name.toLowerCase());
    nameOf.set(v.name.toLowerCase(), v.name);
  }
  return {
    /** The name of the vessel that has this MMSI (else IMO), in the project or earlier in the file. */
    holderOf(identity: VesselIdentity): string | null {
      const key = (identity.mmsi && holders.get(`mmsi:${identity.mmsi}`)) || (identity.imo && holders.get(`imo:${identity.imo}`));
      return key ? (nameOf.get(key) ?? key) : null;
    },
    offer(name: string, vessel: Vessel | undefined, identity: VesselIdentity, where: string) {
      const key = name.toLowerCase();
      nameOf.set(key, nameOf.get(key) ?? name);
      const mine = fills.get(key) ?? {};
      for (const field of ROW_IDENTITY_FIELDS) {
        const value = identity[field];
        if (value === null) continue;
        const now = vessel?.[field] ?? mine[field] ?? null;
        const word = IDENTITY_WORDS[field];
        const holderKey = field === 'mmsi' || field === 'imo' ? holders.get(`${field}:${String(value)}`) : undefined;
        const holder = holderKey !== undefined && holderKey !== key ? (nameOf.get(holderKey) ?? holderKey) : null;
        const judged = judgeIdentityValue(field, now, value, holder);
        if (judged.outcome === 'contradicts') conflicts.push(`${where}: ${name} has ${word} ${String(now)} in the project; the file says ${String(value)} (kept ${String(now)})`);
        if (judged.outcome === 'taken') conflicts.push(`${where}: ${word} ${String(value)} belongs to ${judged.holder} in the project; not given to ${name}`);
        if (judged.outcome !== 'fill') continue;
        if (field === 'mmsi' || field === 'imo') holders.set(`${field}:${String(value)}`, key);
        (mine as Record<string, unknown>)[field] = value;
      }
      if (Object.keys(mine).length) fills.set(key, mine);
    },
    /** The fields to fill on the vessel of that name, or null when none. */
    fillsOf(name: string): Partial<VesselIdentity> | null {
      return fills.get(name.toLowerCase()) ?? null;
    },
  };
}
