// The demo on a first start: it opens before its imagery is written, a scene asked for while it is
// being written is served once there (never refused), and a first start killed while writing it
// leaves a demo whose next start shows every scene (the real host, as users run it, killed with SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import type { Scene } from '../../../shared/domain';
import { createAppHandler } from '../appHandler';
import { ProjectSession } from '../session';
import { tempDir } from '../../testing/tmp';
import { ensureBuilt } from '../../testing/ensureBuilt';
import { claimSession } from '../../host/claimSession';
import { demoSceneFiles } from './demoImagery';
import recorded from './demoImagery.hashes.json';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const tifsIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tif')) : []);

async function tiffWidth(bytes: ArrayBuffer): Promise<number> {
  const image = await (await fromArrayBuffer(bytes)).getImage();
  return image.getWidth();
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-demo-first-')));
afterEach(() => tmp.cleanup());

it('opens the demo before its imagery is written, and serves its last scene once written instead of refusing it', async () => {
  const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
  try {
    const summary = await session.openDemo();
    const imagery = path.join(path.dirname(session.demoFile), 'imagery');
    expect(summary.project.name).toBe('Rajin port (demo)');
    expect(tifsIn(imagery).length).toBeLessThan(demoSceneFiles().length); // open already, imagery still coming
    const scenes = session.current!.scenes();
    const last = scenes[scenes.length - 1]!;
    const handler = createAppHandler({ rendererDir: tmp.dir, session });
    const res = await handler(new Request(`http://127.0.0.1/imagery/scene/${last.id}`));
    expect(res.status).toBe(200);
    expect(await tiffWidth(await res.arrayBuffer())).toBe(1024);
    await session.demoImageryDone();
    expect(tifsIn(imagery).length).toBe(demoSceneFiles().length);
  } finally {
    session.close();
  }
}, 120_000);

function startHost(home: string): { proc: ChildProcess; url: Promise<string> } {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'electron', 'host.cjs')], {
    env: { ...process.env, QUAYWATCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c) => (err += c));
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(out);
      if (m) resolve((JSON.parse(m[1]!) as { url: string }).url);
    });
    proc.once('exit', (code) => reject(new Error(`host exited with ${code}\n${err}`)));
  });
  return { proc, url };
}

const exited = (proc: ChildProcess) => new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));

it('a first start killed while writing the demo imagery leaves a demo whose next start shows every scene', async () => {
  await ensureBuilt();
  const home = path.join(tmp.dir, 'home');
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, 'analyst.json'), JSON.stringify({ name: 'Test Analyst', initials: 'TA' }));
  const imagery = path.join(home, 'demo', 'imagery');

  const first = startHost(home);
  await first.url;
  // Killed once a scene beyond the shipped first one is written and the others are still being written.
  const deadline = Date.now() + 60_000;
  while (tifsIn(imagery).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  first.proc.kill('SIGKILL');
  await exited(first.proc);
  const left = tifsIn(imagery).length;
  expect(left).toBeGreaterThan(1);
  expect(left).toBeLessThan(demoSceneFiles().length);
  // What is there under a scene's name is a whole scene (optical 1024 px a side, radar 320 px).
  const width = (name: string) => (name.startsWith('S1A_') ? 320 : 1024);
  for (const f of tifsIn(imagery)) {
    const b = fs.readFileSync(path.join(imagery, f));
    expect(await tiffWidth(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))).toBe(width(f));
  }

  const second = startHost(home);
  try {
    const { origin, headers } = await claimSession(await second.url);
    const call = async <T>(name: string) => {
      const r = (await (await fetch(`${origin}/api/${name}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { ok: boolean; value: T };
      expect(r.ok).toBe(true);
      return r.value;
    };
    const scenes = await call<Scene[]>('scenes.list');
    expect(scenes).toHaveLength(demoSceneFiles().length);
    for (const s of scenes) {
      const res = await fetch(`${origin}/imagery/scene/${s.id}`, { headers });
      expect({ scene: s.acquired, status: res.status }).toEqual({ scene: s.acquired, status: 200 });
      expect(await tiffWidth(await res.arrayBuffer())).toBe(s.sensor === 'sar' ? 320 : 1024);
    }
    expect(fs.readdirSync(imagery).filter((f) => !f.endsWith('.tif'))).toEqual([]); // nothing half-written left over
  } finally {
    second.proc.kill('SIGTERM');
    await exited(second.proc);
  }
}, 240_000);

it('a first start has the scene the view opens on ready as soon as the host answers: the one its build rendered, byte for byte the generator\'s', async () => {
  await ensureBuilt();
  const home = path.join(tmp.dir, 'home');
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, 'analyst.json'), JSON.stringify({ name: 'Test Analyst', initials: 'TA' }));
  const host = startHost(home);
  try {
    const { origin, headers } = await claimSession(await host.url);
    const first = demoSceneFiles()[0]!;
    // On disk when the host first answers (generating it takes the worker over a second).
    const onDisk = fs.readFileSync(path.join(home, 'demo', 'imagery', first));
    // The generator's own output (demoImagery.hashes.json, checked against the generator in demoImagery.test.ts).
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe((recorded.scenes as Record<string, { file: string }>)[first]!.file);
    const r = (await (await fetch(`${origin}/api/scenes.list`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { value: Scene[] };
    const scene = r.value[0]!;
    expect(scene.source).toMatchObject({ kind: 'geotiff', path: `imagery/${first}` });
    const res = await fetch(`${origin}/imagery/scene/${scene.id}`, { headers });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(onDisk)).toBe(true);
  } finally {
    host.proc.kill('SIGTERM');
    await exited(host.proc);
  }
}, 240_000);
