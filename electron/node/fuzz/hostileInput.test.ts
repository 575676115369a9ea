// Hostile input: every API call's payload, the browser host's body handling, and the importers
// (sightings/zones GeoJSON and CSV, GeoTIFF headers, MBTiles, Planet manifests) fed generated and
// hand-made malice. Each case must end in a clear error (never a throw, never "internal"), leave the
// project byte-for-byte unchanged in content, and stay within time and memory bounds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { apiCalls, CALL_NAMES, type ApiResult } from '../../../shared/api';
import { createDispatcher } from '../dispatcher';
import type { ProjectSession } from '../session';
import { QuaywatchError } from '../errors';
import { startBrowserHost } from '../../host/browserHost';
import { importSightings } from '../importers/sightingsImport';
import { importZonesGeojson } from '../importers/zonesGeojson';
import { importScenes } from '../imagery/importScenes';
import { makeGeoTiff, makeMbtiles, makePlanetOrder } from '../imagery/fixtures/build';
import { databaseOf } from '../store/projectStore';
import { openSession, seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let sceneId: string;
const counts: Record<string, number> = {};
const count = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

beforeAll(() => {
  tmp = tempDir('qw-fuzz-');
  const { file, scene } = seedProject(tmp.dir, {
    name: 'Fuzz',
    scene: { itemId: 'x' },
    then: (seed, { siteId }) => {
      seed.createZone({ siteId, name: 'Pier 1', kind: 'berth', geometry: { type: 'Polygon', coordinates: [[[130.3, 42.2], [130.31, 42.2], [130.31, 42.21], [130.3, 42.2]]] } });
    },
  });
  sceneId = scene.id;
  ({ session } = openSession(tmp.dir, file));
});
afterAll(() => {
  session.close();
  tmp.cleanup();
  console.log(`hostile input: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}; total ${Object.values(counts).reduce((a, b) => a + b, 0)} cases`);
});

/** The analyst's content: every row of every table that holds their work. */
function contentHash(): string {
  const db = databaseOf(session.requireProject());
  const h = crypto.createHash('sha256');
  for (const t of ['site', 'zone', 'scene', 'sighting', 'vessel', 'track', 'observability', 'edit', 'edit_step']) h.update(JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all()));
  return h.digest('hex');
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}
/** Values no schema should accept where it expects something else. */
const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, null, undefined, true, '', '\0', '../../etc/passwd', TEN_MB, [], {}, '2025-13-45T99:99:99Z', '+275760-09-14T00:00:00Z'),
  fc.constant(nested(5_000)),
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  fc.uuid(),
  fc.double(),
  fc.string({ maxLength: 50 }),
);

/** The top-level keys a call's schema knows, so generated payloads hit real fields, not only the strict check. */
function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

describe('every API payload', () => {
  it('hostile payloads for each call end in an ApiResult error, never a throw, the project unchanged', async () => {
    const dispatch = createDispatcher(session);
    const before = contentHash();
    const started = Date.now();
    let validSkipped = 0;
    for (const name of CALL_NAMES) {
      const schema = apiCalls[name].request;
      const keys = keysOf(schema);
      const payload = fc.oneof(
        hostileValue,
        keys.length ? fc.dictionary(fc.constantFrom(...keys), hostileValue, { minKeys: 1 }) : hostileValue,
        // Extra keys beside real ones.
        fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { minKeys: 1 }).map((d) => ({ ...Object.fromEntries(keys.map((k) => [k, sceneId])), ...d, __proto__x: 1 })),
      );
      await fc.assert(
        fc.asyncProperty(payload, async (p) => {
          // A payload the schema accepts is a real request (it could open or edit): not hostile input.
          if (schema.safeParse(p ?? {}).success) {
            validSkipped++;
            return;
          }
          const r = (await dispatch(name, p)) as ApiResult<unknown>;
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe('invalid_request');
          count('API payloads');
        }),
        { numRuns: 60, seed: 42 },
      );
    }
    // Targeted: NaN/Infinity and out-of-range coordinates, self-intersecting or flat polygons, huge batches.
    const bowtie = { type: 'Polygon', coordinates: [[[130.3, 42.2], [130.31, 42.21], [130.31, 42.2], [130.3, 42.21], [130.3, 42.2]]] };
    const targeted: [string, unknown][] = [
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [NaN, 42] } }],
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [Infinity, 42] } }],
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [181, 42] } }],
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] }, notes: TEN_MB }],
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Polygon', coordinates: [[[130, 42], [130.1, 42], [130.2, 42], [130, 42]]] } }],
      ['sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Polygon', coordinates: [Array.from({ length: 20_001 }, (_, i) => [130 + i * 1e-6, 42 + (i % 2) * 1e-6])] } }],
      ['sightings.createMany', { sightings: Array.from({ length: 10_001 }, () => ({ sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] } })) }],
      ['zones.create', { name: 'Bowtie', kind: 'berth', geometry: { ...bowtie, coordinates: [[[130.3, 42.2], [130.31, 42.21], [130.3, 42.2]]] } }],
      ['zones.create', { name: 'Bowtie', kind: 'berth', geometry: bowtie }],
      ['sightings.create', { sceneId, class: 'container_stack', geometry: bowtie }],
      ['sightings.update', { id: sceneId, patch: { geometry: { type: 'Point', coordinates: [-Infinity, 0] } } }],
      ['project.open', { path: 'x\0y' }],
      ['project.open', { path: 'x'.repeat(5000) }],
    ];
    for (const [name, p] of targeted) {
      const r = (await dispatch(name, p)) as ApiResult<unknown>;
      expect(r, `${name} ${JSON.stringify(p).slice(0, 120)}`).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      count('API payloads');
    }
    expect(contentHash()).toBe(before);
    expect(Date.now() - started).toBeLessThan(120_000);
    console.log(`API fuzz: ${counts['API payloads']} hostile payloads over ${CALL_NAMES.length} calls (${validSkipped} generated payloads were valid requests and not sent)`);
  }, 180_000);
});

describe('browser host bodies', () => {
  it('answers 413 to a body declared as 1 GB at once, and refuses deeply nested JSON, without holding memory', async () => {
    const dispatch = createDispatcher(session);
    const host = await startBrowserHost({ session, dispatch, rendererDir: tmp.dir, token: 't'.repeat(32) });
    const before = contentHash();
    const rss0 = process.memoryUsage().rss;
    try {
      const send = (headers: Record<string, string | number>, body: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(`${host.origin}/api/sightings.create`, {
            method: 'POST', headers: { Authorization: `Bearer ${'t'.repeat(32)}`, 'Content-Type': 'application/json', Host: new URL(host.url).host, ...headers },
          }, (res) => {
            let b = '';
            res.on('data', (c) => (b += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const t0 = Date.now();
      const gig = await send({ 'Content-Length': 1024 ** 3 }, '{}');
      expect(gig.status).toBe(413);
      expect(Date.now() - t0).toBeLessThan(5_000);
      count('host bodies');
      const deep = '['.repeat(200_000) + ']'.repeat(200_000);
      const r = await send({}, `{"sceneId":${deep}}`);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      count('host bodies');
      const deepObj = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
      expect(JSON.parse((await send({}, deepObj)).body)).toMatchObject({ ok: false });
      count('host bodies');
    } finally {
      await host.close();
    }
    expect(process.memoryUsage().rss - rss0).toBeLessThan(512 * 1024 * 1024);
    expect(contentHash()).toBe(before);
  }, 60_000);
});

/** Runs an importer on a hostile file: a QuaywatchError or an error list, the project unchanged. */
async function expectRefused(label: string, run: () => unknown | Promise<unknown>) {
  const before = contentHash();
  const t0 = Date.now();
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (e) {
    expect(e, `${label}: ${(e as Error).stack}`).toBeInstanceOf(QuaywatchError);
    expect((e as QuaywatchError).code, label).not.toBe('internal');
    outcome = e;
  }
  if (!(outcome instanceof QuaywatchError)) {
    // importScenes never throws: a bad file comes back in `errors` with nothing imported.
    expect(outcome, label).toMatchObject({ imported: [] });
    expect((outcome as { errors: unknown[] }).errors.length, label).toBeGreaterThan(0);
  }
  expect(Date.now() - t0, `${label} took too long`).toBeLessThan(20_000);
  expect(contentHash(), `${label} changed the project`).toBe(before);
  count('importer files');
}

describe('importers', () => {
  const write = (name: string, data: string | Buffer) => {
    const f = path.join(tmp.dir, 'in', name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, data);
    return f;
  };
  const fcoll = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const pointFeature = (coordinates: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { scene: sceneId, class: 'vessel', ...properties } });
  const poly = (ring: unknown) => ({ type: 'Feature', properties: { name: 'Quay X', kind: 'berth' }, geometry: { type: 'Polygon', coordinates: [ring] } });

  it('sightings and zones files: truncated, nested, NaN/Infinity, out of range, unclosed, huge', async () => {
    const good = fcoll([pointFeature([130.305, 42.205])]);
    const sightingsCases: [string, string | Buffer][] = [
      ['truncated.geojson', good.slice(0, good.length / 2)],
      ['empty.geojson', ''],
      ['binary.geojson', crypto.randomBytes(4096)],
      ['nested.geojson', `{"type":"FeatureCollection","features":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`],
      ['infinity.geojson', fcoll([pointFeature(['INF', 42])]).replace('"INF"', '1e999')], // JSON.parse reads 1e999 as Infinity
      ['range.geojson', fcoll([pointFeature([190, 95])])],
      ['strings.geojson', fcoll([pointFeature(['130', '42'])])],
      ['date.geojson', fcoll([pointFeature([130.305, 42.205], { scene: '+275760-09-14T00:00:00Z' })])],
      ['hugeNotes.geojson', fcoll([pointFeature([130.305, 42.205], { notes: TEN_MB })])],
      ['notfc.geojson', JSON.stringify({ type: 'Topology' })],
      ['nan.csv', `scene,class,lon,lat\n${sceneId},vessel,NaN,42\n`],
      ['quote.csv', `scene,class,lon,lat\n"${sceneId},vessel,130,42\n`],
      ['hugefield.csv', `scene,class,lon,lat,notes\n${sceneId},vessel,130.305,42.205,${TEN_MB}\n`],
      ['binary.csv', crypto.randomBytes(4096)],
    ];
    for (const [name, data] of sightingsCases) await expectRefused(`sightings ${name}`, () => importSightings(session.requireProject(), write(name, data)));
    const zoneCases: [string, string][] = [
      ['open.geojson', fcoll([poly([[130.3, 42.2], [130.31, 42.2], [130.31, 42.21]])])],
      ['inf.geojson', fcoll([poly([[130.3, 42.2], ['INF', 42.2], [130.31, 42.21], [130.3, 42.2]])]).replace('"INF"', '1e999')],
      ['nested.geojson', `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":${'['.repeat(50_000)}${']'.repeat(50_000)}}}]}`],
      ['bowtie.geojson', fcoll([poly([[130.3, 42.2], [130.31, 42.21], [130.31, 42.2], [130.3, 42.21], [130.3, 42.2]])])],
      ['flat.geojson', fcoll([poly([[130.3, 42.2], [130.31, 42.2], [130.32, 42.2], [130.3, 42.2]])])],
      ['huge.geojson', fcoll([poly(Array.from({ length: 200_001 }, (_, i) => [130.3 + Math.cos(i) * 0.01, 42.2 + Math.sin(i) * 0.01]))])],
    ];
    for (const [name, data] of zoneCases) await expectRefused(`zones ${name}`, () => importZonesGeojson(session.requireProject(), write(`z-${name}`, data)));
    // Generated: any JSON value at all where a FeatureCollection is expected.
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => {
        await expectRefused('sightings generated', () => importSightings(session.requireProject(), write('gen.geojson', JSON.stringify(v))));
      }),
      { numRuns: 100, seed: 7 },
    );
  }, 180_000);

  it('imagery: GeoTIFF headers truncated and corrupted, MBTiles that are not, Planet manifests gone wrong', async () => {
    const store = session.requireProject();
    fs.mkdirSync(path.join(tmp.dir, 'src'), { recursive: true });
    const tif = makeGeoTiff(path.join(tmp.dir, 'src', 'good.tif'));
    const bytes = fs.readFileSync(tif);
    // Truncated at every interesting length, and with random bytes of the header (first 1 KB) changed.
    for (const n of [0, 4, 8, 16, 100, 500, 1000, Math.floor(bytes.length / 2)]) await expectRefused(`tif cut at ${n}`, () => importScenes(store, [write(`cut-${n}.tif`, bytes.subarray(0, n))]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), async (flips) => {
        const b = Buffer.from(bytes);
        for (const [at, v] of flips) b[at] = v;
        const f = write('flipped.tif', b);
        const before = contentHash();
        const r = await importScenes(store, [f]); // a flip may leave a still-valid GeoTIFF: then it imports, and we remove it
        count('importer files');
        if (r.imported.length) {
          expect(r.errors).toEqual([]);
          for (const s of r.imported) databaseOf(store).transaction(() => {
            databaseOf(store).prepare('DELETE FROM observability WHERE scene_id = ?').run(s.id);
            databaseOf(store).prepare('DELETE FROM edit WHERE entity_id = ?').run(s.id);
            databaseOf(store).prepare('DELETE FROM scene WHERE id = ?').run(s.id);
          })();
          databaseOf(store).prepare('DELETE FROM edit_step WHERE seq NOT IN (SELECT step FROM edit WHERE step IS NOT NULL)').run();
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          expect(contentHash()).toBe(before);
        }
      }),
      { numRuns: 40, seed: 3 },
    );
    const mb = fs.readFileSync(makeMbtiles(path.join(tmp.dir, 'src', 'good.mbtiles')));
    await expectRefused('mbtiles random', () => importScenes(store, [write('r.mbtiles', crypto.randomBytes(8192))]));
    await expectRefused('mbtiles truncated', () => importScenes(store, [write('t.mbtiles', mb.subarray(0, 1024))]));
    const plain = new Database(path.join(tmp.dir, 'in', 'empty.mbtiles'));
    plain.exec('CREATE TABLE x (y)');
    plain.close();
    await expectRefused('mbtiles without tables', () => importScenes(store, [path.join(tmp.dir, 'in', 'empty.mbtiles')]));

    // Planet orders whose manifest is hostile: truncated, nested, NaN footprint, absurd dates, huge strings.
    const manifests: [string, string][] = [
      ['truncated', '{"name":"order","files":[{"path":'],
      ['nested', `{"files":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
      ['wrong types', JSON.stringify({ name: 1, files: 'all' })],
      ['huge', JSON.stringify({ name: TEN_MB, files: [] })],
    ];
    for (const [label, manifest] of manifests) {
      const order = makePlanetOrder(path.join(tmp.dir, 'orders', label.replace(/\W/g, '')), [{ itemId: '20250114_013845_00_2486', acquired: '2025-01-14T01:38:45Z', cloudCover: 0, clearPercent: 100 }]);
      fs.writeFileSync(path.join(order.dir, 'manifest.json'), manifest);
      await expectRefused(`planet manifest ${label}`, () => importScenes(store, [order.dir]));
    }
  }, 180_000);
});
