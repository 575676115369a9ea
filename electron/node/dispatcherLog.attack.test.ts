// The host's log is read when something really broke. A full disk refuses every edit, and a stack
// per refused edit buried the one line that mattered; expected refusals (a full disk, a read-only
// project, a QuaywatchError) now log one line with the reason, and only a real internal error logs
// its stack.
import { databaseOf } from './store/projectStore';
import { openSession, seedProject } from '../testing/seedProject';
import { tempDir } from '../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-log-')));
afterEach(() => tmp.cleanup());

function openProject() {
  const { file, scene } = seedProject(tmp.dir);
  const log: string[] = [];
  return { ...openSession(tmp.dir, file, { log: (line) => log.push(line) }), scene, log };
}

const mark = (sceneId: string, notes: string) => ({ sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, notes });

describe('the dispatcher log', () => {
  it('a disk-full edit logs one line with the reason, not a stack', async () => {
    const { session, scene, log, dispatch } = openProject();
    const store = session.requireProject();
    // SQLITE_FULL, as SQLite returns it when the disk is full (see trust.test.ts).
    databaseOf(store).pragma(`max_page_count = ${databaseOf(store).pragma('page_count', { simple: true }) as number}`);
    const big = Array.from({ length: 40 }, (_, i) => mark(scene.id, `${i}`.padEnd(10_000, 'x')));
    for (let i = 0; i < 3; i++) {
      expect(await dispatch('sightings.createMany', { sightings: big })).toMatchObject({ ok: false, error: { message: 'The disk is full: the change was not saved. Free some space and try again.' } });
    }
    expect(log).toEqual(Array(3).fill('sightings.createMany refused: The disk is full: the change was not saved. Free some space and try again. (SQLITE_FULL)'));
    session.close();
  });

  it('a refusal the user can act on logs one line; a real internal error keeps its stack', async () => {
    const { session, log, dispatch } = openProject();
    expect(await dispatch('sightings.delete', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^sightings\.delete refused: [^\n]+$/);
    databaseOf(session.requireProject()).close(); // a broken connection: a bug, not the user's doing
    expect(await dispatch('sightings.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/^sightings\.list failed: TypeError: The database connection is not open\n\s+at /);
  });
});
