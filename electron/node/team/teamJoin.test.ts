// Joining through the API call the app's dialog makes (team.join), on a real PostgreSQL: each failure says
// what to do and joins nothing; the password reaches the keystore and never the answer, the log or the project.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { TeamStatus } from '../../../shared/calls/team';
import { openSession } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { startTeam, type TeamFixture } from '../../testing/teamFixture';
import { teamLinkOf } from '../store/teamLocal';
import { teamKeyStore } from './sync';

const tmp = tempDir('qw-team-join-');
let team: TeamFixture;

beforeAll(async () => {
  team = await startTeam(tmp.dir, [{ login: 'alice', author: 'Alice', role: 'analyst' }]);
}, 60_000);
afterAll(() => {
  team?.stop();
  tmp.cleanup();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

describe('team.join (File → Team → Join…)', () => {
  it('says what to do for each failure, joins nothing; then joins, and the password is only in the keystore', async () => {
    const log: string[] = [];
    const dir = path.join(tmp.dir, 'alice');
    const file = team.replicaFile(dir, 'alice');
    const { session, dispatch } = openSession(dir, file, { author: 'Alice', log: (l) => log.push(l) });
    try {
      const join = async (url: string, password: string) => (await dispatch('team.join', { url, password })) as ApiResult<TeamStatus>;
      const refused = async (url: string, password: string, says: RegExp) => {
        const r = await join(url, password);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(says);
        expect(teamLinkOf(session.requireProject())).toBeNull();
      };
      const url = team.pgc.url('alice');
      await refused(url, 'wrong-pw', /refused the login or password\. Check the password/);
      await refused(url.replace('/quaywatch', '/postgres'), 'alice-pw', /holds no Quaywatch workspace/);
      await refused(url.replace('/quaywatch', '/nosuchdb'), 'alice-pw', /has no database named “nosuchdb”: check the name after the last \//);
      await refused(url.replace(`:${team.pgc.port}`, `:${await freePort()}`), 'alice-pw', /Cannot reach the team server at 127\.0\.0\.1:\d+: check the address and your network/);
      await refused(`${url}?sslmode=require`, 'alice-pw', /The team server at 127\.0\.0\.1:\d+ does not offer TLS.*sslmode.*Nothing was sent to it, not your password/);
      await refused(url.replace('alice@', 'alice:alice-pw@'), 'alice-pw', /Leave the password out of the address/);

      const r = await join(url, 'alice-pw');
      expect(r).toMatchObject({ ok: true, value: { url, author: 'Alice' } });
      expect(JSON.stringify(r).includes('alice-pw')).toBe(false);
      expect(log.join('\n').includes('alice-pw')).toBe(false);
      // The OS keystore where this machine has one (the kernel's, here), else the 0600 file: as the CLI keeps it.
      const keys = await teamKeyStore(path.join(dir, 'data'));
      expect(keys.get(url)).toBe('alice-pw');
      for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from('alice-pw'))).toBe(false);

      // Leaving forgets the password and stops syncing; the project keeps its place in the team's log.
      const left = (await dispatch('team.leave', {})) as ApiResult<TeamStatus>;
      expect(left).toMatchObject({ ok: true, value: { light: 'none' } });
      expect(keys.get(url)).toBeNull();
      expect(teamLinkOf(session.requireProject())).toMatchObject({ active: false });
      const sync = (await dispatch('team.syncNow', {})) as ApiResult<TeamStatus>;
      expect(sync.ok).toBe(false);
    } finally {
      session.close();
    }
  });
});
