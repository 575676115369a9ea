// File → Team → Join…: joins the open project to a team workspace. The address is asked without a password
// and the login apart; the password field's value goes once to the host, which keeps it in the OS keystore
// (as `quaywatch team join` does) and never writes it to the project, a log or an answer. A certificate
// authority, chosen with the app's file dialog, makes the server prove who it is (verify-full), at the join
// and at every sync after it (as `team join --ca`).
import { useState } from 'react';
import { ApiCallError } from '../api/client';
import { chooseFile } from '../files/chooseFiles';
import { useApp } from '../state/appStore';
import { useTeam } from './teamStore';

/** The address the host is given: the login put into the server's address (never the password). */
export function teamAddress(server: string, login: string): string {
  const text = server.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error('That is not a server address: give it as postgres://HOST:PORT/DATABASE.');
  }
  if (u.password) throw new Error('Leave the password out of the address: type it in the Password field.');
  if (login.trim()) u.username = encodeURIComponent(login.trim());
  return u.toString();
}

export function TeamJoinDialog() {
  const summary = useApp((s) => s.summary);
  const author = useApp((s) => s.info?.author ?? '');
  const [server, setServer] = useState('postgres://');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [ca, setCa] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useApp.getState().setDialog(null);

  const join = async () => {
    setError(null);
    setBusy(true);
    try {
      await useTeam.getState().join(teamAddress(server, login), password, ca ?? undefined);
      setPassword('');
      useApp.getState().toast('info', 'Joined the team workspace: your work is being sent, the team’s received. The light at the top says how it goes.');
      close();
    } catch (e) {
      setError(e instanceof ApiCallError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <form
        className="modal team-dialog"
        role="dialog"
        aria-label="Join a team workspace"
        data-testid="team-join-dialog"
        autoComplete="off"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <h2>Join a team workspace</h2>
        <p className="hint">
          {summary?.project.name ?? 'This project'} will send your marks, verdicts and zones to the team’s PostgreSQL server and receive
          your colleagues’. You keep working offline as before; the light at the top says when it last synced. The workspace must know
          your login as “{author}”.
        </p>
        <label>
          Server address (no password in it)
          <input
            autoFocus
            data-testid="team-server"
            value={server}
            placeholder="postgres://team.example.org:5432/quaywatch?sslmode=verify-full"
            spellCheck={false}
            onChange={(e) => setServer(e.target.value)}
          />
        </label>
        <div className="field-row">
          <label>
            Login
            <input data-testid="team-login" value={login} spellCheck={false} autoComplete="username" onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label>
            Password
            <input data-testid="team-password" type="password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />
          </label>
        </div>
        <p className="hint small">The password is kept in this computer’s keystore, never in the project file.</p>
        <div className="team-ca">
          <span className="team-ca-label">Certificate authority</span>
          <span className={ca ? 'mono team-ca-path' : 'muted team-ca-path'} data-testid="team-ca" title={ca ?? undefined}>
            {/* ltr inside an rtl box: a long path is cut at its start, so the file's name stays in sight. */}
            <span dir="ltr">{ca ?? 'none: the address’s sslmode decides'}</span>
          </span>
          <button
            type="button"
            data-testid="team-ca-choose"
            disabled={busy}
            onClick={() =>
              void chooseFile({ mode: 'open', title: 'The team server’s certificate authority', types: ['certificate'] }).then((c) => c && (setCa(c.path), setError(null)))
            }
          >
            Choose…
          </button>
          {ca && (
            <button type="button" data-testid="team-ca-clear" disabled={busy} onClick={() => (setCa(null), setError(null))}>
              Clear
            </button>
          )}
        </div>
        <p className="hint small">
          Given by the workspace’s administrator (a .crt or .pem file): the server must then prove it is the one named in the address before your password
          is sent, now and at every sync.
        </p>
        {error && (
          <p className="error" role="alert" data-testid="team-join-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="team-join" disabled={busy || !login.trim() || !password || server.trim().length < 12}>
            {busy ? 'Joining…' : 'Join'}
          </button>
        </div>
      </form>
    </div>
  );
}
