// Attacks on browser mode's session, as a local program or a page on another port would try them.
// Before this model the token travelled as a cookie: sent to every server on 127.0.0.1 whatever its
// port, plantable by any page on another port (locking the app out), overwritten by a second
// instance, and passed to xdg-open in argv where every local user can read it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from './browserHost';
import { openInBrowser } from './launcher';
import { ProjectSession } from '../node/session';
import { createDispatcher } from '../node/dispatcher';
import { tempDir } from '../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
const hosts: BrowserHost[] = [];
const sessions: ProjectSession[] = [];

async function newHost(name: string): Promise<BrowserHost> {
  const rendererDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Quaywatch</title>');
  const session = new ProjectSession({ dataDir: path.join(tmp.dir, `home-${name}`), author: 'tester', host: 'browser' });
  session.create(path.join(tmp.dir, `${name}.quaywatch`), name);
  sessions.push(session);
  const host = await startBrowserHost({ session, dispatch: createDispatcher(session), rendererDir });
  hosts.push(host);
  return host;
}

function send(host: BrowserHost, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
const codeOf = (url: string) => new URL(url).hash.slice('#launch='.length);
const claim = (host: BrowserHost, code: string, headers: Record<string, string> = {}) =>
  send(host, { method: 'POST', path: '/session/claim', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ code }) });
const current = (host: BrowserHost, headers: Record<string, string>) =>
  send(host, { method: 'POST', path: '/api/project.current', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const s of sessions.splice(0)) s.close();
  tmp.cleanup();
});

describe('browser-mode session attacks', () => {
  it('no response ever sets a cookie, so no other server on 127.0.0.1 can be sent a credential', async () => {
    const host = await newHost('a');
    const { token } = JSON.parse((await claim(host, codeOf(host.url))).body) as { token: string };
    const answers = [
      await send(host, { path: '/' }),
      await send(host, { path: `/?token=${token}` }), // the old launch form: no longer traded for anything
      await claim(host, 'replayed'),
      await current(host, { Authorization: `Bearer ${token}` }),
      await current(host, {}),
      await send(host, { path: '/imagery/scene/00000000-0000-4000-8000-000000000000', headers: { Authorization: `Bearer ${token}` } }),
    ];
    for (const a of answers) expect(a.headers['set-cookie']).toBeUndefined();
  });

  it('a cookie carries no authority: the real token as a cookie is refused, a planted one does not lock the app out', async () => {
    const host = await newHost('a');
    const { token } = JSON.parse((await claim(host, codeOf(host.url))).body) as { token: string };
    expect((await current(host, { Cookie: `qw_token=${token}` })).status).toBe(401);
    const planted = await current(host, { Cookie: 'qw_token=planted-by-a-page-on-another-port', Authorization: `Bearer ${token}` });
    expect(planted.status).toBe(200);
  });

  it('the launch address opens once: a copy read from argv, a history or a log later gets nothing', async () => {
    const host = await newHost('a');
    const code = codeOf(host.url);
    expect((await claim(host, code)).status).toBe(200);
    const replay = await claim(host, code);
    expect(replay.status).toBe(401);
    expect(replay.body).not.toContain(host.token);
  });

  it('a page on another origin cannot claim the session, even with the code', async () => {
    const host = await newHost('a');
    const other = await claim(host, codeOf(host.url), { Origin: 'http://127.0.0.1:1' });
    expect(other.status).toBe(403);
    expect((await claim(host, codeOf(host.url))).status).toBe(200); // the real page still can
  });

  it('a second instance does not log the first out', async () => {
    const first = await newHost('a');
    const one = JSON.parse((await claim(first, codeOf(first.url))).body) as { token: string };
    const second = await newHost('b');
    const two = JSON.parse((await claim(second, codeOf(second.url))).body) as { token: string };
    expect(two.token).not.toBe(one.token);
    expect((await current(first, { Authorization: `Bearer ${one.token}` })).status).toBe(200);
    expect((await current(second, { Authorization: `Bearer ${two.token}` })).status).toBe(200);
    expect((await current(first, { Authorization: `Bearer ${two.token}` })).status).toBe(401);
  });

  it('the browser opener gets a file path in argv, never the launch code; the file is the user’s alone and goes away', async () => {
    const host = await newHost('a');
    const seen: string[][] = [];
    const remove = openInBrowser(path.join(tmp.dir, 'data'), host.url, (cmd, args) => seen.push([cmd, ...args]));
    expect(seen).toHaveLength(1);
    const argv = seen[0]!.join(' ');
    expect(argv).not.toContain(codeOf(host.url));
    const file = seen[0]![1]!;
    expect(fs.readFileSync(file, 'utf8')).toContain(host.url);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
    remove();
    expect(fs.existsSync(file)).toBe(false);
  });
});
