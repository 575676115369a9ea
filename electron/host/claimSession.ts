// Trades a launch address (`http://127.0.0.1:PORT/#launch=CODE`) for the session token, as the
// page does on load; for programs that drive the host over HTTP (tests, benchmarks, scripts).
import { launchCodeOf } from '../../shared/launch';

export async function claimSession(launchUrl: string): Promise<{ origin: string; token: string; headers: Record<string, string> }> {
  const url = new URL(launchUrl);
  const code = launchCodeOf(url.hash);
  if (!code) throw new Error(`not a launch address: ${url.origin}/ (no #launch= code)`);
  const res = await fetch(`${url.origin}/session/claim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  if (!res.ok) throw new Error(`the host refused the launch code: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { origin: url.origin, token, headers: { Authorization: `Bearer ${token}` } };
}
