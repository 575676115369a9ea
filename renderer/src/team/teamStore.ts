// The team workspace as the page sees it: the status light (asked of the host every few seconds; the host
// syncs on its own, and what its syncs pulled arrives with these answers as any call's changes do) and the
// open team conflicts the Review panel shows; and whose sightings the Analysis panel, Report and Export cover.
import { useMemo } from 'react';
import { create } from 'zustand';
import type { TeamStatus, TeamUnmatchedScene } from '../../../shared/calls/team';
import type { Scope, ScopeContext } from '../../../shared/teamScope';
import type { SettlementKeep, TeamConflict } from '../../../shared/review/teamConflict';
import { call } from '../api/client';
import { useApp } from '../state/appStore';

interface TeamState {
  status: TeamStatus | null;
  conflicts: TeamConflict[];
  /** The light's details are open. */
  details: boolean;
  /** Whose sightings analysis, report and export cover while the project is in a team (one choice for the three). */
  scope: Scope;
  /** The team's marks on imagery this project lacks, per scene (asked when the details show a count). */
  unmatched: TeamUnmatchedScene[];
  refresh(): Promise<void>;
  loadConflicts(): Promise<void>;
  loadUnmatched(): Promise<void>;
  setScope(scope: Scope): void;
  join(url: string, password: string, ca?: string): Promise<void>;
  leave(): Promise<void>;
  syncNow(): Promise<void>;
  settle(eventId: string, keep: SettlementKeep): Promise<void>;
  setDetails(open: boolean): void;
}

const fail = (e: unknown) => useApp.getState().toast('error', (e as Error).message);

export const useTeam = create<TeamState>((set, get) => {
  /** A new status: when the team's work or its conflicts moved, the panels that read them catch up. */
  const take = (status: TeamStatus) => {
    const before = get().status;
    set({ status });
    if (status.reload) {
      // A catch-up of thousands of changes: the project is read again rather than applied change by change.
      void call('project.current', {}).then((current) => current && useApp.getState().loadProject(current));
    }
    if (!before || before.conflicts !== status.conflicts || before.lastSyncAt !== status.lastSyncAt || before.url !== status.url) void get().loadConflicts();
    if (before && (before.conflicts !== status.conflicts || before.url !== status.url)) {
      const app = useApp.getState();
      useApp.setState({ editSeq: app.editSeq + 1 });
    }
  };
  return {
    status: null,
    conflicts: [],
    details: false,
    scope: 'team',
    unmatched: [],
    async refresh() {
      try {
        take(await call('team.status', {}));
      } catch {
        // The host notice says when the host is gone; the light keeps its last state meanwhile.
      }
    },
    async loadConflicts() {
      if (!useApp.getState().summary) return set({ conflicts: [] });
      try {
        set({ conflicts: await call('reviews.teamConflicts', { openOnly: true }) });
      } catch (e) {
        fail(e);
      }
    },
    async loadUnmatched() {
      try {
        set({ unmatched: get().status?.unmatched ? await call('team.unmatched', {}) : [] });
      } catch (e) {
        fail(e);
      }
    },
    setScope(scope) {
      set({ scope });
    },
    async join(url, password, ca) {
      take(await call('team.join', { url, password, ...(ca ? { ca } : {}) }));
    },
    async leave() {
      try {
        take(await call('team.leave', {}));
        useApp.getState().toast('info', 'Left the team workspace: your work stays in this project, and the stored password is forgotten.');
      } catch (e) {
        fail(e);
      }
    },
    async syncNow() {
      set({ status: get().status ? { ...get().status!, light: 'syncing' } : null });
      try {
        take(await call('team.syncNow', {}));
      } catch (e) {
        fail(e);
        void get().refresh();
      }
    },
    async settle(eventId, keep) {
      try {
        await call('reviews.settleTeamConflict', { eventId, keep });
        const app = useApp.getState();
        useApp.setState({ editSeq: app.editSeq + 1 });
        void app.refreshHistory();
        await get().loadConflicts();
        void get().refresh();
      } catch (e) {
        fail(e);
      }
    },
    setDetails(details) {
      set({ details });
    },
  };
});

/** Asks the host for the light every `everyMs`; returns the stop. */
export function watchTeam(everyMs = 2000): () => void {
  void useTeam.getState().refresh();
  const timer = setInterval(() => void useTeam.getState().refresh(), everyMs);
  return () => clearInterval(timer);
}

/**
 * The scope asked of analysis, report and export: the analyst's choice while the project is in a team, none
 * otherwise (every sighting, as before teams); with what the one rule (shared/teamScope.ts) needs to word it.
 */
export function useScope(): { inTeam: boolean; scope: Scope | undefined; ctx: ScopeContext } {
  const status = useTeam((s) => s.status);
  const chosen = useTeam((s) => s.scope);
  const author = useApp((s) => s.info?.author ?? '');
  const inTeam = !!status?.url;
  const me = status?.author ?? author;
  const lastSync = status?.lastSyncAt ?? null;
  const unmatched = status?.unmatched ?? 0;
  // One object while nothing it holds changed: the Analysis panel recomputes on it.
  const ctx = useMemo<ScopeContext>(() => ({ me, team: inTeam ? { lastSync, unmatched } : null }), [me, inTeam, lastSync, unmatched]);
  return { inTeam, scope: inTeam ? chosen : undefined, ctx };
}
