// "Make available offline": copies the tiles of an area and zoom range of a template scene into the
// project file. Each tile is committed as it arrives, so a crash, a cancel or a dead server loses
// nothing: running it again fetches only the tiles that are still missing.
import { randomUUID } from 'node:crypto';
import type { OfflineCopyResult } from '../../../shared/calls/imagery';
import type { ProjectStore } from '../store/projectStore';
import { QuaywatchError } from '../errors';
import type { KeyStore } from './apiKeys';
import { fetchTemplateTile, MissingTileKeyError, sniffImageType, type FetchTile } from './tiles';
import { tilesFor } from './xyzTemplate';
import { finishOfflineJob, hasCachedTile, putCachedTile, startOfflineJob } from '../store/sceneTiles';

/** A copy bigger than this is almost surely a mistake (zoom 22 over a whole port): say so instead. */
export const MAX_TILES_PER_COPY = 50_000;
const MAX_TILE_BYTES = 8 * 1024 * 1024;
const PARALLEL = 4;

export interface OfflineCopyOptions {
  sceneId: string;
  bbox: [number, number, number, number];
  minZoom: number;
  maxZoom: number;
  keys: KeyStore;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  fetchTile?: FetchTile;
}

export async function makeAvailableOffline(store: ProjectStore, o: OfflineCopyOptions): Promise<OfflineCopyResult> {
  const scene = store.scene(o.sceneId);
  if (!scene) throw new QuaywatchError('not_found', 'That scene is not in this project.');
  if (scene.source.kind !== 'xyz') throw new QuaywatchError('invalid_request', 'Only scenes served from a URL template can be made available offline; files are already local.');
  const tiles: [number, number, number][] = [];
  for (let z = o.minZoom; z <= o.maxZoom; z++) {
    const { x0, x1, y0, y1 } = tilesFor(o.bbox, z);
    if (tiles.length + (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES_PER_COPY) {
      throw new QuaywatchError('invalid_request', `That area and zoom range is more than ${MAX_TILES_PER_COPY} tiles: choose a smaller area or a lower maximum zoom.`);
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push([z, x, y]);
  }
  const todo = tiles.filter(([z, x, y]) => !hasCachedTile(store, scene.id, z, x, y));
  const result: OfflineCopyResult = { total: tiles.length, fetched: 0, kept: tiles.length - todo.length, missing: 0, state: 'done' };
  const jobId = randomUUID();
  startOfflineJob(store, { id: jobId, sceneId: scene.id, bbox: o.bbox, minZoom: o.minZoom, maxZoom: o.maxZoom, total: tiles.length });
  const finish = (state: 'done' | 'paused' | 'failed', message = '') => finishOfflineJob(store, jobId, state, message);
  let done = result.kept;
  o.onProgress?.(done, tiles.length);

  let next = 0;
  let failure: QuaywatchError | null = null;
  const worker = async () => {
    while (!failure && !o.signal?.aborted && next < todo.length) {
      const [z, x, y] = todo[next++]!;
      let res: Response;
      try {
        res = await fetchTemplateTile(scene, z, x, y, o.keys, o.signal, o.fetchTile);
      } catch (e) {
        if (o.signal?.aborted) return;
        if (e instanceof MissingTileKeyError) failure ??= new QuaywatchError('io_error', e.message);
        // The reason by its code only: a fetch error's message can quote the URL, and so the key.
        failure ??= new QuaywatchError('io_error', `The tile server stopped answering after ${done} of ${tiles.length} tiles (${failureCode(e)}). The tiles copied so far are kept: run it again to resume.`);
        return;
      }
      if (res.status === 404) {
        result.missing++; // no coverage there: nothing to copy, and not an error
      } else if (res.status === 401 || res.status === 403) {
        failure ??= new QuaywatchError('io_error', `The tile server refused the API key (HTTP ${res.status}). Check the key and try again; the tiles copied so far are kept.`);
        return;
      } else if (!res.ok) {
        failure ??= new QuaywatchError('io_error', `The tile server answered HTTP ${res.status} after ${done} of ${tiles.length} tiles. The tiles copied so far are kept: run it again to resume.`);
        return;
      } else {
        let data: Buffer;
        try {
          data = Buffer.from(await res.arrayBuffer());
        } catch (e) {
          if (o.signal?.aborted) return;
          failure ??= new QuaywatchError('io_error', `The tile server broke off a tile after ${done} of ${tiles.length} tiles (${failureCode(e)}). The tiles copied so far are kept: run it again to resume.`);
          return;
        }
        if (data.length > MAX_TILE_BYTES) {
          failure ??= new QuaywatchError('io_error', `The tile server sent a ${data.length}-byte tile; that is not an image tile. Nothing more was copied.`);
          return;
        }
        // One tile, one commit: what was fetched survives a crash.
        putCachedTile(store, scene.id, z, x, y, data, res.headers.get('content-type')?.split(';')[0] || sniffImageType(data));
        result.fetched++;
      }
      o.onProgress?.(++done, tiles.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failure) {
    finish('failed', (failure as QuaywatchError).message);
    throw failure;
  }
  if (o.signal?.aborted) {
    finish('paused', 'cancelled');
    return { ...result, state: 'cancelled' };
  }
  finish('done');
  return result;
}

/** Why a fetch failed, as a code (ECONNREFUSED, TimeoutError, …): never its message, which may quote the tile URL. */
function failureCode(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } };
  const code = err.cause?.code ?? err.code ?? err.cause?.name ?? err.name;
  return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'connection failed';
}
