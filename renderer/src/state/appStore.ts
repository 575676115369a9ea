// The renderer's state (zustand): the open project, its scenes, the current scene and the marks.
// Components read it; the map controller subscribes to it; every change goes through an action,
// and every edit goes through the API (saved before it answers) and so through the undo history.
import { create } from 'zustand';
import type { AppInfo, EntityChange, HistoryState, ProjectSummary, RecentProject, RequestOf } from '../../../shared/api';
import type {
  LonLat,
  Observability,
  PolygonGeometry,
  Scene,
  SceneZoneObservability,
  Sighting,
  SightingClass,
  SightingGeometry,
  Track,
  Vessel,
  Zone,
  ZoneKind,
} from '../../../shared/domain';
import { carryForwardDisabled, linkableKind, sameAsPrevious, vesselLinkRefusal } from '../../../shared/sightingRules';
import { rotatePolygon } from '../../../shared/measure';
import { call, ApiCallError, onProjectChanges } from '../api/client';
import type { ModeSpec } from '../map/modes/Mode';
import { jumpTarget, parseIsoDate, scenePasses, type SceneFilter } from './sceneFilter';
import { plural } from '../../../shared/words';

export type Dialog = null | 'new' | 'open' | 'help' | 'export' | 'report' | 'saveCopy' | 'analyst';
export type CompareMode = 'off' | 'swipe' | 'side';
export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}
export type SightingPatch = Partial<Pick<Sighting, 'class' | 'geometry' | 'confidence' | 'count' | 'vesselId' | 'trackId' | 'zoneId' | 'notes'>>;

export type { SceneFilter } from './sceneFilter';
export { scenePasses } from './sceneFilter';

interface AppState {
  info: AppInfo | null;
  summary: ProjectSummary | null;
  recent: RecentProject[];
  scenes: Scene[];
  zones: Zone[];
  observability: SceneZoneObservability[];
  sightings: Sighting[];
  vessels: Vessel[];
  tracks: Track[];
  sceneIndex: number;
  selectedIds: string[];
  selectedZoneId: string | null;
  selectedGhostId: string | null;
  mode: ModeSpec;
  /** The geometry new marks get: a click (point) or three clicks (oriented box). */
  markShape: 'point' | 'box';
  ghostsVisible: boolean;
  /** Snap clicks and vertices to zone edges, marks and ghosts; a preference kept across sessions. */
  snapping: boolean;
  filter: SceneFilter;
  compare: { mode: CompareMode; sceneId: string | null };
  history: HistoryState;
  /** Bumped after every edit, so views of the audit trail know to reload. */
  editSeq: number;
  /** A zone outline just drawn, waiting for its name. */
  pendingZone: PolygonGeometry | null;
  measurement: string | null;
  dialog: Dialog;
  toasts: Toast[];
  /** What the status bar says about persistence: every acknowledged edit is already on disk. */
  saveState: 'saved' | 'saving' | 'failed';
  busy: string | null;

  boot(): Promise<void>;
  loadProject(summary: ProjectSummary): Promise<void>;
  openProject(path: string): Promise<boolean>;
  createProject(path: string, name?: string): Promise<boolean>;
  openDemo(): Promise<void>;
  refreshRecent(): Promise<void>;
  stepScene(delta: number): void;
  goToScene(index: number): void;
  jumpToDate(isoDate: string): void;
  setFilter(f: Partial<SceneFilter>): void;
  setMode(mode: ModeSpec): void;
  markWith(cls: SightingClass): void;
  toggleMarkShape(): void;
  select(ids: string[], how?: 'replace' | 'toggle' | 'add'): void;
  selectZone(id: string | null): void;
  selectGhost(id: string | null): void;
  mark(geometry: SightingGeometry): Promise<void>;
  /** The old single-click marking, kept for callers that have only a lon/lat. */
  markAt(lonLat: LonLat): Promise<void>;
  moveSightings(changes: { id: string; geometry: SightingGeometry }[]): Promise<void>;
  rotateSelected(degrees: number): Promise<void>;
  updateSelected(patch: SightingPatch, label?: string): Promise<void>;
  deleteSelected(): Promise<void>;
  carryForward(): Promise<void>;
  acceptGhost(ghostId: string | null): Promise<void>;
  sameAsPrevious(): Promise<void>;
  createVesselForSelected(name: string): Promise<void>;
  /** Saves a vessel's identity (name, aliases, IMO, MMSI, flag, length); false if refused. */
  updateVessel(id: string, patch: RequestOf<'vessels.update'>['patch']): Promise<boolean>;
  /** Names a track (the container stack or object it follows across scenes). */
  renameTrack(id: string, label: string): Promise<void>;
  zoneDrawn(geometry: PolygonGeometry): void;
  createZone(name: string, kind: ZoneKind): Promise<boolean>;
  cancelZone(): void;
  reshapeZone(id: string, geometry: PolygonGeometry): Promise<void>;
  updateZone(id: string, patch: { name?: string; kind?: ZoneKind }): Promise<void>;
  setObservability(sceneId: string, zoneId: string, value: Observability): Promise<void>;
  /** Deletes a scene with its marks, reviews and observability (one undo step); false if refused. */
  deleteScene(id: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  refreshHistory(): Promise<void>;
  toggleGhosts(): void;
  toggleSnapping(): void;
  setCompare(mode: CompareMode, sceneId?: string | null): void;
  cycleCompare(): void;
  setMeasurement(text: string | null): void;
  setDialog(d: Dialog): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let toastSeq = 0;
/** A UI preference of this browser profile (not of the project): absent where storage is not. */
function readPreference(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(`quaywatch.${key}`) ?? null;
  } catch {
    return null;
  }
}
function writePreference(key: string, value: string) {
  try {
    globalThis.localStorage?.setItem(`quaywatch.${key}`, value);
  } catch {
    // Storage full or disabled: the preference lasts this session only.
  }
}

const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

/** Replaces (or adds) items by id; removes those whose value is null. */
function upsert<T extends { id: string }>(list: T[], items: T[], removed: string[] = []): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const gone = new Set(removed);
  const out = list.filter((x) => !gone.has(x.id)).map((x) => byId.get(x.id) ?? x);
  // A set, not list.some: a 10,000-mark batch against 10,000 marks must stay linear.
  const had = new Set(list.map((x) => x.id));
  for (const i of items) if (!had.has(i.id)) out.push(i);
  return out;
}

/** Scenes in the server's order (acquisition time, then id), so a scene brought back by undo lands where it was. */
const byAcquired = (a: Scene, b: Scene) => (a.acquired < b.acquired ? -1 : a.acquired > b.acquired ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);


export const useApp = create<AppState>((set, get) => {
  /**
   * After a failed edit: only a failure of the host or the disk can mean something acknowledged is
   * unsure ("NOT saved"); a refusal (a bad IMO, a conflict, a read-only project) changed nothing, so
   * everything stays saved and the toast says why.
   */
  const afterFailure = (e: unknown): AppState['saveState'] =>
    e instanceof ApiCallError && e.code !== 'io_error' && e.code !== 'internal' ? 'saved' : 'failed';

  const fail = (e: unknown) => {
    get().toast('error', e instanceof ApiCallError ? e.message : `Something went wrong: ${(e as Error).message}`);
  };

  /** Runs one edit: shows saving, reports a refusal as a toast, refreshes the undo labels. */
  const edit = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    set({ saveState: 'saving' });
    try {
      const value = await run();
      set({ saveState: 'saved', editSeq: get().editSeq + 1 });
      void get().refreshHistory();
      return value;
    } catch (e) {
      set({ saveState: afterFailure(e) });
      fail(e);
      void get().refreshHistory();
      return undefined;
    }
  };

  const selectedSightings = () => {
    const ids = new Set(get().selectedIds);
    return get().sightings.filter((s) => ids.has(s.id));
  };

  /**
   * Applies what a call changed in the project (every edit, undo and redo answers with its changes),
   * one pass per kind of entity so that a 10,000-sighting step stays linear.
   */
  const applyChanges = (changes: EntityChange[]) => {
    const latest = new Map<string, EntityChange>();
    for (const c of changes) latest.set(`${c.entity}:${c.id}`, c);
    const of = <T extends { id: string }>(entity: EntityChange['entity'], list: T[]): T[] => {
      const mine = [...latest.values()].filter((c) => c.entity === entity);
      if (!mine.length) return list;
      return upsert(list, mine.filter((c) => c.value).map((c) => c.value as T), mine.filter((c) => !c.value).map((c) => c.id));
    };
    const state = get();
    const currentSceneId = state.scenes[state.sceneIndex]?.id;
    const scenes = of<Scene>('scene', state.scenes).sort(byAcquired);
    const sightings = of<Sighting>('sighting', state.sightings);
    const zones = of<Zone>('zone', state.zones);
    const vessels = of<Vessel>('vessel', state.vessels);
    const tracks = of<Track>('track', state.tracks);
    const obsKey = (o: SceneZoneObservability) => `${o.sceneId}/${o.zoneId}`;
    const observability = [...latest.keys()].some((k) => k.startsWith('observability:'))
      ? of('observability', state.observability.map((o) => ({ ...o, id: obsKey(o) }))).map(({ id: _, ...o }) => o as SceneZoneObservability)
      : state.observability;
    const present = new Set(sightings.map((s) => s.id));
    const at = scenes.findIndex((s) => s.id === currentSceneId);
    set({
      scenes,
      sceneIndex: at >= 0 ? at : Math.max(0, Math.min(get().sceneIndex, scenes.length - 1)),
      sightings,
      zones,
      vessels,
      tracks,
      observability,
      selectedIds: get().selectedIds.filter((id) => present.has(id)),
      selectedZoneId: zones.some((z) => z.id === get().selectedZoneId) ? get().selectedZoneId : null,
    });
  };

  // Every call that changes the project answers with what it changed (ApiResult.changes): applied here,
  // before the caller sees the call's own answer, so no edit has to fetch the project again.
  onProjectChanges(applyChanges);

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
    info: null,
    summary: null,
    recent: [],
    scenes: [],
    zones: [],
    observability: [],
    sightings: [],
    vessels: [],
    tracks: [],
    sceneIndex: 0,
    selectedIds: [],
    selectedZoneId: null,
    selectedGhostId: null,
    mode: { name: 'select' },
    markShape: 'point',
    ghostsVisible: true,
    snapping: readPreference('snapping') === 'on',
    filter: { maxCloud: null, observableZoneId: null },
    compare: { mode: 'off', sceneId: null },
    history: NO_HISTORY,
    editSeq: 0,
    pendingZone: null,
    measurement: null,
    dialog: null,
    toasts: [],
    saveState: 'saved',
    busy: null,

    async boot() {
      try {
        const [info, current] = await Promise.all([call('app.info', {}), call('project.current', {})]);
        // First start for this user: ask who is working before the first mark is signed.
        set(info.analyst ? { info } : { info, dialog: 'analyst' });
        if (current) await get().loadProject(current);
        else await get().openDemo();
        void get().refreshRecent();
      } catch (e) {
        fail(e);
      }
    },

    async loadProject(summary) {
      const [scenes, zones, observability, sightings, vessels, tracks, history] = await Promise.all([
        call('scenes.list', {}),
        call('zones.list', {}),
        call('observability.list', {}),
        call('sightings.list', {}),
        call('vessels.list', {}),
        call('tracks.list', {}),
        call('history.state', {}),
      ]);
      set({
        summary,
        scenes,
        zones,
        observability,
        sightings,
        vessels,
        tracks,
        history,
        sceneIndex: 0,
        selectedIds: [],
        selectedZoneId: null,
        selectedGhostId: null,
        mode: { name: 'select' },
        filter: { maxCloud: null, observableZoneId: null },
        compare: { mode: 'off', sceneId: null },
        pendingZone: null,
        saveState: 'saved',
      });
      document.title = `${summary.project.name} — Quaywatch`;
    },

    async openProject(path) {
      set({ busy: 'Opening project…' });
      try {
        await get().loadProject(await call('project.open', { path }));
        void get().refreshRecent();
        return true;
      } catch (e) {
        fail(e);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    async createProject(path, name) {
      set({ busy: 'Creating project…' });
      try {
        await get().loadProject(await call('project.create', { path, name }));
        void get().refreshRecent();
        return true;
      } catch (e) {
        fail(e);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    async openDemo() {
      set({ busy: 'Preparing the demo project…' });
      try {
        await get().loadProject(await call('project.openDemo', {}));
        void get().refreshRecent();
      } catch (e) {
        fail(e);
      } finally {
        set({ busy: null });
      }
    },

    async refreshRecent() {
      try {
        set({ recent: await call('project.recent', {}) });
      } catch {
        /* the recent list is a convenience */
      }
    },

    stepScene(delta) {
      // Steps skip scenes the timeline filter hides, so "next" means "next one worth looking at".
      const { scenes, filter, observability, sceneIndex } = get();
      for (let i = sceneIndex + delta; i >= 0 && i < scenes.length; i += delta) {
        if (scenePasses(scenes[i]!, filter, observability)) {
          get().goToScene(i);
          return;
        }
      }
    },

    goToScene(index) {
      const n = get().scenes.length;
      if (n === 0) return;
      const next = Math.max(0, Math.min(n - 1, index));
      if (next !== get().sceneIndex) set({ sceneIndex: next, selectedIds: [], selectedGhostId: null, selectedZoneId: null });
    },

    jumpToDate(isoDate) {
      const day = parseIsoDate(isoDate);
      if (typeof day !== 'string') {
        get().toast('error', day.error);
        return;
      }
      const { scenes, filter, observability } = get();
      const target = jumpTarget(scenes, day, (s) => scenePasses(s, filter, observability));
      if (typeof target === 'string') {
        get().toast('error', target);
        return;
      }
      get().goToScene(target.index);
      // Landing on another day than the one asked for is said, never silent.
      if (target.notice) get().toast('info', target.notice);
    },

    setFilter(f) {
      set({ filter: { ...get().filter, ...f } });
    },

    setMode(mode) {
      set({
        mode,
        selectedIds: mode.name === 'select' ? get().selectedIds : [],
        selectedZoneId: mode.name === 'select' ? get().selectedZoneId : null,
        measurement: mode.name === 'measure' ? get().measurement : null,
      });
    },

    markWith(cls) {
      get().setMode({ name: 'mark', cls, shape: get().markShape });
    },

    toggleMarkShape() {
      const markShape = get().markShape === 'point' ? 'box' : 'point';
      set({ markShape });
      const m = get().mode;
      if (m.name === 'mark') set({ mode: { ...m, shape: markShape } });
    },

    select(ids, how = 'replace') {
      let next: string[];
      if (how === 'replace') next = ids;
      else if (how === 'add') next = [...new Set([...get().selectedIds, ...ids])];
      else {
        const cur = new Set(get().selectedIds);
        for (const id of ids) if (cur.has(id)) cur.delete(id);
        else cur.add(id);
        next = [...cur];
      }
      set({ selectedIds: next, selectedZoneId: null, selectedGhostId: null });
    },

    selectZone(id) {
      set({ selectedZoneId: id, selectedIds: [], selectedGhostId: null });
    },

    selectGhost(id) {
      set({ selectedGhostId: id, selectedIds: [], selectedZoneId: null });
    },

    async mark(geometry) {
      const scene = currentScene(get());
      const m = get().mode;
      if (!scene || m.name !== 'mark') return;
      const s = await edit(() => call('sightings.create', { sceneId: scene.id, class: m.cls, geometry }));
      if (s) set({ selectedIds: [s.id] }); // the new sighting itself came back as a change
    },

    async markAt(lonLat) {
      await get().mark({ type: 'Point', coordinates: lonLat });
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
      get().toast('info', `Carried ${plural(res.created.length, 'sighting')} forward to ${when}${skipped}.`);
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

    toggleSnapping() {
      const snapping = !get().snapping;
      set({ snapping });
      writePreference('snapping', snapping ? 'on' : 'off');
      get().toast('info', snapping ? 'Snapping on: to zone edges, marks and ghosts within 10 px (Shift+S)' : 'Snapping off (Shift+S)');
    },
    toggleGhosts() {
      set({ ghostsVisible: !get().ghostsVisible });
    },

    setCompare(mode, sceneId) {
      const { scenes, sceneIndex } = get();
      const fallback = scenes[sceneIndex - 1]?.id ?? scenes[sceneIndex + 1]?.id ?? null;
      set({ compare: { mode, sceneId: mode === 'off' ? get().compare.sceneId : (sceneId ?? get().compare.sceneId ?? fallback) } });
    },

    cycleCompare() {
      const next = ({ off: 'swipe', swipe: 'side', side: 'off' } as const)[get().compare.mode];
      get().setCompare(next);
    },

    setMeasurement(measurement) {
      set({ measurement });
    },

    setDialog(dialog) {
      set({ dialog });
      if (dialog === 'open' || dialog === 'new') void get().refreshRecent();
    },

    toast(kind, text) {
      const id = ++toastSeq;
      set({ toasts: [...get().toasts, { id, kind, text }] });
      if (kind === 'info') setTimeout(() => get().dismissToast(id), 4000);
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  };
});

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

const NONE: Sighting[] = [];

/** Derived selectors kept outside the store so they never go stale. */
export const currentScene = (s: AppState) => s.scenes[s.sceneIndex] ?? null;

/** The selected sightings, the same array while neither the selection nor the sightings change (selectors run on every store change). */
let selection: { all: Sighting[]; ids: string[]; selected: Sighting[] } | null = null;
const selectedOf = (s: Pick<AppState, 'selectedIds' | 'sightings'>): Sighting[] => {
  if (s.selectedIds.length === 0) return NONE;
  if (selection?.all === s.sightings && selection.ids === s.selectedIds) return selection.selected;
  const ids = new Set(s.selectedIds);
  selection = { all: s.sightings, ids: s.selectedIds, selected: s.sightings.filter((x) => ids.has(x.id)) };
  return selection.selected;
};
/** Why the selection cannot be carried forward (F), or null: the rule book's answer, shown on the button. */
export const carryForwardUnavailable = (s: Pick<AppState, 'selectedIds' | 'sightings' | 'scenes'>): string | null => carryForwardDisabled(selectedOf(s), s.scenes);
/** "Same as previous" (P) for the selection: the sightings to copy from, or why it cannot be done. */
export const sameAsPreviousPlan = (s: Pick<AppState, 'selectedIds' | 'sightings' | 'scenes' | 'sceneIndex'>): ReturnType<typeof sameAsPrevious<Sighting>> => {
  const previous = s.scenes[s.sceneIndex - 1] ?? null;
  const selected = selectedOf(s);
  if (plan?.selected !== selected || plan.all !== s.sightings || plan.previous !== previous) {
    plan = { selected, all: s.sightings, previous, result: sameAsPrevious(selected, previous, s.sightings) };
  }
  return plan.result;
};
let plan: { selected: Sighting[]; all: Sighting[]; previous: Scene | null; result: ReturnType<typeof sameAsPrevious<Sighting>> } | null = null;
/**
 * The current scene's sightings, the same array while neither the sightings nor the scene change:
 * the store changes on every click and toast, and filtering (or comparing) 10,000 marks each time
 * was a visible part of selecting one.
 */
let scenesMarks: { all: Sighting[]; sceneId: string | null; here: Sighting[] } | null = null;
export const sightingsOfCurrentScene = (s: AppState): Sighting[] => {
  const sceneId = s.scenes[s.sceneIndex]?.id ?? null;
  if (scenesMarks?.all === s.sightings && scenesMarks.sceneId === sceneId) return scenesMarks.here;
  const here = sceneId ? s.sightings.filter((x) => x.sceneId === sceneId) : NONE;
  scenesMarks = { all: s.sightings, sceneId, here };
  return here;
};

/**
 * Ghosts: the previous scene's marks not yet re-marked here. A ghost whose vessel or track already
 * has a sighting on this scene is hidden, so accepting one makes it disappear.
 */
export function ghostsOfCurrentScene(s: Pick<AppState, 'scenes' | 'sceneIndex' | 'sightings'>): Sighting[] {
  const scene = s.scenes[s.sceneIndex];
  const prev = s.scenes[s.sceneIndex - 1];
  if (!scene || !prev) return NONE;
  // Same inputs, same array (see sightingsOfCurrentScene).
  if (ghostMemo?.all === s.sightings && ghostMemo.sceneId === scene.id && ghostMemo.prevId === prev.id) return ghostMemo.ghosts;
  const here = s.sightings.filter((x) => x.sceneId === scene.id);
  const vessels = new Set(here.map((x) => x.vesselId).filter(Boolean));
  const tracks = new Set(here.map((x) => x.trackId).filter(Boolean));
  const ghosts = s.sightings.filter(
    (x) => x.sceneId === prev.id && !(x.vesselId && vessels.has(x.vesselId)) && !(x.trackId && tracks.has(x.trackId)),
  );
  ghostMemo = { all: s.sightings, sceneId: scene.id, prevId: prev.id, ghosts };
  return ghosts;
}
let ghostMemo: { all: Sighting[]; sceneId: string; prevId: string; ghosts: Sighting[] } | null = null;
