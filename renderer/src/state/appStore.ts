// The renderer's state (zustand): the open project, its scenes, the current scene and the marks.
// Components read it; the map controller subscribes to it; every change goes through an action.
import { create } from 'zustand';
import type { AppInfo, ProjectSummary, RecentProject } from '../../../shared/api';
import type { LonLat, Scene, SceneZoneObservability, Sighting, SightingClass, Zone } from '../../../shared/domain';
import { call, ApiCallError } from '../api/client';

export type Tool = 'select' | 'mark';
export type Dialog = null | 'new' | 'open' | 'help';
export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface AppState {
  info: AppInfo | null;
  summary: ProjectSummary | null;
  recent: RecentProject[];
  scenes: Scene[];
  zones: Zone[];
  observability: SceneZoneObservability[];
  sightings: Sighting[];
  sceneIndex: number;
  selectedId: string | null;
  tool: Tool;
  markClass: SightingClass;
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
  setTool(tool: Tool, markClass?: SightingClass): void;
  select(id: string | null): void;
  markAt(lonLat: LonLat): Promise<void>;
  deleteSelected(): Promise<void>;
  setDialog(d: Dialog): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let toastSeq = 0;

export const useApp = create<AppState>((set, get) => {
  const fail = (e: unknown) => {
    get().toast('error', e instanceof ApiCallError ? e.message : `Something went wrong: ${(e as Error).message}`);
  };

  return {
    info: null,
    summary: null,
    recent: [],
    scenes: [],
    zones: [],
    observability: [],
    sightings: [],
    sceneIndex: 0,
    selectedId: null,
    tool: 'select',
    markClass: 'vessel',
    dialog: null,
    toasts: [],
    saveState: 'saved',
    busy: null,

    async boot() {
      try {
        const [info, current] = await Promise.all([call('app.info', {}), call('project.current', {})]);
        set({ info });
        if (current) await get().loadProject(current);
        else await get().openDemo();
        void get().refreshRecent();
      } catch (e) {
        fail(e);
      }
    },

    async loadProject(summary) {
      const [scenes, zones, observability, sightings] = await Promise.all([
        call('scenes.list', {}),
        call('zones.list', {}),
        call('observability.list', {}),
        call('sightings.list', {}),
      ]);
      set({ summary, scenes, zones, observability, sightings, sceneIndex: 0, selectedId: null, tool: 'select', saveState: 'saved' });
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
      get().goToScene(get().sceneIndex + delta);
    },

    goToScene(index) {
      const n = get().scenes.length;
      if (n === 0) return;
      const next = Math.max(0, Math.min(n - 1, index));
      if (next !== get().sceneIndex) set({ sceneIndex: next, selectedId: null });
    },

    setTool(tool, markClass) {
      set({ tool, markClass: markClass ?? get().markClass, selectedId: tool === 'mark' ? null : get().selectedId });
    },

    select(id) {
      set({ selectedId: id });
    },

    async markAt(lonLat) {
      const scene = get().scenes[get().sceneIndex];
      if (!scene) return;
      set({ saveState: 'saving' });
      try {
        const s = await call('sightings.create', {
          sceneId: scene.id,
          class: get().markClass,
          geometry: { type: 'Point', coordinates: lonLat },
        });
        set({ sightings: [...get().sightings, s], selectedId: s.id, saveState: 'saved' });
      } catch (e) {
        set({ saveState: 'failed' });
        fail(e);
      }
    },

    async deleteSelected() {
      const id = get().selectedId;
      if (!id) return;
      set({ saveState: 'saving' });
      try {
        await call('sightings.delete', { id });
        set({ sightings: get().sightings.filter((s) => s.id !== id), selectedId: null, saveState: 'saved' });
      } catch (e) {
        set({ saveState: 'failed' });
        fail(e);
      }
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

/** Derived selectors kept outside the store so they never go stale. */
export const currentScene = (s: AppState) => s.scenes[s.sceneIndex] ?? null;
export const sightingsOfCurrentScene = (s: AppState) => {
  const scene = s.scenes[s.sceneIndex];
  return scene ? s.sightings.filter((x) => x.sceneId === scene.id) : [];
};
