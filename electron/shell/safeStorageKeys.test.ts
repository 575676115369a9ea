// The safeStorage keystore with a fake safeStorage (real AES-GCM under a per-"OS account" key, as
// Electron's is opaque bytes): keys round-trip, the file on disk holds only sealed bytes (0600), a
// file sealed by another account yields no key rather than an error, the fallbacks where safeStorage
// cannot protect anything, and the adapter actually used by the imagery handlers once provided.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../testing/tmp';
import { openSafeStorageKeyStore, SAFE_STORAGE_KEYS_FILE, type SafeStorageLike } from './safeStorageKeys';
import { ProjectSession } from '../node/session';
import { createDispatcher } from '../node/dispatcher';
import { provideKeyStore } from '../node/imagery/tiles';

const KEY = 'PLANTED-safeStorage-KEY-4b1d';

function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike & { osKey: Buffer } {
  const osKey = crypto.randomBytes(32);
  return {
    osKey,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = crypto.createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-safestorage-')));
afterEach(() => tmp.cleanup());

describe('safeStorage keystore', () => {
  it('round-trips keys per host, and the file holds only sealed bytes, readable by the user alone', () => {
    const safe = fakeSafeStorage();
    const ks = openSafeStorageKeyStore(safe, tmp.dir, 'linux')!;
    expect(ks.backend).toEqual({ kind: 'os-keystore' });
    expect(ks.get('tiles.planet.com')).toBeNull();
    ks.set('tiles.planet.com', KEY);
    ks.set('tiles.example.org', 'other-key');
    expect(ks.get('tiles.planet.com')).toBe(KEY);
    expect(ks.get('tiles.example.org')).toBe('other-key');

    const file = path.join(tmp.dir, SAFE_STORAGE_KEYS_FILE);
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).toContain('tiles.planet.com');
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(tmp.dir)).toEqual([SAFE_STORAGE_KEYS_FILE]); // no temp file left behind

    ks.delete('tiles.planet.com');
    expect(ks.get('tiles.planet.com')).toBeNull();
    expect(ks.get('tiles.example.org')).toBe('other-key');
    // A second store over the same file (the next launch) reads what the first wrote.
    const next = openSafeStorageKeyStore(safe, tmp.dir, 'linux')!;
    expect(next.get('tiles.example.org')).toBe('other-key');
  });

  it('gives no key, and no error, for a file sealed by another account or machine', () => {
    openSafeStorageKeyStore(fakeSafeStorage(), tmp.dir, 'linux')!.set('tiles.planet.com', KEY);
    const elsewhere = openSafeStorageKeyStore(fakeSafeStorage(), tmp.dir, 'linux')!;
    expect(elsewhere.get('tiles.planet.com')).toBeNull();
    // A damaged file is the same as no keys: entering a key again repairs it.
    fs.writeFileSync(path.join(tmp.dir, SAFE_STORAGE_KEYS_FILE), '{not json');
    expect(elsewhere.get('tiles.planet.com')).toBeNull();
    elsewhere.set('tiles.planet.com', KEY);
    expect(elsewhere.get('tiles.planet.com')).toBe(KEY);
  });

  it('is not used where safeStorage cannot protect keys, so the Node keystore (with its warning) stays', () => {
    expect(openSafeStorageKeyStore(fakeSafeStorage({ available: false }), tmp.dir, 'darwin')).toBeNull();
    expect(openSafeStorageKeyStore(fakeSafeStorage({ backend: 'basic_text' }), tmp.dir, 'linux')).toBeNull();
    expect(openSafeStorageKeyStore(fakeSafeStorage({ backend: 'unknown' }), tmp.dir, 'linux')).toBeNull();
    expect(openSafeStorageKeyStore(fakeSafeStorage({ backend: 'kwallet5' }), tmp.dir, 'linux')).not.toBeNull();
    // macOS and Windows have no backend choice: Keychain and DPAPI.
    const { getSelectedStorageBackend: _ignored, ...mac } = fakeSafeStorage();
    expect(openSafeStorageKeyStore(mac, tmp.dir, 'darwin')).not.toBeNull();
    expect(fs.existsSync(path.join(tmp.dir, SAFE_STORAGE_KEYS_FILE))).toBe(false);
  });

  it('once provided for a data folder, takes the keys the imagery calls are given, instead of the 0600 file', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const userData = path.join(tmp.dir, 'userData');
    const safe = fakeSafeStorage();
    provideKeyStore(dataDir, openSafeStorageKeyStore(safe, userData, 'linux')!);
    const session = new ProjectSession({ dataDir, author: 'tester', host: 'electron' });
    const dispatch = createDispatcher(session);
    try {
      expect(await dispatch('project.create', { path: path.join(tmp.dir, 'p.quaywatch') })).toMatchObject({ ok: true });
      expect(await dispatch('imagery.keyStore', {})).toEqual({ ok: true, value: { kind: 'os-keystore', warning: null } });
      const added = await dispatch('scenes.addTemplate', {
        template: `https://tiles.example.org/{z}/{x}/{y}.png?api_key=${KEY}`,
        acquired: '2025-01-14T00:00:00Z',
      });
      expect(added).toMatchObject({ ok: true, value: { source: { kind: 'xyz', template: 'https://tiles.example.org/{z}/{x}/{y}.png?api_key={apiKey}' } } });
      const sealed = JSON.parse(fs.readFileSync(path.join(userData, SAFE_STORAGE_KEYS_FILE), 'utf8')) as { keys: Record<string, string> };
      expect(safe.decryptString(Buffer.from(sealed.keys['tiles.example.org']!, 'base64'))).toBe(KEY);
      expect(fs.existsSync(path.join(dataDir, 'secrets', 'tile-keys.json'))).toBe(false);
    } finally {
      session.close();
    }
  });
});
