// Nothing lost: a process that acknowledged an edit is killed with SIGKILL at once, 50 times over,
// and every acknowledged edit (and the undo history) is there when the project is reopened.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { Sighting } from '../../../shared/domain';
import { buildChild, childEnv, childLines } from '../../testing/buildChild';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { historyOf } from './history';
import { ProjectStore, databaseOf } from './projectStore';

const RUNS = 50;

let tmp: ReturnType<typeof tempDir>;
let child: string;

beforeAll(async () => {
  tmp = tempDir('qw-kill-');
  child = await buildChild('electron/testing/editChild.ts', path.join(tmp.dir, 'editChild.cjs'));
});
afterAll(() => tmp.cleanup());

/** A child holding the project open; `call` resolves when the child has acknowledged the edit. */
async function startChild(file: string) {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, [child, file, path.join(tmp.dir, 'data')], {
    env: childEnv(),
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code)));
  const { next, ask } = childLines(proc);
  expect(await next()).toBe('ready');
  return {
    async call<T>(name: string, req: unknown): Promise<T> {
      const result = await ask<T>(name, req);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    },
    /** As a crash would: no chance to close the database or flush anything. */
    async kill9() {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

describe('every acknowledged edit survives SIGKILL', () => {
  it(`in ${RUNS} runs of mark / edit / undo, each killed right after its last acknowledgement`, async () => {
    const { file, scene } = seedProject(tmp.dir, { name: 'Kill test' });

    /** What the analyst was told was saved: sighting id → confidence. */
    const expected = new Map<string, string>();
    let expectedUndo = '';
    for (let run = 0; run < RUNS; run++) {
      const host = await startChild(file);
      const s = await host.call<Sighting>('sightings.create', {
        sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3 + run * 1e-4, 42.25] }, notes: `run ${run}`,
      });
      expected.set(s.id, 'confirmed');
      expectedUndo = 'Mark vessel';
      // Runs vary what the last acknowledged step is: an edit, an undo, or a redo.
      await host.call('sightings.update', { id: s.id, patch: { confidence: 'possible' } });
      expected.set(s.id, 'possible');
      expectedUndo = 'Set confidence';
      if (run % 3 >= 1) {
        await host.call('history.undo', {});
        expected.set(s.id, 'confirmed');
        expectedUndo = 'Mark vessel';
      }
      if (run % 3 === 2) {
        await host.call('history.redo', {});
        expected.set(s.id, 'possible');
        expectedUndo = 'Set confidence';
      }
      expect(await host.kill9()).toBe('SIGKILL');

      const store = ProjectStore.open(file, { author: 'ana' });
      try {
        expect(databaseOf(store).pragma('integrity_check', { simple: true })).toBe('ok');
        const found = new Map(store.sightings().map((x) => [x.id, x.confidence as string]));
        expect(found).toEqual(expected);
        expect(historyOf(store).state().undoLabel).toBe(expectedUndo);
      } finally {
        store.close();
      }
    }
  }, 120_000);
});
