// Edits: every change goes through the API (saved before it answers) and so through the undo
// history — marking, moving, rotating, deleting, carrying forward, ghosts, vessels, tracks, zones,
// observability, scenes, and undo/redo themselves.
import type { HistoryState, RequestOf } from '../../../../shared/api';
import type { Observability, PolygonGeometry, Sighting, SightingGeometry, ZoneKind } from '../../../../shared/domain';
import { linkableKind, vesselLinkRefusal } from '../../../../shared/sightingRules';
import { rotatePolygon } from '../../../../shared/measure';
import { plural } from '../../../../shared/words';
import { call } from '../../api/client';
import { carryForwardUnavailable, currentScene, examinationOf, sameAsPreviousPlan } from '../selectors';
import { afterFailure, editWith, failWith, NO_HISTORY, selectedSightingsOf, upsert } from './storeKit';
import type { SightingPatch, Slice } from './storeTypes';

export interface EditSlice {
  history: HistoryState;
  /** Bumped after every edit, so views of the audit trail know to reload. */
  editSeq: number;
  /** A zone outline just drawn, waiting for its name. */
  pendingZone: PolygonGeometry | null;
  /** What the status bar says about persistence: every acknowledged edit is already on disk. */
  saveState: 'saved' | 'saving' | 'failed';

  mark(geometry: SightingGeometry): Promise<void>;
  moveSightings(changes: { id: string; geometry: SightingGeometry }[]): Promise<void>;
  rotateSelected(degrees: number): Promise<void>;
  updateSelected(patch: SightingPatch, label?: string): Promise<void>;
  deleteSelected(): Promise<void>;
  carryForward(): Promise<void>;
  /** Confirms the selected marks (Shift+V): the analyst sees them on this scene. */
  verifySelected(): Promise<void>;
  acceptGhost(ghostId: string | null): Promise<void>;
  sameAsPrevious(): Promise<void>;
  createVesselForSelected(name: string): Promise<void>;
  /** Saves a vessel's identity (name, aliases, IMO, MMSI, flag, length); false if refused. */
  updateVessel(id: string, patch: RequestOf<'vessels.update'>['patch']): Promise<boolean>;
  /** Adds a vessel (not linked to any mark): one undoable step. */
  createVessel(input: RequestOf<'vessels.create'>): Promise<boolean>;
  /** Names a track (the container stack or object it follows across scenes). */
  renameTrack(id: string, label: string): Promise<void>;
  zoneDrawn(geometry: PolygonGeometry): void;
  createZone(name: string, kind: ZoneKind): Promise<boolean>;
  cancelZone(): void;
  reshapeZone(id: string, geometry: PolygonGeometry): Promise<void>;
  updateZone(id: string, patch: { name?: string; kind?: ZoneKind }): Promise<void>;
  setObservability(sceneId: string, zoneId: string, value: Observability): Promise<void>;
  /** "Done: this scene is examined" (E): every zone it shows, one undo step, then on to the next scene still to examine. */
  examineScene(): Promise<void>;
  /** Sets or unsets one zone as examined on one scene. */
  setZoneExamined(sceneId: string, zoneId: string, value: boolean): Promise<void>;
  /** Deletes a scene with its marks, reviews and observability (one undo step); false if refused. */
  deleteScene(id: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  refreshHistory(): Promise<void>;
}

export const editSlice: Slice<EditSlice> = (set, get) => {
  const fail = failWith(get);
  const edit = editWith(set, get);
  const selectedSightings = () => selectedSightingsOf(get);

  const stepThrough = async (kind: 'undo' | 'redo') => {
    const label = kind === 'undo' ? get().history.undoLabel : get().history.redoLabel;
    if (!label) {
      get().toast('info', kind === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return;
    }
    set({ saveState: 'saving' });
    try {
      const change = await call(kind === 'undo' ? 'history.undo' : 'history.redo', {}); // its changes applied on arrival
      set({ history: change.state, saveState: 'saved', editSeq: get().editSeq + 1 });
      get().toast('info', `${kind === 'undo' ? 'Undone' : 'Redone'}: ${change.label}`);
    } catch (e) {
      set({ saveState: afterFailure(e) });
      fail(e);
    }
  };

  return {
    history: NO_HISTORY,
    editSeq: 0,
    pendingZone: null,
    saveState: 'saved',

    async mark(geometry) {
      const scene = currentScene(get());
      const m = get().mode;
      if (!scene || m.name !== 'mark') return;
      const s = await edit(() => call('sightings.create', { sceneId: scene.id, class: m.cls, geometry }));
      if (s) set({ selectedIds: [s.id] }); // the new sighting itself came back as a change
    },

    async moveSightings(changes) {
      if (changes.length === 0) return;
      const before = new Map(get().sightings.map((s) => [s.id, s]));
      const reshaped = changes.some((c) => {
        const b = before.get(c.id);
        return b?.geometry.type === 'Polygon' && c.geometry.type === 'Polygon' && !sameShape(b.geometry, c.geometry);
      });
      const n = changes.length;
      const label = reshaped ? (n === 1 ? 'Reshape sighting' : `Reshape ${n} sightings`) : n === 1 ? 'Move sighting' : `Move ${n} sightings`;
      // A multi-selection moves as one edit, so one Ctrl+Z puts every mark back.
      const saved = await edit(() => call('sightings.updateMany', { updates: changes.map((c) => ({ id: c.id, patch: { geometry: c.geometry } })), label }));
      // A refused move must snap back: fresh copies of the stored values make the map (which redraws
      // only marks whose value changed) put the dragged features back where they are saved.
      const stored = changes.map((c) => before.get(c.id)).filter((x): x is Sighting => !!x).map((x) => ({ ...x, geometry: { ...x.geometry } }) as Sighting);
      set({ sightings: upsert(get().sightings, saved ?? stored) });
    },

    async rotateSelected(degrees) {
      const boxes = selectedSightings().filter((s) => s.geometry.type === 'Polygon');
      if (boxes.length === 0) {
        get().toast('info', 'Select a box to rotate it; a point has no heading.');
        return;
      }
      const label = boxes.length === 1 ? 'Rotate sighting' : `Rotate ${boxes.length} sightings`;
      const updates = boxes.map((b) => ({ id: b.id, patch: { geometry: rotatePolygon(b.geometry as PolygonGeometry, degrees) } }));
      const saved = await edit(() => call('sightings.updateMany', { updates, label }));
      if (saved) set({ sightings: upsert(get().sightings, saved) });
    },

    async updateSelected(patch, label) {
      const targets = selectedSightings();
      if (targets.length === 0) return;
      const saved = await edit(() => call('sightings.updateMany', { updates: targets.map((t) => ({ id: t.id, patch })), label }));
      if (saved) set({ sightings: upsert(get().sightings, saved) });
    },

    async deleteSelected() {
      const zoneId = get().selectedZoneId;
      if (zoneId) {
        const ok = await edit(() => call('zones.delete', { id: zoneId }));
        // The zone, its observability and the zone of each sighting inside it came back as changes.
        if (ok) set({ selectedZoneId: null });
        return;
      }
      const ids = get().selectedIds;
      if (ids.length === 0) return;
      const res = await edit(() => call('sightings.deleteMany', { ids }));
      if (res) {
        const gone = new Set(res.ids);
        set({ sightings: get().sightings.filter((s) => !gone.has(s.id)), selectedIds: [] });
      }
    },

    async carryForward() {
      const ids = get().selectedIds;
      const why = carryForwardUnavailable(get());
      if (why) {
        get().toast(ids.length === 0 ? 'info' : 'error', why);
        return;
      }
      const res = await edit(() => call('sightings.carryForward', { ids }));
      if (!res) return;
      // The copies, the new tracks and the originals linked to them came back as changes.
      const scene = get().scenes.find((s) => s.id === res.sceneId);
      const when = scene ? scene.acquired.slice(0, 10) : 'the next scene';
      const skipped = res.skipped.length ? `; ${plural(res.skipped.length, 'skipped')}: ${res.skipped.map((s) => s.reason).join('; ')}` : '';
      get().toast('info', `Carried ${plural(res.created.length, 'sighting')} forward to ${when}, unconfirmed: they count once you look at that scene and confirm them (Shift+V)${skipped}.`);
    },

    async verifySelected() {
      const unverified = selectedSightings().filter((s) => !s.verified);
      if (unverified.length === 0) {
        get().toast('info', get().selectedIds.length ? 'The selected marks are confirmed already.' : 'Select the unconfirmed (dashed) marks you see on this scene, then press Shift+V.');
        return;
      }
      const done = await edit(() => call('sightings.verify', { ids: unverified.map((s) => s.id) }));
      if (done) get().toast('info', `Confirmed ${plural(done.length, 'sighting')}: ${done.length === 1 ? 'it counts' : 'they count'} now.`);
    },

    async acceptGhost(ghostId) {
      const id = ghostId ?? get().selectedGhostId;
      const scene = currentScene(get());
      if (!scene) return;
      if (!id) {
        get().toast('info', 'Point at a ghost (a faint mark from the previous scene) and press A to accept it.');
        return;
      }
      const res = await edit(() => call('sightings.acceptGhost', { ghostId: id, sceneId: scene.id }));
      if (!res) return;
      // The sighting, a new track and the ghost linked to it came back as changes.
      set({
        selectedIds: [res.sighting.id],
        selectedGhostId: null,
      });
    },

    async sameAsPrevious() {
      const plan = sameAsPreviousPlan(get());
      if ('disabled' in plan) {
        get().toast(get().selectedIds.length === 0 ? 'info' : 'error', plan.disabled);
        return;
      }
      for (const { target: t, source } of plan.matches) {
        const patch = { vesselId: source.vesselId, trackId: source.trackId };
        const s = await edit(() => call('sightings.update', { id: t.id, patch, label: 'Same as previous scene' }));
        if (s) set({ sightings: upsert(get().sightings, [s]) });
      }
    },

    async createVesselForSelected(name) {
      const trimmed = name.trim();
      if (!trimmed) return;
      const target = selectedSightings()[0];
      // Only the classes that link to an identity get one (the renderer used to make a vessel for a vehicle).
      const kind = target ? linkableKind(target.class) : 'vessel';
      if (!kind) {
        get().toast('error', vesselLinkRefusal(target!.class)!);
        return;
      }
      const v = await edit(() => call('vessels.create', { name: trimmed, kind }));
      if (!v) return;
      set({ vessels: upsert(get().vessels, [v]) });
      if (target) await get().updateSelected({ vesselId: v.id }, `Link to ${v.name}`.slice(0, 80));
    },

    async updateVessel(id, patch) {
      const v = await edit(() => call('vessels.update', { id, patch }));
      if (!v) return false;
      set({ vessels: upsert(get().vessels, [v]) });
      return true;
    },

    async createVessel(input) {
      const v = await edit(() => call('vessels.create', input));
      if (!v) return false;
      set({ vessels: upsert(get().vessels, [v]) });
      return true;
    },

    async renameTrack(id, label) {
      const t = await edit(() => call('tracks.update', { id, label }));
      if (t) set({ tracks: upsert(get().tracks, [t]) });
    },

    zoneDrawn(geometry) {
      set({ pendingZone: geometry });
    },

    async createZone(name, kind) {
      const geometry = get().pendingZone;
      if (!geometry) return false;
      // The zone, its observability and the sightings it now holds came back as changes.
      const z = await edit(() => call('zones.create', { name, kind, geometry }));
      if (!z) return false;
      set({ pendingZone: null, mode: { name: 'select' }, selectedZoneId: z.id });
      return true;
    },

    cancelZone() {
      set({ pendingZone: null });
    },

    async reshapeZone(id, geometry) {
      const z = await edit(() => call('zones.update', { id, patch: { geometry }, label: 'Reshape zone' }));
      if (!z) {
        set({ zones: [...get().zones] });
        return;
      }
      // The zone and the sightings whose zone followed came back as changes.
    },

    async updateZone(id, patch) {
      const z = await edit(() => call('zones.update', { id, patch }));
      if (z) set({ zones: upsert(get().zones, [z]) });
    },

    async setObservability(sceneId, zoneId, value) {
      const o = await edit(() => call('observability.set', { sceneId, zoneId, value }));
      if (o) set({ observability: [...get().observability.filter((x) => !(x.sceneId === sceneId && x.zoneId === zoneId)), o] });
    },

    async examineScene() {
      const scene = currentScene(get());
      if (!scene) return;
      // A scene holding marks nobody has confirmed here is not examined: say what to do instead.
      const unconfirmed = get().sightings.filter((s) => s.sceneId === scene.id && !s.verified).length;
      if (unconfirmed) {
        get().toast('error', `${plural(unconfirmed, 'carried mark')} on this scene ${unconfirmed === 1 ? 'is' : 'are'} not confirmed: select ${unconfirmed === 1 ? 'it' : 'them'} and confirm (Shift+V) or delete, then press E.`);
        return;
      }
      const r = await edit(() => call('examined.set', { sceneIds: [scene.id], value: true }));
      if (!r) return;
      if (get().stepUnexamined(1)) return;
      const { scenes, examined } = examinationOf(get());
      get().toast('info', examined === scenes ? `All ${plural(scenes, 'scene')} examined.` : 'No scene after this one is left to examine; Shift+← goes back to the earlier ones.');
    },

    async setZoneExamined(sceneId, zoneId, value) {
      await edit(() => call('examined.set', { sceneIds: [sceneId], zoneIds: [zoneId], value }));
    },

    async deleteScene(id) {
      const currentSceneId = get().scenes[get().sceneIndex]?.id;
      const res = await edit(() => call('scenes.delete', { id }));
      if (!res) return false;
      const scenes = get().scenes.filter((s) => s.id !== id);
      const at = scenes.findIndex((s) => s.id === currentSceneId);
      const gone = new Set(get().sightings.filter((s) => s.sceneId === id).map((s) => s.id));
      set({
        scenes,
        // Deleting the scene on screen shows its neighbour (the next one, or the last).
        sceneIndex: at >= 0 ? at : Math.max(0, Math.min(get().sceneIndex, scenes.length - 1)),
        sightings: get().sightings.filter((s) => s.sceneId !== id),
        observability: get().observability.filter((o) => o.sceneId !== id),
        selectedIds: get().selectedIds.filter((x) => !gone.has(x)),
        compare: get().compare.sceneId === id ? { mode: 'off', sceneId: null } : get().compare,
      });
      get().toast('info', `Scene deleted with ${plural(res.sightings, 'mark')}. Ctrl+Z brings it back.`);
      return true;
    },

    undo: () => stepThrough('undo'),
    redo: () => stepThrough('redo'),

    async refreshHistory() {
      try {
        set({ history: await call('history.state', {}) });
      } catch {
        /* the labels are a convenience; the next edit refreshes them */
      }
    },
  };
};

function sameShape(a: PolygonGeometry, b: PolygonGeometry): boolean {
  // A pure move shifts every vertex by the same offset; anything else reshapes. The move happens in
  // the map's projection (UTM), so in lon/lat the offsets differ by a hair: 1e-7° (~1 cm) absorbs
  // that, while a reshape moves a vertex by whole pixels (metres).
  const ra = a.coordinates[0] ?? [];
  const rb = b.coordinates[0] ?? [];
  if (ra.length !== rb.length || ra.length === 0) return false;
  const dx = rb[0]![0] - ra[0]![0];
  const dy = rb[0]![1] - ra[0]![1];
  return ra.every((p, i) => Math.abs(rb[i]![0] - p[0] - dx) < 1e-7 && Math.abs(rb[i]![1] - p[1] - dy) < 1e-7);
}
