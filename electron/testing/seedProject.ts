// Test helper: the small project most tests start from (a site "Port" and one Planet scene), written and
// closed as an import would leave it, and a session that opens it as the app does (the same dispatcher).
import path from 'node:path';
import type { ApiResult } from '../../shared/api';
import type { Scene, Sighting } from '../../shared/domain';
import { createDispatcher, type Dispatch } from '../node/dispatcher';
import { ProjectSession } from '../node/session';
import { ProjectStore } from '../node/store/projectStore';

/** The seed's scene, less its site: 14 Jan 2025 01:38:45 UTC, clear, a GeoTIFF beside the project. */
export const SEED_SCENE: Omit<Scene, 'id' | 'siteId'> = {
  acquired: '2025-01-14T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: null,
  footprint: null, cloudCover: 0, gsd: 3, credit: '© Planet Labs PBC', source: { kind: 'geotiff', path: 'a.tif' },
};

export interface SeedOptions {
  /** File name in `dir` (default port.quaywatch). */
  fileName?: string;
  /** Project name (default "Port watch"). */
  name?: string;
  /** Author of the seed's changes (default "ana"). */
  author?: string;
  /** Fields of the scene that differ from SEED_SCENE. */
  scene?: Partial<Omit<Scene, 'id' | 'siteId'>>;
  /** More seeding (zones, sightings, counts) on the open store, before it is closed. */
  then?: (store: ProjectStore, seeded: { siteId: string; scene: Scene }) => void;
}

export interface SeededProject {
  file: string;
  siteId: string;
  scene: Scene;
}

/** Writes `dir/port.quaywatch` with a site and one scene, and closes it. */
export function seedProject(dir: string, opts: SeedOptions = {}): SeededProject {
  const file = path.join(dir, opts.fileName ?? 'port.quaywatch');
  const store = ProjectStore.create(file, opts.name ?? 'Port watch', { author: opts.author ?? 'ana' });
  try {
    const site = store.createSite({ name: 'Port' });
    const scene = store.createScene({ ...SEED_SCENE, ...opts.scene, siteId: site.id });
    opts.then?.(store, { siteId: site.id, scene });
    return { file, siteId: site.id, scene };
  } finally {
    store.close();
  }
}

/** A browser-mode session (data in `dir/data`) with `file` open, and its dispatcher. */
export function openSession(dir: string, file: string, opts: { author?: string; log?: (line: string) => void } = {}) {
  const session = new ProjectSession({ dataDir: path.join(dir, 'data'), author: opts.author ?? 'ana', host: 'browser' });
  session.open(file);
  return { session, dispatch: createDispatcher(session, opts.log) };
}

/** Marks a vessel at one point of `sceneId` through `dispatch` (sightings.create), with `notes`; throws if refused. */
export function marker(dispatch: Dispatch, sceneId: string) {
  return async (notes: string): Promise<Sighting> => {
    const r = (await dispatch('sightings.create', { sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: [130.3, 42.25] }, notes })) as ApiResult<Sighting>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}
