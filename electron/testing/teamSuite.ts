// Test helper: a whole Vitest file's team (teamFixture.ts), set up before its tests and taken down after. Apart
// from teamFixture.ts because it imports Vitest, which the Playwright specs and benchmarks using that cannot load.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { joinedReplica, startTeam, type JoinedReplica, type Member, type TeamFixture } from './teamFixture';
import { tempDir } from './tmp';

export interface TeamSuite<Login extends string> {
  /** The suite's temporary folder; each member's replica is in its own folder there, named by login. */
  readonly dir: string;
  /** The server, the workspace and the template (once the suite's beforeAll ran). */
  readonly team: TeamFixture;
  /** Each member's replica, joined and not yet synced, by login (once the suite's beforeAll ran). */
  readonly replicas: Record<Login, JoinedReplica>;
}

/**
 * What a test file of the team shares: registers a beforeAll that starts the team (startTeam) and joins a replica
 * for each member in order, and an afterAll that closes them, stops the server and removes the folder. A test
 * file's own beforeAll, registered after this call, runs after it (to sync or mark before the tests).
 */
export function teamSuite<const M extends readonly Member[]>(prefix: string, members: M): TeamSuite<M[number]['login']> {
  const tmp = tempDir(prefix);
  let team: TeamFixture | null = null;
  const replicas = {} as Record<M[number]['login'], JoinedReplica>;
  beforeAll(async () => {
    team = await startTeam(tmp.dir, members);
    for (const m of members) replicas[m.login as M[number]['login']] = await joinedReplica(team, path.join(tmp.dir, m.login), m.login, m.author);
  }, 60_000);
  afterAll(() => {
    for (const r of Object.values<JoinedReplica>(replicas)) r.close();
    team?.stop();
    tmp.cleanup();
  });
  return {
    dir: tmp.dir,
    get team() {
      if (!team) throw new Error('the team starts in the suite\'s beforeAll');
      return team;
    },
    replicas,
  };
}
