// Tile-service API keys, kept in the OS keystore (via @napi-rs/keyring) and never in the project
// file, an export or a log. Where no keyring runs (a headless Linux box, CI), keys go to a 0600
// file in the app's data folder — outside every project — and the caller is told so, once.
import fs from 'node:fs';
import path from 'node:path';

/** What a keystore holds: tile services' API keys, or team workspaces' passwords (electron/node/team/). */
export type KeyPurpose = 'tiles' | 'team';
const SERVICE: Record<KeyPurpose, string> = { tiles: 'Quaywatch tile keys', team: 'Quaywatch team workspaces' };
const FILE: Record<KeyPurpose, string> = { tiles: 'tile-keys.json', team: 'team-passwords.json' };

/**
 * The keystore entry of a request: its exact host name, as the request goes out (after every
 * placeholder is expanded). Plain http gets its own entry ("http://host"), so a key saved for an
 * https server is never sent in clear text to the same name.
 */
export function keyHostOf(url: URL): string {
  return url.protocol === 'https:' ? url.hostname : `${url.protocol}//${url.hostname}`;
}

/** Keys by keystore entry (keyHostOf), one per host: never looked up by a pattern. */
export interface KeyStore {
  get(host: string): string | null;
  set(host: string, key: string): void;
  delete(host: string): void;
  /** 'os-keystore', or 'file' with the file's path: the UI shows a warning for the latter. */
  readonly backend: { kind: 'os-keystore' } | { kind: 'file'; path: string };
}

export type EntryCtor = new (service: string, account: string) => {
  getPassword(): string | null | undefined;
  setPassword(p: string): void;
  deletePassword(): boolean | void;
};

/**
 * Which backend a service uses is decided once per process: Linux's kernel keyring can refuse a process's first
 * access and allow the next, and a password stored in the file by one caller (the join) must be found by the
 * next (the automatic sync) in the same place, not looked for in the OS keystore.
 */
const keyrings = new Map<string, Promise<EntryCtor | null>>();
function keyringOf(service: string): Promise<EntryCtor | null> {
  let k = keyrings.get(service);
  if (!k) keyrings.set(service, (k = loadKeyring(service)));
  return k;
}

async function loadKeyring(service: string): Promise<EntryCtor | null> {
  try {
    // Loaded lazily: a missing native binary must not stop the app, only move keys to the file.
    const mod = (await import('@napi-rs/keyring')) as unknown as { Entry: EntryCtor };
    // Prove a round trip works: on Linux without a Secret Service the library loads but fails here.
    const probe = new mod.Entry(service, '__probe__');
    probe.setPassword('probe');
    const ok = probe.getPassword() === 'probe';
    probe.deletePassword();
    return ok ? mod.Entry : null;
  } catch {
    return null;
  }
}

export class FileKeyStore implements KeyStore {
  readonly backend: { kind: 'file'; path: string };
  constructor(private readonly file: string) {
    this.backend = { kind: 'file', path: file };
  }
  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  private write(all: Record<string, string>) {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
  get(host: string) {
    return this.read()[host] ?? null;
  }
  set(host: string, key: string) {
    this.write({ ...this.read(), [host]: key });
  }
  delete(host: string) {
    const all = this.read();
    delete all[host];
    this.write(all);
  }
}

/**
 * The OS keystore, still reading the 0600 file: a key saved there by a run whose keyring refused it (Linux's
 * kernel keyring can refuse a process's first access) is found, not reported missing, once the keyring works.
 */
export class OsKeyStore implements KeyStore {
  readonly backend = { kind: 'os-keystore' as const };
  constructor(
    private readonly Entry: EntryCtor,
    private readonly service: string,
    private readonly fallback: KeyStore,
  ) {}
  get(host: string) {
    return new this.Entry(this.service, host).getPassword() ?? this.fallback.get(host);
  }
  set(host: string, key: string) {
    new this.Entry(this.service, host).setPassword(key);
    if (this.fallback.get(host) !== null) this.fallback.delete(host);
  }
  delete(host: string) {
    new this.Entry(this.service, host).deletePassword();
    if (this.fallback.get(host) !== null) this.fallback.delete(host);
  }
}

/**
 * The keystore for this machine: the OS one when it works, else the 0600 file under dataDir. Entries are
 * named by `purpose` (tile keys by host, team passwords by workspace address), each in its own service/file.
 */
export async function openKeyStore(dataDir: string, opts: { forceFile?: boolean; purpose?: KeyPurpose } = {}): Promise<KeyStore> {
  const purpose = opts.purpose ?? 'tiles';
  const Entry = opts.forceFile ? null : await keyringOf(SERVICE[purpose]);
  const file = new FileKeyStore(path.join(dataDir, 'secrets', FILE[purpose]));
  return Entry ? new OsKeyStore(Entry, SERVICE[purpose], file) : file;
}

export const FILE_KEYSTORE_WARNING =
  'No OS keystore is available on this machine: tile API keys are kept in a file readable only by you (mode 0600) in Quaywatch’s data folder, outside every project.';
