// QGIS opens the workspace live (issue 21): after analysts sync, the team's visits and coverage are in
// quaywatch.visit and quaywatch.coverage (and their *_layer views) with a polygon geometry type, EPSG:4326
// and as many features as the app's own statistics of the team scope; a set derived through an older seq
// never replaces a newer one; a reader reads them but may not publish.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vessel } from '../../../shared/domain';
import type { JoinedReplica, TeamFixture } from '../../testing/teamFixture';
import { teamSuite } from '../../testing/teamSuite';
import { projectStats } from '../stats/projectStats';
import { teamLinkOf, unpushedRows } from '../store/teamLocal';
import { publishDerived } from '../store/teamServer';
import { connectTeam } from './connect';
import { publishTeamDerivation } from './derived';

const suite = teamSuite('qw-team-qgis-', [
  { login: 'alice', author: 'Alice', role: 'analyst' },
  { login: 'bob', author: 'Bob', role: 'analyst' },
  { login: 'rex', author: 'Rex', role: 'reader' },
]);
let team: TeamFixture;
let alice: JoinedReplica, bob: JoinedReplica, rex: JoinedReplica;

/** What QGIS's own driver (GDAL's PostgreSQL driver) says of a layer, read as the reader. */
function ogrSummary(layer: string): { geometry: string; epsg4326: boolean; key: string | null; features: number } {
  const u = new URL(team.pgc.url('rex'));
  const conn = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=rex password=${team.passwordOf('rex')}`;
  const out = execFileSync('ogrinfo', ['-ro', '-so', conn, layer], { encoding: 'utf8' });
  if (process.env.QW_PEEK) console.log(out);
  return {
    geometry: /^Geometry: (.+)$/m.exec(out)?.[1] ?? '',
    // The layer's own SRS ends with its authority code, right before the axis mapping.
    epsg4326: /ID\["EPSG",4326\]\]\nData axis/.test(out),
    // A table's primary key is the FID; a view has none, and QGIS offers its first column as the key.
    key: /^FID Column = (\w+)$/m.exec(out)?.[1] ?? /^Geometry Column[^\n]*\n(\w+): Integer/m.exec(out)?.[1] ?? null,
    features: Number(/^Feature Count: (\d+)$/m.exec(out)?.[1] ?? NaN),
  };
}

/** The app's figures for the team, through the stats path (not the publishing code). */
const teamFigures = (r: JoinedReplica) => projectStats(r.store, { minConfidence: 'possible', reviewedOnly: false, scope: 'team' });

async function markVessel(r: JoinedReplica, name: string) {
  const v = await r.call<Vessel>('vessels.create', { name });
  await r.call('sightings.create', { sceneId: team.template.scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, vesselId: v.id });
}

beforeAll(() => {
  ({ team, replicas: { alice, bob, rex } } = suite);
});

describe('QGIS layers of the team', () => {
  it("after two analysts mark and sync, QGIS's driver sees the team's visits and coverage as polygons in EPSG:4326, as many as the app counts", async () => {
    await markVessel(alice, 'Ever Given');
    expect((await alice.sync()).derived).toBe('published');
    await markVessel(bob, 'Maersk Alabama');
    expect((await bob.sync()).derived).toBe('published');
    expect((await alice.sync()).derived).toBe('published');
    // A sync that finds nothing new rewrites nothing (automatic syncs run every few minutes).
    expect((await alice.sync()).derived).toBe('unchanged');

    const figures = teamFigures(bob);
    const visits = figures.visits.length + figures.dwell.length;
    expect(visits).toBe(2);
    expect(figures.coverage.length).toBeGreaterThan(0);
    for (const layer of ['quaywatch.visit', 'quaywatch.visit_layer']) {
      expect(ogrSummary(layer)).toEqual({ geometry: 'Polygon', epsg4326: true, key: 'id', features: visits });
    }
    for (const layer of ['quaywatch.coverage', 'quaywatch.coverage_layer']) {
      expect(ogrSummary(layer)).toEqual({ geometry: 'Polygon', epsg4326: true, key: 'id', features: figures.coverage.length });
    }
    const subjects = team.pgc.psql('SELECT string_agg(subject, \',\' ORDER BY subject) FROM quaywatch.visit', 'quaywatch').trim();
    expect(subjects).toBe('Ever Given,Maersk Alabama');
    // Coverage says whose scenes it counted: the last analyst to publish.
    expect(team.pgc.psql('SELECT DISTINCT scenes_of FROM quaywatch.coverage_layer', 'quaywatch').trim()).toBe('Alice');
  });

  it('a set derived through an older seq never replaces a newer one', async () => {
    const olderSeq = Number(team.pgc.psql('SELECT derived_through_seq FROM quaywatch.derivation', 'quaywatch').trim());
    await markVessel(bob, 'Stena Line');
    expect((await bob.sync()).derived).toBe('published');
    const newer = team.pgc.psql('SELECT derived_through_seq, derived_by, (SELECT count(*) FROM quaywatch.visit) FROM quaywatch.derivation', 'quaywatch').trim();
    expect(newer).toMatch(/\|Bob\|3$/);
    // Alice's laptop, caught up before Bob's last push, publishing late (its answer crossed Bob's).
    const late = await connectTeam(team.pgc.url('alice'), team.passwordOf('alice'));
    try {
      expect(await publishDerived(late, { throughSeq: olderSeq, author: 'Alice', digest: 'late', visits: [], coverage: [] })).toBe('newer-kept');
    } finally {
      await late.end();
    }
    expect(team.pgc.psql('SELECT derived_through_seq, derived_by, (SELECT count(*) FROM quaywatch.visit) FROM quaywatch.derivation', 'quaywatch').trim()).toBe(newer);
  });

  it('a laptop that has not pulled the latest marks publishes nothing', async () => {
    await markVessel(bob, 'Silver Spirit');
    await bob.call('sightings.create', { sceneId: team.template.scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.31, 42.25] } });
    const c = await connectTeam(team.pgc.url('bob'), team.passwordOf('bob'));
    try {
      // Bob's new marks are not pushed yet: what he would publish is not what the team has.
      expect(await publishTeamDerivation(bob.store, c)).toBe('behind');
    } finally {
      await c.end();
    }
    expect((await bob.sync()).derived).toBe('published');
    const a = await connectTeam(team.pgc.url('alice'), team.passwordOf('alice'));
    try {
      // Alice has not pulled Bob's marks: she is behind the team's latest seq.
      expect(await publishTeamDerivation(alice.store, a)).toBe('behind');
    } finally {
      await a.end();
    }
    expect(team.pgc.psql('SELECT derived_by, (SELECT count(*) FROM quaywatch.visit) FROM quaywatch.derivation', 'quaywatch').trim()).toBe('Bob|4');
  });

  it('a reader reads the layers but may not publish them', async () => {
    // A reader's sync brings the team's marks and sends nothing (its copy's own rows are counted, not sent).
    const synced = await rex.sync();
    expect(synced).toMatchObject({ pushed: 0, derived: 'reader' });
    expect(synced.notSent).toBeGreaterThan(0);
    // Counted without reading them: as many as the rows it holds back.
    expect(synced.notSent).toBe(unpushedRows(rex.store, teamLinkOf(rex.store)!.pushedThrough, Number.MAX_SAFE_INTEGER).length);
    expect(rex.store.sightings().length).toBe(bob.store.sightings().length); // Bob synced last: he has them all
    const reader = await connectTeam(team.pgc.url('rex'), team.passwordOf('rex'));
    try {
      expect(await publishTeamDerivation(rex.store, reader)).toBe('reader');
      expect((await reader.query('SELECT count(*)::int AS n FROM quaywatch.visit_layer')).rows[0].n).toBe(4);
      const seq = Number(team.pgc.psql('SELECT derived_through_seq FROM quaywatch.derivation', 'quaywatch').trim());
      await expect(publishDerived(reader, { throughSeq: seq + 1, author: 'Rex', digest: 'rex', visits: [], coverage: [] })).rejects.toThrow(/permission denied/);
      await expect(reader.query('DELETE FROM quaywatch.visit')).rejects.toThrow(/permission denied/);
    } finally {
      await reader.end();
    }
    expect(team.pgc.psql('SELECT count(*) FROM quaywatch.visit', 'quaywatch').trim()).toBe('4');
  });

  // Last: it takes the derived layers away from the shared workspace.
  it('a workspace made before schema 3 still syncs, and says it has no layers for QGIS', async () => {
    team.pgc.psql('DROP VIEW quaywatch.visit_layer, quaywatch.coverage_layer; DROP TABLE quaywatch.visit, quaywatch.coverage, quaywatch.derivation; UPDATE quaywatch.workspace SET schema_version = 2', 'quaywatch');
    await markVessel(alice, 'Old Timer');
    const r = await alice.sync();
    expect(r.pushed).toBeGreaterThan(0);
    expect(r.derived).toBe('workspace-too-old');
  });
});
