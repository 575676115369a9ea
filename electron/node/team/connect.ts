// Connecting to a team workspace: the URL names the server, database, login and TLS mode (sslmode is passed
// through to the client), never the password. The password comes from the OS keystore, an environment
// variable or a prompt, so it is never in argv (readable by every local user), the project file or a log.
// The client is pg (node-postgres 8): the most used and maintained PostgreSQL client for Node, pure JavaScript
// (nothing native to rebuild for Electron), SCRAM authentication, TLS with sslmode from the address, parameterised
// queries, and escapeIdentifier/escapeLiteral for the one statement that takes no parameters (CREATE ROLE,
// store/teamServer.ts). postgres.js is the alternative, but its tagged-template API would be a second way of
// writing SQL beside better-sqlite3's.
import pg from 'pg';
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

/** Opens a connection; a refused login or an unreachable server is told in one sentence. */
export async function connectTeam(url: string, password: string): Promise<pg.Client> {
  // pg lets a connection string's (absent) password override a separate one: it joins the URL here, in memory only.
  const withPassword = new URL(url);
  withPassword.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: withPassword.toString(), connectionTimeoutMillis: 10_000, application_name: 'quaywatch' });
  // A dropped connection must not crash the process: the next query fails and says so.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    const code = (e as { code?: string }).code;
    const host = new URL(url).host;
    if (code === '28P01' || code === '28000') throw new QuaywatchError('invalid_request', `The server at ${host} refused the login or password.`);
    throw new QuaywatchError('io_error', `Cannot reach the team server at ${host} (${(e as Error).message}). Your work stays in the project; sync again when the server is reachable.`);
  }
  return client;
}
