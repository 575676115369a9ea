// Packaging, as far as it can be tested without Electron's binary (which this machine cannot
// download): electron-builder's own schema check of electron-builder.yml; a real electron-builder run
// (target "dir", with a stand-in Electron distribution) whose app.asar is listed and checked; and the
// app started in browser mode from nothing but the packaged files and their production node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import type { Configuration } from 'app-builder-lib';
import { ensureBuilt } from '../electron/testing/ensureBuilt';
import { claimSession } from '../electron/host/claimSession';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let appOutDir: string;
let entries: string[];

beforeAll(async () => {
  // The package is made from dist/: bundle the current sources first, as `npm run dist` does.
  await ensureBuilt();

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-pack-'));
  // A stand-in for Electron's unpacked distribution: electron-builder copies it and renames the
  // binary; everything else (file matching, node_modules collection, asar, unpacking) is the real run.
  const fakeElectron = path.join(work, 'electron-dist');
  fs.mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(fakeElectron, 'version'), '0.0.0');
  fs.writeFileSync(path.join(fakeElectron, 'LICENSE'), '');
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    // Not here: rebuilding better-sqlite3 for Electron needs Electron's headers from the internet, and
    // the fuses hook needs the real binary. Both run in `npm run dist`.
    config: { electronDist: fakeElectron, npmRebuild: false, afterPack: null, directories: { output: path.join(work, 'out') } },
  });
  appOutDir = path.join(work, 'out', 'linux-unpacked');
  entries = asar.listPackage(path.join(appOutDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.replaceAll('\\', '/'));
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Package names (with scope) under node_modules in the packaged app. */
function packagedModules(): Set<string> {
  const names = new Set<string>();
  for (const e of entries) {
    const m = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(e);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** Every package the production dependencies need, transitively (npm's layout: nested, then hoisted). */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    // Node's lookup: <dir>/node_modules/<name>, from the requiring package up to the project.
    let found: string | null = null;
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) {
        found = candidate;
        break;
      }
      if (dir === ROOT || dir === path.dirname(dir)) break;
    }
    if (!found) return; // an optional dependency for another platform
    const key = path.relative(ROOT, found);
    if (seen.has(key)) return;
    seen.add(key);
    const p = JSON.parse(fs.readFileSync(path.join(found, 'package.json'), 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) visit(dep, found);
  };
  for (const dep of Object.keys(pkg.dependencies)) visit(dep, ROOT);
  return new Set([...seen].map((k) => k.replace(/^.*node_modules[/\\]/, '').replaceAll('\\', '/')));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation (its JSON schema, scheme.json, and deprecation checks)", async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check bites: a misspelt option is refused, naming the section it is in.
    const misspelt = { ...config, linux: { ...config.linux, tagret: 'AppImage' } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/);

    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(fs.existsSync(path.join(ROOT, config.afterPack as string))).toBe(true);
  });
});

describe('the package electron-builder makes', () => {
  it('holds the bundled main process, preload, host, CLI and renderer, and no source of ours', () => {
    const ours = entries.filter((e) => !e.startsWith('/node_modules'));
    expect(ours).toEqual(
      expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/host.cjs', '/dist/electron/hostApp.cjs', '/dist/electron/cli.cjs', '/dist/renderer/index.html']),
    );
    expect(`/${pkg.main}`).toBe('/dist/electron/main.cjs');
    // What a bundle requires from beside itself at run time (ECharts) or starts there as a worker thread
    // (the demo's imagery, AIS decoding: named by file, joined to __dirname) is packaged too.
    // host.cjs only starts the host's bundle, hostApp.cjs, through the code cache (electron/host/start.ts).
    const starter = asar.extractFile(path.join(appOutDir, 'resources', 'app.asar'), 'dist/electron/host.cjs').toString('utf8');
    expect(starter).toContain('"hostApp.cjs"');
    for (const bundle of ['main', 'hostApp', 'cli']) {
      const code = asar.extractFile(path.join(appOutDir, 'resources', 'app.asar'), `dist/electron/${bundle}.cjs`).toString('utf8');
      const beside = [...code.matchAll(/require\("\.\/([\w.-]+\.cjs)"\)/g)].map((m) => `/dist/electron/${m[1]}`);
      expect(beside).toContain('/dist/electron/echarts.cjs');
      for (const f of beside) expect(ours).toContain(f);
      const workers = [...code.matchAll(/"([\w.-]+Worker\.cjs)"/g)].map((m) => `/dist/electron/${m[1]}`);
      expect(workers).toContain('/dist/electron/nmeaDecodeWorker.cjs');
      for (const f of workers) expect(ours).toContain(f);
    }
    // The demo scene the build rendered, which a first start copies in (demoProject.ts), is packaged too.
    const scenes = fs.readdirSync(path.join(ROOT, 'dist/electron/demo-scenes')).filter((f) => f.endsWith('.tif'));
    expect(scenes.length).toBeGreaterThan(0);
    for (const f of scenes) expect(ours).toContain(`/dist/electron/demo-scenes/${f}`);
    // The renderer is bundled: index.html's scripts and styles are in the package, no TS/TSX anywhere of ours.
    const html = asar.extractFile(path.join(appOutDir, 'resources', 'app.asar'), 'dist/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `/dist/renderer/${m[1]}`);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) expect(ours).toContain(a);
    expect(ours.filter((e) => /\.(tsx?|mts|cts)$/.test(e) || /^\/(electron|shared|renderer|e2e|scripts|docs)(\/|$)/.test(e))).toEqual([]);
  });

  it('holds no tests, no source maps and nothing secret-looking', () => {
    expect(entries.filter((e) => /(^|\/)(__tests__|tests|e2e)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$|test_extension\.node$/.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /(^|\/)(\.env(\.|$)|\.npmrc$|id_rsa|secrets?\/)|\.(pem|p12|pfx|key)$/.test(e))).toEqual([]);
    const unpacked = path.join(appOutDir, 'resources', 'app.asar.unpacked');
    const unpackedFiles = fs.readdirSync(unpacked, { recursive: true }).map(String);
    expect(unpackedFiles.filter((f) => f.endsWith('.map') || f.endsWith('test_extension.node'))).toEqual([]);
  });

  it('holds production dependencies only, and better-sqlite3 unpacked from the asar', () => {
    const packaged = packagedModules();
    const production = productionClosure();
    expect(packaged.size).toBeGreaterThan(10);
    expect(production.has('typescript') || production.has('vite')).toBe(false); // the closure is not "everything"
    // Every packaged module is needed by a production dependency; no devDependency got in.
    expect([...packaged].filter((m) => !production.has(m))).toEqual([]);
    expect(Object.keys(pkg.devDependencies).filter((d) => packaged.has(d))).toEqual([]);
    for (const dep of ['better-sqlite3', '@napi-rs/keyring', 'sharp', 'pdfkit']) expect(packaged).toContain(dep);
    // Native code cannot load from inside an asar: better-sqlite3's binary sits beside it.
    const native = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(fs.statSync(native).size).toBeGreaterThan(100_000);
  });

  it('starts in browser mode from the packaged files alone and serves the app behind its token', async () => {
    // The asar's contents plus its unpacked part, outside this repository: nothing resolves to the
    // working tree's node_modules.
    const app = path.join(work, 'app');
    asar.extractAll(path.join(appOutDir, 'resources', 'app.asar'), app);
    expect(path.relative(ROOT, app).startsWith('..')).toBe(true);
    const home = path.join(work, 'home');
    const env: NodeJS.ProcessEnv = { ...process.env, QUAYWATCH_HOME: home };
    delete env.NODE_PATH;
    const proc = spawn(process.execPath, [path.join(app, 'dist', 'electron', 'host.cjs')], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await readyUrl(proc);
      const base = new URL(url).origin;

      // The app's files are public; the project's data needs the session the launch code is traded for.
      const page = await get(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<div id="root">/);
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!;
      expect((await get(`${base}${script}`)).status).toBe(200);
      expect((await request(`${base}/api/project.current`, { method: 'POST', body: '{}' })).status).toBe(401);
      const { headers } = await claimSession(url);
      // The demo project was written and opened with the packaged better-sqlite3 and GeoTIFF code.
      const current = await post(`${base}/api/project.current`, headers);
      expect(current).toMatchObject({ ok: true, value: { project: { name: expect.any(String) } } });
      expect(fs.readdirSync(path.join(home, 'demo')).some((f) => f.endsWith('.quaywatch'))).toBe(true);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    }
  }, 120_000);
});

function readyUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the packaged host did not start in 90 s\n${err}`)), 90_000);
    proc.stderr!.on('data', (c) => (err += c));
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve((JSON.parse(m[1]!) as { url: string }).url);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the packaged host exited with ${code}\n${err}`));
    });
  });
}

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: { ...(opts.headers ?? {}), ...(opts.body ? { 'Content-Type': 'application/json', Origin: new URL(url).origin } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const get = (url: string) => request(url, {});
const post = async (url: string, headers: Record<string, string>) => JSON.parse((await request(url, { method: 'POST', headers, body: '{}' })).body) as unknown;
