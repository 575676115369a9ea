// The browser-mode host: the same services and renderer as the Electron window, over HTTP on
// loopback only, with Host/Origin checked against DNS rebinding.
//
// The session (the page's side: renderer/src/api/client.ts): the app's own files are public (they hold no
// secret); every API call and imagery request needs `Authorization: Bearer <session token>`. The
// page gets that token once, by trading the single-use launch code from the URL's fragment
// (`/#launch=…`, never sent in a request line, a log or a Referer) at `POST /session/claim`, and
// keeps it in its origin's storage, which is bound to this port. No cookie is ever set or read:
// a cookie on 127.0.0.1 would reach every other local server (whatever its port), and any page on
// another port could plant one; a second instance logs no one out. Tiles and GeoTIFF ranges are fetched
// (not <img>-loaded) so they carry the bearer too. `--open` hands the OS opener a 0600 launcher page
// (launcher.ts), never the link. The page pings `/session/ping` every 3 s (client.ts watchHost) and
// HostNotice.tsx says what to do when the host is gone. A request path is decoded once, before routing
// (a malformed %-escape is a 400). Attacks: session.attack.test.ts.
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAppHandler } from '../node/appHandler';
import { launchFragment } from '../../shared/launch';
import { HTTP_BATCH_ROUTE, MAX_BATCH_CALLS } from '../../shared/callNames';
import type { Dispatch } from '../node/dispatcher';
import type { ProjectSession } from '../node/session';

/** Far above any real request; an absurd payload is refused before it is buffered. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The claim's body is one short JSON object. */
const MAX_CLAIM_BYTES = 1024;

export interface BrowserHost {
  /** The address to open once: the app, with the single-use launch code in its fragment. */
  url: string;
  origin: string;
  port: number;
  /** The session token (in-process tests use it as a bearer; it is never printed or logged). */
  token: string;
  /** A fresh single-use launch address (the previous unclaimed one stops working). */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  session: ProjectSession;
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Told when a page has traded the launch code for the session (e.g. to remove a launcher file). */
  onClaimed?: () => void;
}

const secret = () => randomBytes(24).toString('base64url');

function equalSecret(candidate: string | null | undefined, expected: Buffer | null): boolean {
  if (!candidate || !expected) return false;
  const b = Buffer.from(candidate);
  return b.length === expected.length && timingSafeEqual(b, expected);
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? secret();
  const tokenBuf = Buffer.from(token);
  /** The one launch code that may still be claimed; null once claimed. */
  let launchCode: Buffer | null = Buffer.from(secret());
  const appHandler = createAppHandler({ rendererDir: opts.rendererDir, session: opts.session });
  let allowedHosts = new Set<string>();

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) return plain(res, 403, 'Forbidden: unexpected Host header.');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '')) ) {
        return plain(res, 403, 'Forbidden: cross-origin request.');
      }
      if (req.headers['sec-fetch-site'] === 'cross-site') return plain(res, 403, 'Forbidden: cross-site request.');

      // One decoding for every route (the API's call name, imagery, files): a broken %-escape is
      // the client's mistake, answered 400, not an exception answered 500.
      let url: URL;
      let pathname: string;
      try {
        url = new URL(req.url ?? '/', `http://${host}`);
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return plain(res, 400, 'Bad request: the address is not valid (a broken %-escape). Check the link, or open the URL printed by `npm start`.');
      }

      if (pathname === '/session/claim') {
        if (req.method !== 'POST') return plain(res, 405, 'Use POST to claim the session.');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return plain(res, 415, 'The claim must be application/json.');
        const body = await readBody(req, MAX_CLAIM_BYTES);
        let code: unknown;
        try {
          code = body ? (JSON.parse(body.toString('utf8')) as { code?: unknown }).code : undefined;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string' || !equalSecret(code, launchCode)) {
          return plain(res, 401, 'Unauthorized: this launch link was already used or is not valid. Each link opens Quaywatch once; restart `npm start` for a new one.');
        }
        launchCode = null; // single use: the address in a history, a log or argv opens nothing again
        opts.onClaimed?.();
        return json(res, 200, { token });
      }

      // The app's own files are public; the project's data (API, imagery) needs the session.
      const needsSession = pathname.startsWith('/api/') || pathname.startsWith('/imagery/') || pathname === '/session/ping';
      if (needsSession) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!equalSecret(bearer, tokenBuf)) {
          return plain(res, 401, 'Unauthorized: this page has no Quaywatch session. Open the link printed by `npm start` (each link opens once; restart for a new one).');
        }
      }

      // The page's heartbeat: the host is there and knows this page's session.
      if (pathname === '/session/ping') {
        res.writeHead(204, baseHeaders);
        return res.end();
      }

      if (pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return plain(res, 405, 'Use POST for API calls.');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return plain(res, 415, 'API calls must be application/json.');
        }
        const body = await readBody(req, MAX_BODY_BYTES);
        if (body === null) {
          // Close rather than read the rest: a client declaring 1 GB hears 413 at once, not after sending it.
          res.setHeader('Connection', 'close');
          plain(res, 413, 'Request too large.');
          res.once('finish', () => req.socket.destroy());
          return;
        }
        let payload: unknown;
        try {
          payload = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return json(res, 400, { ok: false, error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
        }
        if (pathname === HTTP_BATCH_ROUTE) {
          const calls = batchOf(payload);
          if (!calls) return json(res, 400, { ok: false, error: { code: 'invalid_request', message: `A batch is an array of 1 to ${MAX_BATCH_CALLS} calls, each { "name": "…", "request": {…} }.` } });
          const results = [];
          for (const c of calls) results.push(await opts.dispatch(c.name, c.request));
          return json(res, 200, results);
        }
        const result = await opts.dispatch(pathname.slice('/api/'.length), payload);
        return json(res, 200, result);
      }

      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await appHandler(new Request(url, { method: req.method, headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body && req.method !== 'HEAD') res.end(Buffer.from(await response.arrayBuffer()));
      else res.end();
    } catch (e) {
      if (!res.headersSent) plain(res, 500, `Internal error: ${(e as Error).message}`);
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  const launchUrl = () => `${origin}/${launchFragment(launchCode!.toString())}`;
  return {
    url: launchUrl(),
    origin,
    port,
    token,
    newLaunchUrl() {
      launchCode = Buffer.from(secret());
      return launchUrl();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The calls of a batch (shared/callNames.ts), or null when it is not one; each call's own checks are the dispatcher's. */
function batchOf(payload: unknown): { name: string; request: unknown }[] | null {
  if (!Array.isArray(payload) || payload.length < 1 || payload.length > MAX_BATCH_CALLS) return null;
  const ok = payload.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c) && typeof (c as { name?: unknown }).name === 'string');
  return ok ? (payload as { name: string; request?: unknown }[]).map((c) => ({ name: c.name, request: c.request ?? {} })) : null;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      // Refuse before reading a byte: memory stays bounded and the client hears why at once.
      req.resume();
      req.on('error', () => {});
      resolve(null);
      return;
    }
    let chunks: Buffer[] | null = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) chunks = null; // past the limit: keep draining, stop keeping
      else chunks?.push(c);
    });
    req.on('end', () => resolve(chunks ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

const baseHeaders = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

function plain(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...baseHeaders, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
