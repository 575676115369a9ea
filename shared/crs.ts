// The coordinate reference systems Quaywatch reads imagery in, as proj4 definitions: one list for the
// importers (which refuse any other CRS) and the map (which defines a CRS only when a scene needs it).

/**
 * The proj4 definition of an EPSG code Quaywatch knows beyond proj4's built-ins (EPSG:4326, EPSG:3857):
 * Planet delivers in UTM on WGS 84; ETRS89 UTM, NAD83 and UPS (polar ports) are the others GDAL users meet.
 * Null for any other code.
 */
export function crsDefinition(code: string): string | null {
  const m = /^EPSG:(\d+)$/i.exec(code.trim());
  if (!m) return null;
  const epsg = Number(m[1]);
  if (epsg >= 32601 && epsg <= 32660) return `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs +type=crs`;
  if (epsg >= 32701 && epsg <= 32760) return `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs +type=crs`;
  if (epsg >= 25828 && epsg <= 25838) return `+proj=utm +zone=${epsg - 25800} +ellps=GRS80 +units=m +no_defs +type=crs`;
  if (epsg === 4269) return '+proj=longlat +datum=NAD83 +no_defs +type=crs';
  // Polar ports: WGS 84 / UPS North and South.
  if (epsg === 5041) return '+proj=stere +lat_0=90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +datum=WGS84 +units=m +no_defs +type=crs';
  if (epsg === 5042) return '+proj=stere +lat_0=-90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +datum=WGS84 +units=m +no_defs +type=crs';
  return null;
}

/** True when Quaywatch can place and draw imagery in the code: the built-in lon/lat and web mercator, or crsDefinition's. */
export function isKnownCrs(code: string): boolean {
  return code === 'EPSG:4326' || code === 'EPSG:3857' || crsDefinition(code) !== null;
}

/** Every code crsDefinition knows, for a caller that defines them all at once (the importers). */
export function knownCrsCodes(): string[] {
  const codes: string[] = [];
  for (let zone = 1; zone <= 60; zone++) codes.push(`EPSG:${32600 + zone}`, `EPSG:${32700 + zone}`);
  for (let zone = 28; zone <= 38; zone++) codes.push(`EPSG:${25800 + zone}`);
  codes.push('EPSG:4269', 'EPSG:5041', 'EPSG:5042');
  return codes;
}
