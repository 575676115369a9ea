// `quaywatch scenes delete FILE ID` on a real project: the scene and its marks go as one undo step.
import path from 'node:path';
import { historyOf } from '../node/store/history';
import { ProjectStore } from '../node/store/projectStore';
import { tempDir } from '../testing/tmp';
import { cli, sha256 } from './testing/cliHarness';

let tmp: ReturnType<typeof tempDir>;
let project: string;
beforeEach(async () => {
  tmp = tempDir('qw-cli-scenes-delete-');
  project = path.join(tmp.dir, 'port.quaywatch');
  expect((await cli('new', project)).code).toBe(0);
  const store = ProjectStore.open(project, { author: 'test' });
  const site = store.createSite({ name: 'Port' });
  const scene = store.createScene({
    siteId: site.id, acquired: '2025-01-14T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: '20250114_013845_12_abcd',
    footprint: null, cloudCover: null, gsd: 3, credit: '', source: { kind: 'geotiff', path: 'a.tif' },
  });
  store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [129.005, 42.005] } });
  store.close();
});
afterEach(() => tmp.cleanup());

it('deletes a scene by item id with its sighting; the step is undoable', async () => {
  const r = await cli('scenes', 'delete', project, '20250114_013845_12_abcd');
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.out).toBe('Deleted the scene of 2025-01-14T01:38:45.000Z with 1 sighting. Undo in the app (Ctrl+Z) brings it back.');
  const store = ProjectStore.open(project, { author: 'test' });
  try {
    expect(store.scenes()).toEqual([]);
    expect(store.sightings()).toEqual([]);
    historyOf(store).undo();
    expect(store.scenes()).toHaveLength(1);
    expect(store.sightings()).toHaveLength(1);
  } finally {
    store.close();
  }
});

it('an unknown scene: one line, exit 1, the project unchanged', async () => {
  const before = sha256(project);
  const r = await cli('scenes', 'delete', project, 'nope');
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  expect(sha256(project)).toBe(before);
});
