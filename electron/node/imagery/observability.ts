// Observability derived at import, per scene and zone: `outside` where the zone is not in the
// footprint, else from the UDM2 mask when the order has one, else from the scene's cloud/clear shares.
//
// Thresholds (documented in one place, tested in observability.test.ts):
// - Footprint: every vertex of the zone inside the footprint → the zone is imaged; no vertex inside
//   → `outside`; some inside → at best `partial` (part of the quay cannot be seen at all).
// - UDM2 (band 1 = clear, band 8 bit 0 = no data / black fill), over the pixels whose centres lie in
//   the zone: no imaged pixel → `outside`; clear share ≥ 0.90 → `clear`; ≥ 0.40 → `partial`;
//   below → `obscured`. Imaged-but-not-clear pixels (cloud, haze, shadow, snow) count against it.
// - Scene-wide shares (no mask): clear_percent when Planet gives it, else 100 × (1 − cloud_cover):
//   ≥ 90 → `clear`, ≥ 40 → `partial`, below → `obscured`. With neither, `clear` — the analyst
//   overrides what the imagery shows otherwise, and the timeline shows the scene's cloud mark.
// - Radar (sensor `sar`): cloud and night do not hide a quay from radar, so the footprint alone decides:
//   inside → `clear`, partly → `partial`, outside → `outside`; masks and cloud shares are not read. The
//   analyst overrides where radar cannot see (layover, noise, a wind-roughened harbour), as on optical.
import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { fromFile } from 'geotiff';
import type { LonLat, Observability, PolygonGeometry, Sensor } from '../../../shared/domain';
import { polygonContains } from '../../../shared/geometry';
import type { ProjectStore } from '../store/projectStore';
import { historyOf } from '../store/history';

export const CLEAR_AT_LEAST = 0.9;
export const PARTIAL_AT_LEAST = 0.4;

/** How much of the zone's outline lies inside the footprint. */
export function footprintCoverage(footprint: PolygonGeometry | null, zone: PolygonGeometry): 'inside' | 'partly' | 'outside' {
  if (!footprint) return 'inside'; // an unknown footprint cannot prove the zone outside
  const ring = zone.coordinates[0] ?? [];
  const pts = ring.slice(0, -1).length ? ring.slice(0, -1) : ring;
  const inside = pts.filter((p) => polygonContains(footprint, p)).length;
  if (inside === pts.length) return 'inside';
  return inside === 0 ? 'outside' : 'partly';
}

/** Observability from a share of clear area (0–1). */
export function fromClearShare(share: number): Exclude<Observability, 'outside'> {
  if (share >= CLEAR_AT_LEAST) return 'clear';
  if (share >= PARTIAL_AT_LEAST) return 'partial';
  return 'obscured';
}

/** Observability from scene-wide percentages when there is no mask. */
export function fromSceneShares(clearPercent: number | null, cloudCover: number | null): Exclude<Observability, 'outside'> {
  if (clearPercent !== null && Number.isFinite(clearPercent)) return fromClearShare(clearPercent / 100);
  if (cloudCover !== null && Number.isFinite(cloudCover)) return fromClearShare(1 - cloudCover);
  return 'clear';
}

const worse = (a: Observability, b: Observability): Observability => {
  const order: Observability[] = ['clear', 'partial', 'obscured', 'outside'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
};

/** Clear and imaged pixel counts of a UDM2 mask inside a zone polygon (lon/lat). */
export async function udm2ZoneCounts(udm2File: string, zone: PolygonGeometry): Promise<{ pixels: number; imaged: number; clear: number }> {
  const tiff = await fromFile(udm2File);
  try {
    const image = await tiff.getImage();
    const keys = image.getGeoKeys();
    const epsg = Number(keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey);
    const crs = `EPSG:${epsg}`;
    const [ox, oy] = image.getOrigin() as [number, number];
    const [rx, ry] = image.getResolution() as [number, number];
    const w = image.getWidth();
    const h = image.getHeight();
    const fwd = proj4('EPSG:4326', crs);
    // The zone in pixel coordinates of the mask (column, row), so containment is a cheap planar test.
    const rings = zone.coordinates.map((ring) =>
      ring.map((ll) => {
        const [x, y] = fwd.forward(ll) as [number, number];
        return [(x - ox) / rx, (y - oy) / ry] as LonLat;
      }),
    );
    const pixelZone: PolygonGeometry = { type: 'Polygon', coordinates: rings };
    const xs = rings[0]!.map((p) => p[0]);
    const ys = rings[0]!.map((p) => p[1]);
    const c0 = Math.max(0, Math.floor(Math.min(...xs)));
    const c1 = Math.min(w, Math.ceil(Math.max(...xs)));
    const r0 = Math.max(0, Math.floor(Math.min(...ys)));
    const r1 = Math.min(h, Math.ceil(Math.max(...ys)));
    if (c1 <= c0 || r1 <= r0) return { pixels: 0, imaged: 0, clear: 0 };
    const bands = image.getSamplesPerPixel();
    const samples = bands >= 8 ? [0, 7] : [0];
    const data = (await image.readRasters({ window: [c0, r0, c1, r1], samples })) as unknown as ArrayLike<number>[];
    const clearBand = data[0]!;
    const unusable = data[1];
    let pixels = 0, imaged = 0, clear = 0;
    const ww = c1 - c0;
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        if (!polygonContains(pixelZone, [c + 0.5, r + 0.5])) continue;
        pixels++;
        const i = (r - r0) * ww + (c - c0);
        if (unusable && (Number(unusable[i]) & 1) === 1) continue; // black fill: not imaged
        imaged++;
        if (Number(clearBand[i]) === 1) clear++;
      }
    }
    return { pixels, imaged, clear };
  } finally {
    await tiff.close();
  }
}

/** The derived observability of one zone on one scene. */
export async function deriveObservability(input: {
  footprint: PolygonGeometry | null;
  zone: PolygonGeometry;
  udm2Path: string | null;
  clearPercent: number | null;
  cloudCover: number | null;
  /** Optical when not given (every importer before radar). */
  sensor?: Sensor;
}): Promise<Observability> {
  const cover = footprintCoverage(input.footprint, input.zone);
  if (cover === 'outside') return 'outside';
  if (input.sensor === 'sar') return cover === 'partly' ? 'partial' : 'clear';
  let value: Observability;
  if (input.udm2Path) {
    const counts = await udm2ZoneCounts(input.udm2Path, input.zone);
    if (counts.imaged === 0) return 'outside';
    value = fromClearShare(counts.clear / counts.pixels);
  } else {
    value = fromSceneShares(input.clearPercent, input.cloudCover);
  }
  return cover === 'partly' ? worse(value, 'partial') : value;
}

/** The UDM2 mask beside a Planet asset (same folder, same item id), if the order delivered one. */
export function udm2Beside(imageFile: string, itemId: string | null): string | null {
  if (!itemId) return null;
  const dir = path.dirname(imageFile);
  try {
    const name = fs.readdirSync(dir).find((f) => f.startsWith(itemId) && /_udm2(_clip)?\.tif$/i.test(f));
    return name ? path.join(dir, name) : null;
  } catch {
    return null;
  }
}

/**
 * Derives observability again for every scene × zone (e.g. after zones were drawn or changed),
 * in one transaction. An analyst's override (overridden = 1) is never touched.
 */
export async function rederiveObservability(store: ProjectStore, sceneIds?: string[]): Promise<number> {
  const scenes = store.scenes().filter((s) => !sceneIds || sceneIds.includes(s.id));
  const zones = store.zones();
  const overridden = new Set(store.observability().filter((o) => o.overridden).map((o) => `${o.sceneId}/${o.zoneId}`));
  const writes: { sceneId: string; zoneId: string; value: Observability }[] = [];
  for (const s of scenes) {
    const file = s.source.kind === 'geotiff' ? store.resolveSourcePath(s.source) : null;
    const udm2 = file ? udm2Beside(file, s.itemId) : null;
    for (const z of zones) {
      if (overridden.has(`${s.id}/${z.id}`)) continue;
      let value: Observability;
      try {
        value = await deriveObservability({ footprint: s.footprint, zone: z.geometry, udm2Path: udm2, clearPercent: null, cloudCover: s.cloudCover, sensor: s.sensor });
      } catch {
        value = await deriveObservability({ footprint: s.footprint, zone: z.geometry, udm2Path: null, clearPercent: null, cloudCover: s.cloudCover, sensor: s.sensor });
      }
      writes.push({ sceneId: s.id, zoneId: z.id, value });
    }
  }
  const current = new Map(store.observability().map((o) => [`${o.sceneId}/${o.zoneId}`, o.value]));
  const changed = writes.filter((w) => current.get(`${w.sceneId}/${w.zoneId}`) !== w.value);
  historyOf(store).run(
    'Derive observability',
    (tx) => {
      // Re-checked inside the transaction: an override set while masks were being read still wins.
      for (const w of changed) {
        if (tx.get('observability', `${w.sceneId}/${w.zoneId}`)?.overridden) continue;
        tx.put('observability', { ...w, overridden: false });
      }
    },
    { origin: 'derived' },
  );
  return changed.length;
}
