// The project the time-lapse tests (timelapse.test.ts, video.test.ts) read back: the test project opened in a CLI
// session with its lists, an output folder, and figure.timelapse through the dispatcher.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult } from '../../../shared/api';
import type { TimelapseResult } from '../../../shared/calls/figure';
import type { Scene, SceneZoneObservability, Sighting, Zone } from '../../../shared/domain';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { makeTestProject, type TestProject } from '../export/testProject';
import { ProjectSession } from '../session';

export interface TimelapseFixture {
  tp: TestProject;
  /** Where the outputs go (removed by close). */
  out: string;
  dispatch: Dispatch;
  scenes: Scene[];
  sightings: Sighting[];
  pier1: Zone;
  /** Pier 1's obscured (or not imaged) scenes, as the project records them now. */
  obscuredIds(): Promise<Set<string>>;
  /** figure.timelapse, its refusal thrown. */
  timelapse(req: Record<string, unknown>): Promise<TimelapseResult>;
  close(): void;
}

export async function openTimelapseFixture(outPrefix: string): Promise<TimelapseFixture> {
  const tp = await makeTestProject();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), outPrefix));
  const session = new ProjectSession({ dataDir: path.join(tp.dir, 'data'), author: 'Test Analyst', host: 'cli' });
  session.open(tp.file);
  const dispatch = createDispatcher(session);
  const list = async <T>(name: string) => ((await dispatch(name as never, {})) as { value: T }).value;
  const pier1 = (await list<Zone[]>('zones.list')).find((z) => z.name === 'Pier 1')!;
  return {
    tp,
    out,
    dispatch,
    scenes: await list<Scene[]>('scenes.list'),
    sightings: await list<Sighting[]>('sightings.list'),
    pier1,
    obscuredIds: async () =>
      new Set((await list<SceneZoneObservability[]>('observability.list')).filter((o) => o.zoneId === pier1.id && (o.value === 'obscured' || o.value === 'outside')).map((o) => o.sceneId)),
    timelapse: async (req) => {
      const r = (await dispatch('figure.timelapse', req)) as ApiResult<TimelapseResult>;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    close: () => {
      session.close();
      tp.cleanup();
      fs.rmSync(out, { recursive: true, force: true });
    },
  };
}
