// The open project's lifecycle and its entities: booting, opening, creating, the demo, the recent
// list, and applying what every call changed (ApiResult.changes) to the entity lists.
import type { AppInfo, EntityChange, ProjectSummary, RecentProject, ResponseOf } from '../../../../shared/api';

type ListCall = 'scenes.list' | 'zones.list' | 'observability.list' | 'examined.list' | 'sightings.list' | 'vessels.list' | 'tracks.list' | 'history.state';
import type { Scene, SceneZoneExamined, SceneZoneObservability, Sighting, Track, Vessel, Zone } from '../../../../shared/domain';
import { call, dropEarly, onProjectChanges, takeEarly } from '../../api/client';
import { byAcquired, failWith, upsert } from './storeKit';
import type { Slice } from './storeTypes';

export interface ProjectSlice {
  info: AppInfo | null;
  summary: ProjectSummary | null;
  recent: RecentProject[];
  scenes: Scene[];
  zones: Zone[];
  observability: SceneZoneObservability[];
  /** The analyst's record of effort: scene × zone pairs examined. */
  examined: SceneZoneExamined[];
  sightings: Sighting[];
  vessels: Vessel[];
  tracks: Track[];
  busy: string | null;

  boot(): Promise<void>;
  /** Shows a project; `ask` answers its list calls (boot passes the answers main.tsx asked for early). */
  loadProject(summary: ProjectSummary, ask?: <K extends ListCall>(name: K) => Promise<ResponseOf<K>>): Promise<void>;
  openProject(path: string): Promise<boolean>;
  createProject(path: string, name?: string): Promise<boolean>;
  openDemo(): Promise<void>;
  refreshRecent(): Promise<void>;
}

export const projectSlice: Slice<ProjectSlice> = (set, get) => {
  const fail = failWith(get);

  /** Opens or creates a project and shows it (busy meanwhile); false, with the reason as a toast, if refused. */
  const switchTo = async (busy: string, open: () => Promise<ProjectSummary>): Promise<boolean> => {
    set({ busy });
    try {
      await get().loadProject(await open());
      void get().refreshRecent();
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      set({ busy: null });
    }
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
    // Pairs (observability, examined) have no id field: their id is "sceneId/zoneId".
    const ofPairs = <T extends { sceneId: string; zoneId: string }>(entity: 'observability' | 'examined', list: T[]): T[] =>
      [...latest.keys()].some((k) => k.startsWith(`${entity}:`))
        ? of(entity, list.map((o) => ({ ...o, id: `${o.sceneId}/${o.zoneId}` }))).map(({ id: _, ...o }) => o as unknown as T)
        : list;
    const observability = ofPairs('observability', state.observability);
    const examined = ofPairs('examined', state.examined);
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
      examined,
      selectedIds: get().selectedIds.filter((id) => present.has(id)),
      selectedZoneId: zones.some((z) => z.id === get().selectedZoneId) ? get().selectedZoneId : null,
    });
  };

  // Every call that changes the project answers with what it changed (ApiResult.changes): applied here,
  // before the caller sees the call's own answer, so no edit has to fetch the project again.
  onProjectChanges(applyChanges);

  return {
    info: null,
    summary: null,
    recent: [],
    scenes: [],
    zones: [],
    observability: [],
    examined: [],
    sightings: [],
    vessels: [],
    tracks: [],
    busy: null,

    async boot() {
      try {
        // Asked by main.tsx while the app's code loaded: the project the host opened at start, and its lists.
        const [info, current] = await Promise.all([takeEarly('app.info'), takeEarly('project.current')]);
        // First start for this user: ask who is working before the first mark is signed.
        set(info.analyst ? { info } : { info, dialog: 'analyst' });
        if (current) await get().loadProject(current, takeEarly);
        else {
          dropEarly();
          await get().openDemo();
        }
        void get().refreshRecent();
      } catch (e) {
        fail(e);
      } finally {
        dropEarly();
      }
    },

    async loadProject(summary, ask = (name) => call(name, {} as never)) {
      const [scenes, zones, observability, examined, sightings, vessels, tracks, history] = await Promise.all([
        ask('scenes.list'),
        ask('zones.list'),
        ask('observability.list'),
        ask('examined.list'),
        ask('sightings.list'),
        ask('vessels.list'),
        ask('tracks.list'),
        ask('history.state'),
      ]);
      set({
        summary,
        scenes,
        zones,
        observability,
        examined,
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

    openProject(path) {
      return switchTo('Opening project…', () => call('project.open', { path }));
    },

    createProject(path, name) {
      return switchTo('Creating project…', () => call('project.create', { path, name }));
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
  };
};
