// Sightings packages between two real projects acting as two analysts (alice marks, bob reviews):
// round trip, idempotent import, newer versions, verdicts back, conflicts, and refusals that change nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import type { CallName, RequestOf, ResponseOf } from '../../../shared/api';
import type { PolygonGeometry } from '../../../shared/domain';
import { canonicalJson } from '../../../shared/review/canonical';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { projectStats } from '../stats/projectStats';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { databaseOf } from '../store/projectStore';
import { contentSha256, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION } from './packageFormat';
import { readPackage } from './sightingsPackage';

const square = (x: number, y: number, d: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] as [number, number] });
const FOOTPRINT = square(129.99, 41.99, 0.06);

let tmp: ReturnType<typeof tempDir>;
const sessions: ProjectSession[] = [];

interface Analyst {
  name: string;
  file: string;
  session: ProjectSession;
  scenes: string[];
  pier1: string;
  api<K extends CallName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>>;
  error(name: CallName, req: unknown): Promise<{ code: string; message: string }>;
}

/**
 * One analyst's project of the same port: the same four images, but created independently (other
 * ids). Scenes 0–1 carry Planet item ids; scene 2 is a local file known only by time and footprint
 * (0.4 s off, as two readers of one file's metadata may round); scene 3 only alice has.
 */
function project(name: string, opts: { withScene3?: boolean; area?: PolygonGeometry; zoneName?: string } = {}): Analyst {
  const area = opts.area ?? FOOTPRINT;
  const [x, y] = area.coordinates[0]![0]!;
  const defs = [
    { acquired: '2025-01-12T01:38:45.000Z', itemId: '20250112_013845_12_abcd' },
    { acquired: '2025-01-13T01:38:45.000Z', itemId: '20250113_013845_12_abcd' },
    { acquired: name === 'alice' ? '2025-01-14T01:38:45.000Z' : '2025-01-14T01:38:45.400Z', itemId: null },
    ...(opts.withScene3 ? [{ acquired: '2025-01-15T01:38:45.000Z', itemId: '20250115_013845_12_abcd' }] : []),
  ];
  const { file, zones, scenes } = seedProject(tmp.dir, {
    fileName: `${name}.quaywatch`,
    name: `${name}'s port`,
    author: name,
    site: { name: 'Rajin', aoi: area },
    zones: [
      { name: opts.zoneName ?? 'Pier 1', geometry: square(x + 0.01, y + 0.01, 0.01) },
      { name: 'Pier 2', geometry: square(x + 0.03, y + 0.01, 0.01) },
    ],
    scene: { footprint: area },
    scenes: defs.map((d) => ({ ...d, source: { kind: 'geotiff', path: `${d.acquired.slice(0, 10)}.tif` } })),
  });
  const session = new ProjectSession({ dataDir: path.join(tmp.dir, `${name}-data`), author: name, host: 'cli' });
  session.open(file);
  sessions.push(session);
  const dispatch = createDispatcher(session);
  return {
    name,
    file,
    session,
    scenes: scenes.map((s) => s.id),
    pier1: zones[0]!.id,
    async api(call, req) {
      const r = await dispatch(call, req);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
    async error(call, req) {
      const r = await dispatch(call, req);
      if (r.ok) throw new Error(`${call} unexpectedly succeeded`);
      return r.error;
    },
  };
}

/** Every row of every table that an import may touch, as canonical text. */
function dump(a: Analyst): string {
  const db = databaseOf(a.session.requireProject());
  const tables = ['site', 'zone', 'scene', 'observability', 'vessel', 'track', 'sighting', 'review', 'edit', 'edit_step'];
  return canonicalJson(Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])));
}

/** sha256 of the project file and its WAL: proves a refused import wrote nothing at all. */
function fileHash(file: string): string {
  const h = crypto.createHash('sha256');
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  return h.digest('hex');
}

async function aliceMarks(alice: Analyst) {
  const angara = await alice.api('vessels.create', { name: 'Angara', imo: 'IMO 9179842' });
  const [vessel, stack, onLocal, onOwn] = await alice.api('sightings.createMany', {
    sightings: [
      { sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005), vesselId: angara.id },
      { sceneId: alice.scenes[1]!, class: 'container_stack', geometry: pt(130.006, 42.006), count: 40 },
      { sceneId: alice.scenes[2]!, class: 'vessel', geometry: pt(130.005, 42.005), vesselId: angara.id },
      { sceneId: alice.scenes[3]!, class: 'vessel', geometry: pt(130.005, 42.005) },
    ],
  });
  await alice.api('sightings.update', { id: stack!.id, patch: { count: 42 } });
  return { angara, vessel: vessel!, stack: stack!, onLocal: onLocal!, onOwn: onOwn! };
}

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  tmp.cleanup();
});

describe('sightings package', () => {
  it('round trip: bob gets alice’s marks with their ids, vessels, scenes matched, history, nothing undoable', async () => {
    const alice = project('alice', { withScene3: true });
    const bob = project('bob');
    const m = await aliceMarks(alice);
    const pkg = path.join(tmp.dir, 'alice.qwpkg.zip');
    const exported = await alice.api('package.export', { path: pkg });
    expect(exported.counts).toMatchObject({ sightings: 4, vessels: 1, scenes: 4 });

    const r = await bob.api('package.import', { path: pkg });
    expect(r.author).toBe('alice');
    expect(r.scenes).toMatchObject({ matchedById: 0, matchedByItemId: 2, matchedByTimeAndFootprint: 1 });
    expect(r.scenes.unmatched).toEqual([{ id: alice.scenes[3], itemId: '20250115_013845_12_abcd', acquired: '2025-01-15T01:38:45.000Z', sightings: 1 }]);
    expect(r.sightings).toMatchObject({ added: 3, onUnmatchedScenes: 1 });
    expect(r.vessels.added).toBe(1);
    expect(r.zones.matched).toBe(2);

    const bobs = await bob.api('sightings.list', {});
    const vessel = bobs.find((s) => s.id === m.vessel.id)!;
    expect(vessel).toMatchObject({ author: 'alice', sceneId: bob.scenes[0], vesselId: m.angara.id, zoneId: bob.pier1 });
    expect(bobs.find((s) => s.id === m.onLocal.id)!.sceneId).toBe(bob.scenes[2]);
    expect(bobs.find((s) => s.id === m.stack.id)!.count).toBe(42);
    // The history came along: who marked and changed what, from → to.
    const h = await bob.api('history.list', { entity: 'sighting', entityId: m.stack.id });
    expect(h.some((e) => e.author === 'alice' && e.label === 'Set count' && (e.before as { count: number }).count === 40 && (e.after as { count: number }).count === 42)).toBe(true);
    expect(h.every((e) => e.origin === 'package')).toBe(true);
    // Alice's work is not on bob's undo stack.
    expect((await bob.api('history.state', {})).canUndo).toBe(false);
  });

  it('importing the same package twice changes nothing', async () => {
    const alice = project('alice');
    const bob = project('bob');
    await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005) }] });
    const pkg = path.join(tmp.dir, 'a.zip');
    await alice.api('package.export', { path: pkg });
    expect((await bob.api('package.import', { path: pkg })).nothingChanged).toBe(false);
    const before = dump(bob);
    const again = await bob.api('package.import', { path: pkg });
    expect(again.nothingChanged).toBe(true);
    expect(again.sightings).toMatchObject({ added: 0, unchanged: 1 });
    expect(dump(bob)).toBe(before);
  });

  it('a newer version of a sighting from the same author updates it and keeps the history; an older one does not', async () => {
    const alice = project('alice');
    const bob = project('bob');
    const [s] = await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[1]!, class: 'container_stack', geometry: pt(130.005, 42.005), count: 10 }] });
    const v1 = path.join(tmp.dir, 'v1.zip');
    await alice.api('package.export', { path: v1 });
    await bob.api('package.import', { path: v1 });
    await alice.api('sightings.update', { id: s!.id, patch: { count: 12 } });
    const v2 = path.join(tmp.dir, 'v2.zip');
    await alice.api('package.export', { path: v2 });
    const r = await bob.api('package.import', { path: v2 });
    expect(r.sightings.updated).toBe(1);
    expect((await bob.api('sightings.list', {}))[0]!.count).toBe(12);
    const h = await bob.api('history.list', { entity: 'sighting', entityId: s!.id });
    expect(h.filter((e) => e.author === 'alice').map((e) => e.label)).toEqual(expect.arrayContaining(['Mark container stack', 'Set count']));
    // The older package again: the newer version stays.
    expect((await bob.api('package.import', { path: v1 })).sightings.keptLocal).toBe(1);
    expect((await bob.api('sightings.list', {}))[0]!.count).toBe(12);
  });

  it('bob’s verdicts go back to alice; both projects then count the same', async () => {
    const alice = project('alice');
    const bob = project('bob');
    const [a, b] = await alice.api('sightings.createMany', {
      sightings: [
        { sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005) },
        { sceneId: alice.scenes[1]!, class: 'vessel', geometry: pt(130.005, 42.005) },
      ],
    });
    const [ship] = await Promise.all([alice.api('vessels.create', { name: 'Lady R' })]);
    await alice.api('sightings.update', { id: a!.id, patch: { vesselId: ship.id } });
    await alice.api('sightings.update', { id: b!.id, patch: { vesselId: ship.id } });
    const pkgA = path.join(tmp.dir, 'a.zip');
    await alice.api('package.export', { path: pkgA });
    await bob.api('package.import', { path: pkgA });
    const queue = await bob.api('reviews.queue', { author: 'alice' });
    expect(queue.map((q) => q.sighting.id)).toEqual([a!.id, b!.id]);
    await bob.api('reviews.set', { sightingId: a!.id, verdict: 'confirmed' });
    await bob.api('reviews.set', { sightingId: b!.id, verdict: 'rejected', comment: 'a barge, not Lady R' });
    const after = await bob.api('reviews.queue', {});
    expect(after.map((q) => q.latest?.verdict)).toEqual(['confirmed', 'rejected']);
    expect(after[1]!.latest).toMatchObject({ reviewer: 'bob', comment: 'a barge, not Lady R' });
    expect((await bob.api('history.state', {})).undoLabel).toBe('Reject sighting');

    const pkgB = path.join(tmp.dir, 'b.zip');
    const exported = await bob.api('package.export', { path: pkgB, authors: ['bob'] });
    expect(exported.counts).toMatchObject({ sightings: 0, reviews: 2 });
    const r = await alice.api('package.import', { path: pkgB });
    expect(r.reviews.added).toBe(2);
    const stats = (an: Analyst) => projectStats(an.session.requireProject(), { minConfidence: 'possible', reviewedOnly: true });
    const sa = stats(alice);
    const sb = stats(bob);
    expect(sa.visits).toHaveLength(1);
    expect(sa.visits[0]!.firstSeen).toBe('2025-01-12T01:38:45.000Z');
    expect(sa.visits.map((v) => [v.vessel, v.firstSeen, v.lastSeen])).toEqual(sb.visits.map((v) => [v.vessel, v.firstSeen, v.lastSeen]));
  });

  it('conflicts: two analysts mark one ship differently; a merge settles it and both agree afterwards', async () => {
    const alice = project('alice');
    const bob = project('bob');
    const [a] = await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.015, 42.015) }] });
    const pkg = path.join(tmp.dir, 'a.zip');
    await alice.api('package.export', { path: pkg });
    await bob.api('package.import', { path: pkg });
    const [b] = await bob.api('sightings.createMany', { sightings: [{ sceneId: bob.scenes[0]!, class: 'other', geometry: pt(130.01505, 42.01505) }] });
    const conflicts = await bob.api('reviews.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.differences).toEqual(['class']);
    const res = await bob.api('reviews.resolveConflict', { aId: a!.id, bId: b!.id, resolution: 'merge', merged: { class: 'vessel' } });
    expect(res.reviews.map((r) => r.verdict)).toEqual(['confirmed', 'rejected']);
    expect(await bob.api('reviews.conflicts', {})).toEqual([]);
    // Agreement before the merge's verdicts are taken into account: one match, class differs.
    const [ag] = await bob.api('reviews.agreement', { reference: 'alice', compared: 'bob' });
    expect(ag).toMatchObject({ matched: 1, precision: 1, recall: 1, classAgreement: { pairs: 1, agreed: 0 } });
    expect((await bob.api('history.state', {})).undoLabel).toBe('Merge conflicting sightings');
  });

  it('a merge keeps only what the merged class can have: no ship identity on an aircraft, no count off a stack', async () => {
    const alice = project('alice');
    const bob = project('bob');
    const angara = await alice.api('vessels.create', { name: 'Angara' });
    const [a] = await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.015, 42.015), vesselId: angara.id }] });
    const pkg = path.join(tmp.dir, 'a.zip');
    await alice.api('package.export', { path: pkg });
    await bob.api('package.import', { path: pkg });
    const [b] = await bob.api('sightings.createMany', { sightings: [{ sceneId: bob.scenes[0]!, class: 'aircraft', geometry: pt(130.01505, 42.01505) }] });
    // Bob takes his class (aircraft) and alice's identity (the ship Angara): they cannot go together.
    const res = await bob.api('reviews.resolveConflict', { aId: a!.id, bId: b!.id, resolution: 'merge', merged: { class: 'aircraft', vesselId: a!.vesselId, count: 7 } });
    expect(res.sighting).toMatchObject({ id: a!.id, class: 'aircraft', vesselId: null, count: null });
    // A merge that keeps the kind keeps the identity.
    await bob.api('history.undo', {});
    const kept = await bob.api('reviews.resolveConflict', { aId: a!.id, bId: b!.id, resolution: 'merge', merged: { class: 'vessel', vesselId: a!.vesselId } });
    expect(kept.sighting).toMatchObject({ class: 'vessel', vesselId: a!.vesselId });
  });

  describe('bad packages are refused with a clear message and change nothing', () => {
    let alice: Analyst;
    let bob: Analyst;
    let good: string;
    beforeEach(async () => {
      alice = project('alice');
      bob = project('bob');
      await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005) }] });
      good = path.join(tmp.dir, 'good.zip');
      await alice.api('package.export', { path: good });
    });

    /**
     * A zip of these entries. yazl refuses to write unsafe names, so such a name is written as a
     * same-length placeholder and patched in the bytes afterwards (as a hostile tool would write it).
     */
    async function zipOf(entries: [string, string][]): Promise<string> {
      const file = path.join(tmp.dir, `bad-${crypto.randomUUID()}.zip`);
      const zip = new yazl.ZipFile();
      const patches: [string, string][] = [];
      for (const [name, text] of entries) {
        const safe = name.replace(/^\//, 'A').replace(/\.\./g, 'XX');
        if (safe !== name) patches.push([safe, name]);
        zip.addBuffer(Buffer.from(text), safe);
      }
      zip.end();
      const chunks: Buffer[] = [];
      for await (const c of zip.outputStream) chunks.push(c as Buffer);
      let bytes = Buffer.concat(chunks);
      for (const [from, to] of patches) bytes = Buffer.from(bytes.toString('latin1').split(from).join(to), 'latin1');
      fs.writeFileSync(file, bytes);
      return file;
    }
    async function expectRefused(pkg: string, message: RegExp) {
      const before = fileHash(bob.file);
      const rowsBefore = dump(bob);
      const e = await bob.error('package.import', { path: pkg });
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/Nothing was imported/);
      expect(dump(bob)).toBe(rowsBefore);
      expect(fileHash(bob.file)).toBe(before);
    }
    const entriesOf = async () => {
      const { manifest, content } = await readPackage(good);
      return { manifest, content };
    };

    it('tampered: content changed after export', async () => {
      const { manifest, content } = await entriesOf();
      content.sightings[0]!.class = 'other';
      await expectRefused(await zipOf([['manifest.json', JSON.stringify(manifest)], ['content.json', JSON.stringify(content)]]), /does not match its content hash/);
    });

    it('a newer package format', async () => {
      const { manifest, content } = await entriesOf();
      await expectRefused(
        await zipOf([['manifest.json', JSON.stringify({ ...manifest, formatVersion: 3 })], ['content.json', JSON.stringify(content)]]),
        /newer Quaywatch \(package format version 3; this Quaywatch reads up to version 2\)/,
      );
    });

    it('zip-slip: an entry whose path climbs out', async () => {
      const { manifest, content } = await entriesOf();
      await expectRefused(
        await zipOf([['manifest.json', JSON.stringify(manifest)], ['content.json', JSON.stringify(content)], ['../../evil.sh', 'echo owned']]),
        /entry "\.\.\/\.\.\/evil\.sh" is unsafe/,
      );
      await expectRefused(await zipOf([['/etc/cron.d/x', 'x'], ['manifest.json', JSON.stringify(manifest)]]), /absolute path/);
    });

    it('a package for another site', async () => {
      const elsewhere = project('carol', { area: square(10, 50, 0.05) });
      await elsewhere.api('sightings.createMany', { sightings: [{ sceneId: elsewhere.scenes[0]!, class: 'vessel', geometry: pt(10.01, 50.01) }] });
      // Another port: other scenes too (its item ids are the same strings here, so give it its own).
      databaseOf(elsewhere.session.requireProject()).prepare("UPDATE scene SET item_id = 'other-' || id, acquired = '2024-06-01T00:00:00.000Z'").run();
      const pkg = path.join(tmp.dir, 'carol.zip');
      await elsewhere.api('package.export', { path: pkg });
      await expectRefused(pkg, /is for site “Rajin”, and this project's site .* neither overlaps its area nor shares any of its scenes/);
    });

    it('not a zip, or not a package', async () => {
      const junk = path.join(tmp.dir, 'junk.zip');
      fs.writeFileSync(junk, 'not a zip');
      await expectRefused(junk, /not a readable zip file/);
      await expectRefused(await zipOf([['manifest.json', JSON.stringify({ format: 'something-else', formatVersion: 1 })], ['content.json', '{}']]), /not a Quaywatch sightings package/);
    });

    it('the hash is over canonical content: re-spacing content.json is not tampering', async () => {
      const { manifest, content } = await entriesOf();
      expect(contentSha256(content)).toBe(manifest.contentSha256);
      expect(manifest.format).toBe(PACKAGE_FORMAT);
      const respaced = await zipOf([['manifest.json', JSON.stringify(manifest)], ['content.json', JSON.stringify(content, null, 3)]]);
      expect((await bob.api('package.import', { path: respaced })).sightings.added).toBe(1);
    });
  });
});

// Version 2 of the format gave vessels a call sign and a beam. Version 1 readers refuse keys they do not
// know, so the version says it: a version 1 Quaywatch asks to be updated (its version check, as 'a newer
// package format' above shows for ours), and this one still reads version 1.
describe('package format versions', () => {
  /** A package of these manifest and content objects, written as the exporter writes them. */
  async function packageOf(file: string, manifest: object, content: object): Promise<string> {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
    zip.addBuffer(Buffer.from(canonicalJson(content)), 'content.json');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    fs.writeFileSync(file, Buffer.concat(chunks));
    return file;
  }
  async function alicesPackage() {
    const alice = project('alice');
    const angara = await alice.api('vessels.create', { name: 'Angara', imo: '9179842', callSign: 'ubcd7', beamM: 19 });
    await alice.api('sightings.createMany', { sightings: [{ sceneId: alice.scenes[0]!, class: 'vessel', geometry: pt(130.005, 42.005), vesselId: angara.id }] });
    const pkg = path.join(tmp.dir, 'alice.zip');
    await alice.api('package.export', { path: pkg });
    return { pkg, angara, ...(await readPackage(pkg)) };
  }

  it('this version writes version 2, with each vessel\'s call sign and beam, and reads it back', async () => {
    const { pkg, angara, manifest, content } = await alicesPackage();
    expect(PACKAGE_FORMAT_VERSION).toBe(2);
    expect(manifest.formatVersion).toBe(2);
    expect(content.vessels).toEqual([expect.objectContaining({ id: angara.id, callSign: 'UBCD7', beamM: 19 })]);
    const bob = project('bob');
    const r = await bob.api('package.import', { path: pkg });
    expect(r).toMatchObject({ formatVersion: 2, vessels: { added: 1 } });
    expect(await bob.api('vessels.list', {})).toEqual([expect.objectContaining({ name: 'Angara', callSign: 'UBCD7', beamM: 19 })]);
  });

  it('a version 1 package (vessels without call sign or beam) still imports: its vessels have none', async () => {
    const { content, manifest } = await alicesPackage();
    const v1Content = { ...content, vessels: content.vessels.map(({ callSign: _c, beamM: _b, ...v }) => v) };
    const v1 = await packageOf(path.join(tmp.dir, 'v1.zip'), { ...manifest, formatVersion: 1, contentSha256: contentSha256(v1Content) }, v1Content);
    const bob = project('bob');
    const r = await bob.api('package.import', { path: v1 });
    expect(r).toMatchObject({ formatVersion: 1, vessels: { added: 1 }, sightings: { added: 1 } });
    expect(await bob.api('vessels.list', {})).toEqual([expect.objectContaining({ name: 'Angara', imo: '9179842', callSign: null, beamM: null })]);
  });

  it('a package that says version 1 but gives vessels a call sign is refused naming the field (as a version 1 reader refuses version 2 content)', async () => {
    const { content, manifest } = await alicesPackage();
    const bad = await packageOf(path.join(tmp.dir, 'mislabelled.zip'), { ...manifest, formatVersion: 1 }, content);
    const bob = project('bob');
    const e = await bob.error('package.import', { path: bad });
    expect(e.message).toMatch(/content\.json is not valid \(vessels\[0\]: Unrecognized keys: "beamM", "callSign"\)/);
    expect(await bob.api('vessels.list', {})).toEqual([]);
  });

  it('a version 2 package with a call sign the API would refuse is refused naming the field', async () => {
    const { content, manifest } = await alicesPackage();
    const badContent = { ...content, vessels: content.vessels.map((v) => ({ ...v, callSign: 'UB-CD-77' })) };
    const bad = await packageOf(path.join(tmp.dir, 'badcs.zip'), { ...manifest, contentSha256: contentSha256(badContent) }, badContent);
    const bob = project('bob');
    const e = await bob.error('package.import', { path: bad });
    expect(e.message).toMatch(/call sign has 3 to 7 letters and digits/);
  });
});
