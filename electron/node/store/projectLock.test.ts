// One writer per project: a second process (another window, the CLI) is refused with a message
// naming the holder, the project is not touched, and a holder killed with -9 leaves no stale lock.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { cli, sha256, writeFile } from '../../cli/testing/cliHarness';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { buildChild, childEnv } from '../../testing/buildChild';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { ProjectStore, databaseOf } from './projectStore';


let tmp: ReturnType<typeof tempDir>;
let child: string;

beforeAll(async () => {
  tmp = tempDir('qw-lock-');
  child = await buildChild('electron/testing/editChild.ts', path.join(tmp.dir, 'editChild.cjs'));
});
afterAll(() => tmp.cleanup());

/** Another Quaywatch process opening `file`: resolves with its first stdout line or its error. */
function otherProcess(file: string) {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, [child, file, path.join(tmp.dir, `data-${Math.random()}`)], {
    env: childEnv(),
  });
  let stderr = '';
  proc.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code)));
  const lines = readline.createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const outcome = (async () => {
    const r = await lines.next();
    if (!r.done) return { ready: r.value === 'ready', error: '' };
    await exited;
    return { ready: false, error: stderr };
  })();
  return { proc, outcome, exited };
}

/** A project with its site and nothing else yet. */
function newProject(name: string) {
  return seedProject(tmp.dir, { fileName: `${name}.quaywatch`, name, scenes: [] }).file;
}

describe('one writer per project', () => {
  it('refuses a second process with the holder pid, leaves the file untouched, and frees the project when the holder is killed -9', async () => {
    const file = newProject('port');
    const holder = otherProcess(file);
    expect(await holder.outcome).toEqual({ ready: true, error: '' });

    // The app (this process) opening it: refused, with the other window's pid.
    const before = sha256(file);
    expect(() => ProjectStore.open(file, { author: 'bo' })).toThrow(
      `port.quaywatch is open in another Quaywatch window (pid ${holder.proc.pid}); close it there or open a copy.`,
    );
    const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'app'), author: 'bo', host: 'browser' });
    const result = await createDispatcher(session)('project.open', { path: file });
    expect(result).toEqual({
      ok: false,
      error: { code: 'project_in_use', message: `port.quaywatch is open in another Quaywatch window (pid ${holder.proc.pid}); close it there or open a copy.` },
    });
    // The CLI: the same sentence on stderr, exit code 1, nothing imported.
    const zones = writeFile(tmp.dir, 'z.geojson', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Quay A' }, geometry: { type: 'Polygon', coordinates: [[[129, 42], [129.01, 42], [129.01, 42.01], [129, 42.01], [129, 42]]] } }],
    });
    const run = await cli('zones', 'import', file, zones);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain(`is open in another Quaywatch window (pid ${holder.proc.pid})`);
    expect(sha256(file)).toBe(before);

    holder.proc.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    // No stale lock after a crash: the next writer gets in at once.
    const store = ProjectStore.open(file, { author: 'bo' });
    expect(databaseOf(store).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.sites().map((s) => s.name)).toEqual(['Port']);
    // While this process holds it, a second window of the same process is told so.
    expect(() => ProjectStore.open(file, { author: 'bo' })).toThrow('port.quaywatch is already open in another window of this Quaywatch; switch to it or open a copy.');
    store.close();
    ProjectStore.open(file, { author: 'bo' }).close();
  }, 60_000);

  it('lets exactly one of several processes starting together in', async () => {
    const file = newProject('race');
    for (let round = 0; round < 3; round++) {
      const racers = [0, 1, 2, 3].map(() => otherProcess(file));
      const outcomes = await Promise.all(racers.map((r) => r.outcome));
      expect(outcomes.filter((o) => o.ready)).toHaveLength(1);
      for (const o of outcomes.filter((x) => !x.ready)) expect(o.error).toMatch(/race\.quaywatch is open in another Quaywatch window( \(pid \d+\))?; close it there or open a copy\./);
      for (const r of racers) r.proc.kill('SIGKILL');
      await Promise.all(racers.map((r) => r.exited));
    }
    const store = ProjectStore.open(file, { author: 'bo' });
    expect(databaseOf(store).pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  }, 60_000);

  it('reopening the project already open in a window is not refused', async () => {
    const file = newProject('again');
    const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'app2'), author: 'bo', host: 'browser' });
    session.open(file);
    expect(session.open(file).project.name).toBe('again');
    session.close();
  });
});
