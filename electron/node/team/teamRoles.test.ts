// The workspace's schema, roles and row-level security, on a real PostgreSQL with PostGIS: each role
// connects with its own login and the database itself refuses what the role may not do.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPgCluster, type PgCluster } from '../../testing/pgCluster';
import { addMember, createWorkspace, pushEvents, workspaceOf, type OutgoingEvent } from '../store/teamServer';
import { connectTeam } from './connect';

let pgc: PgCluster;
const clients: pg.Client[] = [];
const as = async (login: string) => {
  const c = await connectTeam(pgc.url(login), `${login}-pw`);
  clients.push(c);
  return c;
};
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const sighting = (id: string, author: string, geometry: unknown = point(4.4, 51.9)) => ({
  id, sceneId: 'scene-1', class: 'tanker', geometry, zoneId: null, zoneOverridden: false, confidence: 'high', count: null,
  vesselId: null, trackId: null, notes: '', author, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  origin: 'marked', originDetail: '', verified: true,
});
let n = 0;
const ev = (entity: OutgoingEvent['entity'], id: string, before: unknown, after: unknown): OutgoingEvent => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, replica: '11111111-1111-4111-8111-111111111111', label: 'test',
  entity, entity_id: id, before, after, made_at: '2026-01-01T00:00:00Z',
});

beforeAll(async () => {
  pgc = await startPgCluster();
  const admin = await connectTeam(pgc.url('postgres'), pgc.adminPassword);
  clients.push(admin);
  await createWorkspace(admin, '22222222-2222-4222-8222-222222222222');
  await addMember(admin, { login: 'alice', password: 'alice-pw', role: 'analyst', author: 'Alice' });
  await addMember(admin, { login: 'bob', password: 'bob-pw', role: 'analyst', author: 'Bob' });
  await addMember(admin, { login: 'rita', password: 'rita-pw', role: 'reviewer', author: 'Rita' });
  await addMember(admin, { login: 'quinn', password: 'quinn-pw', role: 'reader', author: 'Quinn' });
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => {});
  pgc?.stop();
});

describe('team workspace roles, enforced by the database', () => {
  it('an analyst adds and changes their own marks; the views show them with SRID 4326', async () => {
    const alice = await as('alice');
    expect((await workspaceOf(alice)).member).toEqual({ login: 'alice', author: 'Alice', role: 'analyst' });
    const s = sighting('s-alice', 'Alice');
    const box = sighting('s-alice-box', 'Alice', { type: 'Polygon', coordinates: [[[4.4, 51.9], [4.41, 51.9], [4.41, 51.91], [4.4, 51.9]]] });
    const answers = await pushEvents(alice, [ev('sighting', s.id, null, s), ev('sighting', box.id, null, box)]);
    expect(answers.map((a) => a.outcome)).toEqual(['applied', 'applied']);
    const moved = { ...s, geometry: point(4.5, 51.95) };
    expect((await pushEvents(alice, [ev('sighting', s.id, s, moved)]))[0]!.outcome).toBe('applied');
    const pts = await alice.query("SELECT id, ST_SRID(geom) AS srid, ST_X(geom) AS x FROM quaywatch.sighting_point");
    expect(pts.rows).toEqual([{ id: 's-alice', srid: 4326, x: 4.5 }]);
    const polys = await alice.query('SELECT id FROM quaywatch.sighting_polygon');
    expect(polys.rows).toEqual([{ id: 's-alice-box' }]);
  });

  it('QGIS-facing views are read by GDAL (ogrinfo) as layers with their geometry type and SRS', () => {
    const out = execFileSync('ogrinfo', ['-ro', '-so', `PG:host=127.0.0.1 port=${pgc.port} dbname=quaywatch user=quinn password=quinn-pw`, 'quaywatch.sighting_point'], { encoding: 'utf8' });
    expect(out).toMatch(/Geometry: Point/);
    expect(out).toMatch(/Feature Count: 1/);
    expect(out).toMatch(/EPSG.*4326|WGS 84/);
  });

  it("an analyst cannot change another analyst's mark, not through the log and not in the table", async () => {
    const bob = await as('bob');
    const s = (await bob.query("SELECT value FROM quaywatch.sighting WHERE id = 's-alice'")).rows[0]!.value as Record<string, unknown>;
    // Through the push function: refused, and nothing of it stored.
    const refused = await pushEvents(bob, [ev('sighting', 's-alice', s, { ...s, class: 'cargo' }), ev('sighting', 's-fake', null, sighting('s-fake', 'Alice'))]);
    expect(refused.map((a) => [a.outcome, a.seq])).toEqual([['refused', null], ['refused', null]]);
    expect((await bob.query("SELECT count(*)::int AS n FROM quaywatch.event WHERE login = 'bob'")).rows[0]!.n).toBe(0);
    // Past it, straight into the log: the policy itself refuses.
    await expect(bob.query(
      "INSERT INTO quaywatch.event (id, author, replica, label, entity, entity_id, before, after, outcome) VALUES (gen_random_uuid(), 'Bob', gen_random_uuid(), 'x', 'sighting', 's-alice', $1, $2, 'applied')",
      [s, { ...s, class: 'cargo' }],
    )).rejects.toThrow(/row-level security/);
    const upd = await bob.query("UPDATE quaywatch.sighting SET value = value || '{\"class\":\"cargo\"}' WHERE id = 's-alice'");
    expect(upd.rowCount).toBe(0);
    const del = await bob.query("DELETE FROM quaywatch.sighting WHERE id = 's-alice'");
    expect(del.rowCount).toBe(0);
    expect((await bob.query("SELECT class FROM quaywatch.sighting WHERE id = 's-alice'")).rows[0]!.class).toBe('tanker');
  });

  it("a reviewer gives verdicts on anyone's marks but cannot mark; an analyst cannot give verdicts", async () => {
    const rita = await as('rita');
    const review = { id: 'r-1', sightingId: 's-alice', reviewer: 'Rita', verdict: 'confirmed', comment: '', at: '2026-01-02T00:00:00.000Z' };
    expect((await pushEvents(rita, [ev('review', 'r-1', null, review)]))[0]!.outcome).toBe('applied');
    expect((await pushEvents(rita, [ev('sighting', 's-rita', null, sighting('s-rita', 'Rita'))]))[0]!.outcome).toBe('refused');
    const bob = await as('bob');
    expect((await pushEvents(bob, [ev('review', 'r-2', null, { ...review, id: 'r-2', reviewer: 'Bob' })]))[0]!.outcome).toBe('refused');
    expect((await bob.query("SELECT count(*)::int AS n FROM quaywatch.review")).rows[0]!.n).toBe(1);
  });

  it("a reader reads everything and the database refuses every write", async () => {
    const quinn = await as('quinn');
    expect((await quinn.query('SELECT count(*)::int AS n FROM quaywatch.sighting')).rows[0]!.n).toBe(2);
    await expect(quinn.query("INSERT INTO quaywatch.event (id, author, replica, label, entity, entity_id, outcome) VALUES (gen_random_uuid(), 'Quinn', gen_random_uuid(), 'x', 'zone', 'z', 'applied')")).rejects.toThrow(/permission denied/);
    await expect(pushEvents(quinn, [ev('zone', 'z-1', null, { id: 'z-1' })])).rejects.toThrow(/permission denied/);
    await expect(quinn.query("DELETE FROM quaywatch.sighting")).rejects.toThrow(/permission denied/);
    await expect(quinn.query("UPDATE quaywatch.event SET outcome = 'conflict'")).rejects.toThrow(/permission denied/);
  });

  it('nobody rewrites the log: not even an analyst may update or delete events', async () => {
    const alice = await as('alice');
    await expect(alice.query("UPDATE quaywatch.event SET label = 'x'")).rejects.toThrow(/permission denied/);
    await expect(alice.query('DELETE FROM quaywatch.event')).rejects.toThrow(/permission denied/);
  });
});
