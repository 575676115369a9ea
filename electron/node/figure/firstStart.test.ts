// On the demo's first start the project opens before its imagery is written (scene by scene, the last one last): a
// figure asked for at once waits for the scenes it draws, instead of refusing the last scene as "not the imported file".
// (A time-lapse waits the same way, but its threads open each file late enough that a test here cannot tell.)
import fs from 'node:fs';
import path from 'node:path';
import type { FigureResult } from '../../../shared/calls/figure';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { tempDir } from '../../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
let demo: ProjectSession;
// Loaded before the demo opens, so a request reaches the scene's file while the demo's imagery is still being written.
beforeAll(async () => {
  await import('./saveFigure');
});
/** The last scene, whose file the demo writes last: not there yet when the request is made (else the test proves nothing). */
function lastSceneNotWrittenYet() {
  const last = demo.requireProject().scenes().at(-1)!;
  const file = path.join(path.dirname(demo.demoFile), last.source.kind === 'geotiff' ? last.source.path : '');
  expect(fs.existsSync(file)).toBe(false);
  return last;
}
beforeEach(async () => {
  tmp = tempDir('qw-figure-first-start-');
  demo = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
  await demo.openDemo(); // opens at once; its imagery is written afterwards
});
afterEach(() => {
  demo.close();
  tmp.cleanup();
});

it('a still of the last scene, asked for at once, is drawn from its pixels', async () => {
  const last = lastSceneNotWrittenYet();
  const r = await createDispatcher(demo)('figure.save', { format: 'png', path: path.join(tmp.dir, 'last.png'), frame: { zone: 'Pier 1' }, scene: last.id, width: 400 });
  expect(r.ok ? '' : r.error.message).toBe('');
  expect((r as { value: FigureResult }).value.sceneIds).toEqual([last.id]);
}, 120_000);
