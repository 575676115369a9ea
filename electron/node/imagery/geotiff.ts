// Importer of GeoTIFF and Cloud-Optimized GeoTIFF files in any common CRS: size, CRS from the
// GeoKeys, footprint in lon/lat, acquisition time from TIFFTAG_DATETIME or a Planet-style name.
import path from 'node:path';
import type { FileIdentity } from '../store/sceneFiles';
import { contentSha256, geoTiffOf, openImportedFile } from './sceneFile';
import { gcpOnlyMessage, gcpsOf } from './gcp';
import { acquiredFromName, acquiredFromTiffDateTime, footprintOf, ImportError, knownCrs, type ScenePlan } from './common';

export interface GeoTiffInfo {
  width: number;
  height: number;
  crs: string;
  bbox: [number, number, number, number];
  /** Metres per pixel when the CRS is projected in metres, else null. */
  gsd: number | null;
  /** From TIFFTAG_DATETIME, else null. */
  tiffDateTime: string | null;
  /** Bands (samples per pixel): 3 or 4 for visual, 1 or 2 for single or dual polarisation radar, 8 for a UDM2. */
  bands: number;
  /** Polarisations the file's GDAL metadata names (POLARISATION/POLARIZATION items), upper case; empty when none. */
  polarizations: string[];
  /** Which file on this disk was read: recorded with the scene, so only this file is ever served as it. */
  identity: FileIdentity;
}

/** Reads the tags that make a GeoTIFF a scene, and proves the pixel data is all there. */
export async function readGeoTiffInfo(file: string, opts: { contentHash?: boolean } = {}): Promise<GeoTiffInfo> {
  const name = path.basename(file);
  // Read through the handle whose identity is recorded: what was checked is what will be served.
  const opened = await openImportedFile(file, 'geotiff', (message) => new ImportError(file, message));
  const stat = { size: opened.size };
  let tiff: Awaited<ReturnType<typeof geoTiffOf>>;
  try {
    tiff = await geoTiffOf(opened);
  } catch (e) {
    await opened.close();
    throw new ImportError(file, `${name} is not a readable TIFF (${(e as Error).message}).`);
  }
  try {
    let image: Awaited<ReturnType<typeof tiff.getImage>>;
    try {
      image = await tiff.getImage();
    } catch (e) {
      throw new ImportError(file, `${name} is damaged: its first image cannot be read (${(e as Error).message}).`);
    }
    const dir = image.fileDirectory;
    // A truncated file still has a valid header: the tile (or strip) table then points past the end.
    const tiled = dir.hasTag('TileOffsets');
    try {
      const offsets = (await dir.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number | bigint>;
      const counts = (await dir.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number | bigint>;
      let end = 0;
      for (let i = 0; i < offsets.length; i++) end = Math.max(end, Number(offsets[i]) + Number(counts[i] ?? 0));
      if (end > stat.size) {
        throw new ImportError(file, `${name} is truncated: it is ${stat.size} bytes but its image data runs to byte ${end}. Copy the file again.`);
      }
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError(file, `${name} is truncated or damaged: its tile table cannot be read (${(e as Error).message}).`);
    }
    const keys = image.getGeoKeys();
    const epsg = Number(keys?.ProjectedCSTypeGeoKey ?? (keys?.GTModelTypeGeoKey === 2 ? keys?.GeographicTypeGeoKey : NaN));
    let bbox: number[];
    try {
      bbox = image.getBoundingBox();
    } catch {
      bbox = [];
    }
    // A product placed only by ground control points (Sentinel-1 GRD as delivered) cannot be drawn on a
    // map without warping; the refusal gives the exact command that makes it usable.
    const gcps = bbox.length !== 4 ? await gcpsOf(dir) : null;
    if (gcps) throw new ImportError(file, gcpOnlyMessage(file, gcps, keys));
    if (!keys || !Number.isInteger(epsg) || bbox.length !== 4 || !bbox.every(Number.isFinite)) {
      throw new ImportError(file, `${name} has no georeferencing (no CRS or no position on the ground). Georeference it (e.g. gdal_translate -a_srs -a_ullr) and import it again.`);
    }
    const crs = `EPSG:${epsg}`;
    if (!knownCrs(crs)) {
      throw new ImportError(file, `${name} is in ${crs}, which Quaywatch cannot place yet. Reproject it (gdalwarp -t_srs EPSG:4326) and import it again.`);
    }
    const projectedMetres = keys.GTModelTypeGeoKey === 1 && (keys.ProjLinearUnitsGeoKey === undefined || keys.ProjLinearUnitsGeoKey === 9001);
    const [rx] = image.getResolution();
    let tiffDateTime: string | null = null;
    if (dir.hasTag('DateTime')) tiffDateTime = acquiredFromTiffDateTime(await dir.loadValue('DateTime'));
    return {
      width: image.getWidth(),
      height: image.getHeight(),
      crs,
      bbox: bbox as GeoTiffInfo['bbox'],
      gsd: projectedMetres && rx !== undefined && Number.isFinite(rx) ? Math.abs(rx) : null,
      tiffDateTime,
      bands: image.getSamplesPerPixel(),
      polarizations: await polarizationsOf(image),
      identity: opts.contentHash ? { ...opened.identity, sha256: await contentSha256(opened) } : opened.identity,
    };
  } finally {
    await tiff.close();
    await opened.close();
  }
}

/**
 * The polarisations a GeoTIFF's GDAL metadata names, dataset-wide or per band (POLARISATION=VV as
 * Sentinel-1 products carry it through GDAL, POLARIZATIONS=VV VH): the one sign read from a bare
 * GeoTIFF that it is radar. Other hints (a mission name, a product type) are not trusted alone.
 */
async function polarizationsOf(image: { getGDALMetadata(sample?: number | null): Promise<Record<string, unknown> | null>; getSamplesPerPixel(): number }): Promise<string[]> {
  const found: string[] = [];
  const read = (md: Record<string, unknown> | null) => {
    for (const [k, v] of Object.entries(md ?? {})) {
      if (!/^POLARI[SZ]ATIONS?$/i.test(k) || typeof v !== 'string') continue;
      for (const p of v.toUpperCase().split(/[\s,+/]+/)) if (/^[HV]{2}$/.test(p) && !found.includes(p)) found.push(p);
    }
  };
  try {
    read(await image.getGDALMetadata());
    for (let b = 0; b < Math.min(image.getSamplesPerPixel(), 4); b++) read(await image.getGDALMetadata(b));
  } catch {
    // Unreadable GDAL metadata says nothing: the file is optical unless its STAC says otherwise.
  }
  return found.slice(0, 4);
}

export interface GeoTiffImportOptions {
  /** ISO time used when the file carries none. */
  acquired?: string;
  provider?: string;
  product?: string;
  credit?: string;
  /** How the scene names its file (relative to the project, or absolute). */
  sourcePath: string;
}

/** A GeoTIFF as one scene plan; the acquisition time comes from the file, its name, or the caller. */
export async function planGeoTiff(file: string, opts: GeoTiffImportOptions): Promise<ScenePlan> {
  const planetId = /^(\d{8}_\d{6}_(?:\d{2}_)?[0-9a-f]{4})/i.exec(path.basename(file))?.[1] ?? null;
  // A file without a provider item id is known to a team by its content (scene matching, team/sync.ts):
  // read whole once, here, and only for such files (a Planet or STAC item is matched by its id).
  const info = await readGeoTiffInfo(file, { contentHash: planetId === null });
  const acquired = info.tiffDateTime ?? acquiredFromName(file) ?? opts.acquired ?? null;
  if (!acquired) {
    throw new ImportError(
      file,
      `${path.basename(file)} does not say when it was taken (no TIFFTAG_DATETIME, no date in its name). Give its acquisition time (UTC) and import it again.`,
      true,
    );
  }
  return {
    origin: file,
    scene: {
      acquired,
      provider: opts.provider ?? (planetId ? 'Planet' : 'Local file'),
      product: opts.product ?? 'GeoTIFF',
      itemId: planetId,
      footprint: footprintOf(info.bbox, info.crs),
      cloudCover: null,
      gsd: info.gsd,
      credit: opts.credit ?? (planetId ? '© Planet Labs PBC' : path.basename(file)),
      source: { kind: 'geotiff', path: opts.sourcePath },
      // A bare GeoTIFF is radar only when its metadata names polarisations (polarizationsOf).
      ...(info.polarizations.length ? { sensor: 'sar' as const, acquisition: { polarizations: info.polarizations } } : {}),
    },
    file: info.identity,
    udm2Path: null,
    clearPercent: null,
  };
}
