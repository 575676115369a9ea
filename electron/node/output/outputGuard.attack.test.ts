// Attack: an output written onto the open project destroys it. Every writer (export, report, sightings package,
// save a copy) is aimed at the project file, its -wal, -shm and .lock, through a symlinked folder and through a
// symlink file, over the real API (createDispatcher); each is refused, and the project still holds every edit and
// accepts the next. An existing file is refused unless the call says overwrite; the CLI says so and takes --force.
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../../cli/testing/cliHarness';
import { marker, openSession, seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { ProjectStore, databaseOf } from '../store/projectStore';
import { TEMP_PREFIX } from './tempJournal';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-guard-')));
afterEach(() => tmp.cleanup());

/** A project with edits still in its WAL, open in a session as the app has it. */
async function openProject() {
  const dir = path.join(tmp.dir, 'work');
  fs.mkdirSync(dir);
  const { file, scene } = seedProject(dir);
  const { session, dispatch } = openSession(tmp.dir, file);
  const mark = marker(dispatch, scene.id);
  await mark('first');
  await mark('second');
  return { dir, file, session, dispatch, mark };
}

/** Each writer, as the app calls it, aimed at `target`. */
const WRITERS: { name: string; call: string; request: (target: string) => Record<string, unknown> }[] = [
  { name: 'package export', call: 'package.export', request: (p) => ({ path: p }) },
  { name: 'KML export', call: 'export.run', request: (p) => ({ format: 'kml', what: 'all', path: p }) },
  { name: 'GeoPackage export', call: 'export.run', request: (p) => ({ format: 'gpkg', what: 'all', path: p }) },
  { name: 'CSV export', call: 'export.run', request: (p) => ({ format: 'csv', what: 'sightings', path: p }) },
  { name: 'HTML report', call: 'report.run', request: (p) => ({ format: 'html', path: p }) },
  { name: 'save a copy', call: 'project.saveCopy', request: (p) => ({ path: p }) },
];

describe('the output-path guard', () => {
  it('refuses every writer aimed at the open project, its -wal, -shm and .lock, directly, through a linked folder or a link file', async () => {
    const { dir, file, session, dispatch, mark } = await openProject();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0); // the last edits live only in the WAL
    const linkedFolder = path.join(tmp.dir, 'linked');
    fs.symlinkSync(dir, linkedFolder);
    const elsewhere = path.join(tmp.dir, 'out');
    fs.mkdirSync(elsewhere);
    const linkFile = path.join(elsewhere, 'port.quaywatch');
    fs.symlinkSync(file, linkFile);
    const linkToWal = path.join(elsewhere, 'notes.kml');
    fs.symlinkSync(`${file}-wal`, linkToWal);
    const hardLink = path.join(elsewhere, 'hard.quaywatch');
    fs.linkSync(file, hardLink);

    const targets = [
      file,
      `${file}-wal`,
      `${file}-shm`,
      `${file}.lock`,
      path.join(linkedFolder, 'port.quaywatch'),
      path.join(linkedFolder, 'port.quaywatch-wal'),
      path.join(linkedFolder, '..', 'linked', 'port.quaywatch.lock'),
      linkFile,
      linkToWal,
      hardLink,
    ];
    const identity = (f: string) => `${fs.statSync(f).dev}:${fs.statSync(f).ino}`;
    const before = { project: identity(file), wal: identity(`${file}-wal`), bytes: fs.readFileSync(file) };
    let cases = 0;
    for (const w of WRITERS) {
      // Save a copy adds .quaywatch to a name without it (port.quaywatch-wal becomes a new file beside it), so only
      // the names it keeps can aim it at the project.
      const aimed = w.call === 'project.saveCopy' ? targets.filter((t) => t.endsWith('.quaywatch')) : targets;
      for (const t of aimed) {
        const r = await dispatch(w.call, w.request(t));
        expect(r.ok, `${w.name} onto ${t}`).toBe(false);
        if (!r.ok) expect(r.error.message, `${w.name} onto ${t}`).toMatch(/open project's own file \(port\.quaywatch[-a-z.]*\); choose another name|symbolic link; Quaywatch does not write through links/);
        cases++;
      }
      // With overwrite the answer is the same: overwrite replaces a file, never the project.
      for (const t of aimed.filter((x) => [file, `${file}-wal`, path.join(linkedFolder, 'port.quaywatch'), linkFile, hardLink].includes(x))) {
        const r = await dispatch(w.call, { ...w.request(t), overwrite: true });
        expect(r.ok, `${w.name} onto ${t} with overwrite`).toBe(false);
        cases++;
      }
    }
    expect(identity(file)).toBe(before.project);
    expect(identity(`${file}-wal`)).toBe(before.wal);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);

    // The project carries on: every edit there, a new one accepted, and all of it there after reopening.
    expect(session.requireProject().sightings().map((s) => s.notes)).toEqual(['first', 'second']);
    await mark('after the attack');
    session.close();
    const reopened = ProjectStore.open(file, { author: 'ana' });
    try {
      expect(databaseOf(reopened).pragma('integrity_check', { simple: true })).toBe('ok');
      expect(reopened.sightings().map((s) => s.notes)).toEqual(['first', 'second', 'after the attack']);
    } finally {
      reopened.close();
    }
    expect(before.bytes.length).toBeGreaterThan(0);
    console.log(`output-path guard: ${cases} attack cases refused`);
  });

  it('refuses a link, a folder and a missing folder with a sentence that says what to do', async () => {
    const { dir, dispatch, session } = await openProject();
    const victim = path.join(tmp.dir, 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    const link = path.join(dir, 'out.kml');
    fs.symlinkSync(victim, link);
    for (const overwrite of [false, true]) {
      expect(await dispatch('export.run', { format: 'kml', what: 'all', path: link, overwrite })).toEqual({
        ok: false, error: { code: 'io_error', message: `${link} is a symbolic link; Quaywatch does not write through links. Choose another name.` },
      });
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
    expect(await dispatch('package.export', { path: dir })).toMatchObject({ ok: false, error: { message: `${dir} is a folder; give a file name.` } });
    expect(await dispatch('report.run', { format: 'html', path: path.join(tmp.dir, 'nope', 'r.html') })).toMatchObject({
      ok: false, error: { message: `The folder ${path.join(tmp.dir, 'nope')} does not exist; choose an existing folder.` },
    });
    session.close();
  });

  it('never replaces an existing file unasked: refused with code "exists", replaced with overwrite', async () => {
    const { dispatch, session } = await openProject();
    const out = path.join(tmp.dir, 'out');
    fs.mkdirSync(out);
    for (const w of WRITERS) {
      const target = path.join(out, `${w.name.replace(/ /g, '-')}${w.call === 'project.saveCopy' ? '.quaywatch' : ''}`);
      fs.writeFileSync(target, 'an older file');
      expect(await dispatch(w.call, w.request(target)), w.name).toEqual({
        ok: false, error: { code: 'exists', path: target, message: `${target} already exists; choose another name, or confirm replacing it.` },
      });
      expect(fs.readFileSync(target, 'utf8')).toBe('an older file');
      const replaced = await dispatch(w.call, { ...w.request(target), overwrite: true });
      expect(replaced.ok, w.name).toBe(true);
      expect(fs.readFileSync(target, 'utf8')).not.toBe('an older file');
    }
    // CSV "all" writes three files: one of them already there refuses all three before any is written.
    fs.writeFileSync(path.join(out, 'tables-visits.csv'), 'mine');
    expect(await dispatch('export.run', { format: 'csv', what: 'all', path: path.join(out, 'tables.csv') })).toMatchObject({ ok: false, error: { code: 'exists', path: path.join(out, 'tables-visits.csv') } });
    expect(fs.readdirSync(out).filter((f) => f.startsWith('tables'))).toEqual(['tables-visits.csv']);
    expect(fs.readdirSync(out).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
    expect(fs.readdirSync(path.join(tmp.dir, 'data', 'in-flight'))).toEqual([]); // every temporary struck off the journal
    session.close();
  });
});

describe('the command line', () => {
  beforeEach(() => (process.env.QUAYWATCH_HOME = path.join(tmp.dir, 'home')));
  afterEach(() => delete process.env.QUAYWATCH_HOME);

  it('refuses an existing file in one line naming --force, replaces it with --force, and never writes onto the project', async () => {
    const { file, session, dir } = await openProject();
    session.close();
    const cases: [string[], string][] = [
      [['export', file, '--format', 'kml', '--out'], 'out.kml'],
      [['report', file, '--html'], 'report.html'],
      [['package', 'export', file, '--out'], 'marks.zip'],
    ];
    for (const [args, name] of cases) {
      const target = path.join(tmp.dir, name);
      fs.writeFileSync(target, 'an older file');
      const refused = await cli(...args, target);
      expect(refused).toMatchObject({ code: 1, err: [`quaywatch: ${target} already exists; add --force to replace it.`] });
      expect(fs.readFileSync(target, 'utf8')).toBe('an older file');
      const forced = await cli(...args, target, '--force');
      expect(forced.code, forced.err.join('\n')).toBe(0);
      expect(fs.readFileSync(target, 'utf8')).not.toBe('an older file');
      // --force replaces a file, never the project: through a linked folder too.
      const linked = path.join(tmp.dir, `linked-${name}`);
      fs.symlinkSync(dir, linked);
      const onto = await cli(...args, path.join(linked, 'port.quaywatch'), '--force');
      expect(onto).toMatchObject({ code: 1, err: ["quaywatch: That is the open project's own file (port.quaywatch); choose another name."] });
    }
    const store = ProjectStore.open(file, { author: 'ana' });
    try {
      expect(store.sightings().map((s) => s.notes)).toEqual(['first', 'second']);
    } finally {
      store.close();
    }
  });
});
