// Test fixture for figures: a project made with GDAL, two GeoTIFF scenes in UTM 52N over one quay (the "before" blue
// with a white patch at PATCH, the "after" yellow), a zone, and a vessel marked as a box on the "before" scene.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import proj4 from 'proj4';
import type { LonLat, Scene, Sighting } from '../../../shared/domain';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { ProjectSession } from '../session';

export const BEFORE_RGB = [40, 90, 200];
export const AFTER_RGB = [230, 200, 60];
export const PATCH_RGB = [250, 250, 250];
/** The white patch's centre and half-size (metres) on the "before" scene. */
export const PATCH: LonLat = [130.298, 42.2415];
export const PATCH_HALF_M = 25;
/** The marked vessel's box, on the "before" scene. */
export const VESSEL_BOX: [LonLat, LonLat] = [[130.3016, 42.2387], [130.3024, 42.2393]];
export const VESSEL_NAME = 'Kestrel';
/** A frame (W,S,E,N) inside both scenes. */
export const FRAME_BBOX: [LonLat, LonLat] = [[130.295, 42.237], [130.305, 42.243]];
export const BEFORE_AT = '2025-03-01T02:10:00Z';
export const AFTER_AT = '2025-03-09T01:55:00Z';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
const utm = proj4('EPSG:4326', 'EPSG:32652');

/** A GeoTIFF of one colour over [W,S,E,N] in UTM 52N at 2 m, optionally with a square patch of another. */
function geoTiff(dir: string, name: string, rgb: number[], patch?: { at: LonLat; halfM: number; rgb: number[] }): string {
  const [x0, y0] = utm.forward([130.285, 42.228]) as [number, number];
  const [x1, y1] = utm.forward([130.315, 42.252]) as [number, number];
  const ground = path.join(dir, `${name}-ground.tif`);
  const px = (v: number) => String(Math.round(v / 2));
  run('gdal_create', ['-q', '-of', 'GTiff', '-outsize', px(x1 - x0), px(y1 - y0), '-bands', '3', '-ot', 'Byte', ...rgb.flatMap((v) => ['-burn', String(v)]), '-a_srs', 'EPSG:32652', '-a_ullr', String(x0), String(y1), String(x1), String(y0), ground]);
  const out = path.join(dir, `${name}.tif`);
  if (!patch) {
    run('gdal_translate', ['-q', ground, out]);
    return out;
  }
  const [cx, cy] = utm.forward(patch.at) as [number, number];
  const p = path.join(dir, `${name}-patch.tif`);
  const h = patch.halfM;
  run('gdal_create', ['-q', '-of', 'GTiff', '-outsize', px(2 * h), px(2 * h), '-bands', '3', '-ot', 'Byte', ...patch.rgb.flatMap((v) => ['-burn', String(v)]), '-a_srs', 'EPSG:32652', '-a_ullr', String(cx - h), String(cy + h), String(cx + h), String(cy - h), p]);
  const vrt = path.join(dir, `${name}.vrt`);
  run('gdalbuildvrt', ['-q', vrt, ground, p]);
  run('gdal_translate', ['-q', vrt, out]);
  return out;
}

export interface FigureFixture {
  session: ProjectSession;
  dispatch: Dispatch;
  file: string;
  before: Scene;
  after: Scene;
  vesselMark: Sighting;
}

export async function makeFigureProject(dir: string): Promise<FigureFixture> {
  const session = new ProjectSession({ dataDir: path.join(dir, 'data'), author: 'Test Analyst', host: 'cli' });
  const dispatch = createDispatcher(session);
  const file = path.join(dir, 'Quay.quaywatch');
  session.create(file, 'Figure test');
  const ok = async <T>(name: string, req: unknown): Promise<T> => {
    const r = await dispatch(name, req);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  const before = (await ok<{ imported: Scene[] }>('scenes.import', { paths: [geoTiff(dir, 'before', BEFORE_RGB, { at: PATCH, halfM: PATCH_HALF_M, rgb: PATCH_RGB })], acquired: BEFORE_AT })).imported[0]!;
  const after = (await ok<{ imported: Scene[] }>('scenes.import', { paths: [geoTiff(dir, 'after', AFTER_RGB)], acquired: AFTER_AT })).imported[0]!;
  const store = session.current!;
  const site = store.sites()[0]!;
  store.createZone({ siteId: site.id, name: 'East Quay', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[130.297, 42.2385], [130.303, 42.2385], [130.303, 42.2415], [130.297, 42.2415], [130.297, 42.2385]]] } });
  const vessel = store.createVessel({ kind: 'vessel', name: VESSEL_NAME, aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null });
  const [[w, s], [e, n]] = VESSEL_BOX;
  const vesselMark = store.createSighting({ sceneId: before.id, class: 'vessel', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }, vesselId: vessel.id });
  store.createSighting({ sceneId: after.id, class: 'container_stack', geometry: { type: 'Point', coordinates: [130.2995, 42.2400] }, count: 24 });
  return { session, dispatch, file, before: store.scenes().find((x) => x.id === before.id)!, after: store.scenes().find((x) => x.id === after.id)!, vesselMark };
}
