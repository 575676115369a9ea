// The one edit history: every edit is a labelled step of entity changes, committed in one
// transaction with its audit rows; undo/redo replay those rows and are recorded in turn.
import type Database from 'better-sqlite3';
import type {
  Confidence,
  Observability,
  PolygonGeometry,
  Review,
  ReviewVerdict,
  Scene,
  SceneZoneObservability,
  Sighting,
  SightingClass,
  SightingGeometry,
  Site,
  Track,
  Vessel,
  Zone,
  ZoneKind,
} from '../../../shared/domain';
import type { AuditEntry, EntityChange, HistoryChange, HistoryState } from '../../../shared/api';
import type { HistoryEntity } from '../../../shared/calls/editing';
import { QuaywatchError } from '../errors';
import { rowToScene, type ProjectStore } from './projectStore';

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
  review: Review;
}

type Row = Record<string, unknown>;
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;
const str = (v: unknown) => (v == null ? null : String(v));
const num = (v: unknown) => (v == null ? null : Number(v));

interface Codec<T> {
  get(id: string): T | null;
  put(value: T): void;
  remove(id: string): void;
  idOf(value: T): string;
}

/** Row ↔ domain object for each editable table; reads give one canonical shape so states compare as JSON. */
function codecs(db: Database.Database): { [E in EditableEntity]: Codec<EntityValues[E]> } {
  const one = (sql: string) => {
    const st = db.prepare(sql);
    return (...args: unknown[]) => st.get(...args) as Row | undefined;
  };
  const run = (sql: string) => {
    const st = db.prepare(sql);
    return (...args: unknown[]) => void st.run(...args);
  };
  const getSighting = one('SELECT * FROM sighting WHERE id = ?');
  const putSighting = run(
    `INSERT INTO sighting (id, scene_id, class, geometry, zone_id, zone_overridden, confidence, count, vessel_id, track_id, notes, author, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET scene_id = excluded.scene_id, class = excluded.class, geometry = excluded.geometry,
       zone_id = excluded.zone_id, zone_overridden = excluded.zone_overridden, confidence = excluded.confidence,
       count = excluded.count, vessel_id = excluded.vessel_id, track_id = excluded.track_id, notes = excluded.notes,
       author = excluded.author, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  );
  const getZone = one('SELECT * FROM zone WHERE id = ?');
  const putZone = run(
    `INSERT INTO zone (id, site_id, name, kind, geometry) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET site_id = excluded.site_id, name = excluded.name, kind = excluded.kind, geometry = excluded.geometry`,
  );
  const getVessel = one('SELECT * FROM vessel WHERE id = ?');
  const putVessel = run(
    `INSERT INTO vessel (id, kind, name, aliases, imo, mmsi, flag, length_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, aliases = excluded.aliases, imo = excluded.imo,
       mmsi = excluded.mmsi, flag = excluded.flag, length_m = excluded.length_m`,
  );
  const getTrack = one('SELECT * FROM track WHERE id = ?');
  const putTrack = run(
    'INSERT INTO track (id, class, label) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET class = excluded.class, label = excluded.label',
  );
  const getSite = one('SELECT * FROM site WHERE id = ?');
  const putSite = run('INSERT INTO site (id, name, aoi) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, aoi = excluded.aoi');
  const getObs = one('SELECT * FROM observability WHERE scene_id = ? AND zone_id = ?');
  const putObs = run(
    `INSERT INTO observability (scene_id, zone_id, value, overridden) VALUES (?, ?, ?, ?)
     ON CONFLICT (scene_id, zone_id) DO UPDATE SET value = excluded.value, overridden = excluded.overridden`,
  );
  const getScene = one('SELECT * FROM scene WHERE id = ?');
  const sceneColumns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('scene') as string[]);
  const MAPPED_SCENE_COLUMNS = ['id', 'site_id', 'acquired', 'provider', 'product', 'item_id', 'footprint', 'cloud_cover', 'gsd', 'credit', 'source'];
  const putSceneBy = new Map<string, (...args: unknown[]) => void>();
  const putScene = (s: StoredScene) => {
    // Only real columns of this file's scene table: a crafted edit row cannot name SQL.
    const extra = Object.keys(s.columns ?? {}).filter((c) => sceneColumns.includes(c) && !MAPPED_SCENE_COLUMNS.includes(c)).sort();
    const cols = [...MAPPED_SCENE_COLUMNS, ...extra];
    const key = extra.join(',');
    let put = putSceneBy.get(key);
    if (!put) {
      const quoted = cols.map((c) => `"${c}"`);
      put = run(
        `INSERT INTO scene (${quoted.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${quoted.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
      );
      putSceneBy.set(key, put);
    }
    put(
      s.id, s.siteId, s.acquired, s.provider, s.product, s.itemId, s.footprint ? JSON.stringify(s.footprint) : null, s.cloudCover, s.gsd,
      s.credit, JSON.stringify(s.source), ...extra.map((c) => s.columns![c]),
    );
  };
  const getReview = one('SELECT * FROM review WHERE id = ?');
  const putReview = run(
    `INSERT INTO review (id, sighting_id, reviewer, verdict, comment, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET sighting_id = excluded.sighting_id, reviewer = excluded.reviewer, verdict = excluded.verdict,
       comment = excluded.comment, at = excluded.at`,
  );
  const del = (table: string) => run(`DELETE FROM ${table} WHERE id = ?`);
  const delObs = run('DELETE FROM observability WHERE scene_id = ? AND zone_id = ?');
  const obsKey = (id: string) => {
    const [sceneId, zoneId] = id.split('/');
    return [sceneId, zoneId] as const;
  };

  return {
    scene: {
      get: (id) => {
        const r = getScene(id);
        if (!r) return null;
        const extra = Object.keys(r).filter((c) => !MAPPED_SCENE_COLUMNS.includes(c)).sort();
        const scene: StoredScene = rowToScene(r);
        if (extra.length) scene.columns = Object.fromEntries(extra.map((c) => [c, r[c]]));
        return scene;
      },
      put: putScene,
      remove: del('scene'),
      idOf: (s) => s.id,
    },
    sighting: {
      get: (id) => {
        const r = getSighting(id);
        return r ? rowToSighting(r) : null;
      },
      put: (s) =>
        putSighting(
          s.id, s.sceneId, s.class, JSON.stringify(s.geometry), s.zoneId, s.zoneOverridden ? 1 : 0, s.confidence, s.count,
          s.vesselId, s.trackId, s.notes, s.author, s.createdAt, s.updatedAt,
        ),
      remove: del('sighting'),
      idOf: (s) => s.id,
    },
    zone: {
      get: (id) => {
        const r = getZone(id);
        return r ? rowToZone(r) : null;
      },
      put: (z) => putZone(z.id, z.siteId, z.name, z.kind, JSON.stringify(z.geometry)),
      remove: del('zone'),
      idOf: (z) => z.id,
    },
    vessel: {
      get: (id) => {
        const r = getVessel(id);
        return r ? rowToVessel(r) : null;
      },
      put: (v) => putVessel(v.id, v.kind, v.name, JSON.stringify(v.aliases), v.imo, v.mmsi, v.flag, v.lengthM),
      remove: del('vessel'),
      idOf: (v) => v.id,
    },
    track: {
      get: (id) => {
        const r = getTrack(id);
        return r ? { id: String(r.id), class: r.class as SightingClass, label: String(r.label) } : null;
      },
      put: (t) => putTrack(t.id, t.class, t.label),
      remove: del('track'),
      idOf: (t) => t.id,
    },
    site: {
      get: (id) => {
        const r = getSite(id);
        return r ? { id: String(r.id), name: String(r.name), aoi: r.aoi == null ? null : parse<PolygonGeometry>(r.aoi) } : null;
      },
      put: (s) => putSite(s.id, s.name, s.aoi ? JSON.stringify(s.aoi) : null),
      remove: del('site'),
      idOf: (s) => s.id,
    },
    observability: {
      get: (id) => {
        const r = getObs(...obsKey(id));
        return r
          ? { sceneId: String(r.scene_id), zoneId: String(r.zone_id), value: r.value as Observability, overridden: r.overridden === 1 }
          : null;
      },
      put: (o) => putObs(o.sceneId, o.zoneId, o.value, o.overridden ? 1 : 0),
      remove: (id) => delObs(...obsKey(id)),
      idOf: (o) => `${o.sceneId}/${o.zoneId}`,
    },
    review: {
      get: (id) => {
        const r = getReview(id);
        return r
          ? { id: String(r.id), sightingId: String(r.sighting_id), reviewer: String(r.reviewer), verdict: r.verdict as ReviewVerdict, comment: String(r.comment), at: String(r.at) }
          : null;
      },
      put: (r) => putReview(r.id, r.sightingId, r.reviewer, r.verdict, r.comment, r.at),
      remove: del('review'),
      idOf: (r) => r.id,
    },
  };
}

export function rowToSighting(r: Row): Sighting {
  return {
    id: String(r.id),
    sceneId: String(r.scene_id),
    class: r.class as SightingClass,
    geometry: parse<SightingGeometry>(r.geometry),
    zoneId: str(r.zone_id),
    zoneOverridden: r.zone_overridden === 1,
    confidence: r.confidence as Confidence,
    count: num(r.count),
    vesselId: str(r.vessel_id),
    trackId: str(r.track_id),
    notes: String(r.notes),
    author: String(r.author),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function rowToZone(r: Row): Zone {
  return { id: String(r.id), siteId: String(r.site_id), name: String(r.name), kind: r.kind as ZoneKind, geometry: parse<PolygonGeometry>(r.geometry) };
}

function rowToVessel(r: Row): Vessel {
  return {
    id: String(r.id),
    kind: r.kind as Vessel['kind'],
    name: String(r.name),
    aliases: parse<string[]>(r.aliases),
    imo: str(r.imo),
    mmsi: str(r.mmsi),
    flag: str(r.flag),
    lengthM: num(r.length_m),
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
  /** 'imported': a colleague's edit brought in by an import; it never enters the local undo stack. */
  origin?: 'local' | 'imported';
  /** Who made the edit; default the store's author. */
  author?: string;
}

interface StepRow {
  seq: number;
  label: string;
}

const now = () => new Date().toISOString();

/** The history of one open project. Get it with `historyOf(store)`. */
export class EditHistory {
  private readonly c: ReturnType<typeof codecs>;
  private readonly st: Record<'insertStep' | 'insertEdit' | 'discardRedo' | 'setState' | 'undoTop' | 'redoTop' | 'stepRows' | 'lastEditOf', Database.Statement>;

  constructor(private readonly store: ProjectStore) {
    const db = store.db;
    this.c = codecs(db);
    this.st = {
      insertStep: db.prepare('INSERT INTO edit_step (at, author, label, origin, action, target, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertEdit: db.prepare('INSERT INTO edit (at, author, label, entity, entity_id, before, after, step, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      discardRedo: db.prepare("UPDATE edit_step SET state = 'discarded' WHERE state = 'undone'"),
      setState: db.prepare('UPDATE edit_step SET state = ? WHERE seq = ?'),
      undoTop: db.prepare("SELECT seq, label FROM edit_step WHERE state = 'done' AND origin = 'local' AND action = 'edit' ORDER BY seq DESC LIMIT 1"),
      redoTop: db.prepare("SELECT seq, label FROM edit_step WHERE state = 'undone' AND origin = 'local' AND action = 'edit' ORDER BY seq ASC LIMIT 1"),
      stepRows: db.prepare('SELECT entity, entity_id AS id, before, after FROM edit WHERE step = ? ORDER BY seq'),
      lastEditOf: db.prepare('SELECT author, origin, label FROM edit WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1'),
    };
  }

  /**
   * Runs an edit as one step in one transaction: the body's changes, the step and its audit rows
   * commit together or not at all. A body that changes nothing leaves no step.
   */
  run<T>(label: string | ((result: T) => string), body: (tx: EditTx) => T, opts: RunOptions = {}): T {
    const origin = opts.origin ?? 'local';
    return this.store.db.transaction(() => {
      const tx = new EditTx(this.c);
      const result = body(tx);
      const changes = tx.netChanges();
      if (changes.length === 0) return result;
      const text = typeof label === 'string' ? label : label(result);
      // A new local edit makes the redo stack meaningless (iD, every editor): it is dropped.
      if (origin === 'local') this.st.discardRedo.run();
      this.writeStep(text, origin, 'edit', null, origin === 'local' ? 'done' : null, changes, opts.author);
      return result;
    })();
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
    const rows = this.store.db
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
    origin: 'local' | 'imported',
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
    const db = this.store.db;
    const outcome = db.transaction((): { ok: true; change: HistoryChange } | { ok: false; seq: number; message: string } => {
      const step = (action === 'undo' ? this.st.undoTop : this.st.redoTop).get() as StepRow | undefined;
      if (!step) throw new QuaywatchError('not_found', action === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
      const rows = this.st.stepRows.all(step.seq) as { entity: EditableEntity; id: string; before: string | null; after: string | null }[];
      // Undo goes from each row's after back to its before, in reverse order; redo the other way.
      const moves = (action === 'undo' ? [...rows].reverse() : rows).map((r) =>
        action === 'undo' ? { entity: r.entity, id: r.id, from: r.after, to: r.before } : { entity: r.entity, id: r.id, from: r.before, to: r.after },
      );
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
      this.writeStep(label, 'local', action, step.seq, null, moves.map((m) => ({ entity: m.entity, id: m.id, before: m.from, after: m.to })));
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
    if (result.ok) return result.change;
    // The step can never be replayed: take it off the stack so the ones behind it stay reachable.
    this.st.setState.run('discarded', result.seq);
    throw new QuaywatchError('conflict', `${result.message} It was taken off the ${action} list.`);
  }

  private conflictMessage(action: string, label: string, entity: EditableEntity, id: string): string {
    const last = this.st.lastEditOf.get(entity, id) as { author: string; origin: string; label: string } | undefined;
    const by = last ? ` (“${last.label}” by ${last.author}${last.origin === 'imported' ? ', imported' : ''})` : '';
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
