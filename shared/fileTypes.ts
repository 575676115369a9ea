// The kinds of file the app opens or writes (the file dialogs' filters), apart from the calls' schemas:
// the page's first frame imports this table without building every API schema (zod) at load.
/** The kinds of file the app opens or writes, each with the extensions a dialog shows for it. */
export const FILE_TYPES = {
  imagery: { label: 'Imagery (GeoTIFF, MBTiles, Planet order .zip, STAC .json)', extensions: ['tif', 'tiff', 'mbtiles', 'zip', 'json'] },
  project: { label: 'Quaywatch project', extensions: ['quaywatch'] },
  gpkg: { label: 'GeoPackage', extensions: ['gpkg'] },
  geojson: { label: 'GeoJSON', extensions: ['geojson', 'json'] },
  kml: { label: 'KML', extensions: ['kml'] },
  csv: { label: 'CSV', extensions: ['csv'] },
  pdf: { label: 'PDF', extensions: ['pdf'] },
  html: { label: 'HTML page', extensions: ['html', 'htm'] },
  png: { label: 'PNG image', extensions: ['png'] },
  svg: { label: 'SVG drawing', extensions: ['svg'] },
  gif: { label: 'Animated GIF', extensions: ['gif'] },
  webp: { label: 'Animated WebP', extensions: ['webp'] },
  webm: { label: 'WebM video (VP9)', extensions: ['webm'] },
  mp4: { label: 'MP4 video (VP9)', extensions: ['mp4'] },
  package: { label: 'Sightings package (.zip)', extensions: ['zip'] },
  ais: { label: 'AIS logs (NMEA, DMA or plain CSV; .gz or .zip)', extensions: ['nmea', 'ais', 'txt', 'log', 'csv', 'gz', 'zip'] },
  certificate: { label: 'Certificate authority (PEM: .crt, .pem)', extensions: ['crt', 'pem', 'cer'] },
} as const satisfies Record<string, { label: string; extensions: readonly string[] }>;
export type FileTypeId = keyof typeof FILE_TYPES;
