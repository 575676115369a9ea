// The recent-projects list, kept as a small JSON file in the user's data folder.
import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from '../../shared/api';

const MAX_RECENT = 12;

export class RecentProjects {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'recent.json');
  }

  list(): RecentProject[] {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return []; // missing or damaged: the list is a convenience, never a reason to fail
    }
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r): r is { path: string; name: string; openedAt: string } =>
        typeof r?.path === 'string' && typeof r?.name === 'string' && typeof r?.openedAt === 'string')
      .slice(0, MAX_RECENT)
      .map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
  }

  touch(projectPath: string, name: string) {
    const entries = this.list()
      .filter((r) => r.path !== projectPath)
      .map(({ path: p, name: n, openedAt }) => ({ path: p, name: n, openedAt }));
    entries.unshift({ path: projectPath, name, openedAt: new Date().toISOString() });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write-then-rename so a crash mid-write never leaves a half file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries.slice(0, MAX_RECENT), null, 2));
    fs.renameSync(tmp, this.file);
  }
}
