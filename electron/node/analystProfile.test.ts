// The analyst's name: kept per OS user in the data folder, read back by the next start, a damaged or
// hostile file asks again instead of failing, and the session's author follows it at once.
import fs from 'node:fs';
import path from 'node:path';
import { AnalystProfileFile } from './analystProfile';
import { ProjectSession } from './session';
import { tempDir } from '../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('analyst profile', () => {
  it('is kept in the data folder (mode 0600) and read back', () => {
    const f = new AnalystProfileFile(tmp.dir);
    expect(f.read()).toBeNull();
    f.write({ name: 'Ana Lopez', initials: 'AL' });
    expect(new AnalystProfileFile(tmp.dir).read()).toEqual({ name: 'Ana Lopez', initials: 'AL' });
    expect(fs.statSync(path.join(tmp.dir, 'analyst.json')).mode & 0o077).toBe(0);
  });

  it('a damaged or hostile file is no profile (asked again), never a crash', () => {
    const file = path.join(tmp.dir, 'analyst.json');
    for (const bad of ['{', '[]', '{"name":"x"}', JSON.stringify({ name: 'A\u001b[31m', initials: 'A' }), JSON.stringify({ name: 'x'.repeat(500), initials: 'X' })]) {
      fs.writeFileSync(file, bad);
      expect(new AnalystProfileFile(tmp.dir).read(), bad.slice(0, 30)).toBeNull();
    }
  });

  it('the session signs edits with it from the moment it is given; earlier edits keep their author', () => {
    const session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'root', host: 'browser' });
    try {
      session.create(path.join(tmp.dir, 'p.quaywatch'), 'P');
      const store = session.requireProject();
      const site = store.createSite({ name: 's' });
      expect(session.author).toBe('root');
      session.setAnalyst({ name: 'Ana Lopez', initials: 'AL' });
      expect(session.author).toBe('Ana Lopez');
      store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130, 42], [130.01, 42], [130.01, 42.01], [130, 42]]] } });
      const authors = store.edits().map((e) => e.author);
      expect(authors).toContain('root');
      expect(authors[authors.length - 1]).toBe('Ana Lopez');
      expect(fs.readFileSync(path.join(tmp.dir, 'p.quaywatch')).includes('AL"')).toBe(false); // initials are not project data
    } finally {
      session.close();
    }
  });
});
