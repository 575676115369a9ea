// NMEA framing read in place (frameLine) against the reading by split and slice it replaced: the same
// answer for every line, generated or broken, so an import's counts cannot move with the speed-up.
import fc from 'fast-check';
import { frameLine, readTime, type FrameResult } from './nmea';
import type { AisBadReason } from './types';

function checksumOf(s: string, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= s.charCodeAt(i);
  return sum;
}

function hexAt(s: string, i: number): number {
  const h = s.slice(i, i + 2);
  return /^[0-9A-Fa-f]{2}$/.test(h) ? parseInt(h, 16) : -1;
}

/** The framing as NmeaReader.line read it before (commit ffbb4e5), as a pure function. */
function frameByReference(raw: string): FrameResult {
  let s = raw;
  let i = 0;
  let t: number | null = null;
  let station: string | null = null;
  while (s.charCodeAt(i) === 92) {
    const end = s.indexOf('\\', i + 1);
    const star = s.lastIndexOf('*', end);
    if (end < 0 || star < i) return { bad: 'malformed', station: null };
    if (hexAt(s, star + 1) !== checksumOf(s, i + 1, star)) return { bad: 'bad_checksum', station: null };
    for (const field of s.slice(i + 1, star).split(',')) {
      const colon = field.indexOf(':');
      const key = field.slice(0, colon);
      const value = field.slice(colon + 1);
      if (key === 'c') {
        const n = Number(value);
        if (!Number.isFinite(n) || value === '') return { bad: 'bad_time', station: null };
        t = n > 1e11 ? Math.round(n) : Math.round(n * 1000);
      } else if (key === 's') station = value;
    }
    i = end + 1;
  }
  const tagged = i > 0;
  const bang = s.indexOf('!', i);
  if (bang < 0) return s.trim() === '' ? { none: true, station } : { bad: 'not_ais', station };
  if (bang > i) {
    const prefix = s.slice(i, bang).replace(/[\s,;]+$/, '');
    const read = prefix === '' ? null : readTime(prefix);
    if (read === null) return { bad: 'not_ais', station };
    t ??= read;
  }
  s = s.slice(bang).trimEnd();
  const star = s.length - 3;
  if (s.charCodeAt(star) !== 42) return { bad: 'malformed', station };
  const type = s.slice(3, 6);
  if (type !== 'VDM' && type !== 'VDO') return { bad: 'not_ais', station };
  if (hexAt(s, star + 1) !== checksumOf(s, 1, star)) return { bad: 'bad_checksum', station };
  const f = s.slice(0, star).split(',');
  if (f.length !== 7) return { bad: 'malformed', station };
  const total = Number(f[1]);
  const num = Number(f[2]);
  const payload = f[5]!;
  const fill = Number(f[6]);
  if (!(total >= 1 && total <= 9 && num >= 1 && num <= total && fill >= 0 && fill <= 5) || payload === '') return { bad: 'malformed', station };
  return { t, station, tagged, sentence: s, total, num, seqId: f[3]!, channel: f[4]!, payload, fill };
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const withSum = (body: string) => `${body}*${hex2(checksumOf(body, 0, body.length))}`;
const tag = (body: string) => `\\${withSum(body)}\\`;

const GOOD = [
  `${tag('s:rajin,c:1736640000')}!${withSum('AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0')}`,
  `${tag('c:1736640000123,s:b')}!${withSum('AIVDO,2,1,7,B,55NOvQP1u>QIL@O??SL985`u>0EQ18E=>222221J1p?,0')}`,
  `${tag('g:1-2-77,s:x,c:1736640000')}!${withSum('AIVDM,2,2,7,B,88888888880,2')}`,
  `1736640000.5 !${withSum('AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0')}`,
  `2025-01-12T00:00:00Z,!${withSum('AIVDM,1,1,,A,K5DfMB9FLsM?P00d,0')}`,
  `!${withSum('AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0')}  \t`,
  `${tag('s:only')}`,
  '',
  '$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A',
];

/** What a line can go wrong with: characters dropped, doubled, changed, cut. */
const mutated = fc.tuple(fc.constantFrom(...GOOD), fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'set', 'cut'), fc.constantFrom(...'\\*,:!csVDMO0123456789AaFf. \t-')), { maxLength: 4 })).map(([line, edits]) => {
  let s = line;
  for (const [at, edit, c] of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (edit === 'drop') s = s.slice(0, i) + s.slice(i + 1);
    else if (edit === 'dup') s = s.slice(0, i) + s[i] + s.slice(i);
    else if (edit === 'set') s = s.slice(0, i) + c + s.slice(i + 1);
    else s = s.slice(0, i);
  }
  return s;
});

/** Lines whose checksums hold, with fields of any count and text: what the framing reads after the checksum. */
const field = fc.string({ unit: fc.constantFrom(...'0123456789 .-xAB:@'), maxLength: 4 });
const digit = fc.oneof(fc.constantFrom('1', '2', '0', '9', '5', '6'), field);
const sixFields = fc.tuple(digit, digit, fc.constantFrom('', '7', '12'), fc.constantFrom('A', 'B', ''), fc.constantFrom('13u?etPv2;0n:dDPwUM1U1Cb069D', 'B5', ''), digit).map((f) => [...f]);
const summed = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom('c:1736640000', 'c:1736640000123', 'c:', 'c', 'cX', 's:rajin', 's:', 'g:1-2-3', ''), field.map((v) => `c:${v}`), field.map((v) => `s:${v}`)), { maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom('AIVDM', 'AIVDO', 'BSVDM', 'AIVDX', 'AI', ''),
    fc.oneof({ arbitrary: sixFields, weight: 4 }, { arbitrary: fc.array(digit, { maxLength: 8 }), weight: 1 }),
    fc.constantFrom('', ' ', '\t', '\r', '\u00a0', 'x'),
  )
  .map(([tagFields, tagged, type, fields, after]) => `${tagged ? tag(tagFields.join(',')) : ''}!${withSum([type, ...fields].join(','))}${after}`);

describe('frameLine', () => {
  it('frames well-formed lines as the reading it replaced did', () => {
    for (const line of GOOD) expect(frameLine(line)).toEqual(frameByReference(line));
    expect((frameLine(GOOD[0]!) as { payload: string }).payload).toBe('13u?etPv2;0n:dDPwUM1U1Cb069D');
  });

  it('answers every broken line as the reading it replaced did (the same reason, station and fields)', () => {
    fc.assert(fc.property(mutated, (line) => {
      expect(frameLine(line)).toEqual(frameByReference(line));
    }), { numRuns: 20_000 });
  });

  it('reads the fields of lines whose checksums hold as the reading it replaced did', () => {
    fc.assert(
      fc.property(summed, (line) => {
        expect(frameLine(line)).toEqual(frameByReference(line));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers arbitrary text as the reading it replaced did', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'\\*,:!csVDMO0123456789AF. \t'), maxLength: 60 }), (line) => {
      expect(frameLine(line)).toEqual(frameByReference(line));
    }), { numRuns: 20_000 });
  });

  it('reads the reasons a line is bad', () => {
    const reasonOf = (line: string): AisBadReason | null => {
      const f = frameLine(line);
      return 'bad' in f ? f.bad : null;
    };
    expect(reasonOf(GOOD[0]!.replace('*', '+'))).toBe('malformed');
    expect(reasonOf(`${tag('s:a,c:x')}!${withSum('AIVDM,1,1,,A,13u,0')}`)).toBe('bad_time');
    expect(reasonOf(`!${withSum('AIVDM,1,1,,A,13u,0')}`.slice(0, -1) + '0')).toBe('bad_checksum');
    expect(reasonOf(`!${withSum('AIVDM,1,1,,A,13u,0,9')}`)).toBe('malformed');
    expect(reasonOf(`!${withSum('AIVDM,1,1,,A,,0')}`)).toBe('malformed');
    expect(reasonOf(GOOD[8]!)).toBe('not_ais');
  });
});
