// Tile API keys inside Electron: encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret or
// KWallet hold the encryption key) and kept, encrypted, in a 0600 file in userData — never in a project.
import fs from 'node:fs';
import path from 'node:path';
import type { KeyStore } from '../node/imagery/apiKeys';

/** The part of Electron's `safeStorage` this uses: passed in, so the Node side never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store protects the key ('basic_text' = a key hard-coded in Chromium). */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_KEYS_FILE = 'tile-keys.safestorage.json';

interface KeysFile {
  version: 1;
  /** host → base64 of safeStorage.encryptString(key) */
  keys: Record<string, string>;
}

class SafeStorageKeyStore implements KeyStore {
  readonly backend = { kind: 'os-keystore' as const };
  constructor(
    private readonly safeStorage: SafeStorageLike,
    readonly file: string,
  ) {}

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<KeysFile>;
      return parsed.version === 1 && parsed.keys && typeof parsed.keys === 'object' ? parsed.keys : {};
    } catch {
      return {};
    }
  }

  private write(keys: Record<string, string>) {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    const content: KeysFile = { version: 1, keys };
    fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    // Rename over the old file: a crash mid-write leaves the previous keys, never half a file.
    fs.renameSync(tmp, this.file);
  }

  get(host: string): string | null {
    const sealed = this.read()[host];
    if (!sealed) return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      // Sealed by another user or machine, or the OS key was reset: the analyst enters the key again.
      return null;
    }
  }

  set(host: string, key: string): void {
    this.write({ ...this.read(), [host]: this.safeStorage.encryptString(key).toString('base64') });
  }

  delete(host: string): void {
    const keys = this.read();
    if (!(host in keys)) return;
    delete keys[host];
    this.write(keys);
  }
}

/**
 * The safeStorage-backed keystore, or null where safeStorage cannot protect keys (not available, or
 * Linux's 'basic_text' fallback, which encrypts with a key everyone has): the caller then keeps the
 * Node-side keystore, which warns the analyst. Call after the app is ready.
 */
export function openSafeStorageKeyStore(safeStorage: SafeStorageLike, userDataDir: string, platform: NodeJS.Platform = process.platform): KeyStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return null;
  }
  return new SafeStorageKeyStore(safeStorage, path.join(userDataDir, SAFE_STORAGE_KEYS_FILE));
}
