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

/**
 * One line's sentence, framed: what a line says on its own, before any state of the log (the station
 * of earlier lines, fragments waiting). Pure, so the decoding threads frame lines exactly as the reader.
 */
export interface Framed {
  /** Receive time from the tag block or a leading time, ms; null when the line has none. */
  t: number | null;
  /** The tag block's station (s:), null when it names none. */
  station: string | null;
  /** The line carries a tag block (a fragment without one continues the last station's). */
  tagged: boolean;
  /** The sentence from its `!`, trailing space removed. */
  sentence: string;
  total: number;
  num: number;
  seqId: string;
  channel: string;
  payload: string;
  fill: number;
}

/**
 * A line framed, or why it is bad (with the station it named when its tag blocks were whole: a bad
 * sentence after a good tag block still sets the station), or `none` (a tag block and nothing else).
 */
export type FrameResult = Framed | { bad: AisBadReason; station: string | null } | { none: true; station: string | null };

/** 0-15 for a hex digit (either case), else -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The two hex digits at i as a number, -1 when they are not two hex digits. */
function hexPairAt(s: string, i: number): number {
  if (i + 1 >= s.length) return -1;
  const a = hexDigit(s.charCodeAt(i));
  const b = hexDigit(s.charCodeAt(i + 1));
  return a < 0 || b < 0 ? -1 : a * 16 + b;
}

/** A one-digit field's value without making a string of it; any other text as Number reads it. */
function numberAt(s: string, from: number, to: number): number {
  if (to === from + 1) {
    const c = s.charCodeAt(from);
    if (c >= 48 && c <= 57) return c - 48;
  }
  return Number(s.slice(from, to));
}

/** Printable ASCII other than space: a line ending in one has nothing for trimEnd to remove. */
const isPlainEnd = (c: number): boolean => c > 32 && c < 127;

/** The first tag block of the last line framed that had one, whole and checked, and what it said. */
let lastTag = '';
let lastTagT: number | null = null;
let lastTagStation: string | null = null;

/**
 * Frames one line. Read in place, by index, with no split (a tenth of an import's time was framing):
 * nmea.test.ts holds this to the reading by split and slice it replaced, on generated and broken lines.
 */
export function frameLine(raw: string): FrameResult {
  const s = raw;
  let i = 0;
  let t: number | null = null;
  let station: string | null = null;
  // The first tag block as the line before had it (a receiver stamps whole seconds: nearly every line
  // repeats it): what it said is known, its checksum right. A block ends at its first '\', so a line
  // starting with that text has that very block.
  if (lastTag !== '' && s.startsWith(lastTag)) {
    i = lastTag.length;
    t = lastTagT;
    station = lastTagStation;
  }
  // NMEA 4.0 tag block(s): \key:value,key:value*hh\ before the sentence.
  while (s.charCodeAt(i) === 92 /* \ */) {
    const end = s.indexOf('\\', i + 1);
    const star = s.lastIndexOf('*', end);
    if (end < 0 || star < i) return { bad: 'malformed', station: null };
    if (hexPairAt(s, star + 1) !== checksumOf(s, i + 1, star)) return { bad: 'bad_checksum', station: null };
    // Fields `key:value` between i + 1 and star; a field without a colon has as key all but its last character.
    for (let a = i + 1; ; ) {
      let b = s.indexOf(',', a);
      if (b < 0 || b > star) b = star;
      let colon = s.indexOf(':', a);
      if (colon >= b) colon = -1;
      const keyEnd = colon >= 0 ? colon : Math.max(a, b - 1);
      if (keyEnd === a + 1) {
        const key = s.charCodeAt(a);
        const value = colon >= 0 ? colon + 1 : a;
        if (key === 99 /* c */) {
          const n = Number(s.slice(value, b));
          if (!Number.isFinite(n) || value === b) return { bad: 'bad_time', station: null };
          t = n > 1e11 ? Math.round(n) : Math.round(n * 1000);
        } else if (key === 115 /* s */) station = s.slice(value, b);
      }
      if (b === star) break;
      a = b + 1;
    }
    if (i === 0) {
      lastTag = s.slice(0, end + 1);
      lastTagT = t;
      lastTagStation = station;
    }
    i = end + 1;
  }
  const tagged = i > 0;
  const bang = s.indexOf('!', i);
  if (bang < 0) return s.trim() === '' ? { none: true, station } : { bad: 'not_ais', station };
  if (bang > i) {
    // A leading time: "1700000000.123 !AIVDM…", "2024-01-14T01:38:45Z,!AIVDM…".
    const prefix = s.slice(i, bang).replace(/[\s,;]+$/, '');
    const read = prefix === '' ? null : readTime(prefix);
    if (read === null) return { bad: 'not_ais', station };
    t ??= read;
  }
  // The sentence: from its '!' to the end, trailing space removed.
  const sentence = isPlainEnd(s.charCodeAt(s.length - 1)) ? (bang === 0 ? s : s.slice(bang)) : s.slice(bang).trimEnd();
  const star = sentence.length - 3;
  if (sentence.charCodeAt(star) !== 42 /* * */) return { bad: 'malformed', station };
  // VDM or VDO, after "!AI" (or any other talker).
  const t3 = sentence.charCodeAt(3);
  const t4 = sentence.charCodeAt(4);
  const t5 = sentence.charCodeAt(5);
  if (!(t3 === 86 && t4 === 68 && (t5 === 77 || t5 === 79))) return { bad: 'not_ais', station };
  if (hexPairAt(sentence, star + 1) !== checksumOf(sentence, 1, star)) return { bad: 'bad_checksum', station };
  // Exactly seven fields before the '*': the six commas that part them, and no seventh.
  const c1 = sentence.indexOf(',');
  const c2 = c1 < 0 ? -1 : sentence.indexOf(',', c1 + 1);
  const c3 = c2 < 0 ? -1 : sentence.indexOf(',', c2 + 1);
  const c4 = c3 < 0 ? -1 : sentence.indexOf(',', c3 + 1);
  const c5 = c4 < 0 ? -1 : sentence.indexOf(',', c4 + 1);
  const c6 = c5 < 0 ? -1 : sentence.indexOf(',', c5 + 1);
  if (c6 < 0 || c6 > star) return { bad: 'malformed', station };
  const c7 = sentence.indexOf(',', c6 + 1);
  if (c7 >= 0 && c7 < star) return { bad: 'malformed', station };
  const total = numberAt(sentence, c1 + 1, c2);
  const num = numberAt(sentence, c2 + 1, c3);
  const fill = numberAt(sentence, c6 + 1, star);
  if (!(total >= 1 && total <= 9 && num >= 1 && num <= total && fill >= 0 && fill <= 5) || c6 === c5 + 1) return { bad: 'malformed', station };
  return { t, station, tagged, sentence, total, num, seqId: sentence.slice(c3 + 1, c4), channel: sentence.slice(c4 + 1, c5), payload: sentence.slice(c5 + 1, c6), fill };
}

/** Why a message's receive time is refused (none, or a broken clock), null when it is good. */
export function badTime(t: number | null): 'no_time' | 'bad_time' | null {
  if (t === null) return 'no_time';
  return t >= MIN_T && t < MAX_T ? null : 'bad_time';
}

/**
 * A whole single-part message's receive time checked and its payload decoded (pure: the decoding
 * threads run it for the position reports that make up nearly all of a log).
 */
export function messageOf(t: number | null, sentence: string, payload: string, fill: number): NmeaMessage | { bad: AisBadReason } {
  const bad = badTime(t);
  if (bad !== null) return { bad };
  let decoded: Decoded;
  try {
    decoded = decodeMessage(sentence, payload, fill);
  } catch {
    decoded = { kind: 'bad', reason: 'malformed' };
  }
  return { t: t!, payload, decoded };
}

/** Reads a log line by line: `line(text)` answers a complete message, a reason it is bad, or null (nothing yet). */
export class NmeaReader {
  private readonly pending = new Map<string, Pending>();
  private lineNo = 0;
  /**
   * The station of the last tag block: a fragment without one (grouped with g:) continues it. Set from
   * outside for the lines a decoding thread read.
   */
  lastStation = '';
  /** Multi-part messages that never completed (counted as they are given up). */
  incomplete = 0;

  line(raw: string): NmeaLineResult {
    this.skip();
    const f = frameLine(raw);
    let station = f.station;
    if (station !== null) this.lastStation = station;
    if ('bad' in f) return { bad: f.bad };
    if ('none' in f) return null;
    station ??= f.tagged ? '' : this.lastStation;
    if (f.total === 1) return messageOf(f.t, f.sentence, f.payload, f.fill);
    return this.fragment(`${station}|${f.channel}|${f.seqId}|${f.total}`, f.total, f.num, f.payload, f.fill, f.t);
  }

  /** One more line counted: fragments expire after a number of lines. */
  private skip(): void {
    this.lineNo++;
    if ((this.lineNo & 1023) === 0) this.expire(false);
  }

  /**
   * Counts the lines read elsewhere (a decoding thread) that needed nothing of this reader's state, up
   * to line `n`, as `line` would have counted them one by one: fragments expire at the same lines.
   */
  skipTo(n: number): void {
    while (this.lineNo < n) {
      this.lineNo = Math.min(n, (this.lineNo | 1023) + 1);
      if ((this.lineNo & 1023) === 0) this.expire(false);
    }
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
    return messageOf(p.t, sentence, joined, p.fill);
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
