// A fetch-style handler (Request → Response) that serves the renderer's files and the scenes'
// imagery. Electron mounts it as the quaywatch:// protocol, the browser-mode host as its routes.
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { ProjectSession } from './session';
import { sceneTile } from './imagery/tiles';
import { openSceneFile, SceneFileError, type OpenedImageryFile } from './imagery/sceneFile';
import { MAX_PREVIEW_SIDE, openingScene, scenePreview, type ScenePreview } from './imagery/scenePreview';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export type AppHandler = (req: Request) => Promise<Response>;

export function createAppHandler(opts: { rendererDir: string; session: ProjectSession }): AppHandler {
  const root = path.resolve(opts.rendererDir);
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed');
    const url = new URL(req.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(400, 'Bad path');
    }
    const tile = /^\/imagery\/scene\/([0-9a-f-]{36})\/tiles\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})$/.exec(pathname);
    if (tile) return serveSceneTile(opts.session, tile[1]!, Number(tile[2]), Number(tile[3]), Number(tile[4]));
    if (pathname === '/imagery/opening/preview') return serveOpeningPreview(opts.session, url.searchParams);
    const imagery = /^\/imagery\/scene\/([0-9a-f-]{36})$/.exec(pathname);
    if (imagery) return serveSceneImagery(opts.session, imagery[1]!, req);

    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    // Never serve outside the renderer folder, whatever the path says.
    if (file !== root && !file.startsWith(root + path.sep)) return text(403, 'Forbidden');
    return serveFile(file, req, pathname === '/' || rel === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable');
  };
}

async function serveSceneImagery(session: ProjectSession, sceneId: string, req: Request): Promise<Response> {
  const store = session.current;
  if (!store) return text(404, 'No project is open');
  const scene = store.scene(sceneId);
  if (!scene) return text(404, 'No such scene');
  // A demo scene still being written (first start) is served as soon as it is there, not refused.
  try {
    await session.imageryWritten(sceneId);
  } catch (e) {
    return text(503, `This scene's imagery is not available: ${(e as Error).message}.`);
  }
  // Only the very file imported as this scene, opened without following links (see sceneFile.ts).
  let file: OpenedImageryFile;
  try {
    file = await openSceneFile(store, scene);
  } catch (e) {
    if (e instanceof SceneFileError) return text(e.status, e.message);
    throw e;
  }
  try {
    return await serveHandle(file.handle, file.size, file.kind === 'geotiff' ? 'image/tiff' : 'application/octet-stream', req, 'no-cache');
  } finally {
    await file.close();
  }
}

/**
 * The preview of the scene the app opens on (scenePreview.ts openingScene) for a screen of ?w=×?h= device pixels: RGBA bytes, with the scene, size, CRS and extent in
 * headers; 204 when that scene gets none (scenePreview.ts says which do). Not by scene id, so the page
 * can ask for it at once, before its scene list has answered; the map draws it first at start.
 */
async function serveOpeningPreview(session: ProjectSession, query: URLSearchParams): Promise<Response> {
  const store = session.current;
  if (!store) return text(404, 'No project is open');
  const noPreview = () => new Response(null, { status: 204, headers: { ...securityHeaders, 'Cache-Control': 'no-store' } });
  const scene = openingScene(store);
  if (!scene) return noPreview();
  const sceneId = scene.id;
  const side = (v: string | null) => Math.max(16, Math.min(MAX_PREVIEW_SIDE, Math.round(Number(v)) || 1024));
  try {
    await session.imageryWritten(sceneId);
  } catch (e) {
    return text(503, `This scene's imagery is not available: ${(e as Error).message}.`);
  }
  let preview: ScenePreview | null;
  try {
    preview = await scenePreview(store, scene, { width: side(query.get('w')), height: side(query.get('h')) }, session.takeOpeningDecoded(sceneId));
  } catch (e) {
    if (e instanceof SceneFileError) return text(e.status, e.message);
    throw e;
  }
  if (!preview) return noPreview();
  return new Response(new Uint8Array(preview.rgba), {
    status: 200,
    headers: {
      ...securityHeaders,
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Content-Length': String(preview.rgba.length),
      'Quaywatch-Scene': sceneId,
      'Quaywatch-Size': `${preview.width}x${preview.height}`,
      'Quaywatch-Crs': preview.crs,
      'Quaywatch-Extent': preview.extent.join(','),
    },
  });
}

/** Serves one XYZ tile of an MBTiles or template scene (from the project's offline copy first). */
async function serveSceneTile(session: ProjectSession, sceneId: string, z: number, x: number, y: number): Promise<Response> {
  const store = session.current;
  if (!store) return text(404, 'No project is open');
  const scene = store.scene(sceneId);
  if (!scene) return text(404, 'No such scene');
  if (z > 24 || x >= 2 ** z || y >= 2 ** z) return text(404, 'No such tile');
  const tile = await sceneTile(store, scene, z, x, y, session.dataDir);
  if (!tile) return text(404, 'No tile here');
  if ('error' in tile) return text(tile.error, tile.message);
  return new Response(new Uint8Array(tile.data), {
    status: 200,
    headers: { ...securityHeaders, 'Content-Type': tile.contentType, 'Cache-Control': 'no-cache', 'Content-Length': String(tile.data.length) },
  });
}

/** Serves a file, honouring a single byte Range: GeoTIFF readers fetch only the tiles they need. */
async function serveFile(file: string, req: Request, cacheControl: string): Promise<Response> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return text(404, 'Not found');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return text(404, 'Not found');
    return await serveHandle(handle, stat.size, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', req, cacheControl);
  } finally {
    await handle.close();
  }
}

/** Serves an open file of `size` bytes, honouring a single byte Range; the caller closes the handle. */
async function serveHandle(handle: fs.promises.FileHandle, size: number, contentType: string, req: Request, cacheControl: string): Promise<Response> {
  const headers: Record<string, string> = {
    ...securityHeaders,
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': cacheControl,
  };
  const range = req.headers.get('range');
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!m || (m[1] === '' && m[2] === '')) return rangeNotSatisfiable(size);
    if (m[1] === '') {
      start = Math.max(0, size - Number(m[2]));
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
    if (start > end || start >= size) return rangeNotSatisfiable(size);
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  const length = Math.max(0, end - start + 1);
  headers['Content-Length'] = String(length);
  if (req.method === 'HEAD') return new Response(null, { status, headers });
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buf, read, length - read, start + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return new Response(buf.subarray(0, read), { status, headers });
}

function rangeNotSatisfiable(size: number) {
  return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
}

function text(status: number, body: string) {
  return new Response(body, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}
