// The one edit history: every edit is a labelled step of entity changes, committed in one
// transaction with its audit rows; undo/redo replay those rows and are recorded in turn.
//
// THE write path: every change to a project runs through `history.run(label, body, { origin })`: its rows
// in `edit` and a step in `edit_step`, in the same transaction, both carrying the origin: `edit` (the
// analyst's command, editing.ts: the only undoable one), `import` (scenes, the demo, seeded data),
// `package` (a colleague's package; its audit rows join ours with no step), `derived` (observability read
// from masks), `migration` (allowed, unused so far) or `team` (changes pulled from a team workspace,
// migration 0012; never undone here). Migration 0005 renamed the origins of older files. A change made
// inside another joins its step (an import's scenes, file identities and observability are one step).
// The team link, cursors and conflict items (teamLocal.ts) are sync bookkeeping outside the history; a conflict's
// settlement (team_settlement) is inside it (entity `settlement`), so it syncs and undoes like an edit.
// Every call answers with the entity changes it committed (`gatherChanges`; dispatcher.ts strips credentials):
// the renderer applies them with one `applyChanges` (state/slices/projectSlice.ts), so no edit fetches the
// project again. A replay that would overwrite a later change (by anyone, any origin) is refused, naming
// who made it; the check compares the same row mapping the store reads with (rows.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { ProjectSetting, Review, SceneZoneExamined, SceneZoneObservability, Sighting, Site, Track, Vessel, Zone, Scene } from '../../../shared/domain';
import type { AuditEntry, EntityChange, HistoryChange, HistoryState } from '../../../shared/api';
import type { ChangeOrigin } from '../../../shared/calls/editing';
import type { HistoryEntity } from '../../../shared/calls/editing';
import type { TeamSettlement } from '../../../shared/review/teamConflict';
import { QuaywatchError } from '../errors';
import { databaseOf, type ProjectStore } from './projectStore';
import { refuseDuringAisImport } from './aisImportLock';
import { EXAMINED, idOf, OBSERVABILITY, REVIEW, SCENE, SETTING, SETTLEMENT, SIGHTING, SITE, TRACK, VESSEL, ZONE, type RowMapping, type SceneRow } from './rows';

/** The entities an edit step can change (scenes are added by imports, outside history; deleting one is an edit). */
export type EditableEntity = HistoryEntity;
/**
 * A scene as history keeps it: the domain fields, plus (under `columns`) any scene column this code
 * does not map, e.g. file identity added by a later migration, so that undoing a deletion restores
 * the row whole rather than a scene whose imagery would no longer be served.
 */
export type StoredScene = Scene & { columns?: Record<string, unknown> };
export interface EntityValues {
  scene: StoredScene;
  sighting: Sighting;
  zone: Zone;
  vessel: Vessel;
  track: Track;
  site: Site;
  observability: SceneZoneObservability;
  examined: SceneZoneExamined;
  review: Review;
  setting: ProjectSetting;
  settlement: TeamSettlement;
}

type Row = Record<string, unknown>;

interface Codec<T> {
  get(id: string): T | null;
  put(value: T): void;
  remove(id: string): void;
  idOf(value: T): string;
  /**
   * A value the history recorded, as this code stores and reads it: a row written before a migration
   * added a column (a vessel from before version 10 has no call sign or beam) gains the column's value
   * for old rows, so undo compares and restores it like any state read today.
   */
  current(recorded: T): T;
}

/** A codec over one table from its row mapping (rows.ts): the reads are the store's reads, so states compare as JSON. */
function codecOf<T, R extends Record<keyof R, string | number | null>>(db: Database.Database, m: RowMapping<T, R>): Codec<T> {
  const where = m.key.map((k) => `"${k}" = ?`).join(' AND ');
  const cols = m.columns.map((c) => `"${c}"`);
  const get = db.prepare(`SELECT ${cols.join(', ')} FROM ${m.table} WHERE ${where}`);
  const put = db.prepare(
    `INSERT INTO ${m.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (${m.key.map((k) => `"${k}"`).join(', ')}) DO UPDATE SET ${cols.filter((_, i) => !m.key.includes(m.columns[i]!)).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const del = db.prepare(`DELETE FROM ${m.table} WHERE ${where}`);
  const keyOf = (id: string) => (m.key.length === 1 ? [id] : id.split('/'));
  return {
    get: (id) => {
      const r = get.get(...keyOf(id)) as R | undefined;
      return r ? m.toEntity(r) : null;
    },
    put: (value) => {
      const row = m.toRow(value);
      put.run(...m.columns.map((c) => row[c]));
    },
    remove: (id) => void del.run(...keyOf(id)),
    idOf: (value) => idOf(m, value),
    current: (recorded) => m.toEntity(m.toRow(recorded)),
  };
}

/**
 * Scenes keep, under `columns`, every column this code does not map (file identity added by a later
 * migration), so undoing a scene's deletion restores the row whole.
 */
function sceneCodec(db: Database.Database): Codec<StoredScene> {
  const base = codecOf(db, SCENE);
  const getRow = db.prepare('SELECT * FROM scene WHERE id = ?');
  const sceneColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('scene') as string[];
  const mapped: readonly string[] = SCENE.columns;
  const putBy = new Map<string, Database.Statement>();
  return {
    get: (id) => {
      const r = getRow.get(id) as (SceneRow & Row) | undefined;
      if (!r) return null;
      const scene: StoredScene = SCENE.toEntity(r);
      const extra = Object.keys(r).filter((c) => !mapped.includes(c)).sort();
      if (extra.length) scene.columns = Object.fromEntries(extra.map((c) => [c, r[c]]));
      return scene;
    },
    put: (s) => {
      // Only real columns of this file's scene table: a crafted edit row cannot name SQL.
      const extra = Object.keys(s.columns ?? {}).filter((c) => sceneColumns.includes(c) && !mapped.includes(c)).sort();
      if (!extra.length) return base.put(s);
      const key = extra.join(',');
      let put = putBy.get(key);
      if (!put) {
        const quoted = [...mapped, ...extra].map((c) => `"${c}"`);
        put = db.prepare(
          `INSERT INTO scene (${quoted.join(', ')}) VALUES (${quoted.map(() => '?').join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${quoted.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
        );
        putBy.set(key, put);
      }
      const row = SCENE.toRow(s);
      put.run(...SCENE.columns.map((c) => row[c]), ...extra.map((c) => s.columns![c]));
    },
    remove: base.remove,
    idOf: base.idOf,
    // A scene keeps its unmapped columns as recorded (see StoredScene).
    current: (recorded) => recorded,
  };
}

/** Row ↔ domain object for each editable table. */
function codecs(db: Database.Database): { [E in EditableEntity]: Codec<EntityValues[E]> } {
  return {
    scene: sceneCodec(db),
    sighting: codecOf(db, SIGHTING),
    zone: codecOf(db, ZONE),
    vessel: codecOf(db, VESSEL),
    track: codecOf(db, TRACK),
    site: codecOf(db, SITE),
    observability: codecOf(db, OBSERVABILITY),
    examined: codecOf(db, EXAMINED),
    review: codecOf(db, REVIEW),
    setting: codecOf(db, SETTING),
    settlement: codecOf(db, SETTLEMENT),
  };
}

interface Change {
  entity: EditableEntity;
  id: string;
  /** Canonical JSON of the state before the step, null when the entity did not exist. */
  before: string | null;
  after: string | null;
}

/** What an edit's body uses: reads and writes that are recorded as the step's changes. */
export class EditTx {
  /** In first-touch order, so undo can replay them backwards without breaking references. */
  private readonly changes = new Map<string, Change>();

  constructor(private readonly c: ReturnType<typeof codecs>) {}

  get<E extends EditableEntity>(entity: E, id: string): EntityValues[E] | null {
    return this.c[entity].get(id) as EntityValues[E] | null;
  }

  /** Creates or replaces an entity; returns it as stored. */
  put<E extends EditableEntity>(entity: E, value: EntityValues[E]): EntityValues[E] {
    const codec = this.c[entity] as Codec<EntityValues[E]>;
    const id = codec.idOf(value);
    const change = this.touch(entity, id);
    codec.put(value);
    const stored = codec.get(id)!;
    change.after = JSON.stringify(stored);
    return stored;
  }

  remove(entity: EditableEntity, id: string): void {
    const change = this.touch(entity, id);
    this.c[entity].remove(id);
    change.after = null;
  }

  /** The step's net changes: an entity changed back to where it was is no change. */
  netChanges(): Change[] {
    return [...this.changes.values()].filter((ch) => ch.before !== ch.after);
  }

  private touch(entity: EditableEntity, id: string): Change {
    const key = `${entity}:${id}`;
    let change = this.changes.get(key);
    if (!change) {
      const current = this.c[entity].get(id);
      change = { entity, id, before: current ? JSON.stringify(current) : null, after: current ? JSON.stringify(current) : null };
      this.changes.set(key, change);
    }
    return change;
  }
}

export interface RunOptions {
  /**
   * Where the change comes from: only 'edit' (the analyst's own command) enters the undo stack; an
   * 'import' (scenes, a demo), a 'package' (a colleague's work), 'derived' data (observability from
   * masks) and a 'migration' are recorded as steps of their origin and never undone from here.
   */
  origin?: ChangeOrigin;
  /** Who made the edit; default the store's author. */
  author?: string;
}

/** A line of another project's audit trail, as a sightings package carries it. */
export interface ForeignAuditRow {
  at: string;
  author: string;
  label: string;
  entity: HistoryEntity;
  entityId: string;
  before: string | null;
  after: string | null;
}

interface StepRow {
  seq: number;
  label: string;
}

const now = () => new Date().toISOString();

/** Where the changes committed during one API call are gathered (the dispatcher answers with them). */
const changeLog = new AsyncLocalStorage<EntityChange[]>();

/** Runs a call and gathers every entity change committed while it ran, in commit order. */
export async function gatherChanges<T>(call: () => Promise<T> | T): Promise<{ value: T; changes: EntityChange[] }> {
  const changes: EntityChange[] = [];
  const value = await changeLog.run(changes, call);
  return { value, changes };
}

/**
 * Hands changes committed outside any call (a background team sync, team/autoSync.ts) to the call under way,
 * so they reach the page with its answer and the page applies them as it does its own.
 */
export function reportChanges(changes: readonly EntityChange[]): void {
  const log = changeLog.getStore();
  if (log) log.push(...changes);
}

function logChanges(changes: readonly { entity: EditableEntity; id: string; after: string | null }[]) {
  const log = changeLog.getStore();
  if (log) for (const c of changes) log.push({ entity: c.entity, id: c.id, value: c.after === null ? null : (JSON.parse(c.after) as unknown) });
}

/** The history of one open project. Get it with `historyOf(store)`. */
export class EditHistory {
  private readonly c: ReturnType<typeof codecs>;
  private readonly st: Record<
    'insertStep' | 'insertEdit' | 'discardRedo' | 'setState' | 'undoTop' | 'redoTop' | 'stepRows' | 'lastEditOf' | 'auditExists',
    Database.Statement
  >;
  /** The change being built, so that a change made inside another joins its step (an import's scenes and their observability). */
  private active: EditTx | null = null;

  constructor(private readonly store: ProjectStore) {
    const db = databaseOf(store);
    this.c = codecs(db);
    this.st = {
      insertStep: db.prepare('INSERT INTO edit_step (at, author, label, origin, action, target, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertEdit: db.prepare('INSERT INTO edit (at, author, label, entity, entity_id, before, after, step, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      discardRedo: db.prepare("UPDATE edit_step SET state = 'discarded' WHERE state = 'undone'"),
      setState: db.prepare('UPDATE edit_step SET state = ? WHERE seq = ?'),
      undoTop: db.prepare("SELECT seq, label FROM edit_step WHERE state = 'done' AND origin = 'edit' AND action = 'edit' ORDER BY seq DESC LIMIT 1"),
      redoTop: db.prepare("SELECT seq, label FROM edit_step WHERE state = 'undone' AND origin = 'edit' AND action = 'edit' ORDER BY seq ASC LIMIT 1"),
      stepRows: db.prepare('SELECT entity, entity_id AS id, before, after FROM edit WHERE step = ? ORDER BY seq'),
      lastEditOf: db.prepare('SELECT author, origin, label FROM edit WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1'),
      auditExists: db.prepare('SELECT 1 FROM edit WHERE entity = ? AND entity_id = ? AND at = ? AND author = ? AND label = ? AND before IS ? AND after IS ? LIMIT 1'),
    };
  }

  /**
   * THE way a project changes: runs a change as one step in one transaction, so the body's changes,
   * the step (with its origin) and its audit rows commit together or not at all. A body that changes
   * nothing leaves no step. Called inside another change, the body joins that change's step.
   */
  run<T>(label: string | ((result: T) => string), body: (tx: EditTx) => T, opts: RunOptions = {}): T {
    if (this.active) return body(this.active);
    refuseDuringAisImport(this.store);
    const origin = opts.origin ?? 'edit';
    const committed = databaseOf(this.store).transaction(() => {
      const tx = new EditTx(this.c);
      this.active = tx;
      let result: T;
      try {
        result = body(tx);
      } finally {
        this.active = null;
      }
      const changes = tx.netChanges();
      if (changes.length === 0) return { result, changes };
      const text = typeof label === 'string' ? label : label(result);
      // A new edit makes the redo stack meaningless (iD, every editor): it is dropped.
      if (origin === 'edit') this.st.discardRedo.run();
      this.writeStep(text, origin, 'edit', null, origin === 'edit' ? 'done' : null, changes, opts.author);
      return { result, changes };
    })();
    logChanges(committed.changes);
    return committed.result;
  }

  /**
   * Records, inside the caller's open transaction, a step that changed rows no edit can replay (an AIS
   * import's millions of positions): the step with its origin and one audit row naming what was added
   * (`entity` is then a kind of record outside HISTORY_ENTITIES, e.g. 'ais_import'). Never undone from
   * here: undo only replays 'edit' steps.
   */
  recordStep(label: string, origin: Exclude<ChangeOrigin, 'edit'>, audit: { entity: string; id: string; after: unknown }): void {
    if (!databaseOf(this.store).inTransaction) throw new Error('recordStep runs inside the caller\'s transaction');
    this.writeStep(label, origin, 'edit', null, null, [{ entity: audit.entity as EditableEntity, id: audit.id, before: null, after: JSON.stringify(audit.after) }]);
  }

  /** Audit rows of these kinds of entity, oldest first, as they are stored (JSON text), for a package to carry. */
  auditOf(entities: readonly HistoryEntity[]): ForeignAuditRow[] {
    return databaseOf(this.store)
      .prepare(`SELECT at, author, label, entity, entity_id AS entityId, before, after FROM edit WHERE entity IN (${entities.map(() => '?').join(', ')}) ORDER BY seq`)
      .all(...entities) as ForeignAuditRow[];
  }

  /**
   * Another project's audit rows join this one's (inside a `run`, so with its transaction), recorded
   * with their origin and no step: they tell who did what, and are never replayed. Rows already here
   * (our own edits coming back in a colleague's package) are not repeated. Returns how many were added.
   */
  addForeignAudit(rows: readonly ForeignAuditRow[], origin: ChangeOrigin): number {
    if (!this.active) throw new Error('addForeignAudit runs inside history.run');
    let added = 0;
    for (const h of rows) {
      if (this.st.auditExists.get(h.entity, h.entityId, h.at, h.author, h.label, h.before, h.after)) continue;
      this.st.insertEdit.run(h.at, h.author, h.label, h.entity, h.entityId, h.before, h.after, null, origin);
      added++;
    }
    return added;
  }

  state(): HistoryState {
    const u = this.st.undoTop.get() as StepRow | undefined;
    const r = this.st.redoTop.get() as StepRow | undefined;
    return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  undo(): HistoryChange {
    return this.replay('undo');
  }

  redo(): HistoryChange {
    return this.replay('redo');
  }

  /** The audit trail, newest first: edits, undos and redos, local and imported. */
  list(q: { entity?: HistoryEntity; entityId?: string; limit: number; beforeSeq?: number }): AuditEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const filter = (sql: string, arg: unknown) => {
      where.push(sql);
      args.push(arg);
    };
    if (q.entity) filter('e.entity = ?', q.entity);
    if (q.entityId) filter('e.entity_id = ?', q.entityId);
    if (q.beforeSeq) filter('e.seq < ?', q.beforeSeq);
    const rows = databaseOf(this.store)
      .prepare(
        `SELECT e.seq, e.at, e.author, e.label, e.entity, e.entity_id, e.before, e.after,
                COALESCE(s.origin, e.origin) AS origin, COALESCE(s.action, 'edit') AS action
         FROM edit e LEFT JOIN edit_step s ON s.seq = e.step
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT ?`,
      )
      .all(...args, q.limit) as Row[];
    return rows.map((r) => {
      const before = r.before == null ? null : JSON.parse(String(r.before)) as unknown;
      const after = r.after == null ? null : JSON.parse(String(r.after)) as unknown;
      return {
        seq: Number(r.seq),
        at: String(r.at),
        author: String(r.author),
        label: String(r.label),
        action: r.action as AuditEntry['action'],
        origin: r.origin as AuditEntry['origin'],
        entity: r.entity as AuditEntry['entity'],
        entityId: String(r.entity_id),
        before,
        after,
        changed: changedFields(before, after),
      };
    });
  }

  private writeStep(
    label: string,
    origin: ChangeOrigin,
    action: 'edit' | 'undo' | 'redo',
    target: number | null,
    state: 'done' | null,
    changes: Change[],
    author = this.store.author,
  ) {
    const at = now();
    const seq = Number(this.st.insertStep.run(at, author, label, origin, action, target, state).lastInsertRowid);
    for (const ch of changes) this.st.insertEdit.run(at, author, label, ch.entity, ch.id, ch.before, ch.after, seq, origin);
  }

  private replay(action: 'undo' | 'redo'): HistoryChange {
    refuseDuringAisImport(this.store);
    const db = databaseOf(this.store);
    const outcome = db.transaction((): { ok: true; change: HistoryChange } | { ok: false; seq: number; message: string } => {
      const step = (action === 'undo' ? this.st.undoTop : this.st.redoTop).get() as StepRow | undefined;
      if (!step) throw new QuaywatchError('not_found', action === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
      const rows = this.st.stepRows.all(step.seq) as { entity: EditableEntity; id: string; before: string | null; after: string | null }[];
      // Undo goes from each row's after back to its before, in reverse order; redo the other way.
      // Each recorded state as this code reads it (a step recorded before a migration lacks its columns).
      const current = (entity: EditableEntity, json: string | null) => (json === null ? null : JSON.stringify((this.c[entity] as Codec<unknown>).current(JSON.parse(json))));
      const moves = (action === 'undo' ? [...rows].reverse() : rows).map((r) => ({
        entity: r.entity,
        id: r.id,
        from: current(r.entity, action === 'undo' ? r.after : r.before),
        to: current(r.entity, action === 'undo' ? r.before : r.after),
      }));
      // Someone (a colleague's import, or an older edit path) changed an entity since: replaying
      // would silently overwrite their work, so this step cannot be replayed.
      for (const m of moves) {
        const current = this.c[m.entity].get(m.id);
        if ((current ? JSON.stringify(current) : null) !== m.from) return { ok: false, seq: step.seq, message: this.conflictMessage(action, step.label, m.entity, m.id) };
      }
      try {
        for (const m of moves) {
          const codec = this.c[m.entity] as Codec<unknown>;
          if (m.to === null) codec.remove(m.id);
          else codec.put(JSON.parse(m.to));
        }
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
        throw new Conflict(step.seq, `Cannot ${action} “${step.label}”: something added since depends on what it would remove. Nothing was changed.`);
      }
      const label = `${action === 'undo' ? 'Undo' : 'Redo'} ${step.label}`;
      this.writeStep(label, 'edit', action, step.seq, null, moves.map((m) => ({ entity: m.entity, id: m.id, before: m.from, after: m.to })));
      this.st.setState.run(action === 'undo' ? 'undone' : 'done', step.seq);
      const changes: EntityChange[] = moves.map((m) => ({ entity: m.entity, id: m.id, value: m.to === null ? null : JSON.parse(m.to) as unknown }));
      return { ok: true, change: { label: step.label, changes, state: this.state() } };
    });
    let result;
    try {
      result = outcome();
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      result = { ok: false as const, seq: e.seq, message: e.message };
    }
    if (result.ok) {
      logChanges(result.change.changes.map((c) => ({ entity: c.entity, id: c.id, after: c.value === null ? null : JSON.stringify(c.value) })));
      return result.change;
    }
    // The step can never be replayed: take it off the stack so the ones behind it stay reachable.
    this.st.setState.run('discarded', result.seq);
    throw new QuaywatchError('conflict', `${result.message} It was taken off the ${action} list.`);
  }

  private conflictMessage(action: string, label: string, entity: EditableEntity, id: string): string {
    const last = this.st.lastEditOf.get(entity, id) as { author: string; origin: string; label: string } | undefined;
    const by = last ? ` (“${last.label}” by ${last.author}${last.origin === 'package' ? ', imported' : ''})` : '';
    return `Cannot ${action} “${label}”: the ${entity} it changed was changed since${by}, and ${action === 'undo' ? 'undoing' : 'redoing'} it would overwrite that. Nothing was changed.`;
  }
}

class Conflict extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message);
  }
}

/** Top-level keys whose values differ (all keys of whichever side exists, for a creation/deletion). */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

const histories = new WeakMap<ProjectStore, EditHistory>();

/** The history of an open project (one per store, so its prepared statements are reused). */
export function historyOf(store: ProjectStore): EditHistory {
  let h = histories.get(store);
  if (!h) histories.set(store, (h = new EditHistory(store)));
  return h;
}
