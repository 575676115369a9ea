// Test helper: the small project most tests start from (a site "Port" and one Planet scene), written and
// closed as an import would leave it, and a session that opens it as the app does (the same dispatcher).
// Options name what a test's project has beyond that: its own site, zones, several scenes, or none.
import path from 'node:path';
import type { ApiResult } from '../../shared/api';
import type { PolygonGeometry, Scene, SceneInput, Sighting, Zone, ZoneKind } from '../../shared/domain';
import { createDispatcher, type Dispatch } from '../node/dispatcher';
import { ProjectSession } from '../node/session';
import { ProjectStore } from '../node/store/projectStore';

type SceneFields = Omit<SceneInput, 'siteId'>;

/** The seed's scene, less its site: 14 Jan 2025 01:38:45 UTC, clear, a GeoTIFF beside the project. */
export const SEED_SCENE: SceneFields = {
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
  /** The site (default: named "Port", no area of interest). */
  site?: { name?: string; aoi?: PolygonGeometry | null };
  /** Zones of the site (kind default "quay"), created before the scenes, in this order. */
  zones?: { name: string; kind?: ZoneKind; geometry: PolygonGeometry }[];
  /** Fields of the scene that differ from SEED_SCENE; with `scenes`, the fields every scene shares. */
  scene?: Partial<SceneFields>;
  /** Several scenes instead of one, in this order, each its fields that differ from SEED_SCENE and `scene`; [] for none. */
  scenes?: Partial<SceneFields>[];
  /** More seeding (sightings, vessels, counts) on the open store, before it is closed. */
  then?: (store: ProjectStore, seeded: Seeded) => void;
}

/** What the seed created. `scene` is the first of `scenes`; reading it when there are none throws. */
export interface Seeded {
  siteId: string;
  zones: Zone[];
  scene: Scene;
  scenes: Scene[];
}

export interface SeededProject extends Seeded {
  file: string;
}

function seedInto(dir: string, opts: SeedOptions): { store: ProjectStore; seeded: SeededProject } {
  const file = path.join(dir, opts.fileName ?? 'port.quaywatch');
  const store = ProjectStore.create(file, opts.name ?? 'Port watch', { author: opts.author ?? 'ana' });
  try {
    const site = store.createSite({ name: opts.site?.name ?? 'Port', aoi: opts.site?.aoi ?? null });
    const zones = (opts.zones ?? []).map((z) => store.createZone({ siteId: site.id, name: z.name, kind: z.kind ?? 'quay', geometry: z.geometry }));
    const scenes = (opts.scenes ?? [{}]).map((fields) => store.createScene({ ...SEED_SCENE, ...opts.scene, ...fields, siteId: site.id }));
    const seeded: SeededProject = {
      file,
      siteId: site.id,
      zones,
      scenes,
      get scene() {
        if (!scenes[0]) throw new Error('seeded with no scene (scenes: [])');
        return scenes[0];
      },
    };
    opts.then?.(store, seeded);
    return { store, seeded };
  } catch (e) {
    store.close();
    throw e;
  }
}

/** Writes `dir/port.quaywatch` with a site and one scene (or as `opts` say), and closes it. */
export function seedProject(dir: string, opts: SeedOptions = {}): SeededProject {
  const { store, seeded } = seedInto(dir, opts);
  store.close();
  return seeded;
}

/** The same project as seedProject, left open: the caller closes `store`. */
export function seedOpenProject(dir: string, opts: SeedOptions = {}): SeededProject & { store: ProjectStore } {
  const { store, seeded } = seedInto(dir, opts);
  return Object.assign(seeded, { store });
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
