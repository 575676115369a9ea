// The duplicate check's memory answers exactly as the Map it replaced (key → time in insertion order, the
// oldest half forgotten past the memory), so an import keeps and drops the same messages: held to that
// Map on random streams of repeats, with the memory small enough to forget often, and with hashes cut to
// two bits so that different keys share them all the time (they must never be taken for each other).
import { RecentMessages, keyHash } from './recentMessages';

/** The check as the import did it before (importAis.ts up to the integer-keyed memory). */
function mapCheck(windowMs: number, memory: number) {
  const recent = new Map<string, number>();
  return (key: string, t: number): boolean => {
    const before = recent.get(key);
    if (before !== undefined && Math.abs(before - t) <= windowMs) return true;
    recent.set(key, t);
    if (recent.size > memory) {
      let drop = memory / 2;
      for (const k of recent.keys()) {
        recent.delete(k);
        if (--drop === 0) break;
      }
    }
    return false;
  };
}

function stream(seed: number, n: number, distinct: number): [string, number][] {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let t = 0;
  const out: [string, number][] = [];
  for (let i = 0; i < n; i++) {
    // Time mostly forward, sometimes back (out-of-order lines); keys repeat, some soon (a second station), some late.
    t += Math.floor(rnd() * 40_000) - 8_000;
    const again = out.length > 0 && rnd() < 0.3 ? out[out.length - 1 - Math.floor(rnd() * Math.min(out.length, 20))]! : null;
    out.push(again ? [again[0], again[1] + Math.floor(rnd() * 150_000) - 50_000] : [`1${Math.floor(rnd() * distinct).toString(36)}@${Math.floor(rnd() * 3)}`, t]);
  }
  return out;
}

describe('RecentMessages', () => {
  const cases = [
    { name: 'full hashes', hash: (k: string) => keyHash(k) },
    { name: 'hashes cut to two bits (different keys collide)', hash: (k: string) => keyHash(k) & 3 },
  ];
  for (const { name, hash } of cases) {
    it(`answers every message as the Map it replaced, forgetting the same keys (${name})`, () => {
      for (const [seed, memory, distinct] of [[1, 64, 50], [2, 64, 400], [3, 1000, 3000], [4, 10, 12]] as const) {
        const expected = mapCheck(60_000, memory);
        const recent = new RecentMessages(60_000, memory);
        const got: boolean[] = [];
        const want: boolean[] = [];
        for (const [key, t] of stream(seed, 20_000, distinct)) {
          want.push(expected(key, t));
          got.push(recent.isDuplicate(key, t, hash(key)));
        }
        expect(want.filter(Boolean).length).toBeGreaterThan(500); // duplicates there are
        expect(got).toEqual(want);
      }
    });
  }

  it('hashes a key the same whole or as a piece of a longer text (a decoding thread hashes payloads in place)', () => {
    const text = 'xx15M67FC000G?ufbE`FepT@3n00Sayy';
    expect(keyHash(text, 2, text.length - 2)).toBe(keyHash('15M67FC000G?ufbE`FepT@3n00Sa'));
    expect(keyHash('a')).not.toBe(keyHash('b'));
    expect(keyHash('15M67FC000G?ufbE`FepT@3n00Sa')).toBeLessThan(2 ** 30);
  });
});
