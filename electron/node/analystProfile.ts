// Who is working on this machine, kept per OS user in the data folder (never in a project file):
// the name written as the author of every edit, review and package.
import fs from 'node:fs';
import path from 'node:path';
import { analystProfileSchema, type AnalystProfile } from '../../shared/calls/project';

export class AnalystProfileFile {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'analyst.json');
  }

  /** The saved profile, or null when none was given (or the file is damaged: asked again, never a failure). */
  read(): AnalystProfile | null {
    try {
      const parsed = analystProfileSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  write(profile: AnalystProfile) {
    const valid = analystProfileSchema.parse(profile);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write-then-rename: a crash mid-write leaves the old profile, never half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
