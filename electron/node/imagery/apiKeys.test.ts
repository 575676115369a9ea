// The keystore a key was saved in is the one it is found in: a password the join kept in the 0600 file (the OS
// keyring refused that run) is still found when a later run reaches the OS keyring, and leaves the file once the
// keyring holds it. The OS keyring is stood in for by a map (its refusals cannot be produced on demand here).
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../testing/tmp';
import { FileKeyStore, OsKeyStore, type EntryCtor } from './apiKeys';

const tmp = tempDir('qw-keys-');
afterAll(() => tmp.cleanup());

function fakeKeyring(): EntryCtor {
  const held = new Map<string, string>();
  return class {
    constructor(
      private readonly service: string,
      private readonly account: string,
    ) {}
    getPassword() {
      return held.get(`${this.service}|${this.account}`) ?? null;
    }
    setPassword(p: string) {
      held.set(`${this.service}|${this.account}`, p);
    }
    deletePassword() {
      held.delete(`${this.service}|${this.account}`);
    }
  };
}

it('a key saved to the file when the keyring refused is found through the keyring later, then moves into it', () => {
  const filePath = path.join(tmp.dir, 'secrets', 'team-passwords.json');
  const file = new FileKeyStore(filePath);
  file.set('postgres://alice@team/quaywatch', 'alice-pw');
  const os = new OsKeyStore(fakeKeyring(), 'Quaywatch team workspaces', file);
  expect(os.get('postgres://alice@team/quaywatch')).toBe('alice-pw');
  expect(os.get('postgres://bob@team/quaywatch')).toBeNull();
  os.set('postgres://alice@team/quaywatch', 'alice-pw');
  // Now only in the keyring: the file no longer holds it.
  expect(JSON.parse(fs.readFileSync(filePath, 'utf8'))).toEqual({});
  expect(os.get('postgres://alice@team/quaywatch')).toBe('alice-pw');
  os.delete('postgres://alice@team/quaywatch');
  expect(os.get('postgres://alice@team/quaywatch')).toBeNull();
});
