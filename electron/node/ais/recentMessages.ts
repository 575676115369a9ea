// The duplicate check's memory: the same message (its payload, or a CSV row's key) heard again within a
// window is a duplicate (a second station, a repeated line). It remembers the most recent distinct keys
// and forgets the oldest half once it holds more than `memory` of them: exactly what a Map from key to
// time in insertion order did, but looked up by a 30-bit hash of the key (a decoding thread computes it
// for the position reports, beside the rest of their numbers) in a Map of small integers, the key itself
// kept in a ring to compare: equal hashes of different keys are told apart, never taken as duplicates.

/** FNV-1a of the key's UTF-16 code units, in 30 bits (a small integer V8 keeps unboxed). */
export function keyHash(key: string, from = 0, to = key.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

export class RecentMessages {
  /** Hash → slot of the key that holds that hash. */
  private readonly byHash = new Map<number, number>();
  /** Key → slot, for keys whose hash another remembered key held when they came (rare). */
  private readonly byKey = new Map<string, number>();
  private readonly mask: number;
  private readonly keys: (string | undefined)[];
  private readonly times: Float64Array;
  private readonly hashes: Int32Array;
  private readonly inByKey: Uint8Array;
  /** Slots in order of the keys' first arrival: [oldest, next) are remembered. */
  private next = 0;
  private oldest = 0;

  constructor(
    private readonly windowMs: number,
    private readonly memory: number,
  ) {
    let size = 1;
    while (size <= memory) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<string | undefined>(size);
    this.times = new Float64Array(size);
    this.hashes = new Int32Array(size);
    this.inByKey = new Uint8Array(size);
  }

  /** True when `key` was heard within the window of `t`; otherwise remembers `t` for it. */
  isDuplicate(key: string, t: number, hash = keyHash(key)): boolean {
    let slot = this.byHash.get(hash);
    const hashTaken = slot !== undefined;
    if (slot !== undefined && this.keys[slot & this.mask] !== key) slot = this.byKey.size > 0 ? this.byKey.get(key) : undefined;
    else if (slot === undefined && this.byKey.size > 0) slot = this.byKey.get(key);
    if (slot !== undefined) {
      const i = slot & this.mask;
      if (Math.abs(this.times[i]! - t) <= this.windowMs) return true;
      this.times[i] = t;
      return false;
    }
    slot = this.next++;
    const i = slot & this.mask;
    if (hashTaken) {
      this.byKey.set(key, slot);
      this.inByKey[i] = 1;
    } else {
      this.byHash.set(hash, slot);
      this.inByKey[i] = 0;
    }
    this.keys[i] = key;
    this.times[i] = t;
    this.hashes[i] = hash;
    if (this.next - this.oldest > this.memory) this.forget(this.memory / 2);
    return false;
  }

  /** Forgets the `n` keys that came first. */
  private forget(n: number) {
    for (const end = this.oldest + n; this.oldest < end; this.oldest++) {
      const i = this.oldest & this.mask;
      if (this.inByKey[i]) this.byKey.delete(this.keys[i]!);
      else this.byHash.delete(this.hashes[i]!);
      this.keys[i] = undefined;
    }
  }
}
