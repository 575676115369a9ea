// Tiles of a scene, wherever they live: copied into the project ("make available offline"), in an
// MBTiles file, or — online only — from the scene's URL template with its key from the keystore.
// Reads use prepared statements kept per database: a tile read is a single indexed lookup.
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Scene } from '../../../shared/domain';
import type { ProjectStore } from '../store/projectStore';
import { cachedTileRow, cachedTileZooms } from '../store/sceneTiles';
import { openMbtiles } from './mbtiles';
import { MAX_TILE_BYTES } from './mbtilesFile';
import { ImportError } from './common';

/** Deepest zoom level looked for in an MBTiles file (the API's own limit is 22). */
const MAX_ZOOM = 30;
import { openKeyStore, type KeyStore } from './apiKeys';
import { SceneFileError, sceneMbtilesFile } from './sceneFile';
import { keyedTileUrl } from './xyzTemplate';

export interface Tile {
  data: Buffer;
  contentType: string;
}

/** Content type from the first bytes: MBTiles' format metadata is often missing or wrong. */
export function sniffImageType(b: Buffer): string {
  if (b[0] === 0x89 && b[1] === 0x50) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

/** Null data: the tile is larger than MAX_TILE_BYTES and was not read. */
type MbtilesStmt = Database.Statement<unknown[], { data: Buffer | null }>;
type ZoomStmt = Database.Statement<unknown[], { z: number }>;
interface MbtilesEntry {
  db: Database.Database;
  stmt: MbtilesStmt;
  zooms: ZoomStmt;
}
const mbtilesFiles = new Map<string, MbtilesEntry>();

/** A tile copied into the project, or null. */
export function cachedTile(store: ProjectStore, sceneId: string, z: number, x: number, y: number): Tile | null {
  const row = cachedTileRow(store, sceneId, z, x, y);
  return row ? { data: row.data, contentType: row.contentType ?? sniffImageType(row.data) } : null;
}

/** The open MBTiles file and its prepared statements, opened on first use. */
function mbtilesEntry(file: string): MbtilesEntry {
  const abs = path.resolve(file);
  let entry = mbtilesFiles.get(abs);
  if (!entry) {
    const db = openMbtiles(abs);
    entry = {
      db,
      // Bounded: a tile larger than any real one is not read at all (octet_length reads only its size).
      stmt: db.prepare(`SELECT CASE WHEN octet_length(tile_data) <= ${MAX_TILE_BYTES} THEN tile_data END AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`) as MbtilesStmt,
      // One indexed probe per zoom level instead of a scan of every tile.
      zooms: db.prepare('SELECT 1 AS z FROM tiles WHERE zoom_level = ? LIMIT 1') as ZoomStmt,
    };
    mbtilesFiles.set(abs, entry);
  }
  return entry;
}

/** The zoom levels copied into the project for a scene, highest first (none: nothing was made available offline). */
export function cachedZooms(store: ProjectStore, sceneId: string): number[] {
  return cachedTileZooms(store, sceneId);
}

/** A tile of an MBTiles file (XYZ y; MBTiles rows count from the bottom), or null. */
export function mbtilesTile(file: string, z: number, x: number, y: number): Tile | null {
  const row = mbtilesEntry(file).stmt.get(z, x, 2 ** z - 1 - y);
  return row?.data ? { data: row.data, contentType: sniffImageType(row.data) } : null;
}

/** The zoom levels an MBTiles file holds tiles for, highest first. */
export function mbtilesZooms(file: string): number[] {
  const { zooms } = mbtilesEntry(file);
  const found: number[] = [];
  for (let z = MAX_ZOOM; z >= 0; z--) if (zooms.get(z)) found.push(z);
  return found;
}

/** Closes the MBTiles files held open for reading (when a project closes, and in tests). */
export function closeMbtilesFiles() {
  for (const { db } of mbtilesFiles.values()) db.close();
  mbtilesFiles.clear();
}

const keyStores = new Map<string, Promise<KeyStore>>();
/** One keystore per data folder, opened on first use. */
export function keyStoreFor(dataDir: string): Promise<KeyStore> {
  let ks = keyStores.get(dataDir);
  if (!ks) keyStores.set(dataDir, (ks = openKeyStore(dataDir)));
  return ks;
}

/** Uses `store` for this data folder from now on: Electron's shell passes its safeStorage keystore at start. */
export function provideKeyStore(dataDir: string, store: KeyStore): void {
  keyStores.set(dataDir, Promise.resolve(store));
}

export type FetchTile = (url: string, signal?: AbortSignal) => Promise<Response>;

/** A template that wants a key for a host with none saved: nothing was fetched. */
export class MissingTileKeyError extends Error {
  constructor(readonly keyHost: string) {
    super(`No API key is saved for ${keyHost}: add the scene's tile URL again with its key (File → Import imagery). Keys are kept per exact host.`);
    this.name = 'MissingTileKeyError';
  }
}

/**
 * Fetches one tile of a template scene from its server, with the key saved for the exact host the
 * request goes to (see keyedTileUrl); the key never leaves this process otherwise.
 */
export async function fetchTemplateTile(scene: Scene, z: number, x: number, y: number, keys: KeyStore, signal?: AbortSignal, fetchTile: FetchTile = (url, sig) => fetch(url, { signal: sig, redirect: 'follow' })): Promise<Response> {
  if (scene.source.kind !== 'xyz') throw new Error('not a template scene');
  const target = keyedTileUrl(scene.source.template, z, x, y, (host) => keys.get(host));
  if (target.missingKeyFor !== undefined) throw new MissingTileKeyError(target.missingKeyFor);
  return fetchTile(target.url, signal);
}

/** The tile of any scene kind: the project's copy first, then the scene's own source. */
export async function sceneTile(store: ProjectStore, scene: Scene, z: number, x: number, y: number, dataDir: string): Promise<Tile | { error: number; message: string } | null> {
  const cached = cachedTile(store, scene.id, z, x, y);
  if (cached) return cached;
  if (scene.source.kind === 'mbtiles') {
    let file: string;
    try {
      file = await sceneMbtilesFile(store, scene);
    } catch (e) {
      if (e instanceof SceneFileError) return { error: e.status, message: e.message };
      throw e;
    }
    try {
      return mbtilesTile(file, z, x, y);
    } catch (e) {
      if (e instanceof ImportError) return { error: 422, message: e.message }; // not an MBTiles file we read (mbtiles.ts)
      throw e;
    }
  }
  if (scene.source.kind !== 'xyz') return null;
  let res: Response;
  try {
    res = await fetchTemplateTile(scene, z, x, y, await keyStoreFor(dataDir), AbortSignal.timeout(15_000));
  } catch (e) {
    if (e instanceof MissingTileKeyError) return { error: 401, message: e.message };
    return { error: 504, message: 'The tile server cannot be reached (offline?). Make this scene available offline while connected.' };
  }
  if (res.status === 404) return null;
  if (res.status === 401 || res.status === 403) return { error: res.status, message: 'The tile server refused the API key: check it in File → Import imagery.' };
  if (!res.ok) return { error: 502, message: `The tile server answered HTTP ${res.status}.` };
  const data = Buffer.from(await res.arrayBuffer());
  return { data, contentType: res.headers.get('content-type') ?? sniffImageType(data) };
}
