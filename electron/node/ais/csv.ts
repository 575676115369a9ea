// AIS as CSV rows: the Danish Maritime Authority's layout (`# Timestamp,Type of mobile,MMSI,Latitude,
// Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,…,Width,Length,…,Draught,
// Destination,…`, times dd/mm/yyyy HH:MM:SS in UTC) and a plain `mmsi,timestamp,lat,lon[,sog,cog,heading,name,imo]`.
// Columns are found by name in the header, so their order and any extra columns do not matter.
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { DecodedPosition, DecodedStatic } from './decoder';
import { readTime } from './nmea';
import type { AisBadReason, AisFileFormat } from './types';

export interface CsvRow {
  t: number;
  position: DecodedPosition | null;
  static: DecodedStatic | null;
}

type Field = 'time' | 'mmsi' | 'lat' | 'lon' | 'nav' | 'sog' | 'cog' | 'heading' | 'imo' | 'callSign' | 'name' | 'shipType' | 'width' | 'length' | 'draught' | 'destination';

const DMA_NAMES: Record<string, Field> = {
  '# timestamp': 'time',
  timestamp: 'time',
  mmsi: 'mmsi',
  latitude: 'lat',
  longitude: 'lon',
  'navigational status': 'nav',
  sog: 'sog',
  cog: 'cog',
  heading: 'heading',
  imo: 'imo',
  callsign: 'callSign',
  name: 'name',
  'ship type': 'shipType',
  width: 'width',
  length: 'length',
  draught: 'draught',
  destination: 'destination',
};

const PLAIN_NAMES: Record<string, Field> = { mmsi: 'mmsi', timestamp: 'time', time: 'time', lat: 'lat', lon: 'lon', sog: 'sog', cog: 'cog', heading: 'heading', name: 'name', imo: 'imo' };

/** Navigational status as DMA writes it (ITU-R M.1371 table 7 in words). */
const NAV_STATUS: Record<string, number> = {
  'under way using engine': 0,
  'at anchor': 1,
  'not under command': 2,
  'restricted maneuverability': 3,
  'restricted manoeuverability': 3,
  'constrained by her draught': 4,
  moored: 5,
  aground: 6,
  'engaged in fishing': 7,
  'under way sailing': 8,
  'reserved for future amendment [hsc]': 9,
  'reserved for future amendment [wig]': 10,
  'power-driven vessel towing astern': 11,
  'power-driven vessel pushing ahead or towing alongside': 12,
  'ais-sart': 14,
};

/** DMA's ship type words, as the first code of their AIS range (ITU-R M.1371 table 53). */
const SHIP_TYPE: Record<string, number> = {
  wig: 20,
  fishing: 30,
  towing: 31,
  'towing long/wide': 32,
  dredging: 33,
  diving: 34,
  military: 35,
  sailing: 36,
  'pleasure': 37,
  hsc: 40,
  pilot: 50,
  sar: 51,
  tug: 52,
  'port tender': 53,
  'anti-pollution': 54,
  'law enforcement': 55,
  medical: 58,
  'not party to conflict': 59,
  passenger: 60,
  cargo: 70,
  tanker: 80,
  other: 90,
};

export interface CsvLayout {
  format: Exclude<AisFileFormat, 'nmea'>;
  columns: Map<Field, number>;
  /** The header's separator (DMA writes commas; some exports semicolons). */
  separator: string;
}

/** The layout a header line names, or null when it is not an AIS CSV header we read. */
export function csvLayoutOf(header: string): CsvLayout | null {
  const separator = header.includes(';') && !header.includes(',') ? ';' : ',';
  const names = splitRow(header.replace(/^\uFEFF/, ''), separator).map((n) => n.trim().toLowerCase());
  const dma = names.includes('# timestamp') || (names.includes('latitude') && names.includes('longitude'));
  const table = dma ? DMA_NAMES : PLAIN_NAMES;
  const columns = new Map<Field, number>();
  names.forEach((n, i) => {
    const f = table[n];
    if (f && !columns.has(f)) columns.set(f, i);
  });
  if (!columns.has('mmsi') || !columns.has('time') || !columns.has('lat') || !columns.has('lon')) return null;
  return { format: dma ? 'dma-csv' : 'csv', columns, separator };
}

function splitRow(line: string, separator: string): string[] {
  if (!line.includes('"')) return line.split(separator);
  try {
    const rows = parseCsvSync(line, { delimiter: separator, relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    return line.split(separator);
  }
}

/** dd/mm/yyyy HH:MM:SS (DMA), always UTC; else an ISO instant or Unix time. */
export function readCsvTime(text: string): number | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return readTime(text);
  const [d, mo, y, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(t).getUTCDate() === d ? t : null;
}

const UNKNOWN = new Set(['', 'unknown', 'undefined', 'unknown value', 'n/a', 'na', 'null']);

function cell(cells: string[], layout: CsvLayout, f: Field): string | null {
  const i = layout.columns.get(f);
  if (i === undefined) return null;
  const v = (cells[i] ?? '').trim();
  return UNKNOWN.has(v.toLowerCase()) ? null : v;
}

function number(v: string | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** One data row: a position and/or static data, or why it is bad. */
export function readCsvRow(line: string, layout: CsvLayout): CsvRow | { bad: AisBadReason } {
  const cells = splitRow(line, layout.separator);
  if (cells.length < 4) return { bad: 'malformed' };
  const timeText = cell(cells, layout, 'time');
  if (timeText === null) return { bad: 'no_time' };
  const t = readCsvTime(timeText);
  if (t === null || t < Date.UTC(1995, 0, 1) || t >= Date.UTC(2100, 0, 1)) return { bad: 'bad_time' };
  const mmsiText = cell(cells, layout, 'mmsi');
  const mmsi = mmsiText !== null && /^\d{1,9}$/.test(mmsiText) ? Number(mmsiText) : 0;
  if (mmsi <= 0) return { bad: 'bad_mmsi' };
  const lat = number(cell(cells, layout, 'lat'));
  const lon = number(cell(cells, layout, 'lon'));
  const sog = number(cell(cells, layout, 'sog'));
  const cog = number(cell(cells, layout, 'cog'));
  const heading = number(cell(cells, layout, 'heading'));
  const navText = cell(cells, layout, 'nav');
  const position: DecodedPosition | null =
    lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !(lat === 0 && lon === 0)
      ? {
          mmsi,
          lon,
          lat,
          sog: sog !== null && sog >= 0 && sog < 102.3 ? sog : null,
          cog: cog !== null && cog >= 0 && cog < 360 ? cog : null,
          heading: heading !== null && heading >= 0 && heading < 360 ? heading : null,
          navStatus: navText === null ? null : (NAV_STATUS[navText.toLowerCase()] ?? (/^\d+$/.test(navText) && Number(navText) < 16 ? Number(navText) : null)),
        }
      : null;
  const imoText = cell(cells, layout, 'imo');
  const imo = imoText !== null && /^\d{7}$/.test(imoText.replace(/^IMO\s*/i, '')) ? imoText.replace(/^IMO\s*/i, '') : null;
  const shipTypeText = cell(cells, layout, 'shipType');
  const positive = (n: number | null) => (n !== null && n > 0 ? n : null);
  const st: DecodedStatic = {
    mmsi,
    name: cell(cells, layout, 'name'),
    imo,
    callSign: cell(cells, layout, 'callSign'),
    shipType: shipTypeText === null ? null : (SHIP_TYPE[shipTypeText.toLowerCase()] ?? (/^\d+$/.test(shipTypeText) ? Number(shipTypeText) : null)),
    lengthM: positive(number(cell(cells, layout, 'length'))),
    widthM: positive(number(cell(cells, layout, 'width'))),
    draughtM: positive(number(cell(cells, layout, 'draught'))),
    destination: cell(cells, layout, 'destination'),
  };
  const hasStatic = st.name !== null || st.imo !== null || st.callSign !== null || st.shipType !== null || st.lengthM !== null || st.widthM !== null || st.draughtM !== null || st.destination !== null;
  if (!position && (lat !== null || lon !== null || !hasStatic)) return { bad: 'bad_position' };
  return { t, position, static: hasStatic ? st : null };
}
