// A GeoTIFF placed only by ground control points (Sentinel-1 GRD as delivered: tie points, no pixel
// scale, no transformation) cannot be drawn on a map as it is. Quaywatch does not warp it itself: it
// refuses it with the exact gdalwarp command that makes a map-ready COG in the UTM zone of its GCPs.
import path from 'node:path';
import proj4 from 'proj4';
import type { GeoTIFFImage } from 'geotiff';

/** The GeoKeys as geotiff.js gives them. */
type GeoKeys = Partial<Record<string, unknown>>;

/** Tie points (x, y in the GCPs' CRS) when the file has several and no affine georeferencing; else null. */
export async function gcpsOf(dir: GeoTIFFImage['fileDirectory']): Promise<[number, number][] | null> {
  if (!dir.hasTag('ModelTiepoint') || dir.hasTag('ModelPixelScale') || dir.hasTag('ModelTransformation')) return null;
  const t = (await dir.loadValue('ModelTiepoint')) as ArrayLike<number>;
  // Each tie point is (i, j, k, x, y, z); one alone needs a pixel scale to mean anything.
  if (!t || t.length < 12 || t.length % 6 !== 0) return null;
  const points: [number, number][] = [];
  for (let i = 0; i < t.length; i += 6) {
    const x = Number(t[i + 3]), y = Number(t[i + 4]);
    if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
  }
  return points.length >= 2 ? points : null;
}

/** EPSG code of the WGS 84 UTM zone holding a lon/lat (the standard 6° zones; no Norway/Svalbard exceptions, which any zone tolerates). */
export function utmEpsgAt(lon: number, lat: number): number {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return (lat >= 0 ? 32600 : 32700) + zone;
}

/** A path as a POSIX shell word, so the command can be pasted as it is. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The target CRS for a warp: the GCPs' own projected CRS when they have one, else the UTM zone of their centre. */
export function warpTargetOf(gcps: [number, number][], keys: GeoKeys | null | undefined): number | null {
  const mean = (k: 0 | 1) => gcps.reduce((s, p) => s + p[k], 0) / gcps.length;
  const [x, y] = [mean(0), mean(1)];
  if (keys?.GTModelTypeGeoKey === 1 && Number.isInteger(Number(keys.ProjectedCSTypeGeoKey))) {
    const code = Number(keys.ProjectedCSTypeGeoKey);
    try {
      const [lon, lat] = proj4(`EPSG:${code}`, 'EPSG:4326').forward([x, y]) as [number, number];
      return utmEpsgAt(lon, lat);
    } catch {
      return null;
    }
  }
  // Geographic GCPs (or none named, as GDAL leaves them when the GCP SRS is unknown): x is longitude.
  return Math.abs(x) <= 180 && Math.abs(y) <= 90 ? utmEpsgAt(x, y) : null;
}

/** The refusal: which file, why, and the command that makes a copy Quaywatch can import. */
export function gcpOnlyMessage(file: string, gcps: [number, number][], keys: GeoKeys | null | undefined): string {
  const name = path.basename(file);
  const epsg = warpTargetOf(gcps, keys);
  const target = epsg ? `EPSG:${epsg}` : 'EPSG:326NN';
  const out = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}_${epsg ? `epsg${epsg}` : 'utm'}.tif`);
  return (
    `${name} is placed only by ground control points (${gcps.length} GCPs, no geotransform), so it cannot be drawn on the map as it is. ` +
    `Make a map-ready copy with: gdalwarp -t_srs ${target} -r bilinear -of COG ${shellWord(file)} ${shellWord(out)} ` +
    `${epsg ? `(UTM zone of its GCPs)` : '(NN: the UTM zone of the area; its GCPs name no CRS Quaywatch can read)'} and import ${path.basename(out)}. Nothing was imported.`
  );
}
