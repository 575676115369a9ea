// The browser-mode host on a real loopback socket: the launch code and session, Host/Origin checks, validated payloads.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from './browserHost';
import { ProjectSession } from '../node/session';
import { createDispatcher } from '../node/dispatcher';
import { tempDir } from '../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
let host: BrowserHost;
let session: ProjectSession;
let projectPath: string;

/** Raw HTTP so the test controls every header, Host included (fetch would not let it). */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const auth = () => ({ Authorization: `Bearer ${host.token}` });
const api = (name: string, body: unknown, headers: Record<string, string> = auth()) =>
  request({ method: 'POST', path: `/api/${name}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeEach(async () => {
  tmp = tempDir();
  const rendererDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Quaywatch</title>');
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'tester', host: 'browser' });
  projectPath = path.join(tmp.dir, 'p.quaywatch');
  session.create(projectPath, 'P');
  host = await startBrowserHost({ session, dispatch: createDispatcher(session), rendererDir });
});
afterEach(async () => {
  await host.close();
  session.close();
  tmp.cleanup();
});

describe('browser-mode host', () => {
  it('listens on loopback only, and the launch address carries its code in the fragment (never sent in a request line)', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 to API and imagery requests without the session token; the app files are public', async () => {
    expect((await api('project.current', {}, {})).status).toBe(401);
    expect((await api('project.current', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request({ path: '/imagery/scene/00000000-0000-4000-8000-000000000000' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/session/ping' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/session/ping', headers: auth() })).status).toBe(204);
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Quaywatch');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('trades the launch code once for the session token, which then works as a bearer', async () => {
    const code = new URL(host.url).hash.slice('#launch='.length);
    const claim = (c: string, headers: Record<string, string> = {}) =>
      request({ method: 'POST', path: '/session/claim', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ code: c }) });
    expect((await claim('wrong')).status).toBe(401);
    const first = await claim(code, { Origin: `http://127.0.0.1:${host.port}` });
    expect(first.status).toBe(200);
    const { token } = JSON.parse(first.body) as { token: string };
    expect(token).toBe(host.token);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect((await api('project.current', {}, { Authorization: `Bearer ${token}` })).status).toBe(200);
    const again = await claim(code);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
    // A fresh launch address opens once more (the old code stays dead).
    const next = new URL(host.newLaunchUrl()).hash.slice('#launch='.length);
    expect(next).not.toBe(code);
    expect((await claim(code)).status).toBe(401);
    expect((await claim(next)).status).toBe(200);
  });

  it('answers 403 to a foreign Host (DNS rebinding) even with the token', async () => {
    const res = await request({ path: '/', headers: { ...auth(), Host: `evil.example:${host.port}` } });
    expect(res.status).toBe(403);
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const res = await api('project.current', {}, { ...auth(), Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const ok = await api('project.current', {}, { ...auth(), Origin: `http://127.0.0.1:${host.port}` });
    expect(ok.status).toBe(200);
  });

  it('dispatches a valid call through the contract', async () => {
    const res = await api('project.current', {});
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.project.name).toBe('P');
  });

  it('rejects a wrong payload with a clear message and changes nothing', async () => {
    const scenes = session.requireProject();
    const site = scenes.createSite({ name: 's' });
    const scene = scenes.createScene({
      siteId: site.id, acquired: '2025-01-01T00:00:00.000Z', provider: 'Planet', product: 'PSScene', itemId: null,
      footprint: null, cloudCover: null, gsd: null, credit: '', source: { kind: 'xyz', template: 'http://x/{z}/{x}/{y}.png' },
    });
    const editsBefore = scenes.edits().length;
    const bad = [
      { sceneId: scene.id, class: 'submarine', geometry: { type: 'Point', coordinates: [130, 42] } },
      { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [999, 42] } },
      { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] }, extra: 1 },
      { sceneId: 'not-a-uuid', class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] } },
      { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] }, notes: 'x'.repeat(20_000) },
    ];
    for (const payload of bad) {
      const body = JSON.parse((await api('sightings.create', payload)).body);
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toMatch(/\(invalid sightings\.create request/);
    }
    // NaN/Infinity cannot even be written as JSON; a non-JSON body is refused as such.
    const nan = await request({ method: 'POST', path: '/api/sightings.create', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"geometry":NaN}' });
    expect(JSON.parse(nan.body).error.code).toBe('invalid_request');
    expect(scenes.edits().length).toBe(editsBefore);
    expect(scenes.summary().counts.sightings).toBe(0);

    const good = JSON.parse((await api('sightings.create', { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130, 42] } })).body);
    expect(good.ok).toBe(true);
    expect(scenes.summary().counts.sightings).toBe(1);
  });

  it('answers a batch of calls in one request, each exactly as if asked alone, and refuses a malformed batch', async () => {
    const batch = (body: unknown, headers: Record<string, string> = auth()) =>
      request({ method: 'POST', path: '/api/batch', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const res = await batch([{ name: 'project.current', request: {} }, { name: 'scenes.list' }, { name: 'fs.readFile', request: {} }, { name: 'sightings.create', request: { class: 'submarine' } }]);
    expect(res.status).toBe(200);
    const [current, scenes, unknown, refused] = JSON.parse(res.body);
    expect(current).toEqual(JSON.parse((await api('project.current', {})).body));
    expect(scenes).toEqual({ ok: true, value: [] });
    expect(unknown.error.code).toBe('unknown_call');
    expect(refused.error.code).toBe('invalid_request');
    expect(session.requireProject().summary().counts.sightings).toBe(0);
    for (const bad of [{}, [], Array.from({ length: 17 }, () => ({ name: 'project.current' })), [{ request: {} }], [null], [['project.current']]]) {
      const r = await batch(bad);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).error.message).toMatch(/A batch is an array of 1 to 16 calls/);
    }
    expect((await batch([{ name: 'project.current' }], {})).status).toBe(401);
  });

  it('refuses unknown calls, GET on the API, non-JSON bodies and absurd payloads', async () => {
    expect(JSON.parse((await api('fs.readFile', {})).body).error.code).toBe('unknown_call');
    expect((await request({ path: '/api/project.current', headers: auth() })).status).toBe(405);
    expect((await request({ method: 'POST', path: '/api/project.current', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const huge = await api('project.open', { path: 'x'.repeat(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(JSON.parse((await api('project.current', {})).body).ok).toBe(true); // still serving
  });

  it('gives a clear error when opening a corrupt project and keeps the current one open', async () => {
    const bad = path.join(tmp.dir, 'bad.quaywatch');
    fs.writeFileSync(bad, 'garbage'.repeat(100));
    const res = JSON.parse((await api('project.open', { path: bad })).body);
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('project_unreadable');
    expect(res.error.message).toMatch(/not a Quaywatch project/);
    const current = JSON.parse((await api('project.current', {})).body);
    expect(current.value.project.path).toBe(projectPath);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await request({ path: '/..%2f..%2fhome%2fp.quaywatch', headers: auth() });
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain('SQLite');
  });
});
