// The observability thresholds, at their edges, and on real UDM2 masks made by GDAL: a zone over
// the clear half, over the clouded half, straddling both, outside the image, on black fill; and
// an analyst's override survives re-derivation.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PolygonGeometry } from '../../../shared/domain';
import { tempDir } from '../../testing/tmp';
import { ProjectStore } from '../store/projectStore';
import { footprintOf } from './common';
import { makeGeoTiff, makePlanetOrder, ORIGIN_UTM52N, SIZE_M } from './fixtures/build';
import { importScenes } from './importScenes';
import { CLEAR_AT_LEAST, deriveObservability, footprintCoverage, fromClearShare, fromSceneShares, PARTIAL_AT_LEAST, rederiveObservability, udm2ZoneCounts } from './observability';
import proj4 from 'proj4';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const { x: X0, y: Y0 } = ORIGIN_UTM52N;
const ULLR: [number, number, number, number] = [X0, Y0 + SIZE_M, X0 + SIZE_M, Y0];
const FOOTPRINT = footprintOf([X0, Y0, X0 + SIZE_M, Y0 + SIZE_M], 'EPSG:32652', 8);

/** A zone given in UTM metres from the image's south-west corner, as a lon/lat polygon. */
function zoneUtm(x0: number, y0: number, x1: number, y1: number): PolygonGeometry {
  const inv = proj4('EPSG:32652', 'EPSG:4326');
  const ll = (x: number, y: number) => inv.forward([X0 + x, Y0 + y]) as [number, number];
  return { type: 'Polygon', coordinates: [[ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)]] };
}

/** UDM2: west half clear, east half cloud; the top 8 rows black fill (not imaged). */
function halfCloudMask(file: string) {
  makeGeoTiff(file, { ullr: ULLR, bands: 8, burn: [1, 0, 0, 0, 0, 0, 100, 0] });
  const cut = (name: string, geom: number[][]) => {
    const f = path.join(tmp.dir, `${name}.geojson`);
    fs.writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:32652' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [geom] } }] }));
    return f;
  };
  const east = cut('east', [[X0 + 960, Y0], [X0 + 1920, Y0], [X0 + 1920, Y0 + 1920], [X0 + 960, Y0 + 1920], [X0 + 960, Y0]]);
  execFileSync('gdal_rasterize', ['-q', '-b', '1', '-b', '6', '-burn', '0', '-burn', '1', east, file]);
  const top = cut('top', [[X0, Y0 + 1680], [X0 + 1920, Y0 + 1680], [X0 + 1920, Y0 + 1920], [X0, Y0 + 1920], [X0, Y0 + 1680]]);
  execFileSync('gdal_rasterize', ['-q', '-b', '1', '-b', '6', '-b', '8', '-burn', '0', '-burn', '0', '-burn', '1', top, file]);
  return file;
}

describe('thresholds', () => {
  it('clear from 0.90, partial from 0.40, obscured below', () => {
    expect([CLEAR_AT_LEAST, PARTIAL_AT_LEAST]).toEqual([0.9, 0.4]);
    expect(fromClearShare(1)).toBe('clear');
    expect(fromClearShare(0.9)).toBe('clear');
    expect(fromClearShare(0.8999)).toBe('partial');
    expect(fromClearShare(0.4)).toBe('partial');
    expect(fromClearShare(0.3999)).toBe('obscured');
    expect(fromClearShare(0)).toBe('obscured');
  });

  it('scene-wide: clear_percent first, else 1 − cloud_cover, else clear', () => {
    expect(fromSceneShares(95, 0.9)).toBe('clear'); // Planet's clear_percent wins over cloud_cover
    expect(fromSceneShares(null, 0.1)).toBe('clear');
    expect(fromSceneShares(null, 0.35)).toBe('partial');
    expect(fromSceneShares(null, 0.61)).toBe('obscured');
    expect(fromSceneShares(null, null)).toBe('clear');
  });

  it('footprint: inside, partly, outside', () => {
    expect(footprintCoverage(FOOTPRINT, zoneUtm(100, 100, 300, 300))).toBe('inside');
    expect(footprintCoverage(FOOTPRINT, zoneUtm(1800, 100, 2200, 300))).toBe('partly');
    expect(footprintCoverage(FOOTPRINT, zoneUtm(3000, 3000, 3200, 3200))).toBe('outside');
  });
});

describe('UDM2 masks made by GDAL', () => {
  it('counts clear pixels inside the zone polygon', async () => {
    const mask = halfCloudMask(path.join(tmp.dir, 'x_udm2.tif'));
    // 30 m pixels: a 300 × 300 m zone over the west half holds 100 pixel centres, all clear.
    expect(await udm2ZoneCounts(mask, zoneUtm(60, 60, 360, 360))).toEqual({ pixels: 100, imaged: 100, clear: 100 });
    // Straddling the cloud edge at 960 m: 6 of 10 columns clear.
    expect(await udm2ZoneCounts(mask, zoneUtm(780, 60, 1080, 360))).toEqual({ pixels: 100, imaged: 100, clear: 60 });
  });

  it('derives clear, partial, obscured, outside (footprint and black fill)', async () => {
    const mask = halfCloudMask(path.join(tmp.dir, 'x_udm2.tif'));
    const derive = (zone: PolygonGeometry) => deriveObservability({ footprint: FOOTPRINT, zone, udm2Path: mask, clearPercent: 99, cloudCover: 0.01 });
    expect(await derive(zoneUtm(60, 60, 360, 360))).toBe('clear');
    expect(await derive(zoneUtm(780, 60, 1080, 360))).toBe('partial');
    expect(await derive(zoneUtm(1200, 60, 1500, 360))).toBe('obscured'); // Planet's 99 % clear says nothing about this quay
    expect(await derive(zoneUtm(60, 1700, 360, 1900))).toBe('outside'); // black fill: not imaged
    expect(await derive(zoneUtm(3000, 3000, 3200, 3200))).toBe('outside');
  });

  it('radar: the footprint alone decides (cloud cover and a clouded mask do not hide a quay from radar)', async () => {
    const mask = halfCloudMask(path.join(tmp.dir, 'x_udm2.tif'));
    const radar = (zone: PolygonGeometry) => deriveObservability({ footprint: FOOTPRINT, zone, udm2Path: mask, clearPercent: 2, cloudCover: 0.98, sensor: 'sar' });
    expect(await radar(zoneUtm(1200, 60, 1500, 360))).toBe('clear'); // obscured on optical (above)
    expect(await radar(zoneUtm(1800, 60, 2100, 360))).toBe('partial'); // half outside the footprint
    expect(await radar(zoneUtm(3000, 3000, 3200, 3200))).toBe('outside');
  });
});

it('re-derivation never overwrites an analyst override', async () => {
  const store = ProjectStore.create(path.join(tmp.dir, 'p.quaywatch'), 'P', { author: 'a' });
  try {
    const order = makePlanetOrder(path.join(tmp.dir, 'order'), [
      { itemId: '20250114_013845_12_2461', acquired: '2025-01-14T01:38:45Z', cloudCover: 0.05, clearPercent: 95, udm2: 'cloud' },
    ]);
    const [scene] = (await importScenes(store, [order.dir])).imported;
    const site = store.sites()[0]!;
    const a = store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: zoneUtm(60, 60, 360, 360) });
    const b = store.createZone({ siteId: site.id, name: 'Pier 2', kind: 'quay', geometry: zoneUtm(600, 600, 900, 900) });
    store.setObservability({ sceneId: scene!.id, zoneId: a.id, value: 'clear', overridden: true }); // the analyst sees through a gap
    expect(await rederiveObservability(store)).toBe(1);
    const obs = new Map(store.observability().map((o) => [o.zoneId, o]));
    expect(obs.get(a.id)).toMatchObject({ value: 'clear', overridden: true });
    expect(obs.get(b.id)).toMatchObject({ value: 'obscured', overridden: false }); // from the UDM2 beside the asset
    expect(await rederiveObservability(store)).toBe(0);
  } finally {
    store.close();
  }
});
