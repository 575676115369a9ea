// A project in a read-only place opens read-only instead of being called "damaged": the analyst can
// view, analyse and export elsewhere; every edit is refused with one sentence saying why and what to
// do; not a byte of the project changes and nothing is written beside it.
//
// Tests run as root here, and root ignores permission bits. So: a read-only file system is a real
// read-only bind mount made inside a private mount namespace (`unshare -m`, gone with the process,
// root sees EROFS like anyone); a read-only folder (0555) is tried as the unprivileged user "nobody".
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectSummary } from '../../../shared/api';
import type { Sighting } from '../../../shared/domain';
import { buildChild, childEnv, childLines, letOthersReachNodeModules } from '../../testing/buildChild';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { editingOf } from './editing';
import { ProjectStore } from './projectStore';

const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /mnt'], { stdio: 'ignore' }).status === 0;

let tmp: ReturnType<typeof tempDir>;
let bundles: ReturnType<typeof tempDir>;
let child = '';
let cli = '';
let restorePermissions = () => {};
beforeAll(async () => {
  restorePermissions = letOthersReachNodeModules(); // the "nobody" child loads packages from there
  bundles = tempDir('qw-ro-bundle-');
  fs.chmodSync(bundles.dir, 0o755);
  child = path.join(bundles.dir, 'editChild.cjs');
  cli = path.join(bundles.dir, 'cli.cjs');
  await buildChild('electron/testing/editChild.ts', child);
  await buildChild('electron/cli/main.ts', cli);
}, 60_000);
afterAll(() => {
  bundles.cleanup();
  restorePermissions();
});
beforeEach(() => {
  tmp = tempDir('qw-ro-');
  fs.chmodSync(tmp.dir, 0o755);
  // Where the app keeps its own files, and where the analyst exports: writable for "nobody" too.
  for (const d of ['data', 'home', 'out']) {
    fs.mkdirSync(path.join(tmp.dir, d));
    fs.chmodSync(path.join(tmp.dir, d), 0o777);
  }
});
afterEach(() => tmp.cleanup());

/** A closed project with a quay, a scene and two marks, in its own folder. */
function sharedDriveProject(): { dir: string; file: string } {
  const dir = path.join(tmp.dir, 'shared-drive');
  fs.mkdirSync(dir);
  const { file } = seedProject(dir, {
    then: (store, { siteId, scene }) => {
      store.createZone({ siteId, name: 'Quay 1', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130.29, 42.24], [130.31, 42.24], [130.31, 42.26], [130.29, 42.26], [130.29, 42.24]]] } });
      for (const notes of ['first', 'second']) store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, notes });
    },
  });
  fs.rmSync(`${file}.lock`);
  return { dir, file };
}

const listing = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));

/** Starts the real dispatcher on `file` in a child process (`sh` prepares its world first) and returns a way to call it. */
function startChild(file: string, opts: { prelude?: string; uid?: number }) {
  const data = path.join(tmp.dir, 'data');
  const env = childEnv({ HOME: tmp.dir, QUAYWATCH_HOME: path.join(tmp.dir, 'home'), CHILD: child, FILE: file, DATA: data });
  const script = `${opts.prelude ?? ''}\nexec "${process.execPath}" "$CHILD" "$FILE" "$DATA"`;
  const proc = opts.prelude ? spawn('unshare', ['-m', 'sh', '-ec', script], { env }) : spawn(process.execPath, [child, file, data], { env, uid: opts.uid, gid: opts.uid });
  const { next, ask, stderr } = childLines(proc);
  return {
    ready: async () => expect(await next()).toBe('ready'),
    ask,
    stderr,
    kill: () => proc.kill('SIGKILL'),
  };
}

/** What the analyst does with a read-only project: look, export, try to edit, save a copy. */
async function viewExportAndTryToEdit(file: string, reason: string, c: ReturnType<typeof startChild>) {
  await c.ready();
  const current = await c.ask<ProjectSummary>('project.current', {});
  expect(current).toMatchObject({ ok: true, value: { project: { name: 'Port watch' }, counts: { sightings: 2, zones: 1 }, readOnly: reason } });
  const listed = await c.ask<Sighting[]>('sightings.list', {});
  expect(listed.ok && listed.value.map((s) => s.notes)).toEqual(['first', 'second']);
  const out = path.join(tmp.dir, 'out');
  expect(await c.ask('export.run', { format: 'csv', what: 'sightings', path: path.join(out, 'marks.csv') })).toMatchObject({ ok: true });
  expect(fs.readFileSync(path.join(out, 'marks.csv'), 'utf8')).toContain('second');

  const refused = { ok: false, error: { code: 'io_error', message: `This project is open read-only (${reason}): Save a copy… to edit.` } };
  const id = listed.ok ? listed.value[0]!.id : '';
  expect(await c.ask('sightings.update', { id, patch: { notes: 'changed' } })).toEqual(refused);
  expect(await c.ask('sightings.delete', { id })).toEqual(refused);
  const zones = await c.ask<{ siteId: string }[]>('zones.list', {});
  const siteId = zones.ok ? zones.value[0]!.siteId : '';
  expect(await c.ask('zones.create', { siteId, name: 'Quay 2', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130.2, 42.2], [130.21, 42.2], [130.21, 42.21], [130.2, 42.2]]] } })).toEqual(refused);
  // The way out: a copy in a folder the analyst can write, which then edits normally.
  expect(await c.ask('project.saveCopy', { path: path.join(out, 'mine') })).toMatchObject({ ok: true, value: { path: path.join(out, 'mine.quaywatch') } });
  expect(c.stderr()).not.toMatch(/\n\s+at /); // refusals log one line each, no stack
}

describe('a project in a read-only place', () => {
  it.skipIf(!canMount)('on a read-only file system: opens read-only, views and exports, refuses every edit, changes nothing', async () => {
    const { dir, file } = sharedDriveProject();
    const before = listing(dir);
    const c = startChild(file, { prelude: `mount --bind "${dir}" "${dir}"\nmount -o remount,bind,ro "${dir}" "${dir}"` });
    try {
      await viewExportAndTryToEdit(file, 'the file system is read-only', c);
    } finally {
      c.kill();
    }
    expect(listing(dir)).toEqual(before); // no byte changed, no -wal, -shm or .lock beside it
    const copy = ProjectStore.open(path.join(tmp.dir, 'out', 'mine.quaywatch'), { author: 'ana' });
    expect(copy.sightings().map((s) => s.notes)).toEqual(['first', 'second']);
    editingOf(copy).updateSightings([{ id: copy.sightings()[0]!.id, patch: { notes: 'edited in the copy' } }]);
    copy.close();
  }, 60_000);

  it.skipIf(!canMount)('on a read-only file system: the command line prints info and stats, and refuses an import in one line', () => {
    const { dir, file } = sharedDriveProject();
    const before = listing(dir);
    const zones = path.join(tmp.dir, 'zones.geojson');
    fs.writeFileSync(zones, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Quay 2' }, geometry: { type: 'Polygon', coordinates: [[[130.2, 42.2], [130.21, 42.2], [130.21, 42.21], [130.2, 42.2]]] } }] }));
    const run = (args: string) =>
      spawnSync('unshare', ['-m', 'sh', '-ec', `mount --bind "${dir}" "${dir}"\nmount -o remount,bind,ro "${dir}" "${dir}"\nexec "${process.execPath}" "${cli}" ${args}`], {
        encoding: 'utf8', env: childEnv({ QUAYWATCH_HOME: path.join(tmp.dir, 'home') }),
      });
    const info = run(`info "${file}" --json`);
    expect(info.stderr).toBe('');
    expect(JSON.parse(info.stdout)).toMatchObject({ name: 'Port watch', sightings: 2 });
    const stats = run(`stats "${file}" --json`);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout)).toHaveProperty('visits');
    const imported = run(`zones import "${file}" "${zones}"`);
    expect(imported.status).toBe(1);
    expect(imported.stderr).toBe('quaywatch: This project is open read-only (the file system is read-only): Save a copy… to edit.\n');
    expect(listing(dir)).toEqual(before);
  }, 60_000);

  it('in a read-only folder (0555, as user nobody): opens read-only, views and exports, refuses every edit, changes nothing', async () => {
    const { dir, file } = sharedDriveProject();
    fs.chmodSync(dir, 0o555);
    const before = listing(dir);
    const c = startChild(file, { uid: 65534 });
    try {
      await viewExportAndTryToEdit(file, 'the folder is read-only', c);
    } finally {
      c.kill();
      fs.chmodSync(dir, 0o755);
    }
    expect(listing(dir)).toEqual(before);
  }, 60_000);
});
