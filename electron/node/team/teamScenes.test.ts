// Scene matching across analysts on a real PostgreSQL with PostGIS: two analysts who each imported the same
// GeoTIFF (their own copy, another path, another name, so another local scene id) share their marks on it;
// a mark on imagery a colleague does not have is kept there, counted, and attached when that imagery arrives.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Review, Scene, Sighting } from '../../../shared/domain';
import { SEED_SCENE } from '../../testing/seedProject';
import { ANALYSTS_AND_REVIEWER, type JoinedReplica, type TeamFixture } from '../../testing/teamFixture';
import { teamSuite } from '../../testing/teamSuite';
import { makeGeoTiff } from '../imagery/fixtures/build';
import { importScenes } from '../imagery/importScenes';
import { loadProjectData } from '../export/projectData';
import { historyOf } from '../store/history';
import { unmatchedScenes, unmatchedSightingCount } from '../store/teamLocal';

const suite = teamSuite('qw-team-scenes-', ANALYSTS_AND_REVIEWER);
let team: TeamFixture;
// Inside the GeoTIFF's footprint (UTM 52N, near 130.27 E 42.33 N) and the template's quay zone.
const POINT = { type: 'Point' as const, coordinates: [130.27, 42.327] };

/** A member's replica, with a mark on a given scene and an import of the shared GeoTIFF. */
function withImagery(r: JoinedReplica) {
  /** Imports the shared GeoTIFF from this analyst's own copy, at `rel` in their folder. */
  const importCopy = async (rel: string): Promise<Scene> => {
    const to = path.join(r.dir, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(shared, to);
    const res = await importScenes(r.store, [to]);
    expect(res.errors).toEqual([]);
    return res.imported[0]!;
  };
  const mark = (sceneId: string, notes: string) => r.call<Sighting>('sightings.create', { sceneId, class: 'vessel', geometry: POINT, notes });
  return { ...r, mark, importCopy };
}
type Replica = ReturnType<typeof withImagery>;
let alice: Replica, bob: Replica, rita: Replica;
let shared: string;

beforeAll(async () => {
  team = suite.team;
  // One GDAL-made GeoTIFF with no provider item id in its name: only its content can match it.
  fs.mkdirSync(path.join(suite.dir, 'delivered'));
  shared = makeGeoTiff(path.join(suite.dir, 'delivered', 'port-pass.tif'), { datetime: '2025:02:03 01:40:00' });
  alice = withImagery(suite.replicas.alice);
  bob = withImagery(suite.replicas.bob);
  rita = withImagery(suite.replicas.rita);
  for (const r of [alice, bob, rita]) await r.sync();
}, 60_000);

describe('scene matching', () => {
  it("a mark on imagery a colleague imported separately lands on the colleague's own scene; before that it waits, counted, and nothing is lost", async () => {
    const sceneA = await alice.importCopy('imagery/port-pass.tif');
    const sceneR = await rita.importCopy('elsewhere/deep/copy-of-pass.tif');
    expect(sceneR.id).not.toBe(sceneA.id);
    const s = await alice.mark(sceneA.id, 'tanker on the pass both imported');
    await alice.sync();
    // Rita has the same file under another name: the mark is on her scene at once, and she judges it.
    await rita.sync();
    expect(rita.store.sightings().find((x) => x.id === s.id)).toEqual({ ...s, sceneId: sceneR.id });
    const verdict = await rita.call<Review>('reviews.set', { sightingId: s.id, verdict: 'confirmed' });
    await rita.sync();

    // Bob has not imported it yet: the mark and its verdict wait, and the sync says so.
    const before = await bob.sync();
    expect(before.unmatched).toBe(1);
    expect(bob.store.sightings().some((x) => x.id === s.id)).toBe(false);
    // And which imagery it is, as Alice's sync told the team: the file by its content's SHA-256, never its pixels.
    const sha256 = createHash('sha256').update(fs.readFileSync(shared)).digest('hex');
    expect(unmatchedScenes(bob.store)).toEqual([
      { sceneKey: expect.any(String), sightings: 1, authors: ['Alice'], scene: { provider: 'Local file', product: 'GeoTIFF', itemId: null, sha256, acquired: '2025-02-03T01:40:00.000Z' } },
    ]);
    // Analyses, reports and exports on the team's sightings say what they could not count.
    expect(loadProjectData(bob.store, 'team').scope.sentence).toMatch(/; 1 team mark\(s\) on scenes this project does not have are not counted\.$/);
    // The team names the scene alike for both analysts who have it (the same file content), never by a local id.
    const teamScene = team.pgc.psql(`SELECT scene_id FROM quaywatch.sighting WHERE id = '${s.id}'`, 'quaywatch').trim();
    expect(teamScene).toBe(unmatchedScenes(bob.store)[0]!.sceneKey);
    expect([sceneA.id, sceneR.id]).not.toContain(teamScene);

    // Bob imports his own copy, at another path under another name: the mark and the verdict are attached to it.
    const sceneB = await bob.importCopy('my imagery/feb/pass.tif');
    expect(sceneB.id).not.toBe(sceneA.id);
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual({ ...s, sceneId: sceneB.id });
    expect(bob.store.reviews().find((x) => x.id === verdict.id)).toEqual(verdict);
    expect(unmatchedSightingCount(bob.store)).toBe(0);
    const audit = historyOf(bob.store).list({ entity: 'sighting', entityId: s.id, limit: 5 });
    expect(audit[0]).toMatchObject({ origin: 'team', author: 'Alice' });
    expect((await bob.sync()).unmatched).toBe(0);

    // And back: Bob's mark on his scene reaches Alice on hers.
    const b = await bob.mark(sceneB.id, "Bob's, on his copy");
    await bob.sync();
    await alice.sync();
    expect(alice.store.sightings().find((x) => x.id === b.id)).toEqual({ ...b, sceneId: sceneA.id });
    // Alice's edit to her own mark after all this still applies on the team (the same scene name both ways).
    const moved = await alice.call<Sighting>('sightings.update', { id: s.id, patch: { notes: 'tanker, moored' } });
    expect((await alice.sync()).conflicts).toBe(0);
    await bob.sync();
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual({ ...moved, sceneId: sceneB.id });
  });

  it('scenes of one provider item match by its id, whatever file or product each analyst has it as', async () => {
    const item = '20250205_013900_11_24a1';
    const a = alice.store.createScene({ ...SEED_SCENE, siteId: alice.store.sites()[0]!.id, acquired: '2025-02-05T01:39:00.000Z', itemId: item, product: 'PSScene', source: { kind: 'geotiff', path: 'visual.tif' } });
    const b = bob.store.createScene({ ...SEED_SCENE, siteId: bob.store.sites()[0]!.id, acquired: '2025-02-05T01:39:00.000Z', itemId: item, product: 'GeoTIFF', source: { kind: 'geotiff', path: 'elsewhere/analytic.tif' } });
    expect(b.id).not.toBe(a.id);
    const s = await alice.mark(a.id, 'on the Planet item');
    await alice.sync();
    expect((await bob.sync()).unmatched).toBe(0);
    expect(bob.store.sightings().find((x) => x.id === s.id)).toEqual({ ...s, sceneId: b.id });

    // An event from before scenes were matched names the scene by its local id (copies of one project): still found.
    const old = '6f1e2d3c-4b5a-4e6f-8a7b-9c0d1e2f3a4b';
    team.pgc.psql(
      `INSERT INTO quaywatch.event (id, author, replica, label, entity, entity_id, after, outcome)
       SELECT gen_random_uuid(), 'Alice', gen_random_uuid(), 'Add sighting', 'sighting', '${old}',
              jsonb_set(jsonb_set(value, '{id}', '"${old}"'), '{sceneId}', '"${b.id}"'), 'applied'
       FROM quaywatch.sighting WHERE id = '${s.id}'`,
      'quaywatch',
    );
    expect((await bob.sync()).unmatched).toBe(0);
    expect(bob.store.sightings().find((x) => x.id === old)?.sceneId).toBe(b.id);
  });
});
