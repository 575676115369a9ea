// The hook end-to-end tests and benchmarks read the app through: `window.__quaywatch`. Its type is
// declared once, here; the e2e page models import it (e2e/pages/QuaywatchPage.ts). Only the test build
// installs it (scripts/build.mjs --test-hooks): in the product, `__QUAYWATCH_TEST_HOOKS__` is false,
// the call in main.tsx is dropped, and with it this module and the map probes.
import type { MapController } from './map/MapController';
import { MapProbes } from './map/mapProbes';
import type { useApp } from './state/appStore';
import { useTeam } from './team/teamStore';

export interface QuaywatchTestHooks {
  /** What only tests ask of the map: pixels and places, the view, loaded layers, redraw counts. */
  map: MapProbes;
  /** The store: `getState()` for what the app holds. */
  store: typeof useApp;
  /** The team workspace's state: its status light, and `syncNow()` (bench:team-frames starts a catch-up with it). */
  team: typeof useTeam;
}

/** The window as tests see it. */
export type WindowWithTestHooks = Window & { __quaywatch: QuaywatchTestHooks };

export function installTestHooks(map: MapController, store: typeof useApp) {
  (window as unknown as WindowWithTestHooks).__quaywatch = { map: new MapProbes(map.probeSources()), store, team: useTeam };
}
