// URL-template scenes against a loopback tile server: the API key goes to the keystore and never
// into the project file or the log; "make available offline" copies tiles with progress, resumes
// after a server that dies mid-copy, can be cancelled, names key problems; then tiles are served
// with the network off. Also MBTiles tiles through the app's imagery route.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { ProjectSession } from '../session';
import { createDispatcher } from '../dispatcher';
import { createAppHandler } from '../appHandler';
import { tempDir } from '../../testing/tmp';
import { makeMbtiles } from './fixtures/build';
import { closeMbtilesFiles } from './tiles';
import { tilesFor } from './xyzTemplate';
import type { Scene } from '../../../shared/domain';
import type { JobStatus, OfflineCopyResult } from '../../../shared/calls/imagery';
import { databaseOf } from '../store/projectStore';

const KEY = 'PLANTED-KEY-7f3e9a1c';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3c1f5c70000000049454e44ae426082', 'hex');

interface TileServer {
  url: string;
  hits: string[];
  /** Stop answering after this many tiles (the server "dies"). */
  dieAfter: number | null;
  close(): Promise<void>;
}

async function startTileServer(opts: { dieAfter?: number; delayMs?: number } = {}): Promise<TileServer> {
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  const state: TileServer = { url: '', hits, dieAfter: opts.dieAfter ?? null, close: async () => {} };
  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(u.pathname);
    if (!m) return void res.writeHead(400).end();
    if (u.searchParams.get('api_key') !== KEY) return void res.writeHead(401).end('bad key');
    if (state.dieAfter !== null && hits.length >= state.dieAfter) {
      for (const s of sockets) s.destroy();
      return void server.close();
    }
    hits.push(`${m[1]}/${m[2]}/${m[3]}`);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (Number(m[2]) % 7 === 3) return void res.writeHead(404).end(); // no coverage there
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
      if (!server.listening) r();
    });
  return state;
}

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let logLines: string[];
let dispatch: ReturnType<typeof createDispatcher>;
let projectFile: string;
beforeEach(() => {
  tmp = tempDir();
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
  logLines = [];
  dispatch = createDispatcher(session, (l) => logLines.push(l));
  projectFile = path.join(tmp.dir, 'Rajin.quaywatch');
  session.create(projectFile, 'Rajin');
});
afterEach(() => {
  closeMbtilesFiles();
  session.close();
  tmp.cleanup();
});

async function ok<T>(name: string, req: unknown): Promise<T> {
  const r = await dispatch(name, req);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

const BBOX: [number, number, number, number] = [130.26, 42.32, 130.29, 42.34];

async function addTemplate(server: TileServer): Promise<Scene> {
  return ok<Scene>('scenes.addTemplate', { template: `${server.url}/tiles/{z}/{x}/{y}.png?api_key=${KEY}`, acquired: '2025-01-01T00:00:00Z', name: 'Basemap 2025-01', bbox: BBOX });
}

const countTiles = (min: number, max: number) => {
  let n = 0;
  for (let z = min; z <= max; z++) {
    const t = tilesFor(BBOX, z);
    n += (t.x1 - t.x0 + 1) * (t.y1 - t.y0 + 1);
  }
  return n;
};

describe('URL-template scenes', () => {
  it('keeps the API key out of the project file and the log, in a 0600 keystore file outside the project', async () => {
    const server = await startTileServer();
    try {
      const scene = await addTemplate(server);
      expect(scene.source).toEqual({ kind: 'xyz', template: `${server.url}/tiles/{z}/{x}/{y}.png?api_key={apiKey}` });
      const ks = await ok<{ kind: string; warning: string | null }>('imagery.keyStore', {});
      if (ks.kind === 'file') {
        expect(ks.warning).toMatch(/No OS keystore/);
        const file = path.join(tmp.dir, 'data', 'secrets', 'tile-keys.json');
        expect(fs.readFileSync(file, 'utf8')).toContain(KEY);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      }
      // A failing call with the key in it must not log it either.
      await dispatch('scenes.addTemplate', { template: `not a url ?api_key=${KEY}`, acquired: '2025-01-01T00:00:00Z' });
      await ok('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 14, maxZoom: 14 });
      session.close();
      for (const f of [projectFile, `${projectFile}-wal`]) {
        if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(KEY)).toBe(false);
      }
      expect(logLines.join('\n')).not.toContain(KEY);
      expect(server.hits.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('makes a scene available offline, then serves its tiles with the server gone', async () => {
    const server = await startTileServer();
    const scene = await addTemplate(server);
    const total = countTiles(13, 15);
    const r = await ok<OfflineCopyResult>('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 13, maxZoom: 15 });
    expect(r.total).toBe(total);
    expect(r.fetched + r.missing).toBe(total);
    expect(r.missing).toBeGreaterThan(0); // x % 7 === 3 columns answer 404
    await server.close();
    const handler = createAppHandler({ rendererDir: tmp.dir, session });
    const t = tilesFor(BBOX, 15);
    const x = [t.x0, t.x0 + 1, t.x0 + 2].find((v) => v % 7 !== 3)!;
    const res = await handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/15/${x}/${t.y0}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    // A tile that was never copied, offline: a clear answer, not a hang.
    const far = await handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/10/1/1`));
    expect(far.status).toBe(504);
    expect(await far.text()).toMatch(/cannot be reached/);
  });

  it('resumes after the server dies mid-copy, without fetching a tile twice', async () => {
    const dying = await startTileServer({ dieAfter: 10 });
    const scene = await addTemplate(dying);
    const total = countTiles(14, 15);
    const r = await dispatch('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 14, maxZoom: 15 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(new RegExp(`The tile server stopped answering after \\d+ of ${total} tiles .*run it again to resume`));
    const kept = (databaseOf(session.current!).prepare('SELECT count(*) AS n FROM scene_tile').get() as { n: number }).n;
    expect(kept).toBeGreaterThan(0);
    await dying.close();
    // The same server comes back on another port: point the template there (a restart of the service).
    const back = await startTileServer();
    try {
      databaseOf(session.current!).prepare('UPDATE scene SET source = ? WHERE id = ?').run(JSON.stringify({ kind: 'xyz', template: `${back.url}/tiles/{z}/{x}/{y}.png?api_key={apiKey}` }), scene.id);
      const again = await ok<OfflineCopyResult>('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 14, maxZoom: 15 });
      expect(again.kept).toBe(kept);
      expect(back.hits.length).toBe(total - kept);
      expect(new Set(back.hits).size).toBe(back.hits.length);
      expect(again.fetched + again.missing + again.kept).toBe(total);
    } finally {
      await back.close();
    }
  });

  it('reports progress through jobs.status and stops on jobs.cancel, keeping what was copied', async () => {
    const server = await startTileServer({ delayMs: 15 });
    try {
      const scene = await addTemplate(server);
      const jobId = '6f1c1d2e-6b7a-4c59-9a53-6a1e0f5d2b11';
      const pending = ok<OfflineCopyResult>('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 14, maxZoom: 16, jobId });
      let status: JobStatus | null = null;
      for (let i = 0; i < 200; i++) {
        status = await ok<JobStatus | null>('jobs.status', { id: jobId });
        if (status && status.done >= 8) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(status).toMatchObject({ state: 'running', total: countTiles(14, 16) });
      expect(await ok('jobs.cancel', { id: jobId })).toEqual({ cancelled: true });
      const r = await pending;
      expect(r.state).toBe('cancelled');
      expect(r.fetched + r.missing).toBeLessThan(r.total);
      expect(await ok<JobStatus>('jobs.status', { id: jobId })).toMatchObject({ state: 'cancelled' });
    } finally {
      await server.close();
    }
  });

  it('says clearly when the key is refused (401), and refuses a template without {z}/{x}/{y}', async () => {
    const server = await startTileServer();
    try {
      const scene = await ok<Scene>('scenes.addTemplate', { template: `${server.url}/tiles/{z}/{x}/{y}.png?api_key=WRONG`, acquired: '2025-01-01T00:00:00Z', bbox: BBOX });
      const r = await dispatch('scenes.makeOffline', { sceneId: scene.id, bbox: BBOX, minZoom: 14, maxZoom: 14 });
      expect(!r.ok && r.error.message).toMatch(/refused the API key \(HTTP 401\)/);
      const bad = await dispatch('scenes.addTemplate', { template: `${server.url}/tiles/{z}/{x}.png`, acquired: '2025-01-01T00:00:00Z' });
      expect(!bad.ok && bad.error.message).toMatch(/must contain \{z\}, \{x\} and \{y\}/);
      expect(session.current!.scenes()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

it('serves MBTiles tiles through the imagery route (XYZ rows, flipped from MBTiles rows)', async () => {
  const file = makeMbtiles(path.join(tmp.dir, '20250110_000000_basemap.mbtiles'));
  const r = await ok<{ imported: Scene[] }>('scenes.import', { paths: [file] });
  const scene = r.imported[0]!;
  const handler = createAppHandler({ rendererDir: tmp.dir, session });
  const z = 13; // GDAL picked zoom 13 only for this 256-px raster
  const t = tilesFor([130.29, 42.23, 130.31, 42.25], z);
  const res = await handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/${z}/${t.x0}/${t.y0}`));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await res.arrayBuffer());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // A whole 256 x 256 tile as GDAL wrote it into the file.
  expect(png.readUInt32BE(16)).toBe(256);
  expect(png.readUInt32BE(20)).toBe(256);
  expect(png.length).toBeGreaterThan(100);
  const none = await handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/3/0/0`));
  expect(none.status).toBe(404);
});

it('observability.derive fills in a zone drawn after the import; scenes.import validates its payload', async () => {
  const { makeGeoTiff } = await import('./fixtures/build');
  const file = makeGeoTiff(path.join(tmp.dir, '20250114_013845_12_2461_3B_Visual.tif'));
  const { imported } = await ok<{ imported: Scene[] }>('scenes.import', { paths: [file] });
  const store = session.current!;
  const site = store.sites()[0]!;
  store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130.27, 42.325], [130.274, 42.325], [130.274, 42.328], [130.27, 42.328], [130.27, 42.325]]] } });
  expect(await ok('observability.derive', {})).toEqual({ changed: 1 });
  expect(store.observability()).toEqual([expect.objectContaining({ sceneId: imported[0]!.id, value: 'clear', overridden: false })]);
  const bad = await dispatch('scenes.import', { paths: [] });
  expect(!bad.ok && bad.error.code).toBe('invalid_request');
  const badTime = await dispatch('scenes.import', { paths: [file], acquired: 'yesterday' });
  expect(!badTime.ok && badTime.error.message).toMatch(/acquired/);
});
