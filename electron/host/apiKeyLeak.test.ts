// Plants tile API keys through the real browser-mode host (a child process, as users run it), uses
// them (tiles through the host, failures, an offline copy), then greps everything Quaywatch writes
// for them: the project file with its -wal/-shm, a saved copy, every export, both reports (the PDF's
// text too), a sightings package (unzipped), the host's stdout/stderr, every file in its data folder,
// and the API's answers. The keys may live in the keystore alone.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import yauzl from 'yauzl';
import type { Scene } from '../../shared/domain';
import { ensureBuilt } from '../testing/ensureBuilt';
import { claimSession } from './claimSession';

const ROOT = path.resolve(__dirname, '..', '..');
// One key in the URL (127.0.0.1), one given apart (localhost): different keystore entries.
const KEY_IN_URL = 'PLANTEDkeyInUrl9c41e07d';
const KEY_APART = 'PLANTEDkeyApart3b8f2a55';
const KEYS = [KEY_IN_URL, KEY_APART];
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3c1f5c70000000049454e44ae426082', 'hex');
const BBOX: [number, number, number, number] = [130.26, 42.32, 130.29, 42.34];

/** The forms a key could take in a file: as is, URL-encoded, base64, UTF-16 (SQLite can store it). */
function keyForms(key: string): Buffer[] {
  return [Buffer.from(key), Buffer.from(encodeURIComponent(key)), Buffer.from(Buffer.from(key).toString('base64')), Buffer.from(key, 'utf16le')];
}

/** Which planted keys (in any form) the bytes hold. */
function leaks(bytes: Buffer): string[] {
  return KEYS.filter((k) => keyForms(k).some((form) => bytes.includes(form)));
}

let work: string;
let home: string;
let out: string;
let host: ChildProcess;
let stdout = '';
let stderr = '';
let base = '';
let auth: Record<string, string> = {};
const answers: string[] = [];
const tileHits = { goodKey: 0, badKey: 0 };
let tileServer: http.Server;
const sockets = new Set<Socket>();

async function api<T>(name: string, body: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }> {
  const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  answers.push(text);
  return JSON.parse(text) as { ok: true; value: T } | { ok: false; error: { message: string } };
}

async function ok<T>(name: string, body: unknown): Promise<T> {
  const r = await api<T>(name, body);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  await ensureBuilt();

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-keyleak-'));
  home = path.join(work, 'home');
  out = path.join(work, 'out');
  fs.mkdirSync(out);

  // A tile server that wants the key: 401 without it, 500 on some tiles, a dropped connection on others.
  tileServer = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const m = /^\/(tiles|other)\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(u.pathname);
    if (!m) return void res.writeHead(400).end();
    const want = m[1] === 'tiles' ? KEY_IN_URL : KEY_APART;
    if ((u.searchParams.get('api_key') ?? u.searchParams.get('token')) !== want) {
      tileHits.badKey++;
      return void res.writeHead(401).end('bad key');
    }
    tileHits.goodKey++;
    const x = Number(m[3]);
    if (x === 1) return void res.writeHead(500).end(`upstream failure for ${req.url}`);
    if (x === 2) return void req.socket.destroy();
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
  });
  tileServer.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => tileServer.listen(0, '127.0.0.1', r));

  host = spawn(process.execPath, [path.join(ROOT, 'dist', 'electron', 'host.cjs')], {
    env: { ...process.env, QUAYWATCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stderr!.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 90 s\n${stderr}`)), 90_000);
    host.stdout!.on('data', (c) => {
      stdout += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve((JSON.parse(m[1]!) as { url: string }).url);
      }
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}\n${stderr}`));
    });
  });
  base = new URL(url).origin;
  auth = (await claimSession(url)).headers;
}, 300_000);

afterAll(async () => {
  if (host && host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
  for (const s of sockets) s.destroy();
  await new Promise((r) => tileServer?.close(r));
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('a planted tile API key', () => {
  it('appears in no project file, copy, export, report, package, log, data-folder file or API answer', async () => {
    const port = (tileServer.address() as AddressInfo).port;
    const project = path.join(work, 'Rajin keys.quaywatch');
    await ok('project.create', { path: project, name: 'Rajin keys' });
    const inUrl = await ok<Scene>('scenes.addTemplate', {
      template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png?api_key=${KEY_IN_URL}`,
      acquired: '2025-01-01T00:00:00Z',
      name: 'Basemap 2025-01',
      bbox: BBOX,
    });
    const apart = await ok<Scene>('scenes.addTemplate', {
      template: `http://localhost:${port}/other/{z}/{x}/{y}.png?token={apiKey}`,
      apiKey: KEY_APART,
      acquired: '2025-02-01T00:00:00Z',
      name: 'Basemap 2025-02',
      bbox: BBOX,
    });
    expect(inUrl.source).toEqual({ kind: 'xyz', template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png?api_key={apiKey}` });

    // Calls that fail with a key in them: a bad template, the same template again, an over-long key.
    expect((await api('scenes.addTemplate', { template: `ftp://127.0.0.1/{z}/{x}/{y}.png?api_key=${KEY_IN_URL}`, acquired: '2025-01-01T00:00:00Z' })).ok).toBe(false);
    expect((await api('scenes.addTemplate', { template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png?api_key=${KEY_IN_URL}`, acquired: '2025-01-01T00:00:00Z' })).ok).toBe(false);
    expect((await api('scenes.addTemplate', { template: `http://localhost:${port}/other/{z}/{x}/{y}.png`, apiKey: KEY_APART.repeat(40), acquired: '2025-01-01T00:00:00Z' })).ok).toBe(false);

    // Tiles through the host: served, a server error, a dropped connection.
    const tile = (s: Scene, x: number) => fetch(`${base}/imagery/scene/${s.id}/tiles/3/${x}/3`, { headers: auth });
    expect((await tile(inUrl, 0)).status).toBe(200);
    expect((await tile(apart, 0)).status).toBe(200);
    expect((await tile(inUrl, 1)).status).toBe(502);
    expect((await tile(apart, 2)).status).toBe(504);
    // An offline copy: tiles fetched with the key are written into the project.
    const copied = await ok<{ fetched: number }>('scenes.makeOffline', { sceneId: inUrl.id, bbox: BBOX, minZoom: 13, maxZoom: 14 });
    expect(copied.fetched).toBeGreaterThan(0);
    expect(tileHits.goodKey).toBeGreaterThan(4);
    expect(tileHits.badKey).toBe(0);

    // Something to export: a zone and sightings on both template scenes.
    await ok('zones.create', { name: 'Pier 1', kind: 'pier', geometry: { type: 'Polygon', coordinates: [[[130.27, 42.325], [130.28, 42.325], [130.28, 42.33], [130.27, 42.33], [130.27, 42.325]]] } });
    for (const s of [inUrl, apart]) await ok('sightings.create', { sceneId: s.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.275, 42.327] }, notes: 'seen on the basemap' });

    // While the host runs, the project's WAL and shared-memory files are there too.
    const live = [project, `${project}-wal`, `${project}-shm`].filter((f) => fs.existsSync(f));
    expect(live).toContain(`${project}-wal`);
    for (const f of live) expect({ f, leaks: leaks(fs.readFileSync(f)) }).toEqual({ f, leaks: [] });
    // The greps can see text: the stored template (with its placeholder) is found in the project.
    expect(Buffer.concat(live.map((f) => fs.readFileSync(f))).includes(Buffer.from('api_key={apiKey}'))).toBe(true);

    const written: string[] = [];
    for (const format of ['csv', 'geojson', 'kml', 'gpkg'] as const) {
      for (const what of ['sightings', 'visits', 'dwell', 'all'] as const) {
        const r = await api<{ files: string[] }>('export.run', { format, what, path: path.join(out, `export-${what}.${format}`) });
        if (r.ok) written.push(...r.value.files);
      }
    }
    expect(new Set(written.map((f) => path.extname(f)))).toEqual(new Set(['.csv', '.geojson', '.kml', '.gpkg']));
    for (const format of ['pdf', 'html'] as const) written.push((await ok<{ file: string }>('report.run', { format, path: path.join(out, `report.${format}`) })).file);
    const pkg = (await ok<{ path: string }>('package.export', { path: path.join(out, 'sightings.qwpkg') })).path;
    written.push(pkg);
    const copy = path.join(out, 'copy.quaywatch');
    await ok('project.saveCopy', { path: copy });
    written.push(copy);

    for (const f of written) expect({ f, leaks: leaks(fs.readFileSync(f)) }).toEqual({ f, leaks: [] });
    const pdfText = execFileSync('pdftotext', ['-layout', path.join(out, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toMatch(/Pier 1/); // the text layer is readable, so a key in it would show
    expect(leaks(Buffer.from(pdfText))).toEqual([]);
    const entries = await unzipAll(pkg);
    expect(entries.size).toBeGreaterThan(1);
    for (const [name, bytes] of entries) expect({ name, leaks: leaks(bytes) }).toEqual({ name, leaks: [] });

    // The host stops as a user stops it; then its output and every file it left are checked.
    host.kill('SIGTERM');
    await new Promise((r) => (host.exitCode !== null ? r(null) : host.once('exit', r)));
    for (const f of [project, `${project}-wal`, `${project}-shm`].filter((x) => fs.existsSync(x))) expect({ f, leaks: leaks(fs.readFileSync(f)) }).toEqual({ f, leaks: [] });
    expect(stdout).toMatch(/QUAYWATCH_READY/);
    expect(leaks(Buffer.from(stdout + stderr))).toEqual([]);
    expect(leaks(Buffer.from(answers.join('\n')))).toEqual([]);

    const keystoreFile = path.join(home, 'secrets', 'tile-keys.json');
    const homeFiles = (fs.readdirSync(home, { recursive: true }) as string[]).map((f) => path.join(home, f)).filter((f) => fs.statSync(f).isFile());
    expect(homeFiles.length).toBeGreaterThan(1);
    for (const f of homeFiles.filter((x) => x !== keystoreFile)) expect({ f, leaks: leaks(fs.readFileSync(f)) }).toEqual({ f, leaks: [] });
    // Where no OS keyring runs, the keys are in the 0600 keystore file, and only there.
    if (fs.existsSync(keystoreFile)) {
      expect(leaks(fs.readFileSync(keystoreFile)).sort()).toEqual([...KEYS].sort());
      expect(fs.statSync(keystoreFile).mode & 0o777).toBe(0o600);
    }
  }, 240_000);
});

function unzipAll(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
