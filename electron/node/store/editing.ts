// The analyst's edits as undoable commands: each checks its input against the project, then
// changes entities through the one history so that it is saved, audited and undoable as one step.
import { randomUUID } from 'node:crypto';
import type { AcceptGhostResult, CarryForwardResult, ParsedRequestOf } from '../../../shared/api';
import type { SceneDeleted } from '../../../shared/calls/editing';
import type { Observability, SceneZoneExamined, SceneZoneObservability, Sighting, SightingClass, SightingGeometry, Track, Vessel, Zone } from '../../../shared/domain';
import { applySightingPatch, canHaveCount, carryForwardDisabled, classLabel, classNoun, nextSceneOf, placeInZone, vesselLinkRefusal, zoneOfSighting } from '../../../shared/sightingRules';
import { examinableZones, examinedKey, storedObservability } from '../../../shared/examination';
import { QuaywatchError } from '../errors';
import { historyOf, type EditHistory, type EditTx } from './history';
import type Database from 'better-sqlite3';
import { databaseOf, type ProjectStore } from './projectStore';

type SightingInput = ParsedRequestOf<'sightings.create'>;
type SightingPatch = ParsedRequestOf<'sightings.update'>['patch'];

const now = () => new Date().toISOString();
/** "sighting" / "3 sightings": labels read as the user's own words ("Delete 3 sightings"). */
const sightings = (n: number) => (n === 1 ? 'sighting' : `${n} sightings`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class Editing {
  readonly history: EditHistory;
  private readonly db: Database.Database;

  constructor(private readonly store: ProjectStore) {
    this.history = historyOf(store);
    this.db = databaseOf(store);
  }

  // ---- sightings ----------------------------------------------------------------------------

  createSightings(inputs: SightingInput[]): Sighting[] {
    const label = inputs.length === 1 ? `Mark ${classNoun(inputs[0]!.class)}` : `Add ${sightings(inputs.length)}`;
    return this.history.run(label, (tx) => {
      const zones = this.store.zones();
      return inputs.map((input) => {
        const at = now();
        const s: Sighting = {
          id: randomUUID(),
          sceneId: input.sceneId,
          class: input.class,
          geometry: input.geometry,
          ...placeInZone(input.geometry, null, zones),
          confidence: input.confidence,
          count: input.count ?? null,
          vesselId: input.vesselId ?? null,
          trackId: input.trackId ?? null,
          notes: input.notes,
          author: this.store.author,
          createdAt: at,
          updatedAt: at,
          // Marked while looking at its own scene: seen, so verified.
          origin: 'marked',
          originDetail: '',
          verified: true,
        };
        this.checkSighting(tx, s, { explicitCount: input.count != null });
        // Marking in a zone on a scene is looking at that zone there: it is examined, in the same step.
        this.examineWhereMarked(tx, s);
        return tx.put('sighting', s);
      });
    });
  }

  updateSighting(id: string, patch: SightingPatch, label?: string): Sighting {
    return this.history.run(label ?? updateLabel(patch), (tx) => {
      const before = tx.get('sighting', id);
      if (!before) throw new QuaywatchError('not_found', 'That sighting no longer exists (it may have been deleted or undone).');
      return this.patchSighting(tx, before, patch, this.store.zones());
    });
  }

  /**
   * A multi-select edit (move, rotate, attribute change) as ONE undo step in one transaction: one
   * refused patch refuses the whole batch, so the project is never left half-moved.
   */
  updateSightings(updates: { id: string; patch: SightingPatch }[], label?: string): Sighting[] {
    const ids = new Set<string>();
    for (const u of updates) {
      if (ids.has(u.id)) throw new QuaywatchError('invalid_request', 'The same sighting appears twice in one batch edit; nothing was changed.');
      ids.add(u.id);
    }
    return this.history.run(label ?? batchLabel(updates.map((u) => u.patch)), (tx) => {
      // Zones are read once: a batch never changes them, and 10,000 reads would dominate.
      const zones = this.store.zones();
      return updates.map((u, i) => {
        const before = tx.get('sighting', u.id);
        if (!before) {
          throw new QuaywatchError('not_found', `${updates.length === 1 ? 'That sighting' : 'One of the selected sightings'} no longer exists; nothing was changed.`);
        }
        try {
          return this.patchSighting(tx, before, u.patch, zones);
        } catch (e) {
          // Say which one: the transaction rolls back every other patch with it.
          if (e instanceof QuaywatchError && updates.length > 1) {
            throw new QuaywatchError(e.code, `Sighting ${i + 1} of ${updates.length}: ${e.message} Nothing was changed.`);
          }
          throw e;
        }
      });
    });
  }

  /** Applies one patch inside a step; the rules of a single edit, shared by one and many. */
  private patchSighting(tx: EditTx, before: Sighting, patch: SightingPatch, zones: Zone[]): Sighting {
    const id = before.id;
    const s = applySightingPatch(before, patch, { zones, vesselKind: (v) => tx.get('vessel', v)?.kind, at: now() });
    this.checkSighting(tx, s, { explicitCount: patch.count != null, self: id });
    // Setting what is already there is not an edit: no step, no new updatedAt.
    if (JSON.stringify({ ...s, updatedAt: before.updatedAt }) === JSON.stringify(before)) return before;
    return tx.put('sighting', s);
  }

  deleteSightings(ids: string[]): { ids: string[] } {
    const unique = [...new Set(ids)];
    return this.history.run(`Delete ${sightings(unique.length)}`, (tx) => {
      const reviewsOf = this.db.prepare('SELECT id FROM review WHERE sighting_id = ?').pluck();
      for (const id of unique) {
        if (!tx.get('sighting', id)) throw new QuaywatchError('not_found', `${unique.length === 1 ? 'That sighting' : 'One of the selected sightings'} no longer exists; nothing was deleted.`);
        // Reviews belong to their sighting: they go with it and come back with its undo.
        for (const reviewId of reviewsOf.all(id) as string[]) tx.remove('review', reviewId);
        tx.remove('sighting', id);
      }
      return { ids: unique };
    });
  }

  /** The analyst confirms marks on the scene they are looking at (carried ones are unverified until then). */
  verifySightings(ids: string[]): Sighting[] {
    const unique = [...new Set(ids)];
    return this.history.run(`Confirm ${unique.length === 1 ? 'sighting' : `${unique.length} sightings`}`, (tx) =>
      unique.map((id) => {
        const s = tx.get('sighting', id);
        if (!s) throw new QuaywatchError('not_found', `${unique.length === 1 ? 'That sighting' : 'One of the selected sightings'} no longer exists; nothing was confirmed.`);
        return s.verified ? s : tx.put('sighting', { ...s, verified: true, updatedAt: now() });
      }),
    );
  }

  carryForward(ids: string[], toSceneId?: string): CarryForwardResult {
    const unique = [...new Set(ids)];
    return this.history.run(
      (r) => `Carry forward ${sightings(r.created.length)}`,
      (tx) => {
        const originals = unique.map((id) => {
          const s = tx.get('sighting', id);
          if (!s) throw new QuaywatchError('not_found', 'One of the selected sightings no longer exists; nothing was carried forward.');
          return s;
        });
        const fromSceneId = originals[0]!.sceneId;
        const scenes = this.store.scenes();
        const why = carryForwardDisabled(originals, scenes, toSceneId);
        if (why) throw new QuaywatchError('invalid_request', why);
        const target = toSceneId ?? nextSceneOf(scenes, fromSceneId)!;
        if (toSceneId !== undefined && !this.store.scene(toSceneId)) throw new QuaywatchError('not_found', 'That scene is not in this project.');
        if (target === fromSceneId) throw new QuaywatchError('invalid_request', 'The sightings are already on that scene.');
        const result: CarryForwardResult = { sceneId: target, created: [], tracks: [], skipped: [] };
        for (const original of originals) {
          const copy = this.copyOnto(tx, original, target, 'carried');
          if ('skipped' in copy) result.skipped.push({ id: original.id, reason: copy.skipped });
          else {
            result.created.push(copy.sighting);
            if (copy.track) result.tracks.push(copy.track);
          }
        }
        return result;
      },
    );
  }

  acceptGhost(ghostId: string, sceneId: string): AcceptGhostResult {
    return this.history.run('Accept ghost', (tx) => {
      const ghost = tx.get('sighting', ghostId);
      if (!ghost) throw new QuaywatchError('not_found', 'That ghost’s sighting no longer exists on its scene.');
      if (!this.store.scene(sceneId)) throw new QuaywatchError('not_found', 'That scene is not in this project.');
      if (ghost.sceneId === sceneId) throw new QuaywatchError('invalid_request', 'That sighting is already on this scene; a ghost comes from another scene.');
      const copy = this.copyOnto(tx, ghost, sceneId, 'ghost');
      if ('skipped' in copy) throw new QuaywatchError('invalid_request', `${capital(copy.skipped)}; nothing was added.`);
      // Accepting a ghost is marking it while looking at this scene (unlike carrying forward blind).
      this.examineWhereMarked(tx, copy.sighting);
      return copy;
    });
  }

  // ---- scenes -------------------------------------------------------------------------------

  /**
   * Deletes a scene with everything that belongs to it (its sightings, their reviews, its per-zone
   * observability) as ONE undo step, so undo brings it all back. Vessels and tracks stay: they are
   * identities that other scenes may use. An offline tile copy (scene_tile) is not history: it goes with the
   * scene and is fetched again with "Make available offline" after an undo.
   */
  deleteScene(id: string): SceneDeleted {
    return this.history.run(
      (r) => `Delete scene of ${sceneDay(r.acquired)}`,
      (tx) => {
        const scene = tx.get('scene', id);
        if (!scene) throw new QuaywatchError('not_found', 'That scene is not in this project (it may have been deleted already).');
        const reviewsOf = this.db.prepare('SELECT id FROM review WHERE sighting_id = ?').pluck();
        const sightingIds = this.db.prepare('SELECT id FROM sighting WHERE scene_id = ? ORDER BY created_at, rowid').pluck().all(id) as string[];
        let reviews = 0;
        for (const sightingId of sightingIds) {
          for (const reviewId of reviewsOf.all(sightingId) as string[]) {
            tx.remove('review', reviewId);
            reviews++;
          }
          tx.remove('sighting', sightingId);
        }
        for (const zoneId of this.db.prepare('SELECT zone_id FROM observability WHERE scene_id = ?').pluck().all(id) as string[]) {
          tx.remove('observability', `${id}/${zoneId}`);
        }
        for (const zoneId of this.db.prepare('SELECT zone_id FROM examined WHERE scene_id = ?').pluck().all(id) as string[]) {
          tx.remove('examined', examinedKey(id, zoneId));
        }
        tx.remove('scene', id);
        return { id, sightings: sightingIds.length, reviews, acquired: scene.acquired };
      },
    );
  }

  // ---- vessels and tracks -------------------------------------------------------------------

  createVessel(input: Omit<Vessel, 'id'>): Vessel {
    return this.history.run(`Add ${input.kind} ${input.name}`, (tx) => {
      const v: Vessel = { id: randomUUID(), ...input };
      this.checkVesselIds(v);
      return tx.put('vessel', v);
    });
  }

  updateVessel(id: string, patch: Partial<Omit<Vessel, 'id'>>): Vessel {
    return this.history.run((v: Vessel) => `Edit ${v.kind} ${v.name}`, (tx) => {
      const before = tx.get('vessel', id);
      if (!before) throw new QuaywatchError('not_found', 'That vessel is not in this project.');
      const v: Vessel = { ...before, ...patch };
      if (patch.kind && patch.kind !== before.kind) {
        const linked = this.db.prepare('SELECT count(*) FROM sighting WHERE vessel_id = ?').pluck().get(id) as number;
        if (linked > 0) throw new QuaywatchError('invalid_request', `${before.name} is linked to ${sightings(linked)}; unlink them before making it an ${patch.kind}.`);
      }
      this.checkVesselIds(v);
      return tx.put('vessel', v);
    });
  }

  tracks(): Track[] {
    return this.store.tracks();
  }

  createTrack(input: { class: SightingClass; label: string }): Track {
    return this.history.run('Add track', (tx) => tx.put('track', { id: randomUUID(), class: input.class, label: input.label }));
  }

  updateTrack(id: string, label: string): Track {
    return this.history.run('Rename track', (tx) => {
      const t = tx.get('track', id);
      if (!t) throw new QuaywatchError('not_found', 'That track is not in this project.');
      return tx.put('track', { ...t, label });
    });
  }

  // ---- zones and observability --------------------------------------------------------------

  createZone(input: { siteId?: string; name: string; kind: Zone['kind']; geometry: Zone['geometry'] }): Zone {
    return this.history.run(`Add ${input.kind} ${input.name}`, (tx) => {
      let siteId = input.siteId;
      if (siteId) {
        if (!tx.get('site', siteId)) throw new QuaywatchError('not_found', 'That site is not in this project.');
      } else {
        // A new project has no site yet: the first zone drawn creates it, in the same undo step.
        siteId = this.store.sites()[0]?.id ?? tx.put('site', { id: randomUUID(), name: this.store.project().name, aoi: null }).id;
      }
      this.checkZoneName(input.name, null);
      const zone = tx.put('zone', { id: randomUUID(), siteId, name: input.name, kind: input.kind, geometry: input.geometry });
      rederiveSightingZones(this.store, tx);
      return zone;
    });
  }

  updateZone(id: string, patch: Partial<Pick<Zone, 'name' | 'kind' | 'geometry'>>, label?: string): Zone {
    const auto = patch.geometry ? 'Reshape zone' : patch.name ? 'Rename zone' : 'Edit zone';
    return this.history.run(label ?? auto, (tx) => {
      const before = tx.get('zone', id);
      if (!before) throw new QuaywatchError('not_found', 'That zone is not in this project.');
      if (patch.name !== undefined) this.checkZoneName(patch.name, id);
      const zone = tx.put('zone', { ...before, ...patch });
      if (patch.geometry) rederiveSightingZones(this.store, tx);
      return zone;
    });
  }

  deleteZone(id: string): { id: string } {
    return this.history.run((r: { name: string }) => `Delete zone ${r.name}`, (tx) => {
      const zone = tx.get('zone', id);
      if (!zone) throw new QuaywatchError('not_found', 'That zone is not in this project.');
      // Sightings placed in it by hand go back to containment; its observability goes with it.
      for (const s of this.db.prepare('SELECT id FROM sighting WHERE zone_id = ? AND zone_overridden = 1').pluck().all(id) as string[]) {
        tx.put('sighting', { ...tx.get('sighting', s)!, zoneId: null, zoneOverridden: false });
      }
      for (const sceneId of this.db.prepare('SELECT scene_id FROM observability WHERE zone_id = ?').pluck().all(id) as string[]) {
        tx.remove('observability', `${sceneId}/${id}`);
      }
      for (const sceneId of this.db.prepare('SELECT scene_id FROM examined WHERE zone_id = ?').pluck().all(id) as string[]) {
        tx.remove('examined', examinedKey(sceneId, id));
      }
      // Containment without this zone, computed before it goes so the sightings no longer point at it.
      rederiveSightingZones(this.store, tx, id);
      tx.remove('zone', id);
      return { id, name: zone.name };
    });
  }

  setObservability(input: { sceneId: string; zoneId: string; value: Observability }): SceneZoneObservability {
    return this.history.run('Set observability', (tx) => {
      if (!this.store.scene(input.sceneId)) throw new QuaywatchError('not_found', 'That scene is not in this project.');
      if (!tx.get('zone', input.zoneId)) throw new QuaywatchError('not_found', 'That zone is not in this project.');
      return tx.put('observability', { ...input, overridden: true });
    });
  }

  // ---- examined -----------------------------------------------------------------------------

  /**
   * Sets (value true) or unsets whether zones were examined on scenes, as one step. `zoneIds` omitted:
   * every zone each scene shows (examinableZones); given: exactly those, which must be of the scene's site.
   */
  setExamined(input: { sceneIds: string[]; zoneIds?: string[]; value: boolean }): { changed: number } {
    const sceneIds = [...new Set(input.sceneIds)];
    const zones = this.store.zones();
    const stored = storedObservability(this.store.observability());
    const label = (r: { changed: number; scenes: number }) => {
      const what = r.scenes === 1 ? 'scene' : `${r.scenes} scenes`;
      return input.value ? `Mark ${what} examined` : `Mark ${what} not examined`;
    };
    const r = this.history.run(label, (tx) => {
      let changed = 0;
      const touched = new Set<string>();
      for (const sceneId of sceneIds) {
        const scene = this.store.scene(sceneId);
        if (!scene) throw new QuaywatchError('not_found', 'That scene is not in this project; nothing was changed.');
        let targets: Zone[];
        if (input.zoneIds) {
          targets = input.zoneIds.map((id) => {
            const z = zones.find((x) => x.id === id);
            if (!z) throw new QuaywatchError('not_found', 'That zone is not in this project; nothing was changed.');
            if (z.siteId !== scene.siteId) throw new QuaywatchError('invalid_request', `Zone ${z.name} is not at this scene's site; nothing was changed.`);
            return z;
          });
        } else targets = examinableZones(scene, zones, stored);
        for (const z of targets) {
          const key = examinedKey(sceneId, z.id);
          if (input.value ? !this.examine(tx, sceneId, z.id) : tx.get('examined', key) === null) continue;
          if (!input.value) tx.remove('examined', key);
          changed++;
          touched.add(sceneId);
        }
      }
      return { changed, scenes: touched.size };
    });
    return { changed: r.changed };
  }

  // ---- helpers ------------------------------------------------------------------------------

  private examineWhereMarked(tx: EditTx, s: Pick<Sighting, 'sceneId' | 'zoneId'>): void {
    if (s.zoneId) this.examine(tx, s.sceneId, s.zoneId);
  }

  /** Records one zone examined on one scene inside a step (marking, an import's --examined); true if it was not yet. */
  examine(tx: EditTx, sceneId: string, zoneId: string): boolean {
    if (tx.get('examined', examinedKey(sceneId, zoneId))) return false;
    const examined: SceneZoneExamined = { sceneId, zoneId, by: this.store.author, at: now() };
    tx.put('examined', examined);
    return true;
  }

  /**
   * A copy of a sighting on another scene, as the same subject. An object with neither vessel nor
   * track gets a new track, and the original joins it, so both sightings are one object over time.
   */
  private copyOnto(tx: EditTx, original: Sighting, sceneId: string, how: 'carried' | 'ghost'): { sighting: Sighting; track: Track | null } | { skipped: string } {
    const clash = this.subjectOnScene(original, sceneId);
    if (clash) return { skipped: clash };
    let track: Track | null = null;
    let trackId = original.trackId;
    if (!original.vesselId && !trackId) {
      const n = (this.db.prepare('SELECT count(*) FROM track WHERE class = ?').pluck().get(original.class) as number) + 1;
      track = tx.put('track', { id: randomUUID(), class: original.class, label: `${classLabel(original.class)} ${n}` });
      trackId = track.id;
      tx.put('sighting', { ...original, trackId, updatedAt: now() });
    }
    const at = now();
    const zoneId = zoneOfSighting(original, this.store.zones());
    const sighting = tx.put('sighting', {
      ...original,
      id: randomUUID(),
      sceneId,
      trackId,
      zoneId,
      // Notes describe what was seen on one scene; they stay with it.
      notes: '',
      author: this.store.author,
      createdAt: at,
      updatedAt: at,
      // A ghost is accepted while looking at this scene: seen. A carried copy was made blind, from the
      // other scene: unverified until the analyst looks here and confirms it.
      origin: how,
      originDetail: '',
      verified: how === 'ghost',
    });
    return { sighting, track };
  }

  /** Why this sighting's vessel/track cannot be added to the scene (it is there already), or null. */
  private subjectOnScene(s: Pick<Sighting, 'vesselId' | 'trackId'>, sceneId: string, self?: string): string | null {
    if (s.vesselId) {
      const other = this.db.prepare('SELECT id FROM sighting WHERE scene_id = ? AND vessel_id = ? AND id != ?').pluck().get(sceneId, s.vesselId, self ?? '');
      if (other) {
        const v = this.db.prepare('SELECT name FROM vessel WHERE id = ?').pluck().get(s.vesselId) as string | undefined;
        return `${v ?? 'that vessel'} is already marked on that scene`;
      }
    }
    if (s.trackId) {
      const other = this.db.prepare('SELECT id FROM sighting WHERE scene_id = ? AND track_id = ? AND id != ?').pluck().get(sceneId, s.trackId, self ?? '');
      if (other) {
        const label = this.db.prepare('SELECT label FROM track WHERE id = ?').pluck().get(s.trackId) as string | undefined;
        return `track ${label || 'of this object'} is already marked on that scene`;
      }
    }
    return null;
  }

  /** References exist and fit the class; a subject is marked at most once per scene. */
  private checkSighting(tx: EditTx, s: Sighting, o: { explicitCount: boolean; self?: string }) {
    if (!this.store.scene(s.sceneId)) throw new QuaywatchError('not_found', 'That scene is not in this project (it may have been removed).');
    if (s.count !== null && !canHaveCount(s.class) && o.explicitCount) {
      throw new QuaywatchError('invalid_request', 'Only container stacks have a container count.');
    }
    if (s.vesselId) {
      const v = tx.get('vessel', s.vesselId);
      if (!v) throw new QuaywatchError('not_found', 'That vessel is not in this project.');
      const refused = vesselLinkRefusal(s.class, v);
      if (refused) throw new QuaywatchError('invalid_request', refused);
    }
    if (s.trackId && !tx.get('track', s.trackId)) throw new QuaywatchError('not_found', 'That track is not in this project.');
    if (s.zoneOverridden && s.zoneId && !tx.get('zone', s.zoneId)) throw new QuaywatchError('not_found', 'That zone is not in this project.');
    const clash = this.subjectOnScene(s, s.sceneId, o.self);
    if (clash) throw new QuaywatchError('invalid_request', `${capital(clash)}; a vessel or track is marked once per scene.`);
  }

  private checkVesselIds(v: Vessel) {
    for (const [field, name] of [['imo', 'IMO number'], ['mmsi', 'MMSI']] as const) {
      const value = v[field];
      if (!value) continue;
      const other = this.db.prepare(`SELECT name FROM vessel WHERE ${field} = ? AND id != ?`).pluck().get(value, v.id) as string | undefined;
      if (other !== undefined) throw new QuaywatchError('invalid_request', `${other} already has ${name} ${value}; a vessel identity is recorded once.`);
    }
  }

  private checkZoneName(name: string, self: string | null) {
    const clash = this.db.prepare('SELECT id FROM zone WHERE lower(name) = lower(?) AND id != ?').pluck().get(name, self ?? '');
    if (clash) throw new QuaywatchError('invalid_request', `A zone named “${name}” already exists; zone names must differ so reports can tell them apart.`);
  }

}

/**
 * The one rule for sightings' zones after zones change (drawn, reshaped, deleted, imported), applied in the same step:
 * every sighting not placed in a zone by hand takes the zone that now contains its anchor, or none; a zone the analyst
 * chose stays. `withoutZone` is a zone about to be removed, left out of containment. Returns how many sightings changed zone.
 */
export function rederiveSightingZones(store: ProjectStore, tx: EditTx, withoutZone?: string): number {
  const zones = store.zones().filter((z) => z.id !== withoutZone);
  const rows = databaseOf(store).prepare('SELECT id, geometry, zone_id FROM sighting WHERE zone_overridden = 0').all() as { id: string; geometry: string; zone_id: string | null }[];
  let changed = 0;
  for (const r of rows) {
    const zoneId = zoneOfSighting({ geometry: JSON.parse(r.geometry) as SightingGeometry, zoneId: null, zoneOverridden: false }, zones);
    if (zoneId === r.zone_id) continue;
    tx.put('sighting', { ...tx.get('sighting', r.id)!, zoneId });
    changed++;
  }
  return changed;
}

/** "14 Jan 2025 01:38 UTC": how an undo label names a scene (its acquisition time is what the analyst knows it by). */
function sceneDay(acquired: string): string {
  const d = new Date(acquired);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 16)} UTC`;
}

function updateLabel(patch: SightingPatch): string {
  const keys = Object.keys(patch);
  if (keys.length === 1) {
    switch (keys[0]) {
      case 'geometry': return 'Move sighting';
      case 'class': return 'Change class';
      case 'vesselId': return patch.vesselId ? 'Link vessel' : 'Unlink vessel';
      case 'trackId': return patch.trackId ? 'Link track' : 'Unlink track';
      case 'zoneId': return patch.zoneId ? 'Set zone' : 'Zone by containment';
      case 'confidence': return 'Set confidence';
      case 'count': return 'Set count';
      case 'notes': return 'Edit notes';
    }
  }
  return 'Edit sighting';
}

/** "Move 3 sightings" when every patch only moves; "Edit 3 sightings" otherwise; one patch reads as one edit. */
function batchLabel(patches: SightingPatch[]): string {
  if (patches.length === 1) return updateLabel(patches[0]!);
  const moves = patches.every((p) => Object.keys(p).length === 1 && p.geometry !== undefined);
  return `${moves ? 'Move' : 'Edit'} ${sightings(patches.length)}`;
}

const editors = new WeakMap<ProjectStore, Editing>();

/** The editing commands of an open project. */
export function editingOf(store: ProjectStore): Editing {
  let e = editors.get(store);
  if (!e) editors.set(store, (e = new Editing(store)));
  return e;
}
