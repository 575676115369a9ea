// Connecting to a team workspace: the URL names the server, database, login and TLS mode (sslmode is passed
// through to the client), never the password. The password comes from the OS keystore, an environment
// variable or a prompt, so it is never in argv (readable by every local user), the project file or a log.
// The client is pg (node-postgres 8): the most used and maintained PostgreSQL client for Node, pure JavaScript
// (nothing native to rebuild for Electron), SCRAM authentication, TLS with sslmode from the address, parameterised
// queries, and escapeIdentifier/escapeLiteral for the one statement that takes no parameters (CREATE ROLE,
// store/teamServer.ts). postgres.js is the alternative, but its tagged-template API would be a second way of
// writing SQL beside better-sqlite3's.
import fs from 'node:fs';
import type pg from 'pg';
import { QuaywatchError } from '../errors';

/** Where a password for a team login may come from on the command line's side. */
export const PASSWORD_ENV = 'QW_TEAM_PASSWORD';

export interface TeamUrl {
  /** The URL as given, without password: what the project remembers and the keystore entry is named by. */
  url: string;
  login: string;
}

/** Checks a postgres:// URL: a login is required, a password refused. */
export function parseTeamUrl(text: string): TeamUrl {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new QuaywatchError('invalid_request', 'That is not a server address: give it as postgres://LOGIN@HOST:PORT/DATABASE.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new QuaywatchError('invalid_request', 'A team workspace address starts with postgres://.');
  if (u.password) {
    throw new QuaywatchError(
      'invalid_request',
      `Leave the password out of the address (a command line is readable by every user of this machine): give it in ${PASSWORD_ENV} or when asked. Nothing was changed.`,
    );
  }
  if (!u.username) throw new QuaywatchError('invalid_request', 'The address names no login: give it as postgres://LOGIN@HOST:PORT/DATABASE.');
  if (!u.hostname || u.pathname.length < 2) throw new QuaywatchError('invalid_request', 'The address names no server or no database: postgres://LOGIN@HOST:PORT/DATABASE.');
  return { url: u.toString(), login: decodeURIComponent(u.username) };
}

/** A certificate authority file bigger than this is not one (a bundle of a few hundred roots is under 1 MiB). */
const MAX_CA_BYTES = 1 << 20;

/**
 * Checks a certificate authority file before it is trusted: readable, not huge, PEM certificates. The path
 * is what is kept (team/trust.ts), so a CA renewed in place is read anew at each connection.
 */
export function checkCaFile(file: string): void {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > MAX_CA_BYTES) throw new QuaywatchError('invalid_request', `${file} is ${st.size} bytes: too big for a certificate authority file. Nothing was changed.`);
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    if (e instanceof QuaywatchError) throw e;
    throw new QuaywatchError('not_found', `Cannot read the certificate authority file ${file} (${(e as Error).message}). Nothing was changed.`);
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text)) {
    throw new QuaywatchError('invalid_request', `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the certificate authority that signed the team server's certificate. Nothing was changed.`);
  }
}

/** TLS failures that mean the server did not prove who it is (Node's codes), as opposed to an unreachable one. */
const UNVERIFIED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REJECTED',
]);

export interface ConnectOptions {
  /**
   * The certificate authority that signs the server's certificate (a PEM file on this machine): the
   * server must present a certificate it signed, for the host named in the address (sslmode verify-full,
   * unless the address says verify-ca). Without it, the address's sslmode is used as given.
   */
  caFile?: string | null;
}

/** Opens a connection; a refused login, an unverified server or an unreachable one is told in one sentence. */
export async function connectTeam(url: string, password: string, opts: ConnectOptions = {}): Promise<pg.Client> {
  // pg lets a connection string's (absent) password override a separate one: it joins the URL here, in memory only,
  // and so does the CA file's path (a path of this machine, never stored in the project: team/trust.ts).
  const withPassword = new URL(url);
  withPassword.password = encodeURIComponent(password);
  if (opts.caFile) {
    checkCaFile(opts.caFile);
    withPassword.searchParams.set('sslrootcert', opts.caFile);
    if (!['verify-full', 'verify-ca'].includes(withPassword.searchParams.get('sslmode') ?? '')) withPassword.searchParams.set('sslmode', 'verify-full');
  }
  // pg (and the fetch machinery it loads) is required on the first connection, not at every start of the
  // host: most projects are in no team, and the first page waits for the host to start.
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: withPassword.toString(), connectionTimeoutMillis: 10_000, application_name: 'quaywatch' });
  // A dropped connection must not crash the process: the next query fails and says so.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    const code = (e as { code?: string }).code;
    const host = new URL(url).host;
    if (code === '28P01' || code === '28000') throw new QuaywatchError('invalid_request', `The server at ${host} refused the login or password.`);
    if (code && UNVERIFIED.has(code)) {
      const by = opts.caFile ? `the certificate authority in ${opts.caFile}` : 'a certificate authority this machine trusts (give the workspace\'s with --ca FILE)';
      throw new QuaywatchError(
        'invalid_request',
        `The team server at ${host} did not prove it is the server named: its certificate is not one signed by ${by} for that address (${code}). Nothing was sent to it, not your password. Ask the workspace's administrator for its CA certificate.`,
      );
    }
    if (/does not support SSL/i.test((e as Error).message)) {
      throw new QuaywatchError('invalid_request', `The team server at ${host} does not offer TLS, and this address asks for a verified server (sslmode). Nothing was sent to it, not your password.`);
    }
    throw new QuaywatchError('io_error', `Cannot reach the team server at ${host} (${(e as Error).message}). Your work stays in the project; sync again when the server is reachable.`);
  }
  return client;
}
