// Malformed addresses sent to the browser-mode host: a broken %-escape used to throw inside the
// host and answer 500 with the exception's text; now it gets a 400 that says what is wrong, the
// host keeps serving, and nothing changes.
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

function send(method: string, rawPath: string, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method, path: rawPath, headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } },
      (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: b }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeEach(async () => {
  tmp = tempDir();
  fs.mkdirSync(path.join(tmp.dir, 'renderer'));
  fs.writeFileSync(path.join(tmp.dir, 'renderer', 'index.html'), '<!doctype html><title>Quaywatch</title>');
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'tester', host: 'browser' });
  session.create(path.join(tmp.dir, 'p.quaywatch'), 'P');
  host = await startBrowserHost({ session, dispatch: createDispatcher(session), rendererDir: path.join(tmp.dir, 'renderer') });
});
afterEach(async () => {
  await host.close();
  session.close();
  tmp.cleanup();
});

it('answers 400 with a clear message to broken %-escapes on every route, and keeps serving', async () => {
  const cases: [string, string][] = [
    ['POST', '/api/%E0%A4%A'],
    ['POST', '/api/project.current%'],
    ['POST', '/api/%C0%AF'], // overlong UTF-8
    ['POST', '/api/%ED%A0%80'], // a lone surrogate
    ['GET', '/imagery/scene/%E0%A4%A'],
    ['GET', '/%'],
    ['GET', '/assets/%zz.js'],
  ];
  for (const [method, p] of cases) {
    const res = await send(method, p, method === 'POST' ? '{}' : undefined);
    expect(res.status, `${method} ${p}`).toBe(400);
    expect(res.body, `${method} ${p}`).toMatch(/not valid.*%-escape/i);
  }
  const ok = JSON.parse((await send('POST', '/api/project.current', '{}')).body);
  expect(ok.ok).toBe(true);
  expect(ok.value.project.name).toBe('P');
  console.log(`malformed paths: ${cases.length} cases`);
});
