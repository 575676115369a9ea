// The project's side of a team workspace (SQL of the local file; the server's is teamServer.ts): which
// workspace it joined, which rows of its history the team has, and how the team's events are applied —
// through the one write path (history.run, origin 'team'), each batch in one transaction with the cursor,
// so a process killed mid-pull applies all of a batch or none of it and pulls it again.
import { historyOf, type EditTx } from './history';
import { databaseOf, type ProjectStore } from './projectStore';
import { canonicalJson } from '../../../shared/review/canonical';
import { TEAM_ENTITIES, type IncomingEvent, type TeamEntity } from './teamServer';
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
}

export function teamLinkOf(store: ProjectStore): TeamLink | null {
  const r = databaseOf(store)
    .prepare('SELECT url, workspace, replica, author, pushed_through AS pushedThrough, pulled_through AS pulledThrough, active FROM team_link WHERE id = 1')
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
 * Rows of this project's own steps (every origin but 'team': those came from the team) after `afterSeq`,
 * for the entities a team shares, in the order they were made. Audit rows without a step (a package's
 * history) are records of someone else's work and are not sent.
 */
export function unpushedRows(store: ProjectStore, afterSeq: number, limit: number): UnpushedRow[] {
  return databaseOf(store)
    .prepare(
      `SELECT e.seq, e.at, e.label, e.entity, e.entity_id AS entityId, e.before, e.after
       FROM edit e JOIN edit_step s ON s.seq = e.step
       WHERE e.seq > ? AND s.origin <> 'team' AND e.entity IN (${TEAM_ENTITIES.map(() => '?').join(', ')})
       ORDER BY e.seq LIMIT ?`,
    )
    .all(afterSeq, ...TEAM_ENTITIES, limit) as UnpushedRow[];
}

/** How many of this project's own rows the team does not have yet (the status light's "N unsent"). */
export function unsentCount(store: ProjectStore, afterSeq: number): number {
  return Number(
    databaseOf(store)
      .prepare(
        `SELECT count(*) FROM edit e JOIN edit_step s ON s.seq = e.step
         WHERE e.seq > ? AND s.origin <> 'team' AND e.entity IN (${TEAM_ENTITIES.map(() => '?').join(', ')})`,
      )
      .pluck()
      .get(afterSeq, ...TEAM_ENTITIES),
  );
}

/** The newest history row: after a push, everything up to it is in the team's log (rows of other entities need no sending). */
export function lastHistorySeq(store: ProjectStore): number {
  return Number(databaseOf(store).prepare('SELECT COALESCE(MAX(seq), 0) FROM edit').pluck().get());
}

/** Leaving: the project stops syncing, keeping its cursors, so a later join sends nothing twice. */
export function leaveTeamLink(store: ProjectStore): void {
  databaseOf(store).prepare('UPDATE team_link SET active = 0 WHERE id = 1').run();
}

export function markPushed(store: ProjectStore, throughSeq: number): void {
  databaseOf(store).prepare('UPDATE team_link SET pushed_through = MAX(pushed_through, ?) WHERE id = 1').run(throughSeq);
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
  const hasScene = db.prepare('SELECT 1 FROM scene WHERE id = ?').pluck();
  const observabilityOf = db.prepare('SELECT scene_id FROM observability WHERE zone_id = ?').pluck();
  const examinedOf = db.prepare('SELECT scene_id FROM examined WHERE zone_id = ?').pluck();
  let changed = 0;
  let conflicts = 0;
  const setTo = (tx: EditTx, e: CheckedEvent) => {
    const current = tx.get(e.entity, e.entityId);
    if (current === null && e.target === null) return;
    if (current !== null && e.target !== null && canonicalJson(current) === canonicalJson(e.target)) return;
    if (e.target === null) {
      if (e.entity === 'zone') {
        // What this project keeps per zone and the team does not share goes with the zone, as a local deletion does.
        for (const sceneId of observabilityOf.all(e.entityId) as string[]) tx.remove('observability', `${sceneId}/${e.entityId}`);
        for (const sceneId of examinedOf.all(e.entityId) as string[]) tx.remove('examined', `${sceneId}/${e.entityId}`);
      }
      tx.remove(e.entity, e.entityId);
    } else {
      if (e.entity === 'sighting') {
        const sceneId = (e.target as { sceneId: string }).sceneId;
        if (!hasScene.get(sceneId)) {
          throw new QuaywatchError(
            'not_found',
            `The team has marks on a scene this project does not have (scene ${sceneId}, by ${e.author}); import that imagery with the same scene, then sync again. Nothing was changed by this pull.`,
          );
        }
      }
      tx.put(e.entity, e.target as never);
    }
    changed++;
  };
  // One transaction for the whole list (each author's run a step inside it), foreign keys checked at its end.
  db.transaction(() => {
  db.pragma('defer_foreign_keys = ON');
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
            const fresh = insertConflict.run(e.id, e.seq, e.entity, e.entityId, e.author, e.label, e.after === null ? null : JSON.stringify(e.after), e.teamValue === null ? null : JSON.stringify(e.teamValue), e.reason ?? 'conflict').changes;
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
  })();
  return { changed, conflicts };
}
