// The project's side of a team workspace (SQL of the local file; the server's is teamServer.ts): which
// workspace it joined, which rows of its history the team has, and how the team's events are applied —
// through the one write path (history.run, origin 'team'), each batch in one transaction with the cursor,
// so a process killed mid-pull applies all of a batch or none of it and pulls it again.
import { createHash } from 'node:crypto';
import { historyOf, type EditTx } from './history';
import { databaseOf, type ProjectStore } from './projectStore';
import { canonicalJson } from '../../../shared/review/canonical';
import { TEAM_ENTITIES, type IncomingEvent, type SceneDescriptor, type TeamEntity } from './teamServer';
import { QuaywatchError } from '../errors';
import type { TeamConflict } from '../../../shared/review/teamConflict';

export type { TeamConflict };

export interface TeamLink {
  url: string;
  workspace: string;
  replica: string;
  author: string;
  pushedThrough: number;
  pulledThrough: number;
  /** False once the project left the workspace (team.leave): it keeps its cursors for a later join. */
  active: boolean;
  /** When the last sync finished (ISO, UTC), or null before the first. */
  lastSyncedAt: string | null;
}

export function teamLinkOf(store: ProjectStore): TeamLink | null {
  const r = databaseOf(store)
    .prepare('SELECT url, workspace, replica, author, pushed_through AS pushedThrough, pulled_through AS pulledThrough, active, last_synced_at AS lastSyncedAt FROM team_link WHERE id = 1')
    .get() as (Omit<TeamLink, 'active'> & { active: number }) | undefined;
  return r ? { ...r, active: r.active === 1 } : null;
}

/**
 * Records the workspace this project syncs with. A project joins one workspace: joining another would
 * mix two teams' histories, so it is refused; joining the same one again (a new address, another login) keeps the cursors.
 */
export function setTeamLink(store: ProjectStore, link: { url: string; workspace: string; replica: string; author: string }): TeamLink {
  const db = databaseOf(store);
  const current = teamLinkOf(store);
  if (current && current.workspace !== link.workspace) {
    throw new QuaywatchError('conflict', `This project already belongs to another team workspace (${current.url}); a project syncs with one workspace. Nothing was changed.`);
  }
  if (current) db.prepare('UPDATE team_link SET url = ?, author = ?, active = 1 WHERE id = 1').run(link.url, link.author);
  else db.prepare('INSERT INTO team_link (id, url, workspace, replica, author) VALUES (1, ?, ?, ?, ?)').run(link.url, link.workspace, link.replica, link.author);
  return teamLinkOf(store)!;
}

/** One row of this project's history that the team does not have yet. */
export interface UnpushedRow {
  seq: number;
  at: string;
  label: string;
  entity: TeamEntity;
  entityId: string;
  before: string | null;
  after: string | null;
}

/**
 * This project's own steps (every origin but 'team': those came from the team) after a seq, for the entities a
 * team shares. Audit rows without a step (a package's history) are records of someone else's work and are not
 * sent. Parameters: the seq, then TEAM_ENTITIES.
 */
const UNPUSHED = `FROM edit e JOIN edit_step s ON s.seq = e.step
  WHERE e.seq > ? AND s.origin <> 'team' AND e.entity IN (${TEAM_ENTITIES.map(() => '?').join(', ')})`;

/** The rows (UNPUSHED) after `afterSeq`, at most `limit`, in the order they were made. */
export function unpushedRows(store: ProjectStore, afterSeq: number, limit: number): UnpushedRow[] {
  return databaseOf(store)
    .prepare(`SELECT e.seq, e.at, e.label, e.entity, e.entity_id AS entityId, e.before, e.after ${UNPUSHED} ORDER BY e.seq LIMIT ?`)
    .all(afterSeq, ...TEAM_ENTITIES, limit) as UnpushedRow[];
}

/** How many rows (UNPUSHED) there are after `afterSeq`, without reading them: the status light's "N unsent", a reader's sync's "not sent". */
export function unsentCount(store: ProjectStore, afterSeq: number): number {
  return Number(databaseOf(store).prepare(`SELECT count(*) ${UNPUSHED}`).pluck().get(afterSeq, ...TEAM_ENTITIES));
}

/** The newest history row: after a push, everything up to it is in the team's log (rows of other entities need no sending). */
export function lastHistorySeq(store: ProjectStore): number {
  return Number(databaseOf(store).prepare('SELECT COALESCE(MAX(seq), 0) FROM edit').pluck().get());
}

/** Leaving: the project stops syncing, keeping its cursors, so a later join sends nothing twice. */
export function leaveTeamLink(store: ProjectStore): void {
  databaseOf(store).prepare('UPDATE team_link SET active = 0 WHERE id = 1').run();
}

export function markSynced(store: ProjectStore, at: string): void {
  databaseOf(store).prepare('UPDATE team_link SET last_synced_at = ? WHERE id = 1').run(at);
}

export function markPushed(store: ProjectStore, throughSeq: number): void {
  // Matching no row when already there: a sync with nothing new then writes (and waits on the disk) once, not twice.
  databaseOf(store).prepare('UPDATE team_link SET pushed_through = ? WHERE id = 1 AND pushed_through < ?').run(throughSeq, throughSeq);
}

export function teamConflicts(store: ProjectStore): TeamConflict[] {
  const rows = databaseOf(store)
    .prepare(
      `SELECT c.event_id AS eventId, c.seq, c.entity, c.entity_id AS entityId, c.author, c.label, c.proposed, c.team_value AS teamValue, c.reason, s.keep AS settled
       FROM team_conflict c LEFT JOIN team_settlement s ON s.id = c.event_id ORDER BY c.seq`,
    )
    .all() as (Omit<TeamConflict, 'proposed' | 'teamValue' | 'state'> & { proposed: string | null; teamValue: string | null })[];
  // Settled when a settlement (an entity of the one history, pushed and pulled like any edit) names it.
  return rows.map((r) => ({
    ...r,
    proposed: r.proposed === null ? null : JSON.parse(r.proposed),
    teamValue: r.teamValue === null ? null : JSON.parse(r.teamValue),
    state: r.settled ? 'settled' : 'open',
  }));
}

/** How many team conflicts are open (no settlement names them): the status light's count, asked every few seconds. */
export function openConflictCount(store: ProjectStore): number {
  return Number(
    databaseOf(store)
      .prepare('SELECT count(*) FROM team_conflict c WHERE NOT EXISTS (SELECT 1 FROM team_settlement s WHERE s.id = c.event_id)')
      .pluck()
      .get(),
  );
}

/** An event's value, checked by the caller (zod) before it reaches here. */
export type CheckedEvent = IncomingEvent & { target: unknown };

/**
 * Applies pulled events in the team's order: the project's value of each entity becomes the team's
 * (the change when applied; the team's value, unchanged, when it was a conflict, which is also kept as
 * a review item). One step per run of events by one author, so the audit says who made them.
 * All in one transaction, foreign keys checked at its end: until this replica's own events (pushed just
 * before) are applied, its values may point at what the team deleted meanwhile (a verdict on a mark its
 * author deleted); the caller passes every event up to this replica's last one together (sync.ts).
 */
export function applyTeamEvents(store: ProjectStore, events: readonly CheckedEvent[]): { changed: number; conflicts: number } {
  const db = databaseOf(store);
  const history = historyOf(store);
  const insertConflict = db.prepare(
    'INSERT OR IGNORE INTO team_conflict (event_id, seq, entity, entity_id, author, label, proposed, team_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setPulled = db.prepare('UPDATE team_link SET pulled_through = MAX(pulled_through, ?) WHERE id = 1');
  const observabilityOf = db.prepare('SELECT scene_id FROM observability WHERE zone_id = ?').pluck();
  const examinedOf = db.prepare('SELECT scene_id FROM examined WHERE zone_id = ?').pluck();
  const waitingFor = db.prepare('SELECT scene_key FROM team_pending WHERE entity = ? AND entity_id = ?').pluck();
  const wait = db.prepare('INSERT OR REPLACE INTO team_pending (entity, entity_id, scene_key, value, seq, author) VALUES (?, ?, ?, ?, ?, ?)');
  const unwait = db.prepare('DELETE FROM team_pending WHERE entity = ? AND entity_id = ?');
  // The team names scenes by what they are (sceneKeysOf); this project by its own ids.
  const keys = sceneKeysOf(store);
  const local = <T>(entity: string, value: T): T => withSceneId(entity, value, keys.toLocal);
  let changed = 0;
  let conflicts = 0;
  /**
   * A mark on a scene this project does not have, or a verdict on such a mark, waits in team_pending
   * (kept whole, never dropped) until the imagery is imported here (attachUnmatched); true when it does.
   */
  // What waits, as 'entity/id' (a few): a catch-up of 100,000 events asks the table only about these.
  const waiting = new Set((db.prepare("SELECT entity || '/' || entity_id FROM team_pending").pluck().all() as string[]));
  const waits = (e: CheckedEvent): boolean => {
    if (e.entity !== 'sighting' && e.entity !== 'review') return false;
    let sceneKey: string | null = null;
    if (e.target !== null && e.entity === 'sighting') {
      const k = (e.target as { sceneId: string }).sceneId;
      if (keys.toLocal(k) === null) sceneKey = k;
    } else if (e.target !== null) {
      const sightingId = (e.target as { sightingId: string }).sightingId;
      if (waiting.has(`sighting/${sightingId}`)) sceneKey = waitingFor.get('sighting', sightingId) as string;
    }
    const id = `${e.entity}/${e.entityId}`;
    if (sceneKey === null) {
      if (waiting.delete(id)) unwait.run(e.entity, e.entityId);
      return false;
    }
    wait.run(e.entity, e.entityId, sceneKey, JSON.stringify(e.target), e.seq, e.author);
    waiting.add(id);
    return true;
  };
  const setTo = (tx: EditTx, e: CheckedEvent) => {
    if (waits(e)) return;
    const target = local(e.entity, e.target);
    const current = tx.get(e.entity, e.entityId);
    if (current === null && target === null) return;
    if (current !== null && target !== null && canonicalJson(current) === canonicalJson(target)) return;
    if (target === null) {
      if (e.entity === 'zone') {
        // What this project keeps per zone and the team does not share goes with the zone, as a local deletion does.
        for (const sceneId of observabilityOf.all(e.entityId) as string[]) tx.remove('observability', `${sceneId}/${e.entityId}`);
        for (const sceneId of examinedOf.all(e.entityId) as string[]) tx.remove('examined', `${sceneId}/${e.entityId}`);
      }
      tx.remove(e.entity, e.entityId);
    } else {
      tx.put(e.entity, target as never);
    }
    changed++;
  };
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM edit').pluck();
  const pushedThrough = db.prepare('SELECT pushed_through FROM team_link WHERE id = 1').pluck();
  const setPushed = db.prepare('UPDATE team_link SET pushed_through = ? WHERE id = 1');
  // A catch-up inserts rows under random ids (UUIDs) all over the tables' B-trees: SQLite's default 2 MiB
  // page cache reads pages again as the project grows. 64 MiB for the while, as the AIS import does (about
  // a tenth off a 100,000-event catch-up here, measured against the default in one run).
  const cache = db.pragma('cache_size', { simple: true }) as number;
  if (events.length > 1000) db.pragma('cache_size = -65536');
  try {
  // One transaction for the whole list (each author's run a step inside it), foreign keys checked at its end.
  db.transaction(() => {
  db.pragma('defer_foreign_keys = ON');
  // When everything of ours was already in the team's log, the rows this adds (all of origin 'team') need no
  // sending either: the push cursor moves past them, so the next sync does not read them again to find nothing.
  const nothingUnsent = pushedThrough.get() === lastSeq.get();
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j]!.author === events[i]!.author) j++;
    const group = events.slice(i, j);
    const author = group[0]!.author;
    history.run(
      `Team: ${group.length === 1 ? group[0]!.label : `${group.length} changes`} (${author})`,
      (tx) => {
        for (const e of group) {
          if (e.outcome === 'conflict') {
            const fresh = insertConflict.run(e.id, e.seq, e.entity, e.entityId, e.author, e.label, e.after === null ? null : JSON.stringify(local(e.entity, e.after)), e.teamValue === null ? null : JSON.stringify(local(e.entity, e.teamValue)), e.reason ?? 'conflict').changes;
            conflicts += fresh;
          }
          setTo(tx, e);
        }
        setPulled.run(group[group.length - 1]!.seq);
      },
      { origin: 'team', author },
    );
    i = j;
  }
  if (nothingUnsent) setPushed.run(lastSeq.get());
  })();
  } finally {
    if (events.length > 1000) db.pragma(`cache_size = ${cache}`);
  }
  return { changed, conflicts };
}


/** A UUID (version 8: application-defined) made from a hash, for the team's uuid-typed scene ids. */
function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * How the team names a scene, so that analysts who each imported the same imagery mark the same scene:
 * by the provider's item id (a Planet or STAC item, whatever product or file it came as), else by the
 * SHA-256 of the file's content (recorded at import), else by the scene's own id (a scene from before
 * hashes were kept, or a URL template: matched only in copies of one project, as before). Pixels never travel.
 */
export interface SceneKeys {
  /** The team's id of a local scene. */
  toTeam(sceneId: string): string;
  /** The local scene the team's id names, or null when this project has no such imagery. */
  toLocal(teamSceneId: string): string | null;
  /** What the team's id of a local scene stands for, or null when it is only the scene's own id. */
  describe(sceneId: string): SceneDescriptor | null;
}

export function sceneKeysOf(store: ProjectStore): SceneKeys {
  const rows = databaseOf(store)
    .prepare('SELECT id, provider, product, item_id AS itemId, source_sha256 AS sha256, acquired FROM scene ORDER BY acquired, id')
    .all() as { id: string; provider: string; product: string; itemId: string | null; sha256: string | null; acquired: string }[];
  const team = new Map<string, string>();
  const local = new Map<string, string>();
  const described = new Map<string, SceneDescriptor>();
  for (const r of rows) {
    const key = r.itemId ? uuidOf(`quaywatch scene\0item\0${r.provider.trim().toLowerCase()}\0${r.itemId}`) : r.sha256 ? uuidOf(`quaywatch scene\0sha256\0${r.sha256}`) : r.id;
    team.set(r.id, key);
    if (key !== r.id) described.set(r.id, { key, provider: r.provider, product: r.product, itemId: r.itemId, sha256: r.itemId ? null : r.sha256, acquired: r.acquired });
    // The same imagery imported twice here: the team's marks go to the first (the earliest, then by id).
    if (!local.has(key)) local.set(key, r.id);
  }
  return {
    toTeam: (id) => team.get(id) ?? id,
    // A scene's own id still names it: events sent before scenes were matched (copies of one project) carry it.
    toLocal: (key) => local.get(key) ?? (team.has(key) ? key : null),
    describe: (id) => described.get(id) ?? null,
  };
}

/** A sighting or review value with its scene id changed by `map` (other entities as they are). */
export function withSceneId<T>(entity: string, value: T, map: (sceneId: string) => string | null): T {
  if (entity !== 'sighting' || value === null || typeof value !== 'object') return value;
  const v = value as { sceneId?: unknown };
  if (typeof v.sceneId !== 'string') return value;
  const to = map(v.sceneId);
  return to === null || to === v.sceneId ? value : ({ ...value, sceneId: to } as T);
}

/** What the team marked on scenes this project does not have: per team scene id, how many marks and by whom. */
export interface UnmatchedScene {
  sceneKey: string;
  sightings: number;
  authors: string[];
  /** What the team says the scene is (its provider item or file hash), when a colleague who has it told it. */
  scene: Omit<SceneDescriptor, 'key'> | null;
}

/** The team's scene ids marks wait for, that the project has no description of yet. */
export function undescribedSceneKeys(store: ProjectStore): string[] {
  return databaseOf(store)
    .prepare('SELECT DISTINCT p.scene_key FROM team_pending p LEFT JOIN team_scene s ON s.key = p.scene_key WHERE s.key IS NULL')
    .pluck()
    .all() as string[];
}

/** Keeps what the team says scene ids stand for (checked by the caller). */
export function rememberScenes(store: ProjectStore, scenes: readonly SceneDescriptor[]): void {
  const db = databaseOf(store);
  const put = db.prepare('INSERT OR IGNORE INTO team_scene (key, provider, product, item_id, sha256, acquired) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const d of scenes) put.run(d.key, d.provider, d.product, d.itemId, d.sha256, d.acquired);
  })();
}

export function unmatchedSightingCount(store: ProjectStore): number {
  return Number(databaseOf(store).prepare("SELECT count(*) FROM team_pending WHERE entity = 'sighting'").pluck().get());
}

export function unmatchedScenes(store: ProjectStore): UnmatchedScene[] {
  const rows = databaseOf(store)
    .prepare(
      `SELECT p.scene_key AS sceneKey, count(*) AS n, group_concat(DISTINCT p.author) AS authors,
              s.provider, s.product, s.item_id AS itemId, s.sha256, s.acquired
       FROM team_pending p LEFT JOIN team_scene s ON s.key = p.scene_key
       WHERE p.entity = 'sighting' GROUP BY p.scene_key ORDER BY min(p.seq)`,
    )
    .all() as ({ sceneKey: string; n: number; authors: string } & Omit<SceneDescriptor, 'key' | 'provider'> & { provider: string | null })[];
  return rows.map((r) => ({
    sceneKey: r.sceneKey,
    sightings: r.n,
    authors: r.authors.split(',').sort(),
    scene: r.provider === null ? null : { provider: r.provider, product: r.product, itemId: r.itemId, sha256: r.sha256, acquired: r.acquired },
  }));
}

/**
 * Attaches what the team marked on scenes this project lacked and now has (imagery imported since):
 * the marks, then the verdicts on them, as steps of origin 'team' by their authors. Returns how many marks.
 */
export function attachUnmatched(store: ProjectStore): number {
  const db = databaseOf(store);
  if (!db.prepare('SELECT 1 FROM team_pending LIMIT 1').get()) return 0;
  const keys = sceneKeysOf(store);
  const waiting = db.prepare('SELECT entity, entity_id AS entityId, scene_key AS sceneKey, value, seq, author FROM team_pending ORDER BY entity DESC, seq').all() as {
    entity: 'sighting' | 'review'; entityId: string; sceneKey: string; value: string; seq: number; author: string;
  }[];
  const ready = waiting.filter((w) => keys.toLocal(w.sceneKey) !== null);
  if (!ready.length) return 0;
  const drop = db.prepare('DELETE FROM team_pending WHERE entity = ? AND entity_id = ?');
  const history = historyOf(store);
  db.transaction(() => {
    // Sightings first (entity DESC), then the verdicts on them; one step per author.
    for (let i = 0; i < ready.length; ) {
      let j = i;
      while (j < ready.length && ready[j]!.author === ready[i]!.author && ready[j]!.entity === ready[i]!.entity) j++;
      const group = ready.slice(i, j);
      history.run(
        `Team: ${group.length} ${group[0]!.entity === 'sighting' ? 'mark(s)' : 'verdict(s)'} attached to imagery imported here (${group[0]!.author})`,
        (tx) => {
          for (const w of group) {
            tx.put(w.entity, withSceneId(w.entity, JSON.parse(w.value) as never, keys.toLocal));
            drop.run(w.entity, w.entityId);
          }
        },
        { origin: 'team', author: group[0]!.author },
      );
      i = j;
    }
  })();
  return ready.filter((w) => w.entity === 'sighting').length;
}
