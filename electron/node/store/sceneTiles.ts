// Offline tile copies kept in the project ("make available offline"): the imagery cache of scenes
// served from a URL template, and the jobs that fill it. Copied imagery is not an analyst's record,
// so it is outside the edit history (deleting a scene removes its copies; editing.ts).
import type Database from 'better-sqlite3';
import { databaseOf, type ProjectStore } from './projectStore';

export interface CachedTile {
  data: Buffer;
  contentType: string | null;
}

interface Statements {
  tile: Database.Statement<unknown[], { data: Buffer; content_type: string | null }>;
  zooms: Database.Statement<unknown[], number>;
  has: Database.Statement<unknown[], number>;
  put: Database.Statement;
  startJob: Database.Statement;
  finishJob: Database.Statement;
}

/** Prepared once per open project: a tile read is a single indexed lookup. */
const statements = new WeakMap<ProjectStore, Statements>();
function st(store: ProjectStore): Statements {
  let s = statements.get(store);
  if (!s) {
    const db = databaseOf(store);
    s = {
      tile: db.prepare('SELECT data, content_type FROM scene_tile WHERE scene_id = ? AND z = ? AND x = ? AND y = ?'),
      zooms: db.prepare('SELECT DISTINCT z FROM scene_tile WHERE scene_id = ? ORDER BY z DESC').pluck() as Statements['zooms'],
      has: db.prepare('SELECT 1 FROM scene_tile WHERE scene_id = ? AND z = ? AND x = ? AND y = ?').pluck() as Statements['has'],
      put: db.prepare('INSERT OR REPLACE INTO scene_tile (scene_id, z, x, y, data, content_type) VALUES (?, ?, ?, ?, ?, ?)'),
      startJob: db.prepare("INSERT INTO offline_job (id, scene_id, bbox, min_zoom, max_zoom, total, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)"),
      finishJob: db.prepare('UPDATE offline_job SET state = ?, message = ? WHERE id = ?'),
    };
    statements.set(store, s);
  }
  return s;
}

/** A tile copied into the project, or undefined. */
export function cachedTileRow(store: ProjectStore, sceneId: string, z: number, x: number, y: number): CachedTile | undefined {
  const r = st(store).tile.get(sceneId, z, x, y);
  return r && { data: r.data, contentType: r.content_type };
}

/** The zoom levels copied for a scene, highest first. */
export function cachedTileZooms(store: ProjectStore, sceneId: string): number[] {
  return st(store).zooms.all(sceneId);
}

export function hasCachedTile(store: ProjectStore, sceneId: string, z: number, x: number, y: number): boolean {
  return st(store).has.get(sceneId, z, x, y) !== undefined;
}

export function putCachedTile(store: ProjectStore, sceneId: string, z: number, x: number, y: number, data: Buffer, contentType: string): void {
  st(store).put.run(sceneId, z, x, y, data, contentType);
}

/** Many tiles in one transaction (one commit, not one per tile). */
export function putCachedTiles(store: ProjectStore, sceneId: string, tiles: readonly { z: number; x: number; y: number; data: Buffer; contentType: string }[]): void {
  const put = st(store).put;
  databaseOf(store).transaction(() => {
    for (const t of tiles) put.run(sceneId, t.z, t.x, t.y, t.data, t.contentType);
  })();
}

export function startOfflineJob(store: ProjectStore, job: { id: string; sceneId: string; bbox: readonly number[]; minZoom: number; maxZoom: number; total: number }): void {
  st(store).startJob.run(job.id, job.sceneId, JSON.stringify(job.bbox), job.minZoom, job.maxZoom, job.total, new Date().toISOString());
}

export function finishOfflineJob(store: ProjectStore, jobId: string, state: 'done' | 'paused' | 'failed', message = ''): void {
  st(store).finishJob.run(state, message, jobId);
}
