// One chunk of an NMEA log read as far as it can be without the log's state (pure, so the same code
// runs in the import's decoding threads and, where there are none, in the importing thread itself):
// each line framed and each single-part message decoded; the position reports that make up nearly all
// of a log tested against the keep area and packed in typed arrays and two strings, so they cross
// threads without an object per message. Other whole messages (static data) come back decoded; what
// needs the reader's state (fragments of multi-part messages) comes back as the line itself. In order.
import type { PolygonGeometry } from '../../../shared/domain';
import type { KeepArea } from './area';
import { lineOf, splitLines } from './lines';
import { badTime, frameLine, messageOf, type NmeaMessage } from './nmea';
import { keyHash } from './recentMessages';
import type { AisBadReason } from './types';

/** What a chunk's record is, in line order: a packed position report, another decoded message, or a line for the reader. */
export const RECORD_POSITION = 0;
export const RECORD_MESSAGE = 1;
export const RECORD_LINE = 2;
/** Numbers per position in `positions`: t, mmsi, lon, lat, sog, cog, heading, navStatus (NaN = null). */
export const POSITION_WIDTH = 8;

export interface NmeaBatch {
  /** Non-blank lines (what the reader counts to give up fragments). */
  lines: number;
  /** Lines longer than MAX_LINE, blanked. */
  tooLong: number;
  /** Messages (and bad sentences) read here: the reader's `read` and `messages` counts for them. */
  read: number;
  messages: number;
  notAis: number;
  bad: Partial<Record<AisBadReason, number>>;
  /** One per record: RECORD_POSITION, RECORD_MESSAGE or RECORD_LINE. */
  kinds: Uint8Array;
  /** POSITION_WIDTH numbers per position record. */
  positions: Float64Array;
  /** Per position record: 1 when within the keep area. */
  inside: Uint8Array;
  /** The position records' payloads (the duplicate check's key), joined; `payloadEnds` cuts them. */
  payloads: string;
  payloadEnds: Uint32Array;
  /** Per position record: its payload's keyHash (the duplicate check's lookup, computed here rather than in the importing thread). */
  payloadHashes: Int32Array;
  /** Per message record: the message decoded (not yet counted: the importing thread reads it as the reader's). */
  decoded: NmeaMessage[];
  /** Per line record: the line, its index among the chunk's non-blank lines, and the station named last before it in the chunk (null: none). */
  lineTexts: string[];
  lineAt: Uint32Array;
  lineStation: (string | null)[];
  /** The station the chunk's lines named last (null: none): the reader's station after the chunk. */
  lastStation: string | null;
}

/** What a decoding thread is given once: the keep area, as the importing thread built it. */
export interface NmeaBatchArea {
  polygons: PolygonGeometry[];
  bufferKm: number;
}

const orNaN = (v: number | null): number => (v === null ? NaN : v);

export function readNmeaBatch(text: string, area: KeepArea): NmeaBatch {
  const split = splitLines(text);
  const n = split.lines.length;
  const kinds = new Uint8Array(n);
  const positions = new Float64Array(n * POSITION_WIDTH);
  const inside = new Uint8Array(n);
  const payloadEnds = new Uint32Array(n);
  const payloadHashes = new Int32Array(n);
  const payloads: string[] = [];
  const decoded: NmeaMessage[] = [];
  const lineTexts: string[] = [];
  const lineAt: number[] = [];
  const lineStation: (string | null)[] = [];
  const bad: Partial<Record<AisBadReason, number>> = {};
  const badOne = (reason: AisBadReason) => (bad[reason] = (bad[reason] ?? 0) + 1);
  let records = 0;
  let nPositions = 0;
  let payloadEnd = 0;
  let lines = 0;
  let read = 0;
  let messages = 0;
  let notAis = 0;
  let station: string | null = null;
  /** Payload hash → the position record first decoded with it in this chunk, and each record's sentence. */
  const seen = new Map<number, number>();
  const seenSentences: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = lineOf(split.lines[i]!);
    if (line === null) continue;
    const at = lines++;
    const f = frameLine(line);
    const stationBefore = station;
    if (f.station !== null) station = f.station;
    if ('none' in f) continue;
    if ('bad' in f) {
      if (f.bad === 'not_ais') notAis++;
      else read++;
      badOne(f.bad);
      continue;
    }
    if (f.total === 1) {
      // The same sentence again in this chunk (a second station's copy, a repeated report): its numbers
      // are the earlier one's, only the receive time is its own.
      const hash = keyHash(f.payload);
      const earlier = seen.get(hash);
      if (earlier !== undefined && seenSentences[earlier] === f.sentence && badTime(f.t) === null) {
        read++;
        messages++;
        const b = nPositions * POSITION_WIDTH;
        const e = earlier * POSITION_WIDTH;
        positions[b] = f.t!;
        for (let k = 1; k < POSITION_WIDTH; k++) positions[b + k] = positions[e + k]!;
        inside[nPositions] = inside[earlier]!;
        payloads.push(f.payload);
        payloadEnd += f.payload.length;
        payloadEnds[nPositions] = payloadEnd;
        payloadHashes[nPositions] = hash;
        nPositions++;
        kinds[records++] = RECORD_POSITION;
        continue;
      }
      const r = messageOf(f.t, f.sentence, f.payload, f.fill);
      if ('bad' in r) {
        read++;
        badOne(r.bad);
        continue;
      }
      const d = r.decoded;
      if (d.kind === 'bad') {
        read++;
        messages++;
        badOne(d.reason);
        continue;
      }
      if (d.kind === 'static' || d.static) {
        kinds[records++] = RECORD_MESSAGE;
        decoded.push(r);
        continue;
      }
      read++;
      messages++;
      const p = d.position;
      const b = nPositions * POSITION_WIDTH;
      positions[b] = r.t;
      positions[b + 1] = p.mmsi;
      positions[b + 2] = p.lon;
      positions[b + 3] = p.lat;
      positions[b + 4] = orNaN(p.sog);
      positions[b + 5] = orNaN(p.cog);
      positions[b + 6] = orNaN(p.heading);
      positions[b + 7] = orNaN(p.navStatus);
      inside[nPositions] = area.contains(p.lon, p.lat) ? 1 : 0;
      payloads.push(r.payload);
      payloadEnd += r.payload.length;
      payloadEnds[nPositions] = payloadEnd;
      payloadHashes[nPositions] = hash;
      // The first sentence with this payload hash stands for it (another with the same hash decodes anew).
      if (earlier === undefined) seen.set(hash, nPositions);
      seenSentences[nPositions] = f.sentence;
      nPositions++;
      kinds[records++] = RECORD_POSITION;
      continue;
    }
    kinds[records++] = RECORD_LINE;
    lineTexts.push(line);
    lineAt.push(at);
    lineStation.push(stationBefore);
  }
  return {
    lines,
    tooLong: split.tooLong,
    read,
    messages,
    notAis,
    bad,
    kinds: kinds.subarray(0, records),
    positions: positions.subarray(0, nPositions * POSITION_WIDTH),
    inside: inside.subarray(0, nPositions),
    payloads: payloads.join(''),
    payloadEnds: payloadEnds.subarray(0, nPositions),
    payloadHashes: payloadHashes.subarray(0, nPositions),
    decoded,
    lineTexts,
    lineAt: Uint32Array.from(lineAt),
    lineStation,
    lastStation: station,
  };
}

/** The buffers a batch can hand to another thread without copying them. */
export function transferablesOf(b: NmeaBatch): ArrayBuffer[] {
  return [b.kinds, b.positions, b.inside, b.payloadEnds, b.payloadHashes, b.lineAt].map((a) => a.buffer as ArrayBuffer);
}
