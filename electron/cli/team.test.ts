// `quaywatch team init | member add | join | sync` on a real PostgreSQL with PostGIS: passwords come from
// the environment (never argv), the joined project's password goes to the keystore and never into the project.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../testing/pgCluster';
import { seedProject } from '../testing/seedProject';
import { tempDir } from '../testing/tmp';
import { cliAuthor } from './cliIo';
import { cli, sha256 } from './testing/cliHarness';

const tmp = tempDir('qw-cli-team-');
let pgc: PgCluster;
const saved = { home: process.env.QUAYWATCH_HOME, pw: process.env.QW_TEAM_PASSWORD, member: process.env.QW_TEAM_MEMBER_PASSWORD };

beforeAll(async () => {
  pgc = await startPgCluster();
  process.env.QUAYWATCH_HOME = path.join(tmp.dir, 'home');
}, 60_000);

afterAll(() => {
  for (const [k, v] of [['QUAYWATCH_HOME', saved.home], ['QW_TEAM_PASSWORD', saved.pw], ['QW_TEAM_MEMBER_PASSWORD', saved.member]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  pgc?.stop();
  tmp.cleanup();
});

it('an administrator creates the workspace and a member; the member joins a project and syncs it, no password on the command line', async () => {
  process.env.QW_TEAM_PASSWORD = pgc.adminPassword;
  const init = await cli('team', 'init', pgc.url('postgres'));
  expect(init.err).toEqual([]);
  expect(init.out).toMatch(/Created team workspace/);
  const again = await cli('team', 'init', pgc.url('postgres'));
  expect(again.code).not.toBe(0);
  expect(again.err.join('\n')).toMatch(/already holds a Quaywatch workspace/);

  process.env.QW_TEAM_MEMBER_PASSWORD = 's3cret-alice';
  const add = await cli('team', 'member', 'add', pgc.url('postgres'), 'alice', '--role', 'analyst', '--author', cliAuthor());
  expect(add.err).toEqual([]);

  const file = seedProject(tmp.dir, { author: cliAuthor(), zones: [{ name: 'Quay', geometry: { type: 'Polygon', coordinates: [[[130.2, 42.2], [130.4, 42.2], [130.4, 42.3], [130.2, 42.2]]] } }] }).file;
  const untouched = sha256(file);
  const inUrl = await cli('team', 'join', file, pgc.url('alice').replace('alice@', 'alice:s3cret-alice@'));
  expect(inUrl.code).not.toBe(0);
  expect(inUrl.err.join('\n')).toMatch(/Leave the password out of the address/);
  process.env.QW_TEAM_PASSWORD = 'wrong';
  const wrong = await cli('team', 'join', file, pgc.url('alice'));
  expect(wrong.err.join('\n')).toMatch(/refused the login or password/);
  expect(sha256(file)).toBe(untouched);

  process.env.QW_TEAM_PASSWORD = 's3cret-alice';
  const join = await cli('team', 'join', file, pgc.url('alice'));
  expect(join.err).toEqual([]);
  expect(join.out).toMatch(/Joined workspace .* as analyst/);
  // The sync finds the password in the keystore, not in the environment.
  delete process.env.QW_TEAM_PASSWORD;
  const sync = await cli('team', 'sync', file, '--json');
  expect(sync.err).toEqual([]);
  expect(JSON.parse(sync.out)).toMatchObject({ pushed: 1, pulled: 1, conflicts: 0 });
  expect(pgc.psql("SELECT name FROM quaywatch.zone", 'quaywatch').trim()).toBe('Quay');

  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from('s3cret-alice'))).toBe(false);
  const secrets = path.join(tmp.dir, 'home', 'secrets', 'team-passwords.json');
  if (fs.existsSync(secrets)) expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
}, 60_000);
