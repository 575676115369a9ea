// THE SQL of a team workspace on PostgreSQL/PostGIS (issue 21): the schema `team init` creates, the roles
// and row-level security that make the database itself enforce who may change what, and the two
// statements sync needs (push events, pull events). The server keeps an append-only log of events,
// each one entity change from an analyst's history; the order is the server's (`seq`, assigned under
// one lock, so it is also the commit order), never a laptop's clock. `push` applies each event to the
// team's current state only when the event was made on the state the team has (compare-and-set on the
// value before); otherwise the event is kept with outcome 'conflict' and the team's value beside it,
// so every replica turns it into the same review item and nothing is discarded.
import type pg from 'pg';

/** The version of the workspace schema this code creates and reads. */
/** 2: settlements of conflicts are events (quaywatch.settlement). 3: derived visits and coverage for QGIS (quaywatch.visit, quaywatch.coverage). */
export const TEAM_SCHEMA_VERSION = 3;
/** The first workspace schema that holds the derived layers: an older workspace still syncs, without them. */
export const DERIVED_SCHEMA_VERSION = 3;
/** The entities a team shares; scenes (imagery) stay each analyst's own. */
export const TEAM_ENTITIES = ['zone', 'vessel', 'track', 'sighting', 'review', 'settlement'] as const;
export type TeamEntity = (typeof TEAM_ENTITIES)[number];
export const TEAM_ROLES = ['analyst', 'reviewer', 'reader'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const SCHEMA_SQL = `
CREATE EXTENSION IF NOT EXISTS postgis;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quaywatch_reader') THEN CREATE ROLE quaywatch_reader NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quaywatch_analyst') THEN CREATE ROLE quaywatch_analyst NOLOGIN IN ROLE quaywatch_reader; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quaywatch_reviewer') THEN CREATE ROLE quaywatch_reviewer NOLOGIN IN ROLE quaywatch_reader; END IF;
END $$;
CREATE SCHEMA quaywatch;
REVOKE ALL ON SCHEMA quaywatch FROM PUBLIC;
GRANT USAGE ON SCHEMA quaywatch TO quaywatch_reader;

CREATE TABLE quaywatch.workspace (
  id uuid PRIMARY KEY,
  schema_version int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A login and the analyst name their marks carry (Sighting.author, Review.reviewer).
CREATE TABLE quaywatch.member (
  login name PRIMARY KEY,
  author text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('analyst', 'reviewer', 'reader'))
);

-- PL/pgSQL rather than SQL functions: row-level security calls them per row, and PL/pgSQL keeps its
-- plans for the session where an SQL function that is not inlined is planned again at every call.
CREATE FUNCTION quaywatch.my_author() RETURNS text LANGUAGE plpgsql STABLE AS
  $f$ BEGIN RETURN (SELECT author FROM quaywatch.member WHERE login = current_user); END $f$;
CREATE FUNCTION quaywatch.is_analyst() RETURNS boolean LANGUAGE plpgsql STABLE AS
  $f$ BEGIN RETURN pg_has_role(current_user, 'quaywatch_analyst', 'MEMBER'); END $f$;
CREATE FUNCTION quaywatch.is_reviewer() RETURNS boolean LANGUAGE plpgsql STABLE AS
  $f$ BEGIN RETURN pg_has_role(current_user, 'quaywatch_reviewer', 'MEMBER'); END $f$;

-- The team's current state, one table per entity: the value as Quaywatch stores it (JSON) and, for
-- QGIS and SQL, the columns drawn from it (geometry in WGS 84, SRID 4326).
CREATE TABLE quaywatch.zone (
  id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL,
  site_id text GENERATED ALWAYS AS (value->>'siteId') STORED,
  name text GENERATED ALWAYS AS (value->>'name') STORED,
  kind text GENERATED ALWAYS AS (value->>'kind') STORED,
  geom geometry(Polygon, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromGeoJSON(value->>'geometry'), 4326)) STORED
);
CREATE TABLE quaywatch.vessel (id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL,
  name text GENERATED ALWAYS AS (value->>'name') STORED);
CREATE TABLE quaywatch.track (id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL);
CREATE TABLE quaywatch.sighting (
  id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL,
  author text GENERATED ALWAYS AS (value->>'author') STORED,
  scene_id text GENERATED ALWAYS AS (value->>'sceneId') STORED,
  class text GENERATED ALWAYS AS (value->>'class') STORED,
  zone_id text GENERATED ALWAYS AS (value->>'zoneId') STORED,
  geom geometry(Geometry, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromGeoJSON(value->>'geometry'), 4326)) STORED
);
CREATE TABLE quaywatch.review (
  id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL,
  sighting_id text GENERATED ALWAYS AS (value->>'sightingId') STORED,
  reviewer text GENERATED ALWAYS AS (value->>'reviewer') STORED,
  verdict text GENERATED ALWAYS AS (value->>'verdict') STORED
);
CREATE INDEX review_sighting ON quaywatch.review (sighting_id);
-- How each conflict was settled (id: the conflict's event id): an entity like the others, so a settlement
-- is an event every replica pulls, and two analysts settling one conflict differently is itself a conflict.
CREATE TABLE quaywatch.settlement (id text PRIMARY KEY, value jsonb NOT NULL, last_seq bigint NOT NULL,
  keep text GENERATED ALWAYS AS (value->>'keep') STORED);
-- What each team scene id stands for (store/teamLocal.ts sceneKeysOf): the provider item or the file's content
-- hash, never pixels; an analyst who lacks the imagery is told which to import. The first to send one wins.
CREATE TABLE quaywatch.scene (
  key uuid PRIMARY KEY, provider text NOT NULL, product text NOT NULL, item_id text, sha256 text, acquired timestamptz NOT NULL
);
CREATE INDEX sighting_geom ON quaywatch.sighting USING gist (geom);

-- QGIS wants one geometry type per layer: one view per type, with the key first.
CREATE VIEW quaywatch.sighting_point WITH (security_invoker = true) AS
  SELECT id, author, scene_id, class, zone_id, (value->>'count')::int AS count, value->>'updatedAt' AS updated_at,
         geom::geometry(Point, 4326) AS geom
  FROM quaywatch.sighting WHERE GeometryType(geom) = 'POINT';
CREATE VIEW quaywatch.sighting_polygon WITH (security_invoker = true) AS
  SELECT id, author, scene_id, class, zone_id, (value->>'count')::int AS count, value->>'updatedAt' AS updated_at,
         geom::geometry(Polygon, 4326) AS geom
  FROM quaywatch.sighting WHERE GeometryType(geom) = 'POLYGON';

-- The log. seq is the team's order; id the event's own (a retry of the same push is recognised by it).
CREATE TABLE quaywatch.event (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id uuid PRIMARY KEY,
  login name NOT NULL DEFAULT current_user,
  author text NOT NULL,
  replica uuid NOT NULL,
  label text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('zone', 'vessel', 'track', 'sighting', 'review', 'settlement')),
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict')),
  team_value jsonb,
  reason text,
  made_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX event_replica ON quaywatch.event (replica, seq);

-- Who may propose which change (checked on every event, whatever its outcome): an analyst their own
-- marks, a reviewer their own verdicts, analysts and reviewers the shared zones, vessels and tracks;
-- an analyst deleting their own mark takes its verdicts with it (as the app does).
CREATE FUNCTION quaywatch.may_change(entity text, before jsonb, after jsonb) RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
DECLARE me text := quaywatch.my_author();
BEGIN
  IF entity = 'sighting' THEN
    RETURN quaywatch.is_analyst() AND (before IS NULL OR before->>'author' = me) AND (after IS NULL OR after->>'author' = me);
  ELSIF entity = 'review' THEN
    IF after IS NOT NULL THEN
      RETURN quaywatch.is_reviewer() AND after->>'reviewer' = me AND (before IS NULL OR before->>'reviewer' = me);
    END IF;
    RETURN before->>'reviewer' = me
      OR (quaywatch.is_analyst() AND EXISTS (SELECT 1 FROM quaywatch.sighting s WHERE s.id = before->>'sightingId' AND s.author = me));
  END IF;
  RETURN quaywatch.is_analyst() OR quaywatch.is_reviewer();
END
$f$;

-- What a change refers to that the team no longer has (someone deleted it meanwhile), or NULL.
CREATE FUNCTION quaywatch.missing_reference(entity text, after jsonb) RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN
  IF entity = 'sighting' THEN
    IF after->>'zoneId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quaywatch.zone WHERE id = after->>'zoneId') THEN RETURN 'its zone was deleted'; END IF;
    IF after->>'vesselId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quaywatch.vessel WHERE id = after->>'vesselId') THEN RETURN 'its vessel was deleted'; END IF;
    IF after->>'trackId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quaywatch.track WHERE id = after->>'trackId') THEN RETURN 'its track was deleted'; END IF;
  ELSIF entity = 'review' THEN
    IF NOT EXISTS (SELECT 1 FROM quaywatch.sighting WHERE id = after->>'sightingId') THEN RETURN 'its sighting was deleted'; END IF;
  END IF;
  RETURN NULL;
END
$f$;

-- Runs as the caller (SECURITY INVOKER), so row-level security applies to everything it writes.
CREATE FUNCTION quaywatch.push(events jsonb) RETURNS TABLE (event_id uuid, event_seq bigint, event_outcome text, event_new boolean)
LANGUAGE plpgsql SECURITY INVOKER AS $f$
DECLARE
  e record; cur jsonb; why text; s bigint; oc text;
BEGIN
  -- One push at a time, held to commit: seq order is commit order, so a reader that has pulled up to
  -- seq N never later finds an event below N.
  PERFORM pg_advisory_xact_lock(21021);
  FOR e IN SELECT * FROM jsonb_to_recordset(events) AS x(id uuid, replica uuid, label text, entity text, entity_id text, before jsonb, after jsonb, made_at timestamptz) LOOP
    SELECT ev.seq, ev.outcome INTO s, oc FROM quaywatch.event ev WHERE ev.id = e.id;
    IF FOUND THEN
      -- A retry (the pusher died before it heard the answer): the event is already in, once.
      event_id := e.id; event_seq := s; event_outcome := oc; event_new := false; RETURN NEXT; CONTINUE;
    END IF;
    IF e.entity IS NULL OR e.entity NOT IN ('zone', 'vessel', 'track', 'sighting', 'review', 'settlement') THEN
      RAISE EXCEPTION 'quaywatch: an event names an unknown entity' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT value FROM quaywatch.%I WHERE id = $1', e.entity) INTO cur USING e.entity_id;
    why := NULL;
    IF cur IS DISTINCT FROM e.before AND cur IS DISTINCT FROM e.after THEN
      why := CASE WHEN cur IS NULL THEN 'deleted by someone else meanwhile'
                  WHEN e.after IS NULL THEN 'changed by someone else before this deletion reached the team'
                  ELSE 'changed by someone else meanwhile' END;
    ELSIF e.after IS NOT NULL THEN
      why := quaywatch.missing_reference(e.entity, e.after);
    ELSIF e.entity = 'sighting' AND EXISTS (SELECT 1 FROM quaywatch.review r WHERE r.sighting_id = e.entity_id) THEN
      why := 'reviewed by someone else before this deletion reached the team';
    END IF;
    oc := CASE WHEN why IS NULL THEN 'applied' ELSE 'conflict' END;
    -- What this login may not change (another analyst's mark) is refused by the same rule row-level
    -- security enforces on the log (asked first: a caught policy error would cost a subtransaction per
    -- event): the event is not stored, and the pusher is told, so its project keeps the proposal as a
    -- review item and moves on. The policies still hold for anything that reaches the tables.
    IF NOT quaywatch.may_change(e.entity, e.before, e.after) THEN
      event_id := e.id; event_seq := NULL; event_outcome := 'refused'; event_new := true; RETURN NEXT; CONTINUE;
    END IF;
    INSERT INTO quaywatch.event (id, author, replica, label, entity, entity_id, before, after, outcome, team_value, reason, made_at)
      VALUES (e.id, quaywatch.my_author(), e.replica, e.label, e.entity, e.entity_id, e.before, e.after, oc,
              CASE WHEN why IS NULL THEN NULL ELSE cur END, why, e.made_at)
      RETURNING seq INTO s;
    IF why IS NULL AND cur IS DISTINCT FROM e.after THEN
      IF e.after IS NULL THEN
        EXECUTE format('DELETE FROM quaywatch.%I WHERE id = $1', e.entity) USING e.entity_id;
      ELSE
        EXECUTE format('INSERT INTO quaywatch.%I (id, value, last_seq) VALUES ($1, $2, $3)
                        ON CONFLICT (id) DO UPDATE SET value = excluded.value, last_seq = excluded.last_seq', e.entity)
          USING e.entity_id, e.after, s;
      END IF;
    END IF;
    event_id := e.id; event_seq := s; event_outcome := oc; event_new := true; RETURN NEXT;
  END LOOP;
END
$f$;
REVOKE ALL ON FUNCTION quaywatch.push(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION quaywatch.push(jsonb) TO quaywatch_analyst, quaywatch_reviewer;

-- Row-level security: the database, not only the app, says who writes what.
ALTER TABLE quaywatch.event ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_read ON quaywatch.event FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY event_write ON quaywatch.event FOR INSERT TO quaywatch_analyst, quaywatch_reviewer
  WITH CHECK (login = current_user AND author = quaywatch.my_author() AND quaywatch.may_change(entity, before, after));

ALTER TABLE quaywatch.sighting ENABLE ROW LEVEL SECURITY;
CREATE POLICY sighting_read ON quaywatch.sighting FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY sighting_own ON quaywatch.sighting FOR ALL TO quaywatch_analyst
  USING (author = quaywatch.my_author()) WITH CHECK (author = quaywatch.my_author());

ALTER TABLE quaywatch.review ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_read ON quaywatch.review FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY review_insert ON quaywatch.review FOR INSERT TO quaywatch_reviewer WITH CHECK (reviewer = quaywatch.my_author());
CREATE POLICY review_update ON quaywatch.review FOR UPDATE TO quaywatch_reviewer
  USING (reviewer = quaywatch.my_author()) WITH CHECK (reviewer = quaywatch.my_author());
CREATE POLICY review_delete ON quaywatch.review FOR DELETE TO quaywatch_analyst, quaywatch_reviewer
  USING (reviewer = quaywatch.my_author()
    OR EXISTS (SELECT 1 FROM quaywatch.sighting s WHERE s.id = sighting_id AND s.author = quaywatch.my_author()));

ALTER TABLE quaywatch.settlement ENABLE ROW LEVEL SECURITY;
CREATE POLICY settlement_read ON quaywatch.settlement FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY settlement_write ON quaywatch.settlement FOR ALL TO quaywatch_analyst, quaywatch_reviewer USING (true) WITH CHECK (true);
ALTER TABLE quaywatch.zone ENABLE ROW LEVEL SECURITY;
ALTER TABLE quaywatch.vessel ENABLE ROW LEVEL SECURITY;
ALTER TABLE quaywatch.track ENABLE ROW LEVEL SECURITY;
CREATE POLICY zone_read ON quaywatch.zone FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY zone_write ON quaywatch.zone FOR ALL TO quaywatch_analyst, quaywatch_reviewer USING (true) WITH CHECK (true);
CREATE POLICY vessel_read ON quaywatch.vessel FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY vessel_write ON quaywatch.vessel FOR ALL TO quaywatch_analyst, quaywatch_reviewer USING (true) WITH CHECK (true);
CREATE POLICY track_read ON quaywatch.track FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY track_write ON quaywatch.track FOR ALL TO quaywatch_analyst, quaywatch_reviewer USING (true) WITH CHECK (true);

-- Derived layers (schema 3): visits and coverage per zone × month, computed by the app (shared/analysis)
-- from the team's sightings, never in SQL, and published by the last replica that synced fully caught up.
-- The whole set is replaced at once; a set derived through an older seq never replaces a newer one.
-- Coverage follows the PUBLISHING analyst's own scenes (imagery stays each analyst's, the team shares
-- only marks): another analyst's laptop may have seen more. The views say whose scenes it counted.
CREATE TABLE quaywatch.derivation (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  derived_through_seq bigint NOT NULL,
  derived_by text NOT NULL,
  -- What was published (a hash of the rows): an automatic sync that finds nothing new rewrites nothing.
  digest text NOT NULL,
  derived_at timestamptz NOT NULL DEFAULT now()
);
-- A visit is drawn as its zone's polygon (as the GeoPackage export does): in QGIS a click inside the quay
-- lists every visit there, and the layer sits on the zone it is about; a point at the centre would hide the
-- shape the dwell was measured in and stack all of a zone's visits on one pixel anyway.
CREATE TABLE quaywatch.visit (
  id int PRIMARY KEY,
  zone_id text NOT NULL, zone text,
  subject_kind text NOT NULL CHECK (subject_kind IN ('vessel', 'track')), subject_id text NOT NULL, subject text,
  arrival_after timestamptz, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, departure_before timestamptz,
  scenes_seen int NOT NULL, dwell_min_hours double precision NOT NULL, dwell_max_hours double precision,
  arrival_open boolean NOT NULL, departure_open boolean NOT NULL,
  derived_through_seq bigint NOT NULL, derived_by text NOT NULL,
  geom geometry(Polygon, 4326) NOT NULL
);
CREATE TABLE quaywatch.coverage (
  id int PRIMARY KEY,
  zone_id text NOT NULL, zone text, month text NOT NULL,
  scenes int NOT NULL, clear_scenes int NOT NULL, examined_clear_scenes int NOT NULL,
  days_observed int NOT NULL, days_in_month int NOT NULL, longest_gap_days double precision NOT NULL,
  optical_days_observed int NOT NULL, radar_days_observed int NOT NULL,
  derived_through_seq bigint NOT NULL, derived_by text NOT NULL,
  geom geometry(Polygon, 4326) NOT NULL,
  UNIQUE (zone_id, month)
);
CREATE INDEX visit_geom ON quaywatch.visit USING gist (geom);
CREATE INDEX coverage_geom ON quaywatch.coverage USING gist (geom);
CREATE VIEW quaywatch.visit_layer WITH (security_invoker = true) AS
  SELECT id, zone, subject_kind, subject, first_seen, last_seen, arrival_after, departure_before, dwell_min_hours, dwell_max_hours,
         arrival_open, departure_open, scenes_seen, zone_id, subject_id, derived_through_seq, derived_by, geom FROM quaywatch.visit;
CREATE VIEW quaywatch.coverage_layer WITH (security_invoker = true) AS
  SELECT id, zone, month, scenes, clear_scenes, examined_clear_scenes, days_observed, days_in_month, longest_gap_days,
         optical_days_observed, radar_days_observed, derived_by AS scenes_of, zone_id, derived_through_seq, derived_by, geom FROM quaywatch.coverage;
ALTER TABLE quaywatch.derivation ENABLE ROW LEVEL SECURITY;
ALTER TABLE quaywatch.visit ENABLE ROW LEVEL SECURITY;
ALTER TABLE quaywatch.coverage ENABLE ROW LEVEL SECURITY;
CREATE POLICY derivation_read ON quaywatch.derivation FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY visit_read ON quaywatch.visit FOR SELECT TO quaywatch_reader USING (true);
CREATE POLICY coverage_read ON quaywatch.coverage FOR SELECT TO quaywatch_reader USING (true);
-- Analysts and reviewers publish, under their own name only.
CREATE POLICY derivation_publish ON quaywatch.derivation FOR ALL TO quaywatch_analyst, quaywatch_reviewer
  USING (true) WITH CHECK (derived_by = quaywatch.my_author());
CREATE POLICY visit_publish ON quaywatch.visit FOR ALL TO quaywatch_analyst, quaywatch_reviewer
  USING (true) WITH CHECK (derived_by = quaywatch.my_author());
CREATE POLICY coverage_publish ON quaywatch.coverage FOR ALL TO quaywatch_analyst, quaywatch_reviewer
  USING (true) WITH CHECK (derived_by = quaywatch.my_author());

GRANT SELECT ON ALL TABLES IN SCHEMA quaywatch TO quaywatch_reader;
GRANT INSERT ON quaywatch.event, quaywatch.scene TO quaywatch_analyst, quaywatch_reviewer;
GRANT INSERT, UPDATE, DELETE ON quaywatch.zone, quaywatch.vessel, quaywatch.track, quaywatch.sighting, quaywatch.review, quaywatch.settlement
  TO quaywatch_analyst, quaywatch_reviewer;
GRANT INSERT, UPDATE, DELETE ON quaywatch.derivation, quaywatch.visit, quaywatch.coverage TO quaywatch_analyst, quaywatch_reviewer;
`;

export interface WorkspaceInfo {
  id: string;
  schemaVersion: number;
}

/** Creates the workspace in the connected database (needs a superuser: PostGIS and roles). Refuses a second time. */
export async function createWorkspace(client: pg.Client, id: string): Promise<WorkspaceInfo> {
  const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'quaywatch'");
  if (exists.rowCount) throw new TeamServerError('exists', 'This database already holds a Quaywatch workspace; nothing was changed.');
  await client.query('BEGIN');
  try {
    await client.query(SCHEMA_SQL);
    await client.query('INSERT INTO quaywatch.workspace (id, schema_version) VALUES ($1, $2)', [id, TEAM_SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  return { id, schemaVersion: TEAM_SCHEMA_VERSION };
}

/** The workspace this connection reaches, and the member its login is; refuses a database without one. */
export async function workspaceOf(client: pg.Client): Promise<WorkspaceInfo & { member: { login: string; author: string; role: TeamRole } | null }> {
  const ns = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'quaywatch'");
  if (!ns.rowCount) throw new TeamServerError('not_found', 'This database holds no Quaywatch workspace (run `quaywatch team init` on it first), or this login may not see it.');
  const w = await client.query<{ id: string; schema_version: number }>('SELECT id, schema_version FROM quaywatch.workspace');
  const row = w.rows[0];
  if (!row) throw new TeamServerError('not_found', 'This database holds no Quaywatch workspace.');
  if (row.schema_version > TEAM_SCHEMA_VERSION) {
    throw new TeamServerError('newer', `This workspace was made by a newer Quaywatch (team schema ${row.schema_version}; this one knows up to ${TEAM_SCHEMA_VERSION}). Update Quaywatch.`);
  }
  const m = await client.query<{ login: string; author: string; role: TeamRole }>('SELECT login, author, role FROM quaywatch.member WHERE login = current_user');
  return { id: row.id, schemaVersion: row.schema_version, member: m.rows[0] ?? null };
}

/** Adds a login to the workspace with a role and the analyst name its marks carry. */
export async function addMember(client: pg.Client, m: { login: string; password: string; role: TeamRole; author: string }): Promise<void> {
  const group = `quaywatch_${m.role}`;
  await client.query('BEGIN');
  try {
    // CREATE ROLE takes no parameters: the login is quoted as an identifier, the password as a literal.
    await client.query(`CREATE ROLE ${client.escapeIdentifier(m.login)} LOGIN PASSWORD ${client.escapeLiteral(m.password)} IN ROLE ${group}`);
    await client.query('INSERT INTO quaywatch.member (login, author, role) VALUES ($1, $2, $3)', [m.login, m.author, m.role]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/** One entity change as it travels: made on a replica from one row of its history. */
export interface OutgoingEvent {
  id: string;
  replica: string;
  label: string;
  entity: TeamEntity;
  entity_id: string;
  before: unknown;
  after: unknown;
  made_at: string;
}

export interface PushAnswer {
  id: string;
  /** Null for a refused event: the team's log never held it. */
  seq: number | null;
  /** 'refused': row-level security says this login may not make that change (another analyst's mark). */
  outcome: 'applied' | 'conflict' | 'refused';
  /** False for an event the team already had (a retry after the answer was lost). */
  fresh: boolean;
}

/** Sends events in one transaction; the answer says, per event, its place in the team's order and its outcome. */
export async function pushEvents(client: pg.Client, events: readonly OutgoingEvent[]): Promise<PushAnswer[]> {
  const r = await client.query<{ event_id: string; event_seq: string | null; event_outcome: PushAnswer['outcome']; event_new: boolean }>('SELECT * FROM quaywatch.push($1::jsonb)', [JSON.stringify(events)]);
  return r.rows.map((x) => ({ id: x.event_id, seq: x.event_seq === null ? null : Number(x.event_seq), outcome: x.event_outcome, fresh: x.event_new }));
}

/** What a team scene id stands for: a provider's item, or a file by the SHA-256 of its content. */
export interface SceneDescriptor {
  key: string;
  provider: string;
  product: string;
  itemId: string | null;
  sha256: string | null;
  acquired: string;
}

/** Tells the team what scene ids stand for (kept once each: the first to send one wins). */
export async function publishScenes(client: pg.Client, scenes: readonly SceneDescriptor[]): Promise<void> {
  if (!scenes.length) return;
  await client.query(
    `INSERT INTO quaywatch.scene (key, provider, product, item_id, sha256, acquired)
     SELECT key, provider, product, "itemId", sha256, acquired FROM jsonb_to_recordset($1::jsonb)
       AS x(key uuid, provider text, product text, "itemId" text, sha256 text, acquired timestamptz)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(scenes)],
  );
}

/** What the team knows of these scene ids (unchecked: the caller validates). */
export async function sceneDescriptorsOf(client: pg.Client, keys: readonly string[]): Promise<unknown[]> {
  if (!keys.length) return [];
  const r = await client.query(
    `SELECT key::text AS key, provider, product, item_id AS "itemId", sha256, to_char(acquired AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS acquired
     FROM quaywatch.scene WHERE key = ANY($1::uuid[])`,
    [keys],
  );
  return r.rows;
}

/** The team's current value of one entity (null when it has none). */
export async function teamValueOf(client: pg.Client, entity: TeamEntity, id: string): Promise<unknown> {
  if (!(TEAM_ENTITIES as readonly string[]).includes(entity)) throw new Error(`unknown entity ${entity}`);
  const r = await client.query<{ value: unknown }>(`SELECT value FROM quaywatch.${entity} WHERE id = $1`, [id]);
  return r.rows[0]?.value ?? null;
}

/** An event as pulled, in the team's order. */
export interface IncomingEvent {
  seq: number;
  id: string;
  replica: string;
  author: string;
  label: string;
  entity: TeamEntity;
  entityId: string;
  before: unknown;
  after: unknown;
  outcome: 'applied' | 'conflict';
  teamValue: unknown;
  reason: string | null;
}

/**
 * Events after `afterSeq`, in the team's order, at most `limit`. An applied event's `before` is not sent
 * (null here): applying needs only the value after, and a catch-up parses half the JSON.
 */
export async function pullEvents(client: pg.Client, afterSeq: number, limit: number): Promise<IncomingEvent[]> {
  const r = await client.query(
    `SELECT seq, id, replica, author, label, entity, entity_id, CASE WHEN outcome = 'conflict' THEN before END AS before, after, outcome, team_value, reason
     FROM quaywatch.event WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return r.rows.map((x: Record<string, unknown>) => ({
    seq: Number(x.seq),
    id: String(x.id),
    replica: String(x.replica),
    author: String(x.author),
    label: String(x.label),
    entity: x.entity as TeamEntity,
    entityId: String(x.entity_id),
    before: x.before ?? null,
    after: x.after ?? null,
    outcome: x.outcome as 'applied' | 'conflict',
    teamValue: x.team_value ?? null,
    reason: (x.reason as string | null) ?? null,
  }));
}

/** The team's order of this replica's newest event (0 when none): a pull applies everything up to it at once. */
export async function lastEventOf(client: pg.Client, replica: string): Promise<number> {
  const r = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM quaywatch.event WHERE replica = $1', [replica]);
  return Number(r.rows[0]?.seq ?? 0);
}

/** The team's latest seq (0 for an empty log): a replica pulled through it is caught up. */
export async function latestSeq(client: pg.Client): Promise<number> {
  const r = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM quaywatch.event');
  return Number(r.rows[0]?.seq ?? 0);
}

/** A row of a derived layer: its attributes (column names as in the table) and its zone's polygon (GeoJSON). */
export interface DerivedRow {
  attrs: Record<string, string | number | boolean | null>;
  geometry: unknown;
}

export interface DerivedSet {
  throughSeq: number;
  author: string;
  /** A hash of the rows and author: the same set through the same seq is not written again. */
  digest: string;
  visits: readonly DerivedRow[];
  coverage: readonly DerivedRow[];
}

const VISIT_COLUMNS = ['zone_id', 'zone', 'subject_kind', 'subject_id', 'subject', 'arrival_after', 'first_seen', 'last_seen', 'departure_before',
  'scenes_seen', 'dwell_min_hours', 'dwell_max_hours', 'arrival_open', 'departure_open'] as const;
const COVERAGE_COLUMNS = ['zone_id', 'zone', 'month', 'scenes', 'clear_scenes', 'examined_clear_scenes', 'days_observed', 'days_in_month',
  'longest_gap_days', 'optical_days_observed', 'radar_days_observed'] as const;

async function insertDerived(client: pg.Client, table: 'visit' | 'coverage', columns: readonly string[], rows: readonly DerivedRow[], set: DerivedSet): Promise<void> {
  if (!rows.length) return;
  // Types come from the table itself (jsonb_populate_recordset): one statement, no column list to keep twice.
  const cols = columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const records = rows.map((r, i) => ({ ...r.attrs, id: i + 1, derived_through_seq: set.throughSeq, derived_by: set.author }));
  await client.query(
    `INSERT INTO quaywatch.${table} (id, ${cols}, derived_through_seq, derived_by, geom)
     SELECT x.id, ${columns.map((c) => `x.${client.escapeIdentifier(c)}`).join(', ')}, x.derived_through_seq, x.derived_by,
            ST_SetSRID(ST_GeomFromGeoJSON(g.geometry), 4326)
     FROM jsonb_populate_recordset(NULL::quaywatch.${table}, $1::jsonb) WITH ORDINALITY AS x
     JOIN jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS g(geometry, n) ON g.n = x.ordinality`,
    [JSON.stringify(records), JSON.stringify(rows.map((r) => JSON.stringify(r.geometry)))],
  );
}

/**
 * Replaces the team's derived visits and coverage with `set`, in one transaction, unless the workspace
 * already holds a set derived through a later seq (an older replica never overwrites a newer derivation:
 * 'newer-kept') or this very set ('unchanged').
 */
export async function publishDerived(client: pg.Client, set: DerivedSet): Promise<'published' | 'newer-kept' | 'unchanged'> {
  await client.query('BEGIN');
  try {
    // One publisher at a time, so the check and the replacement see the same stored seq.
    await client.query('SELECT pg_advisory_xact_lock(21022)');
    const cur = (await client.query<{ seq: string; digest: string }>('SELECT derived_through_seq AS seq, digest FROM quaywatch.derivation')).rows[0];
    const kept = !cur ? null : Number(cur.seq) > set.throughSeq ? 'newer-kept' : Number(cur.seq) === set.throughSeq && cur.digest === set.digest ? 'unchanged' : null;
    if (kept) {
      await client.query('ROLLBACK');
      return kept;
    }
    await client.query('DELETE FROM quaywatch.visit');
    await client.query('DELETE FROM quaywatch.coverage');
    await insertDerived(client, 'visit', VISIT_COLUMNS, set.visits, set);
    await insertDerived(client, 'coverage', COVERAGE_COLUMNS, set.coverage, set);
    await client.query(
      `INSERT INTO quaywatch.derivation (one, derived_through_seq, derived_by, digest) VALUES (true, $1, $2, $3)
       ON CONFLICT (one) DO UPDATE SET derived_through_seq = excluded.derived_through_seq, derived_by = excluded.derived_by, digest = excluded.digest, derived_at = now()`,
      [set.throughSeq, set.author, set.digest],
    );
    await client.query('COMMIT');
    return 'published';
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

export class TeamServerError extends Error {
  constructor(
    readonly code: 'exists' | 'not_found' | 'newer',
    message: string,
  ) {
    super(message);
  }
}
