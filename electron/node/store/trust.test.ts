// Nothing lost: "Save a copy" makes a self-contained project that opens on its own elsewhere; a full
// disk and a read-only file each give one clear sentence and leave the project exactly as it was.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../../../shared/api';
import type { Sighting } from '../../../shared/domain';
import { buildChild, childEnv, childLines, letOthersReachNodeModules } from '../../testing/buildChild';
import { marker, openSession, seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { ProjectStore, databaseOf } from './projectStore';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-trust-')));
afterEach(() => tmp.cleanup());

/** A project with a site, a scene and two sightings, open in a session as the app would have it. */
async function openProject(dir: string) {
  const { file, scene } = seedProject(dir);
  const { session, dispatch } = openSession(dir, file);
  const mark = marker(dispatch, scene.id);
  await mark('first');
  await mark('second');
  return { file, session, dispatch, scene, mark };
}

/** Everything an analyst made, as one hash: sightings and the whole edit history. */
function contentHash(store: ProjectStore): string {
  const rows = [databaseOf(store).prepare('SELECT * FROM sighting ORDER BY id').all(), databaseOf(store).prepare('SELECT * FROM edit ORDER BY seq').all(), databaseOf(store).prepare('SELECT * FROM edit_step ORDER BY seq').all()];
  return crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

describe('project.saveCopy', () => {
  it('writes a consistent copy while the project is open, which opens alone in another folder', async () => {
    const { file, session, dispatch, mark } = await openProject(tmp.dir);
    // The last edits are still only in the WAL: a byte copy of port.quaywatch alone would miss them.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const saved = await dispatch('project.saveCopy', { path: path.join(tmp.dir, 'backup') });
    expect(saved).toEqual({ ok: true, value: { path: path.join(tmp.dir, 'backup.quaywatch'), bytes: fs.statSync(path.join(tmp.dir, 'backup.quaywatch')).size } });
    await mark('after the copy'); // the open project carries on; the copy does not see it

    // "Another machine": a fresh folder holding nothing but the copy.
    const elsewhere = path.join(tmp.dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.renameSync(path.join(tmp.dir, 'backup.quaywatch'), path.join(elsewhere, 'backup.quaywatch'));
    expect(fs.readdirSync(elsewhere)).toEqual(['backup.quaywatch']);
    const copy = ProjectStore.open(path.join(elsewhere, 'backup.quaywatch'), { author: 'bo' });
    try {
      expect(databaseOf(copy).pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.project().name).toBe('Port watch');
      expect(copy.sightings().map((s) => s.notes)).toEqual(['first', 'second']);
      expect(copy.edits().map((e) => e.label)).toEqual(['Add site', 'Add scene', 'Mark vessel', 'Mark vessel']);
    } finally {
      copy.close();
    }
    expect(session.requireProject().sightings().map((s) => s.notes)).toEqual(['first', 'second', 'after the copy']);

    // Never over an existing file, never over the project itself; nothing changes when refused.
    fs.writeFileSync(path.join(tmp.dir, 'taken.quaywatch'), 'mine');
    expect(await dispatch('project.saveCopy', { path: path.join(tmp.dir, 'taken.quaywatch') })).toEqual({
      ok: false, error: { code: 'exists', path: path.join(tmp.dir, 'taken.quaywatch'), message: `${path.join(tmp.dir, 'taken.quaywatch')} already exists; choose another name, or confirm replacing it.` },
    });
    expect(fs.readFileSync(path.join(tmp.dir, 'taken.quaywatch'), 'utf8')).toBe('mine');
    expect(await dispatch('project.saveCopy', { path: file })).toMatchObject({ ok: false, error: { message: "That is the open project's own file (port.quaywatch); choose another name." } });
    expect(await dispatch('project.saveCopy', { path: path.join(tmp.dir, 'no', 'such', 'x') })).toMatchObject({ ok: false, error: { message: `The folder ${path.join(tmp.dir, 'no', 'such')} does not exist; choose an existing folder.` } });
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('.quaywatch-tmp-'))).toEqual([]);
    session.close();
  });
});

describe('disk full', () => {
  // Simulated inside SQLite: max_page_count makes the next page allocation fail with SQLITE_FULL,
  // the very error SQLite returns when the disk itself is full. It proves the message and the
  // rollback; it does not exercise the operating system's ENOSPC.
  it('refuses the edit with a clear sentence, keeps every earlier edit, and accepts edits again once there is room', async () => {
    const { session, dispatch, scene, mark } = await openProject(tmp.dir);
    const store = session.requireProject();
    const before = contentHash(store);
    const pages = databaseOf(store).pragma('page_count', { simple: true }) as number;
    databaseOf(store).pragma(`max_page_count = ${pages}`);
    const big = Array.from({ length: 40 }, (_, i) => ({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, notes: `${i}`.padEnd(10_000, 'x') }));
    expect(await dispatch('sightings.createMany', { sightings: big })).toEqual({
      ok: false, error: { code: 'io_error', message: 'The disk is full: the change was not saved. Free some space and try again.' },
    });
    expect(contentHash(store)).toBe(before);
    expect(await dispatch('history.state', {})).toMatchObject({ ok: true, value: { undoLabel: 'Mark vessel' } });
    databaseOf(store).pragma('max_page_count = 1073741823');
    await mark('third');
    expect(databaseOf(store).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.sightings().map((s) => s.notes)).toEqual(['first', 'second', 'third']);
    session.close();
  });
});

describe('read-only project file', () => {
  // Tests run as root, whom file permissions do not stop; so the Quaywatch process here runs as
  // the unprivileged user "nobody", for whom a chmod 444 file is really read-only.
  let restorePermissions = () => {};
  beforeAll(() => (restorePermissions = letOthersReachNodeModules())); // the child loads packages from there
  afterAll(() => restorePermissions());
  it('opens for reading, refuses each edit with a clear sentence, and changes no byte', async () => {
    const { file, session } = await openProject(tmp.dir);
    session.close();
    const child = await buildChild('electron/testing/editChild.ts', path.join(tmp.dir, 'editChild.cjs'));
    fs.chmodSync(tmp.dir, 0o777);
    fs.chmodSync(file, 0o444);
    const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const proc = spawn(process.execPath, [child, file, path.join(tmp.dir, 'nobody-data')], {
      uid: 65534, gid: 65534, env: childEnv({ HOME: tmp.dir }),
    });
    const { next, ask } = childLines(proc);
    try {
      expect(await next()).toBe('ready');
      const listed = (await ask('sightings.list', {})) as ApiResult<Sighting[]>;
      expect(listed.ok && listed.value.map((s) => s.notes)).toEqual(['first', 'second']);
      const readOnly = { ok: false, error: { code: 'io_error', message: 'This project is open read-only (the file is read-only): Save a copy… to edit.' } };
      const id = listed.ok ? listed.value[0]!.id : '';
      expect(await ask('sightings.update', { id, patch: { notes: 'changed' } })).toEqual(readOnly);
      expect(await ask('sightings.delete', { id })).toEqual(readOnly);
      // Save a copy is the way out, into a folder the user can write.
      const out = path.join(tmp.dir, 'mine');
      expect(await ask('project.saveCopy', { path: out })).toMatchObject({ ok: true, value: { path: `${out}.quaywatch` } });
    } finally {
      proc.kill('SIGKILL');
    }
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(hash);
    fs.chmodSync(file, 0o644);
    const store = ProjectStore.open(file, { author: 'ana' });
    expect(store.sightings().map((s) => s.notes)).toEqual(['first', 'second']);
    store.close();
    const copy = ProjectStore.open(path.join(tmp.dir, 'mine.quaywatch'), { author: 'ana' });
    expect(copy.sightings().map((s) => s.notes)).toEqual(['first', 'second']);
    copy.close();
  }, 60_000);
});
