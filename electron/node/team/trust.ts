// Which certificate authority vouches for each team server, kept per OS user in the data folder
// (team-servers.json), never in the project. Why not the project: the CA is a file on this machine, and a
// project file is copied between machines and analysts (its path would name nothing there, or another
// file); the project keeps what is the same everywhere, the address and its sslmode. Why a path and not
// the certificate: a CA renewed in place by the administrator's tooling is read anew at each connection.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { pathSchema } from '../../../shared/calls/define';

const trustSchema = z.object({ servers: z.record(z.string().max(300), z.object({ ca: pathSchema }).strict()) }).strict();
type Trust = z.infer<typeof trustSchema>;

/** The server an address names (host and port): a CA vouches for a server, whichever login or database. */
function serverOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

export class TeamTrustFile {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'team-servers.json');
  }

  private read(): Trust {
    try {
      const parsed = trustSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : { servers: {} };
    } catch {
      return { servers: {} };
    }
  }

  /** The CA file trusted for the server `url` names, or null (the address's sslmode then decides). */
  caFor(url: string): string | null {
    return this.read().servers[serverOf(url)]?.ca ?? null;
  }

  /** Trusts `caFile` (an absolute path) for the server `url` names. */
  setCa(url: string, caFile: string): void {
    const trust = this.read();
    trust.servers[serverOf(url)] = { ca: path.resolve(caFile) };
    const valid = trustSchema.parse(trust);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write-then-rename (as analyst.json): a crash mid-write leaves the old file, never half of one.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
