// "Save a copy" of a project whose imagery paths are relative to its folder: the copy, wherever it is
// saved, resolves each scene to the same file as the original (e2e/fileDialog.spec.ts opens one too).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedOpenProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { ProjectStore } from './projectStore';
import { saveProjectCopy } from './saveCopy';

describe('saveProjectCopy', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  const seed = () => {
    const project = path.join(tmp.dir, 'project');
    fs.mkdirSync(path.join(project, 'imagery'), { recursive: true });
    return seedOpenProject(project, {
      scenes: [
        { acquired: '2025-01-01T00:00:00.000Z', source: { kind: 'geotiff', path: 'imagery/a.tif' } },
        { acquired: '2025-01-02T00:00:00.000Z', source: { kind: 'mbtiles', path: '../shared/b.mbtiles' } },
        { acquired: '2025-01-03T00:00:00.000Z', source: { kind: 'geotiff', path: '/data/c.tif' } },
        { acquired: '2025-01-04T00:00:00.000Z', source: { kind: 'xyz', template: 'https://tiles.example/{z}/{x}/{y}.png' } },
      ],
    });
  };
  /** Where the copy's scenes lead, and the stored paths themselves. */
  const readCopy = (file: string) => {
    const copy = ProjectStore.open(file, { author: 'ana' });
    try {
      const scenes = copy.scenes();
      return { resolved: scenes.map((s) => copy.resolveSourcePath(s.source)), stored: scenes.map((s) => s.source) };
    } finally {
      copy.close();
    }
  };

  it('saved in another folder, leads to the same files as the original (relative paths made absolute)', () => {
    const { store } = seed();
    try {
      const original = store.scenes().map((s) => store.resolveSourcePath(s.source));
      fs.mkdirSync(path.join(tmp.dir, 'elsewhere'));
      const { path: file } = saveProjectCopy(store, path.join(tmp.dir, 'elsewhere', 'backup'));
      const copy = readCopy(file);
      expect(copy.resolved).toEqual(original);
      expect(copy.stored[0]).toEqual({ kind: 'geotiff', path: path.join(tmp.dir, 'project', 'imagery', 'a.tif') });
      expect(copy.stored[3]).toEqual({ kind: 'xyz', template: 'https://tiles.example/{z}/{x}/{y}.png' });
    } finally {
      store.close();
    }
  });

  it('saved above the imagery, keeps the paths relative (the copy moves with its folder)', () => {
    const { store } = seed();
    try {
      const original = store.scenes().map((s) => store.resolveSourcePath(s.source));
      const { path: file } = saveProjectCopy(store, path.join(tmp.dir, 'backup'));
      const copy = readCopy(file);
      expect(copy.resolved).toEqual(original);
      expect(copy.stored[0]).toEqual({ kind: 'geotiff', path: 'project/imagery/a.tif' });
      expect(copy.stored[1]).toEqual({ kind: 'mbtiles', path: 'shared/b.mbtiles' });
      expect(copy.stored[2]).toEqual({ kind: 'geotiff', path: '/data/c.tif' });
    } finally {
      store.close();
    }
  });
});
