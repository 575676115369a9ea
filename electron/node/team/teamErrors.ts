// What went wrong reaching a team workspace, in a sentence that says what to do: the join dialog's
// errors and the status light's. Only the words of connect.ts and teamServer.ts are read here (the
// message of a failed connection carries the client's reason in brackets); nothing is retried from here.
import { QuaywatchError } from '../errors';

export type TeamFailureKind = 'unreachable' | 'tls' | 'password' | 'workspace' | 'database' | 'other';

export interface TeamFailure {
  kind: TeamFailureKind;
  message: string;
}

const TLS = /\b(SSL|TLS)\b|certificate|self[- ]signed|UNABLE_TO_VERIFY|ERR_TLS|hostname\/IP does not match/i;

export function describeTeamFailure(e: unknown): TeamFailure {
  const message = e instanceof Error ? e.message : String(e);
  // connect.ts names the server as "…server at HOST (reason)" or "…server at HOST refused…".
  const host = /server at (\S+) (?:\(|refused)/.exec(message)?.[1] ?? 'the server';
  if (/refused the login or password/.test(message)) {
    return { kind: 'password', message: `${message} Check the password (and the login in the address), then join again (File → Team → Join…).` };
  }
  if (/No password is stored/.test(message)) {
    return { kind: 'password', message: 'No password for this workspace is stored on this machine: join again (File → Team → Join…) to store it.' };
  }
  if (/an event names an unknown entity/.test(message)) {
    return {
      kind: 'workspace',
      message: 'This workspace was made by an older Quaywatch (team schema 1) and cannot keep settlements of conflicts: ask its administrator to make it again with `quaywatch team init` on an empty database. Your work stays in the project.',
    };
  }
  if (/holds no Quaywatch workspace|not a member of the workspace|newer Quaywatch/.test(message)) return { kind: 'workspace', message };
  // connect.ts words a server that did not prove who it is for the command line (--ca FILE): here the fix is the dialog's.
  if (/did not prove it is the server named|does not offer TLS/.test(message)) {
    return {
      kind: 'tls',
      message: `${message.replace(/ \(give the workspace's with --ca FILE\)/, '')} Then choose it as the certificate authority in File → Team → Join…`,
    };
  }
  if (/Cannot read the certificate authority file|holds no PEM certificate/.test(message)) {
    return { kind: 'tls', message: `${message} Join again (File → Team → Join…) choosing the certificate authority the workspace's administrator gave you.` };
  }
  const db = /database "([^"]+)" does not exist/.exec(message);
  if (db) return { kind: 'database', message: `The server at ${host} has no database named “${db[1]}”: check the name after the last / in the address. Nothing was changed.` };
  if (/Cannot reach the team server/.test(message)) {
    if (TLS.test(message)) {
      return {
        kind: 'tls',
        message: `The secure connection to ${host} failed (${/\(([^)]*)\)/.exec(message)?.[1] ?? 'TLS'}): check the address's sslmode, and that this machine trusts the server's certificate (ask its administrator for the CA). Nothing was sent.`,
      };
    }
    return { kind: 'unreachable', message: `Cannot reach the team server at ${host}: check the address and your network, and that the server is running.` };
  }
  return { kind: 'other', message };
}

/** The failure as the error a call answers with (the dialog shows its message). */
export function teamFailureError(e: unknown): QuaywatchError {
  const f = describeTeamFailure(e);
  if (e instanceof QuaywatchError && f.kind === 'other') return e;
  return new QuaywatchError(f.kind === 'unreachable' || f.kind === 'tls' ? 'io_error' : f.kind === 'other' ? 'invalid_request' : 'not_found', f.message);
}
