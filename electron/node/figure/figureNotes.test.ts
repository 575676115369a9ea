// figure.save's notes: what a written figure leaves out that the analyst may expect in it, said in the result (the
// dialog's message and the CLI print them): another analyst's marks left out by the scope, a scene covering only part
// of the frame, marks a swipe's split hides. A figure that leaves nothing out says nothing.
import path from 'node:path';
import type { FigureResult } from '../../../shared/calls/figure';
import { tempDir } from '../../testing/tmp';
import { BEFORE_AT, FRAME_BBOX, makeFigureProject, type FigureFixture } from './figureFixture';
import { utcWhen } from './compose';

let tmp: ReturnType<typeof tempDir>;
let fx: FigureFixture;
beforeAll(async () => {
  tmp = tempDir('qw-figure-notes-');
  fx = await makeFigureProject(tmp.dir);
  // A colleague's mark on the "before" scene, inside the frame.
  fx.session.current!.createSighting({ sceneId: fx.before.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.2975, 42.2405] }, author: 'kim' });
}, 120_000);
afterAll(() => {
  fx?.session.close();
  tmp?.cleanup();
});

let n = 0;
async function save(req: Record<string, unknown>): Promise<FigureResult> {
  const r = await fx.dispatch('figure.save', { format: 'png', path: path.join(tmp.dir, `notes-${++n}.png`), width: 600, ...req });
  if (!r.ok) throw new Error(`figure.save: ${r.error.message}`);
  return r.value as FigureResult;
}

describe('figure.save notes', () => {
  it('says nothing when the figure leaves nothing out', async () => {
    expect((await save({ frame: { bbox: FRAME_BBOX }, scene: '2025-03-01' })).notes).toEqual([]);
  });

  it('names the marks of other analysts that "my sightings" leaves out of the frame', async () => {
    const r = await save({ frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', scope: 'mine' });
    expect(r.notes).toEqual(['1 mark by kim on this scene is left out. Scope: my sightings only (Test Analyst).']);
    // Marks off: nothing was to be drawn, nothing was left out.
    expect((await save({ frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', scope: 'mine', marks: false })).notes).toEqual([]);
  });

  it('says how much of the frame a scene covers when it covers only part of it', async () => {
    // The scenes end at 130.315 E: this box is half beyond.
    const r = await save({ frame: { bbox: [[130.31, 42.24], [130.32, 42.245]] }, scene: '2025-03-01' });
    expect(r.notes).toHaveLength(1);
    const pct = Number(/covers (\d+)% of the frame; the rest is left blank\.$/.exec(r.notes[0]!)![1]);
    expect(r.notes[0]).toContain(`The scene of ${utcWhen(BEFORE_AT)} covers`);
    expect(pct).toBeGreaterThanOrEqual(47);
    expect(pct).toBeLessThanOrEqual(53);
  });

  it('names the marks a swipe hides on the other side of its split', async () => {
    // The vessel (before) lies at about 0.7 of the width, the container stack (after) at about 0.45: a split at 0.3 hides the
    // first, a split at 0.6 hides the second too; kim's vessel (before, at about 0.25) stays left of both.
    const at30 = await save({ frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', secondScene: '2025-03-09', layout: 'swipe', split: 0.3 });
    expect(at30.notes).toEqual(['1 mark on the scene of 2025-03-01 02:10 UTC lies right of the split and is not drawn.']);
    const at60 = await save({ frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', secondScene: '2025-03-09', layout: 'swipe', split: 0.6 });
    expect(at60.notes).toEqual([
      '1 mark on the scene of 2025-03-01 02:10 UTC lies right of the split and is not drawn.',
      '1 mark on the scene of 2025-03-09 01:55 UTC lies left of the split and is not drawn.',
    ]);
  });
});
