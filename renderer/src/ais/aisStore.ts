// AIS on the map: whether the layer is shown, and where AIS puts each vessel at a scene's instant
// (asked of the host per scene, kept per scene so stepping back is instant; forgotten when the
// project or its AIS changes). A scene's answer is never shown on another scene.
import { useEffect } from 'react';
import { create } from 'zustand';
import { useApp } from '../state/appStore';
import type { AisAtScene } from '../../../shared/calls/aisView';
import type { AisBracketTable } from '../../../shared/ais/verdicts';
import { DEFAULT_AIS_SETTINGS, type AisSettings } from '../../../shared/ais/types';
import { call, onProjectChanges } from '../api/client';

interface AisState {
  shown: boolean;
  /** Answers per scene id, for the project open now. */
  atScene: Map<string, AisAtScene>;
  /** The scene whose answer is awaited, or null. */
  loading: string | null;
  error: string | null;
  /** The host's brackets for every scene × MMSI of the project's vessels (verdicts), and for which MMSIs. */
  brackets: AisBracketTable | null;
  bracketsKey: string | null;
  /** The project's AIS thresholds (window, distances, gap): verdicts, the layer and the Analysis view use them. */
  settings: AisSettings;
  /** Counts what forget() was told: views that ask the host of the AIS (identities) ask again when it changes. */
  version: number;
  toggle(): void;
  /** Reads the project's thresholds again (project opened, thresholds changed, undone or redone). */
  loadSettings(): Promise<void>;
  /** Makes sure the brackets cover these MMSIs (asks again when a vessel gains an MMSI). */
  wantBrackets(mmsis: string[]): Promise<void>;
  /** Makes sure the scene's AIS is known (asks once per scene). */
  want(sceneId: string): Promise<void>;
  /** Forgets every answer: another project, or new AIS imported. */
  forget(): void;
}

let generation = 0;

export const useAis = create<AisState>((set, get) => ({
  shown: false,
  atScene: new Map(),
  loading: null,
  error: null,
  brackets: null,
  bracketsKey: null,
  settings: DEFAULT_AIS_SETTINGS,
  version: 0,
  toggle() {
    set({ shown: !get().shown });
  },
  async want(sceneId) {
    if (get().atScene.has(sceneId) || get().loading === sceneId) return;
    const mine = generation;
    set({ loading: sceneId, error: null });
    try {
      const answer = await call('ais.atScene', { sceneId });
      if (mine !== generation) return; // the project changed meanwhile: this answer belongs to no one
      const atScene = new Map(get().atScene);
      atScene.set(sceneId, answer);
      set({ atScene, loading: get().loading === sceneId ? null : get().loading });
    } catch (e) {
      if (mine !== generation) return;
      set({ loading: null, error: e instanceof Error ? e.message : String(e) });
    }
  },
  async wantBrackets(mmsis) {
    const key = [...new Set(mmsis)].sort().join(',');
    if (get().bracketsKey === key) return;
    const mine = generation;
    set({ bracketsKey: key });
    try {
      const brackets = await call('ais.brackets', {});
      if (mine === generation && get().bracketsKey === key) set({ brackets });
    } catch (e) {
      if (mine === generation) set({ bracketsKey: null, error: e instanceof Error ? e.message : String(e) });
    }
  },
  async loadSettings() {
    const mine = generation;
    try {
      const settings = await call('ais.settings', {});
      if (mine !== generation) return;
      const before = get().settings;
      if (JSON.stringify(before) === JSON.stringify(settings)) return;
      // Another window asks the host for other brackets and positions: drop the ones of the old window.
      if (settings.windowMin !== before.windowMin) set({ settings, atScene: new Map(), brackets: null, bracketsKey: null });
      else set({ settings });
    } catch (e) {
      if (mine === generation) set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
  forget() {
    generation++;
    set({ atScene: new Map(), loading: null, error: null, brackets: null, bracketsKey: null, version: get().version + 1 });
    void get().loadSettings();
  },
}));

// The thresholds are a project setting like any edit: changed, undone or redone, the page follows.
onProjectChanges((changes) => {
  if (changes.some((c) => c.entity === 'setting' && c.id === 'ais')) void useAis.getState().loadSettings();
});

/**
 * The bracket table the verdicts are computed from, asked for by whatever shows a verdict (the attributes
 * panel, the Analysis view) and not at start: it follows the project's MMSIs (a vessel given one is asked
 * about at once). Asking at start cost the first scene's draw ~0.3 s (the host builds it first).
 */
export function useAisBrackets(): AisBracketTable | null {
  const mmsiKey = useApp((s) => (s.summary ? s.vessels.flatMap((v) => (v.mmsi ? [v.mmsi] : [])).join(',') : null));
  useEffect(() => {
    if (mmsiKey !== null) void useAis.getState().wantBrackets(mmsiKey ? mmsiKey.split(',') : []);
  });
  return useAis((s) => s.brackets);
}
