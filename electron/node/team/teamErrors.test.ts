// The words the Join dialog and the status light give for a failure, from connect.ts's messages: a server
// that did not prove who it is (a wrong or missing CA) says what to do in the app, not the CLI's --ca.
import { describe, expect, it } from 'vitest';
import { QuaywatchError } from '../errors';
import { describeTeamFailure, teamFailureError } from './teamErrors';

const unverified = (by: string) =>
  new QuaywatchError(
    'invalid_request',
    `The team server at db.example.org:5432 did not prove it is the server named: its certificate is not one signed by ${by} for that address (SELF_SIGNED_CERT_IN_CHAIN). Nothing was sent to it, not your password. Ask the workspace's administrator for its CA certificate.`,
  );

describe('describeTeamFailure: TLS', () => {
  it('a server not proven by the CA is a TLS failure whose fix is choosing the CA in the Join dialog', () => {
    const none = describeTeamFailure(unverified("a certificate authority this machine trusts (give the workspace's with --ca FILE)"));
    expect(none.kind).toBe('tls');
    expect(none.message).not.toContain('--ca');
    expect(none.message).toMatch(/not one signed by a certificate authority this machine trusts for that address .*Nothing was sent to it, not your password\..*choose it as the certificate authority in File → Team → Join…$/);
    const wrong = describeTeamFailure(unverified('the certificate authority in /home/ana/old-ca.crt'));
    expect(wrong).toMatchObject({ kind: 'tls', message: expect.stringContaining('signed by the certificate authority in /home/ana/old-ca.crt') });
    // The dialog gets it as an error of the connection, not of the request.
    expect(teamFailureError(unverified('x')).code).toBe('io_error');
  });

  it('a kept CA file that is gone or is no certificate says to join again choosing it', () => {
    const gone = describeTeamFailure(new QuaywatchError('not_found', 'Cannot read the certificate authority file /m/ca.crt (ENOENT). Nothing was changed.'));
    expect(gone).toMatchObject({ kind: 'tls', message: expect.stringMatching(/ENOENT\)\. Nothing was changed\. Join again \(File → Team → Join…\) choosing the certificate authority/) });
  });
});
