// Test helper: a real, throwaway PostgreSQL cluster with PostGIS, in a temporary folder owned by the
// `postgres` user (PostgreSQL refuses to run as root), listening on 127.0.0.1 at a free port with
// password (SCRAM) authentication, as a team server would. `stop()` ends it and removes the folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'].find((d) => fs.existsSync(path.join(d, 'initdb')));

export interface PgCluster {
  port: number;
  /** The superuser's password (the superuser is `postgres`). */
  adminPassword: string;
  /** A connection URL without a password, e.g. url('alice') → postgres://alice@127.0.0.1:PORT/quaywatch. */
  url(user: string, database?: string): string;
  /** Runs SQL as the superuser through psql over TCP (for setting up a test, never for the code under test). */
  psql(sql: string, database?: string): string;
  /** Stops the server abruptly (as a crash or a pulled cable would), keeping its data; `startServer` brings it back. */
  stopServer(): void;
  startServer(): void;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether this machine can start a cluster at all (PostgreSQL 15+ binaries and PostGIS installed). */
export function pgAvailable(): string | null {
  if (!PG_BIN) return 'PostgreSQL server binaries are not installed (apt-get install postgresql-15)';
  if (!fs.readdirSync('/usr/share/postgresql').some((v) => fs.existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`))) {
    return 'PostGIS is not installed (apt-get install postgresql-15-postgis-3)';
  }
  return null;
}

/**
 * A freshly initialised cluster (never started) to copy, made once per machine and PostgreSQL version in the
 * temporary folder, readable only by its owners; made aside and renamed into place, so concurrent test files
 * racing to make it each get a whole one.
 */
function clusterTemplate(asPostgres: (bin: string, args: string[]) => string): { data: string; password: string } {
  const version = path.basename(path.dirname(PG_BIN!));
  const home = path.join(os.tmpdir(), `qw-pg-template-${version}`);
  const read = () => ({ data: path.join(home, 'data'), password: fs.readFileSync(path.join(home, 'pw'), 'utf8') });
  if (fs.existsSync(path.join(home, 'ready'))) return read();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-pg-template-new-'));
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(path.join(work, 'pw'), password, { mode: 0o600 });
  execFileSync('chown', ['-R', 'postgres:postgres', work]);
  asPostgres('initdb', ['-D', path.join(work, 'data'), '-U', 'postgres', '--pwfile', path.join(work, 'pw'), '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-instructions', '--no-sync']);
  fs.writeFileSync(path.join(work, 'ready'), '');
  try {
    fs.renameSync(work, home);
  } catch {
    // Another test file made it first: use theirs.
    fs.rmSync(work, { recursive: true, force: true });
  }
  return read();
}

export interface PgClusterOptions {
  /** Serve TLS (ssl=on) with this certificate and key (PEM files; copied into the cluster's folder). */
  tls?: { certFile: string; keyFile: string };
}

/** Starts a cluster with a `quaywatch` database; the caller must `stop()` it (afterAll). */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const missing = pgAvailable();
  if (missing) throw new Error(`Cannot start a test PostgreSQL: ${missing}. Run scripts/ensure-deps.sh.`);
  if (os.userInfo().uid !== 0) throw new Error('The test PostgreSQL is started as the postgres user through runuser, which needs root.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-pg-'));
  const data = path.join(dir, 'data');
  const asPostgres = (bin: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN!, bin), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  // initdb takes seconds; a cluster made once per machine and PostgreSQL version is copied instead.
  const template = clusterTemplate(asPostgres);
  execFileSync('cp', ['-a', template.data, data]);
  const adminPassword = template.password;
  let tlsOpts = '';
  if (options.tls) {
    // PostgreSQL refuses a key file others may read.
    fs.copyFileSync(options.tls.certFile, path.join(dir, 'server.crt'));
    fs.copyFileSync(options.tls.keyFile, path.join(dir, 'server.key'));
    fs.chmodSync(path.join(dir, 'server.key'), 0o600);
    tlsOpts = ` -c ssl=on -c ssl_cert_file=${path.join(dir, 'server.crt')} -c ssl_key_file=${path.join(dir, 'server.key')}`;
  }
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  // fsync off: the machine does not crash in a test, so what the server acknowledged is in the OS's hands;
  // synchronous_commit stays on, so a server stopped abruptly (stopServer) keeps every commit it acknowledged.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60${tlsOpts}`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', '-t', '30', 'start']);
  start();
  const psql = (sql: string, database = 'postgres') =>
    execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql], {
      env: { ...process.env, PGPASSWORD: adminPassword },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  psql('CREATE DATABASE quaywatch');
  let stopped = false;
  return {
    port,
    adminPassword,
    url: (user, database = 'quaywatch') => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`,
    psql,
    stopServer: () => void asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    startServer: () => void start(),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
