// Issue 19, "What it buys, measured": the demo's radar scenes on its clouded days narrow the median censoring
// width of its visits by at least 30 %. Added at the merge of the demo's radar scenes (branch sar-view);
// before they land it fails, loudly: the demo has no radar scene.
import path from 'node:path';
import { tempDir } from '../../testing/tmp';
import { ProjectStore } from '../store/projectStore';
import { radarGain } from '../stats/radarGain';
import { writeDemoProjectFile } from './demoProject';

describe('the demo project with its radar scenes', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('narrows the median censoring width of its visits by at least 30 % when the radar scenes are counted', () => {
    const file = path.join(t.dir, 'demo.quaywatch');
    writeDemoProjectFile(file);
    const store = ProjectStore.open(file, { author: 'test' });
    try {
      const gain = radarGain(store);
      if (gain.radarScenes === 0) throw new Error('The demo project has no radar scene: issue 19 gives it radar scenes on its clouded days (branch sar-view).');
      expect(gain.withRadar.width.median, 'median censoring width with radar').not.toBeNull();
      expect(gain.withoutRadar.width.median, 'median censoring width without radar').not.toBeNull();
      expect(gain.fallPercent!, `median width ${gain.withRadar.width.median} h with radar, ${gain.withoutRadar.width.median} h without`).toBeGreaterThanOrEqual(30);
    } finally {
      store.close();
    }
  });
});
