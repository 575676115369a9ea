// Whether a polygon ring crosses or touches itself, in O(n log n): a Shamos–Hoey sweep over exact
// orientation tests (robust-predicates), with the sweep line's segments kept in a splay tree.
// One request may carry 18 rings of 10,000 vertices; the pairwise check took 27 s of the event loop.
import { orient2d } from 'robust-predicates';
import SplayTree from 'splaytree';
import type { LonLat } from './domain';

/** Exact orientation: > 0 when r is left of p→q (counter-clockwise), < 0 right, 0 collinear. */
const ccw = (p: LonLat, q: LonLat, r: LonLat): number => -orient2d(p[0], p[1], q[0], q[1], r[0], r[1]);
/** Lexicographic (x, then y): the sweep's order of points; a vertical segment starts at its bottom. */
const before = (a: LonLat, b: LonLat) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const same = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

/** Closed segments ab and cd share a point (crossing, touching, or overlapping along a line). */
function segmentsTouch(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const o1 = Math.sign(ccw(a, b, c)), o2 = Math.sign(ccw(a, b, d)), o3 = Math.sign(ccw(c, d, a)), o4 = Math.sign(ccw(c, d, b));
  if (o1 !== o2 && o3 !== o4) return true;
  const within = (p: LonLat, q: LonLat, r: LonLat) => Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  return (o1 === 0 && within(a, c, b)) || (o2 === 0 && within(a, d, b)) || (o3 === 0 && within(c, a, d)) || (o4 === 0 && within(c, b, d));
}

/** Edge i of the ring, from its sweep-first end `left` to `right`. */
interface Edge {
  i: number;
  left: LonLat;
  right: LonLat;
}

/** Thrown out of the tree's comparator when one edge is found to start on another: the answer is known. */
class Touching {
  constructor(readonly edges: [Edge, Edge]) {}
}

/**
 * True when two edges of a closed ring that are not neighbours along it share a point: a bowtie,
 * a ring touching itself, a spike doubling back. Neighbouring edges meet at their common corner
 * and are not compared with each other, exactly as the pairwise definition reads; an unclosed ring
 * is read as closed.
 *
 * First, in O(n), what settles it at once for rings of 4+ edges: a corner visited twice, a zero-length
 * edge, or an edge doubling back along the previous one each make two non-neighbouring edges touch.
 * What remains has distinct corners, each shared by exactly two edges that meet only there, so "do
 * any two edges touch except at a shared corner" is the question; the sweep answers it by testing
 * only edges that become adjacent on the sweep line (Shamos & Hoey, 1976). Every test is exact, so
 * the order on the sweep line is consistent and a "true" is always a real pair of touching edges.
 */
export function ringSelfIntersects(ring: readonly LonLat[]): boolean {
  const pts = ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring.slice();
  const n = pts.length; // edges: i from pts[i] to pts[(i + 1) % n]
  if (n < 4) return false; // a triangle's edges are all neighbours
  const at = (i: number) => pts[((i % n) + n) % n]!;

  // Corners in sweep order; a corner visited twice shows as two equal neighbours in it.
  // (A difference of two finite doubles has the sign of the comparison, and is 0 only when they are equal.)
  const order = pts.map((_, i) => i).sort((a, b) => pts[a]![0] - pts[b]![0] || pts[a]![1] - pts[b]![1]);
  for (let j = 1; j < n; j++) if (same(pts[order[j - 1]!]!, pts[order[j]!]!)) return true;
  for (let i = 0; i < n; i++) {
    const a = at(i), b = at(i + 1), c = at(i + 2);
    if (ccw(a, b, c) === 0 && before(a, b) === before(c, b)) return true; // b→c goes back along a→b
  }

  const edges: Edge[] = pts.map((p, i) => {
    const q = at(i + 1);
    return before(p, q) ? { i, left: p, right: q } : { i, left: q, right: p };
  });
  const neighbours = (e: Edge, f: Edge) => Math.abs(e.i - f.i) === 1 || Math.abs(e.i - f.i) === n - 1;
  const touch = (e: Edge | null, f: Edge | null) => !!e && !!f && !neighbours(e, f) && segmentsTouch(e.left, e.right, f.left, f.right);

  // Below/above on the sweep line, decided where the later of the two edges starts.
  const below = (e: Edge, f: Edge): number => {
    if (e === f) return 0;
    if (same(e.left, f.left)) return ccw(e.left, e.right, f.right) > 0 ? -1 : 1; // two edges leaving one corner
    const eFirst = before(e.left, f.left);
    const first = eFirst ? e : f, later = eFirst ? f : e;
    const side = ccw(first.left, first.right, later.left);
    // Collinear and starting between the earlier edge's ends (both are on the line now): on it.
    if (side === 0) throw new Touching([first, later]);
    return side > 0 === eFirst ? -1 : 1;
  };
  const line = new SplayTree<Edge, null>(below);

  // Each corner once, in sweep order: edges ending there leave the line, then edges starting there join it.
  try {
    for (const k of order) {
      const corner = pts[k]!;
      const into = edges[(k - 1 + n) % n]!, outOf = edges[k]!;
      for (const e of [into, outOf]) {
        if (!same(e.right, corner)) continue;
        const node = line.find(e); // splayed to the root: its neighbours are found without comparing
        if (!node) continue;
        const up = line.next(node), down = line.prev(node);
        line.remove(e);
        if (touch(up?.key ?? null, down?.key ?? null)) return true;
      }
      for (const e of [into, outOf]) {
        if (!same(e.left, corner)) continue;
        const node = line.insert(e); // the new root, likewise
        if (touch(e, line.next(node)?.key ?? null) || touch(e, line.prev(node)?.key ?? null)) return true;
      }
    }
  } catch (e) {
    if (!(e instanceof Touching)) throw e;
    if (touch(...e.edges)) return true;
    throw new Error(`ringSelfIntersects: edges ${e.edges[0].i} and ${e.edges[1].i} were thought to touch but do not`);
  }
  return false;
}
