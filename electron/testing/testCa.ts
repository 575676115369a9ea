// Test helper: a throwaway certificate authority made with openssl, and a server certificate it signs, so that
// a test PostgreSQL (pgCluster.ts) serves TLS that a member can verify (verify-full) with the CA's file alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PgClusterOptions } from './pgCluster';

export interface TestCa {
  /** The CA's certificate (PEM): what a member gives as `--ca` or chooses in the join dialog. */
  caFile: string;
  /** The server's certificate and key, signed by the CA, for the address the members use (127.0.0.1). */
  serverTls: NonNullable<PgClusterOptions['tls']>;
}

/**
 * Makes, in `dir` (created if need be): the CA as ca.crt and ca.key, the server's certificate as server.crt and
 * server.key, and ext.cnf (its subjectAltName; a file that is no certificate). EC P-256 keys: quick to make.
 */
export function makeTestCa(dir: string): TestCa {
  fs.mkdirSync(dir, { recursive: true });
  const at = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ecKey, '-days', '2', '-subj', '/CN=Quaywatch test CA', '-keyout', at('ca.key'), '-out', at('ca.crt')]);
  openssl(['req', ...ecKey, '-subj', '/CN=127.0.0.1', '-keyout', at('server.key'), '-out', at('server.csr')]);
  fs.writeFileSync(at('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '2',
    '-extfile', at('ext.cnf'), '-out', at('server.crt')]);
  return { caFile: at('ca.crt'), serverTls: { certFile: at('server.crt'), keyFile: at('server.key') } };
}
