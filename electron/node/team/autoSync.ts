// Automatic team sync, run by the host (never the page): after edits (once they settle for a moment), on an
// interval while the server answers, and with a growing pause while it does not. One sync at a time per
// project (a second asker awaits the one under way); another process (the CLI) cannot sync the same file
// meanwhile, since it cannot open a project this one holds (store/projectLock.ts). The sync awaits the server
// between batches, so edits are answered between its steps; what it pulled reaches the page with the next
// team.status or team.syncNow answer (reportChanges), as any call's changes do.
import type { EntityChange } from '../../../shared/api';
import type { TeamLight, TeamStatus } from '../../../shared/calls/team';
import { QuaywatchError } from '../errors';
import type { KeyStore } from '../imagery/apiKeys';
import type { ProjectSession } from '../session';
import { gatherChanges, reportChanges } from '../store/history';
import type { ProjectStore } from '../store/projectStore';
import { lastHistorySeq, openConflictCount, teamLinkOf, unmatchedSightingCount, unsentCount } from '../store/teamLocal';
import { describeTeamFailure } from './teamErrors';
import { syncProject, teamKeyStore } from './sync';
import { TeamTrustFile } from './trust';

export interface AutoSyncTiming {
  /** How often the host looks for new edits and due retries. */
  tickMs: number;
  /** Quiet time after the last edit before a sync starts (a burst of edits syncs once). */
  debounceMs: number;
  /** A pull of the team's work while nothing changed here. */
  intervalMs: number;
  /** First pause after a failure; doubled each time up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

/** More changes than this from background syncs, and the page reads the project again instead of taking the list. */
const MAX_PENDING_CHANGES = 2000;

export const DEFAULT_TIMING: AutoSyncTiming = { tickMs: 1000, debounceMs: 2000, intervalMs: 30_000, backoffMs: 5000, maxBackoffMs: 120_000 };

interface Outcome {
  light: Exclude<TeamLight, 'none' | 'syncing' | 'conflicts'>;
  message: string | null;
}

export class TeamSyncer {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private store: ProjectStore | null = null;
  private outcome: Outcome | null = null;
  private lastSyncAt: string | null = null;
  private lastAttempt = 0;
  private failures = 0;
  private nextTry = 0;
  private seenSeq = -1;
  private lastEditAt = 0;
  /** What background syncs changed, until a call hands it to the page. */
  private pending: EntityChange[] = [];
  private keyStore: Promise<KeyStore> | null = null;
  /** The pending list overflowed: the page is told to read the project again. */
  private overflow = false;
  private readonly trust: TeamTrustFile;

  constructor(
    private readonly session: ProjectSession,
    private readonly timing: AutoSyncTiming = DEFAULT_TIMING,
    private readonly keys: () => Promise<KeyStore> = () => teamKeyStore(session.dataDir),
  ) {
    this.trust = new TeamTrustFile(session.dataDir);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.timing.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The joined project now open, or null; a project opened in its place starts with a clean state. */
  private joined(): ProjectStore | null {
    const store = this.session.current;
    if (store !== this.store) {
      this.store = store;
      this.outcome = null;
      this.lastSyncAt = null;
      this.failures = 0;
      this.nextTry = 0;
      this.seenSeq = -1;
      this.lastAttempt = 0;
    }
    if (!store || store.readOnly) return null;
    const link = teamLinkOf(store);
    return link?.active ? store : null;
  }

  /** Starts a sync when one is due; never a second while one runs. */
  tick(now = Date.now()): void {
    const store = this.joined();
    if (!store || this.running) return;
    const seq = lastHistorySeq(store);
    if (seq !== this.seenSeq) {
      if (this.seenSeq >= 0) this.lastEditAt = now;
      this.seenSeq = seq;
    }
    if (now < this.nextTry) return;
    const link = teamLinkOf(store)!;
    const edited = this.lastEditAt > this.lastAttempt && now - this.lastEditAt >= this.timing.debounceMs && unsentCount(store, link.pushedThrough) > 0;
    const due = this.lastAttempt === 0 || now - this.lastAttempt >= this.timing.intervalMs || this.failures > 0;
    if (edited || due) void this.sync();
  }

  /** Syncs now, or hands back the sync under way (edits made meanwhile go with the next one). */
  sync(): Promise<void> {
    if (this.running) return this.running;
    const store = this.joined();
    if (!store) return Promise.resolve();
    this.running = this.run(store).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(store: ProjectStore): Promise<void> {
    this.lastAttempt = Date.now();
    try {
      // Opened once: finding the OS keystore writes and reads a probe entry, not something to repeat every sync.
      this.keyStore ??= this.keys();
      const keys = await this.keyStore;
      // The CA kept for this server when the project joined with one (team/trust.ts): verified every time, as `team sync`.
      const caFile = this.trust.caFor(teamLinkOf(store)!.url);
      const { changes } = await gatherChanges(() => syncProject(store, keys, { caFile }));
      if (this.store !== store) return;
      if (this.overflow || this.pending.length + changes.length > MAX_PENDING_CHANGES) {
        this.overflow = true;
        this.pending = [];
      } else this.pending.push(...changes);
      this.lastSyncAt = new Date().toISOString();
      this.failures = 0;
      this.nextTry = 0;
      this.outcome = { light: 'synced', message: null };
    } catch (e) {
      if (this.store !== store) return;
      const f = describeTeamFailure(e);
      this.failures++;
      const pause = Math.min(this.timing.maxBackoffMs, this.timing.backoffMs * 2 ** (this.failures - 1));
      this.nextTry = Date.now() + pause;
      this.outcome = { light: f.kind === 'unreachable' ? 'offline' : 'error', message: f.message };
    }
  }

  /** The status light, with what background syncs changed handed to the call under way. */
  status(): TeamStatus {
    const store = this.joined();
    if (this.pending.length) {
      reportChanges(this.pending);
      this.pending = [];
    }
    const reload = this.overflow;
    this.overflow = false;
    const link = store ? teamLinkOf(store) : null;
    if (!store || !link) {
      return { light: 'none', url: null, author: null, lastSyncAt: null, unmatched: 0, verified: false, conflicts: 0, unsent: 0, message: null, nextTryAt: null, reload: false };
    }
    const conflicts = openConflictCount(store);
    const unsent = unsentCount(store, link.pushedThrough);
    // Syncing while one runs (or before the first has ended); otherwise how the last one ended.
    let light: TeamLight = this.running || !this.outcome ? 'syncing' : this.outcome.light;
    if (light === 'synced' && conflicts > 0) light = 'conflicts';
    let message = this.outcome?.message ?? null;
    if (this.outcome?.light === 'offline' && !this.running) {
      message = `${message} Your edits are kept in the project${unsent ? ` (${unsent} not sent yet)` : ''}; Quaywatch tries again at ${new Date(this.nextTry).toISOString().slice(11, 19)} UTC.`;
    }
    return {
      light,
      url: link.url,
      author: link.author,
      // The project's record (what reports print), else this session's (a sync the project has not recorded cannot be).
      lastSyncAt: link.lastSyncedAt ?? this.lastSyncAt,
      unmatched: unmatchedSightingCount(store),
      verified: this.trust.caFor(link.url) !== null,
      conflicts,
      unsent,
      message,
      nextTryAt: this.failures ? new Date(this.nextTry).toISOString() : null,
      reload,
    };
  }

  /** A new join or a leave: the next tick syncs at once (or stops). */
  reset(): void {
    this.store = null;
    this.joined();
  }
}

const syncers = new WeakMap<ProjectSession, TeamSyncer>();

/** The session's syncer, started by the first team call (the page asks for the status light as it opens; the CLI never does). */
export function teamSyncerOf(session: ProjectSession): TeamSyncer {
  let s = syncers.get(session);
  if (!s) {
    s = new TeamSyncer(session, timingFromEnv());
    syncers.set(session, s);
    s.start();
  }
  return s;
}

/** Tests shorten the pauses (QW_TEAM_SYNC_TIMING=tick,debounce,interval,backoff,max in ms); otherwise the defaults. */
function timingFromEnv(): AutoSyncTiming {
  const raw = process.env.QW_TEAM_SYNC_TIMING;
  if (!raw) return DEFAULT_TIMING;
  const n = raw.split(',').map(Number);
  if (n.length !== 5 || n.some((x) => !Number.isFinite(x) || x < 10)) throw new QuaywatchError('invalid_request', 'QW_TEAM_SYNC_TIMING takes five pauses in ms: tick,debounce,interval,backoff,max.');
  return { tickMs: n[0]!, debounceMs: n[1]!, intervalMs: n[2]!, backoffMs: n[3]!, maxBackoffMs: n[4]! };
}
