// The browser-mode host: the same services and renderer as the Electron window, over HTTP on
// loopback only, behind a per-launch token, with Host/Origin checked against DNS rebinding.
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAppHandler } from '../node/appHandler';
import type { Dispatch } from '../node/dispatcher';
import type { ProjectSession } from '../node/session';

const COOKIE = 'qw_token';
/** Far above any real request; an absurd payload is refused before it is buffered. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BrowserHost {
  url: string; // the address to open, carrying the token
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  session: ProjectSession;
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  token?: string;
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const appHandler = createAppHandler({ rendererDir: opts.rendererDir, session: opts.session });
  let allowedHosts = new Set<string>();

  const tokenMatches = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

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
      const queryToken = url.searchParams.get('token');
      if (queryToken !== null && req.method === 'GET') {
        if (!tokenMatches(queryToken)) return plain(res, 401, 'Unauthorized: this launch token is not valid. Use the URL printed by `npm start`.');
        // Trade the URL token for an HttpOnly cookie and drop it from the address bar.
        res.writeHead(303, {
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: withoutToken(url),
          'Cache-Control': 'no-store',
        });
        return res.end();
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!tokenMatches(bearer) && !tokenMatches(readCookie(req.headers.cookie, COOKIE))) {
        return plain(res, 401, 'Unauthorized: open Quaywatch with the URL printed by `npm start` (it carries the launch token).');
      }

      if (pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return plain(res, 405, 'Use POST for API calls.');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return plain(res, 415, 'API calls must be application/json.');
        }
        const body = await readBody(req);
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
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same address without its token, keeping any other query parameters (e.g. ?preload=0). */
function withoutToken(url: URL): string {
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('token');
  const query = rest.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
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
      if (size > MAX_BODY_BYTES) chunks = null; // past the limit: keep draining, stop keeping
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
