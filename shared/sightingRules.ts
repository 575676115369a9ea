// The rule book for sightings: what a class may carry, which zone a sighting is in, how a patch applies,
// what a class is called, and whether an operation is possible (and if not, why). Pure functions over
// plain data, used by the store, the importers, the package merge and the UI, so they never disagree.
import type { Id, LonLat, Scene, Sighting, SightingClass, SightingGeometry, Vessel, Zone } from './domain';
import { zoneAt } from './geometry';
import { geodesic } from './measure';
import { anchorOf } from './review/sameObject';

// ---- what a class is called ----------------------------------------------------------------------

/**
 * A class in words, lower case, as it reads inside a sentence ("Mark container stack", "No linked
 * vehicle on the previous scene"). `other` is "other object": the copies disagreed ("object" in undo
 * labels and new track names, "Other" in the review panel, "other" elsewhere); "object" alone hides
 * that it is the catch-all class (every class is an object), "other" alone does not read as a noun
 * ("Mark other"). The shortcut table already said "Mark other objects".
 */
const CLASS_NOUNS: Record<SightingClass, string> = {
  vessel: 'vessel',
  container_stack: 'container stack',
  aircraft: 'aircraft',
  vehicle: 'vehicle',
  other: 'other object',
};

/** "container stack": a class inside a sentence. */
export function classNoun(c: SightingClass): string {
  return CLASS_NOUNS[c];
}

/** "a vessel", "an aircraft": a class after a verb ("Click to mark an aircraft"). */
export function classWithArticle(c: SightingClass): string {
  const noun = CLASS_NOUNS[c];
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "Container stack": a class on its own (a list, a heading, a new track's name). */
export function classLabel(c: SightingClass): string {
  const noun = CLASS_NOUNS[c];
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

// ---- what a class may carry ----------------------------------------------------------------------

/**
 * The kind of identity a sighting of this class links to, or null when it links to none. Vessel
 * identities link to vessel and aircraft sightings only, each to its own kind; a vehicle or other
 * object is followed with a track. (The renderer used to offer "New vessel…" for a vehicle, which the
 * Node side then refused, leaving an unlinked vessel behind: the Node rule is the right one.)
 */
export function linkableKind(c: SightingClass): Vessel['kind'] | null {
  return c === 'vessel' ? 'vessel' : c === 'aircraft' ? 'aircraft' : null;
}

/** Only container stacks carry a container count. */
export function canHaveCount(c: SightingClass): boolean {
  return c === 'container_stack';
}

/** "an aircraft" / "a vessel". */
const withArticle = (kind: Vessel['kind']) => (kind === 'aircraft' ? 'an aircraft' : 'a vessel');

/**
 * Why this identity cannot be linked to a sighting of this class, or null when it can (the identity is
 * named first: it is what the analyst just picked). Without `vessel`: whether the class can have an
 * identity at all, as a disabled link control explains it.
 */
export function vesselLinkRefusal(c: SightingClass, vessel?: Pick<Vessel, 'name' | 'kind'>): string | null {
  const kind = linkableKind(c);
  if (vessel) return vessel.kind === kind ? null : `${vessel.name} is ${withArticle(vessel.kind)}: it can only be linked to ${vessel.kind} sightings.`;
  if (kind === null) return `Only vessel and aircraft sightings link to an identity; ${classNoun(c)}s are followed with a track (carry them forward).`;
  return null;
}

// ---- the zone of a sighting ----------------------------------------------------------------------

/** The point whose containing zone is the sighting's zone: the point itself, or a polygon's first vertex. */
export function zoneAnchor(g: SightingGeometry): LonLat {
  return g.type === 'Point' ? g.coordinates : g.coordinates[0]![0]!;
}

/**
 * The zone of a sighting: the one the analyst chose (an override), else the first zone that contains
 * its anchor, else none. `zones` are the project's zones in the store's order (the first match wins).
 */
export function zoneOfSighting(s: { geometry: SightingGeometry; zoneId: Id | null; zoneOverridden: boolean }, zones: readonly Pick<Zone, 'id' | 'geometry'>[]): Id | null {
  if (s.zoneOverridden) return s.zoneId;
  return zoneAt(zones, zoneAnchor(s.geometry))?.id ?? null;
}

/** Zone fields of a sighting placed by hand in `chosen` (a zone id) or, when null, by containment. */
export function placeInZone(geometry: SightingGeometry, chosen: Id | null, zones: readonly Pick<Zone, 'id' | 'geometry'>[]): { zoneId: Id | null; zoneOverridden: boolean } {
  const zoneOverridden = chosen !== null;
  return { zoneId: zoneOfSighting({ geometry, zoneId: chosen, zoneOverridden }, zones), zoneOverridden };
}

// ---- applying a patch ----------------------------------------------------------------------------

/** The fields an analyst edits on a sighting (the `sightings.update` patch). */
export interface SightingPatch {
  class?: SightingClass;
  geometry?: SightingGeometry;
  confidence?: Sighting['confidence'];
  count?: number | null;
  vesselId?: Id | null;
  trackId?: Id | null;
  /** A zone id overrides containment; null goes back to containment. */
  zoneId?: Id | null;
  notes?: string;
}

/**
 * The sighting after a patch, before any check. A class change drops what the new class cannot have
 * (a count off a container stack, a vessel of another kind or none) unless the patch sets it too: an
 * explicit value is kept for the checks to refuse with a reason. The zone follows the geometry unless
 * chosen by hand. `vesselKind` tells the kind of a linked identity (undefined: it no longer exists).
 */
export function applySightingPatch(
  before: Sighting,
  patch: SightingPatch,
  ctx: { zones: readonly Pick<Zone, 'id' | 'geometry'>[]; vesselKind: (id: Id) => Vessel['kind'] | undefined; at: string },
): Sighting {
  const s: Sighting = { ...before, updatedAt: ctx.at };
  if (patch.class !== undefined) s.class = patch.class;
  if (patch.geometry !== undefined) s.geometry = patch.geometry;
  if (patch.confidence !== undefined) s.confidence = patch.confidence;
  if (patch.count !== undefined) s.count = patch.count;
  if (patch.vesselId !== undefined) s.vesselId = patch.vesselId;
  if (patch.trackId !== undefined) s.trackId = patch.trackId;
  if (patch.notes !== undefined) s.notes = patch.notes;
  if (!canHaveCount(s.class) && patch.count === undefined) s.count = null;
  if (s.vesselId && patch.vesselId === undefined && ctx.vesselKind(s.vesselId) !== linkableKind(s.class)) s.vesselId = null;
  if (patch.zoneId !== undefined) {
    s.zoneOverridden = patch.zoneId !== null;
    s.zoneId = patch.zoneId;
  }
  s.zoneId = zoneOfSighting(s, ctx.zones);
  return s;
}

// ---- operations: possible, or why not (as iD's operations' disabled()) --------------------------

/** The scene after `sceneId` in acquisition order, or null on the last (or an unknown) scene. */
export function nextSceneOf(order: readonly Pick<Scene, 'id'>[], sceneId: Id): Id | null {
  const i = order.findIndex((s) => s.id === sceneId);
  return i < 0 ? null : (order[i + 1]?.id ?? null);
}

/**
 * Why the selected sightings cannot be carried forward, or null when they can: to `toSceneId` when
 * given, else to the next scene. `scenes` in acquisition order (the store's order).
 */
export function carryForwardDisabled(selected: readonly Pick<Sighting, 'sceneId'>[], scenes: readonly Pick<Scene, 'id'>[], toSceneId?: Id): string | null {
  if (selected.length === 0) return 'Select the sightings to carry forward (S, then click or shift-drag).';
  const from = selected[0]!.sceneId;
  if (selected.some((s) => s.sceneId !== from)) return 'Select sightings of one scene to carry them forward.';
  if (toSceneId === undefined && nextSceneOf(scenes, from) === null) return 'This is the last scene: there is no next scene to carry sightings to.';
  return null;
}

/**
 * "Same as previous" (P): for each target, the nearest sighting of its class on the previous scene that
 * has a vessel or a track, whose identity it takes (nearest by the marks' anchors, a box by its centre).
 * Either the matches, or why it cannot be done.
 */
export function sameAsPrevious<S extends Pick<Sighting, 'id' | 'sceneId' | 'class' | 'geometry' | 'vesselId' | 'trackId'>>(
  targets: readonly S[],
  previous: Pick<Scene, 'id' | 'acquired'> | null,
  sightings: readonly S[],
): { disabled: string } | { matches: { target: S; source: S }[] } {
  if (targets.length === 0) return { disabled: 'Select a sighting first, then press P to link it to the same vessel or track as on the previous scene.' };
  if (!previous) return { disabled: 'This is the first scene: there is no previous scene to link to.' };
  const candidates = sightings.filter((s) => s.sceneId === previous.id && (s.vesselId || s.trackId));
  const matches: { target: S; source: S }[] = [];
  for (const target of targets) {
    let best: { s: S; d: number } | null = null;
    for (const c of candidates) {
      if (c.class !== target.class) continue;
      const d = geodesic(anchorOf(c.geometry), anchorOf(target.geometry)).distanceM;
      if (!best || d < best.d) best = { s: c, d };
    }
    if (!best) return { disabled: `No linked ${classNoun(target.class)} on the previous scene (${previous.acquired.slice(0, 10)}) to copy from.` };
    matches.push({ target, source: best.s });
  }
  return { matches };
}
