// NMEA 0183 AIS lines (!AIVDM / !AIVDO) into decoded messages with their receive time. Ours, and kept
// small: the framing around the payload (an NMEA 4.0 tag block `\c:1700000000,s:station*hh\`, or a
// leading Unix or ISO time), checksums, and multi-part reassembly (fragments keyed by station, channel
// and sequence id, in any order). The 6-bit payload itself is decoded by the libraries (decoder.ts).
import { parseIsoInstant } from '../../../shared/dates';
import { decodeMessage, type Decoded } from './decoder';
import type { AisBadReason } from './types';

export interface NmeaMessage {
  /** Receive time, ms since the epoch (UTC). */
  t: number;
  /** The payload, fragments joined (the duplicate check compares it). */
  payload: string;
  decoded: Decoded;
}

export type NmeaLineResult = NmeaMessage | { bad: AisBadReason } | null;

/** XOR of the characters between `from` (inclusive) and `to` (exclusive), as two upper-case hex digits. */
function checksumOf(s: string, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= s.charCodeAt(i);
  return sum;
}

function hexAt(s: string, i: number): number {
  const h = s.slice(i, i + 2);
  return /^[0-9A-Fa-f]{2}$/.test(h) ? parseInt(h, 16) : -1;
}

/** Unix seconds (or milliseconds, 13 digits) or an ISO instant, as ms; null when it is neither. */
export function readTime(text: string): number | null {
  const s = text.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (/^\d{12,13}$/.test(s)) return Number(s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const iso = parseIsoInstant(s.replace(' ', 'T'));
  return typeof iso === 'string' ? Date.parse(iso) : null;
}

/** Times outside this window are a broken clock, not AIS (AIS began in 2002; nothing is received in the future). */
const MIN_T = Date.UTC(1995, 0, 1);
const MAX_T = Date.UTC(2100, 0, 1);

interface Pending {
  parts: (string | undefined)[];
  got: number;
  fill: number;
  t: number | null;
  /** Line number of the first fragment seen: fragments further apart than MAX_SPREAD lines never join. */
  line: number;
}

/** Fragments of one message arrive within a few lines; one still waiting after this many is incomplete. */
const MAX_SPREAD = 200;

/** Reads a log line by line: `line(text)` answers a complete message, a reason it is bad, or null (nothing yet). */
export class NmeaReader {
  private readonly pending = new Map<string, Pending>();
  private lineNo = 0;
  /** Multi-part messages that never completed (counted as they are given up). */
  incomplete = 0;

  line(raw: string): NmeaLineResult {
    this.lineNo++;
    if ((this.lineNo & 1023) === 0) this.expire(false);
    let s = raw;
    let i = 0;
    let t: number | null = null;
    let station = '';
    // NMEA 4.0 tag block(s): \key:value,key:value*hh\ before the sentence.
    while (s.charCodeAt(i) === 92 /* \ */) {
      const end = s.indexOf('\\', i + 1);
      const star = s.lastIndexOf('*', end);
      if (end < 0 || star < i) return { bad: 'malformed' };
      if (hexAt(s, star + 1) !== checksumOf(s, i + 1, star)) return { bad: 'bad_checksum' };
      for (const field of s.slice(i + 1, star).split(',')) {
        const colon = field.indexOf(':');
        const key = field.slice(0, colon);
        const value = field.slice(colon + 1);
        if (key === 'c') {
          const n = Number(value);
          if (!Number.isFinite(n) || value === '') return { bad: 'bad_time' };
          t = n > 1e11 ? Math.round(n) : Math.round(n * 1000);
        } else if (key === 's') station = value;
      }
      i = end + 1;
    }
    let bang = s.indexOf('!', i);
    if (bang < 0) return s.trim() === '' ? null : { bad: 'not_ais' };
    if (bang > i) {
      // A leading time: "1700000000.123 !AIVDM…", "2024-01-14T01:38:45Z,!AIVDM…".
      const prefix = s.slice(i, bang).replace(/[\s,;]+$/, '');
      const read = prefix === '' ? null : readTime(prefix);
      if (read === null) return { bad: 'not_ais' };
      t ??= read;
    }
    s = s.slice(bang).trimEnd();
    bang = 0;
    const star = s.length - 3;
    if (s.charCodeAt(star) !== 42 /* * */) return { bad: 'malformed' };
    const type = s.slice(3, 6);
    if (type !== 'VDM' && type !== 'VDO') return { bad: 'not_ais' };
    if (hexAt(s, star + 1) !== checksumOf(s, 1, star)) return { bad: 'bad_checksum' };
    const f = s.slice(0, star).split(',');
    if (f.length !== 7) return { bad: 'malformed' };
    const total = Number(f[1]);
    const num = Number(f[2]);
    const payload = f[5]!;
    const fill = Number(f[6]);
    if (!(total >= 1 && total <= 9 && num >= 1 && num <= total && fill >= 0 && fill <= 5) || payload === '') return { bad: 'malformed' };
    if (total === 1) return this.message(t, s, payload, fill);
    return this.fragment(`${station}|${f[4]}|${f[3]}|${total}`, total, num, payload, fill, t);
  }

  /** Gives up the multi-part messages still waiting (at the end of a file): each is counted incomplete. */
  finish(): void {
    this.expire(true);
  }

  private fragment(key: string, total: number, num: number, payload: string, fill: number, t: number | null): NmeaLineResult {
    let p = this.pending.get(key);
    if (p && p.parts[num - 1] !== undefined) {
      // The same fragment again: the earlier message never completed.
      this.pending.delete(key);
      this.incomplete++;
      p = undefined;
    }
    if (!p) {
      p = { parts: new Array<string | undefined>(total), got: 0, fill: 0, t: null, line: this.lineNo };
      this.pending.set(key, p);
    }
    p.parts[num - 1] = payload;
    p.got++;
    if (num === total) p.fill = fill;
    p.t ??= t;
    if (p.got < total) return null;
    this.pending.delete(key);
    const joined = p.parts.join('');
    // A whole sentence, as if it had come in one: what ggencoder reads.
    const body = `AIVDM,1,1,,A,${joined},${p.fill}`;
    const sentence = `!${body}*${checksumOf(body, 0, body.length).toString(16).toUpperCase().padStart(2, '0')}`;
    return this.message(p.t, sentence, joined, p.fill);
  }

  private message(t: number | null, sentence: string, payload: string, fill: number): NmeaLineResult {
    if (t === null) return { bad: 'no_time' };
    if (!(t >= MIN_T && t < MAX_T)) return { bad: 'bad_time' };
    let decoded: Decoded;
    try {
      decoded = decodeMessage(sentence, payload, fill);
    } catch {
      decoded = { kind: 'bad', reason: 'malformed' };
    }
    return { t, payload, decoded };
  }

  private expire(all: boolean) {
    for (const [key, p] of this.pending) {
      if (all || this.lineNo - p.line > MAX_SPREAD) {
        this.pending.delete(key);
        this.incomplete++;
      }
    }
  }
}
