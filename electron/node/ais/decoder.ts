// Decodes one whole AIS message (its 6-bit payload, fragments already joined) into what the project
// keeps, through two libraries and never by hand (ARCHITECTURE.md, "Libraries and why"):
// - ggencoder for the position reports that make up nearly all of a log (types 1-3 and 18): it decodes
//   eagerly, about five times faster than aisparser (~300k messages/s against ~65k; Signal K uses it),
//   and we map its "not available" values (raw sentinels: 102.3 kn, 360°, 511) to null;
// - aisparser for the rest we keep (5, 19, 24 and 27): of the npm decoders the only one right on every
//   reference vector (gpsd, pyais: 1-3, 5, 18, 19, 24 A/B, 27 with signed 96-bit positions, "not
//   available" as NaN), where ggencoder reads type 27's longitude and latitude as unsigned.
// ais-stream-decoder has no 19 or 27. Both chosen are Apache-2.0 with no dependencies. Tag blocks,
// checksums, leading times and multi-part reassembly (by station, channel and sequence id, in any order)
// are ours (nmea.ts); no field layout is: only ggencoder's bit reader is replaced (GetInt below).
// ggencoder also encodes the generator's sentences (fixtures/generate.ts).
import ggencoder from 'ggencoder';
import AisParser from 'aisparser';
import type { AisStatic } from '../../../shared/ais/types';

export interface DecodedPosition {
  mmsi: number;
  lon: number;
  lat: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  navStatus: number | null;
}

/** A static report as decoded: the stored AisStatic's fields, its MMSI still a number, no receive time yet. */
export type DecodedStatic = Omit<AisStatic, 'mmsi' | 't'> & { mmsi: number };

export type Decoded =
  | { kind: 'position'; position: DecodedPosition; static?: DecodedStatic }
  | { kind: 'static'; static: DecodedStatic }
  | { kind: 'bad'; reason: 'unknown_type' | 'bad_position' | 'bad_mmsi' | 'malformed' };

/** The message type of a payload, from its first character alone (the armoured 6-bit value of "1".."K"). */
const TYPE_OF_FIRST: Record<string, number> = { '1': 1, '2': 2, '3': 3, '5': 5, B: 18, C: 19, H: 24, K: 27 };

const { AisDecode } = ggencoder;

/**
 * ggencoder's decoder, less its own checksum test: every sentence given here was checked by nmea.ts
 * (or made whole by it, with its checksum computed), and the second test cost a tenth of decoding.
 */
export class CheckedAisDecode extends AisDecode {
  override validateChecksum(): boolean {
    return true;
  }

  /**
   * ggencoder's GetInt, the same bits read a 6-bit character at a time instead of one bit at a time
   * (its loop calls parseInt on a number for every bit: a third of decoding). Its field layout, scaling
   * and signs stay the library's; decoder.test.ts holds this to the library's own GetInt.
   */
  override GetInt(start: number, len: number, signed?: boolean): number {
    const chars = this.bitarray;
    const end = start + len;
    let acc = 0;
    for (let i = start; i < end; ) {
      const at = (i / 6) | 0;
      const offset = i - at * 6;
      const take = Math.min(6 - offset, end - i);
      // A character past the payload reads as zeros, as in the library (undefined >> n is 0).
      acc = (acc << take) | (((chars[at] ?? 0) >> (6 - offset - take)) & ((1 << take) - 1));
      i += take;
    }
    // Signed: the first bit set pads with ones (the library starts from ~0).
    if (signed && len > 0 && len < 32 && (acc >>> (len - 1)) & 1) acc |= -1 << len;
    return acc;
  }
}
const parser = new AisParser({ checksum: false });

/** Text fields padded with spaces or '@' (AIS's 6-bit NUL) are trimmed; empty is null. */
function text(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.replace(/@+$/, '').trim();
  return s === '' ? null : s;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function validMmsi(m: number): boolean {
  return Number.isInteger(m) && m > 0 && m <= 999_999_999;
}

/** Position reports: a position that is not there (181°, 91°), out of range, or 0,0 (no fix) is no position. */
function validPosition(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 && !(lon === 0 && lat === 0);
}

/**
 * Decodes one message. `sentence` is a whole single-fragment sentence with a correct checksum (what
 * ggencoder reads), `payload` and `fill` its armoured payload and fill bits.
 */
export function decodeMessage(sentence: string, payload: string, fill: number): Decoded {
  const type = TYPE_OF_FIRST[payload[0] ?? ''];
  if (type === undefined) return { kind: 'bad', reason: 'unknown_type' };
  if (type <= 3 || type === 18) return classAOrB(sentence, type);
  return viaAisParser(payload, fill, type);
}

function classAOrB(sentence: string, type: number): Decoded {
  const d = new CheckedAisDecode(sentence);
  const mmsi = Number(d.mmsi);
  if (d.aistype !== type) return { kind: 'bad', reason: 'malformed' };
  if (!validMmsi(mmsi)) return { kind: 'bad', reason: 'bad_mmsi' };
  // ggencoder leaves `valid` false when the position is "not available" (181°/91°).
  if (!d.valid || !validPosition(d.lon!, d.lat!)) return { kind: 'bad', reason: 'bad_position' };
  // Raw sentinels: 102.3 kn = not available, 360° = not available, 511 = no heading.
  const sog = d.sog! >= 102.3 ? null : d.sog!;
  const cog = d.cog! >= 360 ? null : d.cog!;
  const heading = d.hdg! >= 360 ? null : d.hdg!;
  const navStatus = type === 18 ? null : (d.navstatus ?? null);
  return { kind: 'position', position: { mmsi, lon: d.lon!, lat: d.lat!, sog, cog, heading, navStatus } };
}

function viaAisParser(payload: string, fill: number, type: number): Decoded {
  const m = parser.parseArray(['!AIVDM', '1', '1', '', 'A', payload, String(fill)]);
  if (m.valid !== 'VALID') return { kind: 'bad', reason: 'malformed' };
  try {
    if (m.aisType !== type) return { kind: 'bad', reason: 'malformed' };
    const mmsi = m.mmsi;
    if (!validMmsi(mmsi)) return { kind: 'bad', reason: 'bad_mmsi' };
    const dims = () => {
      const [bow, stern, port, stbd] = [num(m.dimToBow), num(m.dimToStern), num(m.dimToPort), num(m.dimToStbrd)];
      const length = bow !== null && stern !== null && bow + stern > 0 ? bow + stern : null;
      const width = port !== null && stbd !== null && port + stbd > 0 ? port + stbd : null;
      return { lengthM: length, widthM: width };
    };
    const shipType = () => {
      const t = num(m.shipType);
      return t !== null && t > 0 ? t : null;
    };
    const none: DecodedStatic = { mmsi, name: null, imo: null, callSign: null, shipType: null, lengthM: null, widthM: null, draughtM: null, destination: null };
    if (type === 5) {
      const imo = num(m.imo);
      const draught = num(m.draught);
      return {
        kind: 'static',
        static: {
          ...none,
          name: text(m.name),
          imo: imo !== null && imo > 0 ? String(imo) : null,
          callSign: text(m.callSign),
          shipType: shipType(),
          ...dims(),
          draughtM: draught !== null && draught > 0 ? draught : null,
          destination: text(m.destination),
        },
      };
    }
    if (type === 24) {
      // Part A carries the name; part B the type, call sign and dimensions.
      const part = num(m.partNo);
      if (part === 0) return { kind: 'static', static: { ...none, name: text(m.name) } };
      if (part === 1) return { kind: 'static', static: { ...none, callSign: text(m.callSign), shipType: shipType(), ...dims() } };
      return { kind: 'bad', reason: 'malformed' };
    }
    const lon = num(m.longitude);
    const lat = num(m.latitude);
    if (lon === null || lat === null || !validPosition(lon, lat)) return { kind: 'bad', reason: 'bad_position' };
    const position: DecodedPosition = {
      mmsi,
      lon,
      lat,
      sog: num(m.sog),
      cog: num(m.cog),
      heading: type === 19 ? num(m.heading) : null,
      navStatus: type === 27 ? num(m.navStatus) : null,
    };
    if (type === 19) return { kind: 'position', position, static: { ...none, name: text(m.name), shipType: shipType(), ...dims() } };
    return { kind: 'position', position };
  } catch {
    // aisparser reads lazily and throws on a payload too short for a field.
    return { kind: 'bad', reason: 'malformed' };
  }
}
