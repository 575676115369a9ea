// TLS with server verification against a real PostgreSQL serving a certificate signed by a throwaway CA
// that openssl makes here: joining with that CA verifies the server (sslmode verify-full: signature and
// host); another CA is refused before a password is sent, and the project is left as it was. The CA's
// path is kept for this machine (team-servers.json in the data folder), never in the project.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAuthor } from '../../cli/cliIo';
import { cli, sha256 } from '../../cli/testing/cliHarness';
import { tempDir } from '../../testing/tmp';
import { startTeam, type TeamFixture } from '../../testing/teamFixture';
import { makeTestCa } from '../../testing/testCa';
import { ProjectStore } from '../store/projectStore';
import { teamLinkOf } from '../store/teamLocal';
import { connectTeam } from './connect';
import { joinTeam, syncProject, teamKeyStore } from './sync';
import type { ApiResult } from '../../../shared/api';
import type { TeamStatus } from '../../../shared/calls/team';
import { openSession } from '../../testing/seedProject';
import { teamSyncerOf } from './autoSync';
import { TeamTrustFile } from './trust';

const tmp = tempDir('qw-team-tls-');
let team: TeamFixture;
const certs = path.join(tmp.dir, 'certs');
// The CA that signed the server's certificate, and one that did not.
let ca: string;
let otherCa: string;
const saved = { home: process.env.QUAYWATCH_HOME, pw: process.env.QW_TEAM_PASSWORD };

beforeAll(async () => {
  const signer = makeTestCa(certs);
  ca = signer.caFile;
  otherCa = makeTestCa(path.join(certs, 'other')).caFile;
  team = await startTeam(tmp.dir, [{ login: 'alice', author: 'Alice', role: 'analyst' }, { login: 'carl', author: cliAuthor(), role: 'analyst' }, { login: 'dora', author: 'Dora', role: 'analyst' }], {
    tls: signer.serverTls,
  });
  process.env.QUAYWATCH_HOME = path.join(tmp.dir, 'home');
}, 60_000);

afterAll(() => {
  for (const [k, v] of [['QUAYWATCH_HOME', saved.home], ['QW_TEAM_PASSWORD', saved.pw]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  team?.stop();
  tmp.cleanup();
});

describe('TLS with server verification', () => {
  it('with the CA that signed the server, the connection is TLS and verified; with another, it is refused and the project is untouched', async () => {
    const direct = await connectTeam(team.pgc.url('alice'), 'alice-pw', { caFile: ca });
    try {
      const r = await direct.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(r.rows[0]!.ssl).toBe(true);
    } finally {
      await direct.end();
    }

    const file = team.replicaFile(path.join(tmp.dir, 'alice'), 'alice');
    const store = ProjectStore.open(file, { author: 'Alice' });
    try {
      const keys = await teamKeyStore(path.join(tmp.dir, 'alice', 'data'), { forceFile: true });
      await expect(joinTeam(store, team.pgc.url('alice'), 'alice-pw', keys, { caFile: otherCa })).rejects.toThrow(
        new RegExp(`did not prove it is the server named: its certificate is not one signed by the certificate authority in ${otherCa}.*Nothing was sent to it, not your password`),
      );
      expect(teamLinkOf(store)).toBeNull();
      expect(keys.get(team.pgc.url('alice'))).toBeNull();
      // Without any CA, an address asking for verification is refused too (the test CA is no public one).
      await expect(connectTeam(`${team.pgc.url('alice')}?sslmode=verify-full`, 'alice-pw')).rejects.toThrow(/not one signed by a certificate authority this machine trusts/);

      const joined = await joinTeam(store, team.pgc.url('alice'), 'alice-pw', keys, { caFile: ca });
      expect(joined.url).toMatch(/sslmode=verify-full$/);
      expect(teamLinkOf(store)!.url).toBe(joined.url);
      expect((await syncProject(store, keys, { caFile: ca })).pushed).toBeGreaterThan(0);
      await expect(syncProject(store, keys, { caFile: otherCa })).rejects.toThrow(/did not prove it is the server named/);
    } finally {
      store.close();
    }
  });

  it('`team join --ca` keeps the CA path for this machine, not in the project; `team sync` verifies with it; a wrong --ca is told plainly', async () => {
    const file = team.replicaFile(path.join(tmp.dir, 'carl'), 'carl');
    process.env.QW_TEAM_PASSWORD = 'carl-pw';
    const untouched = sha256(file);
    const wrong = await cli('team', 'join', file, team.pgc.url('carl'), '--ca', otherCa);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err.join('\n')).toMatch(/did not prove it is the server named/);
    expect(sha256(file)).toBe(untouched);
    const notPem = await cli('team', 'join', file, team.pgc.url('carl'), '--ca', path.join(certs, 'ext.cnf'));
    expect(notPem.err.join('\n')).toMatch(/holds no PEM certificate/);

    const join = await cli('team', 'join', file, team.pgc.url('carl'), '--ca', ca);
    expect(join.err).toEqual([]);
    expect(join.out).toMatch(/verified against/);
    const trust = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'home', 'team-servers.json'), 'utf8'));
    expect(Object.values(trust.servers)).toEqual([{ ca }]);
    delete process.env.QW_TEAM_PASSWORD;
    const sync = await cli('team', 'sync', file, '--json');
    expect(sync.err).toEqual([]);
    expect(JSON.parse(sync.out)).toMatchObject({ conflicts: 0 });
    // The project names the address (and that it is verified), never a path of this machine or a password.
    for (const f of [file, `${file}-wal`]) {
      if (!fs.existsSync(f)) continue;
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(certs))).toBe(false);
      expect(bytes.includes(Buffer.from('carl-pw'))).toBe(false);
    }
  });

  it('the app: team.join with a CA keeps it for this machine; the host\'s automatic sync verifies with it; a wrong CA is told as what to do in the app', async () => {
    const dir = path.join(tmp.dir, 'dora');
    const { session, dispatch } = openSession(dir, team.replicaFile(dir, 'dora'), { author: 'Dora' });
    const join = async (ca: string) => (await dispatch('team.join', { url: team.pgc.url('dora'), password: 'dora-pw', ca })) as ApiResult<TeamStatus>;
    const wrong = await join(otherCa);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.message).toMatch(/did not prove it is the server named.*Nothing was sent to it, not your password.*choose it as the certificate authority in File → Team → Join…/);
      expect(wrong.error.message).not.toContain('--ca');
    }
    expect(new TeamTrustFile(session.dataDir).caFor(team.pgc.url('dora'))).toBeNull();

    const joined = await join(ca);
    expect(joined.ok && joined.value).toMatchObject({ url: expect.stringMatching(/sslmode=verify-full$/), verified: true });
    const url = teamLinkOf(session.requireProject())!.url;
    expect(new TeamTrustFile(session.dataDir).caFor(url)).toBe(ca);
    // The first sync (started by the join) and Sync now both reach the server: only verified with the kept CA.
    const synced = (await dispatch('team.syncNow', {})) as ApiResult<TeamStatus>;
    expect(synced.ok && synced.value).toMatchObject({ light: 'synced', verified: true, message: null });

    // The CA kept for the server no longer signs its certificate: the light says why and what to do, nothing is sent.
    new TeamTrustFile(session.dataDir).setCa(url, otherCa);
    await teamSyncerOf(session).sync();
    const after = teamSyncerOf(session).status();
    expect(after.light).toBe('error');
    expect(after.message).toMatch(new RegExp(`not one signed by the certificate authority in ${otherCa}.*File → Team → Join…`));
    teamSyncerOf(session).stop();
  });
});
