// Deterministic generator of the demo project's imagery: a synthetic port, "Rajin (demo)", seen on
// a series of PlanetScope-like scenes (3 m, RGB) with ships that come and go at two quays, container
// stacks whose number changes by date, and a few clouded scenes. Everything is derived from fixed
// seeds, so two runs write byte-identical GeoTIFFs.
//
// Files: GeoTIFF, EPSG:32652 (WGS 84 / UTM zone 52N), RGB Byte, 1024 x 1024 px at 3 m, tiled
// 256 x 256, deflate-compressed (level 2), no overviews (geotiff.js writes one IFD only). geotiff.js encodes
// the TIFF header, tags and GeoKeys; we append the compressed tiles it points at (its own per-byte
// copy loop takes about a second per 3 MB image).
import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import proj4 from 'proj4';
import { writeArrayBuffer } from 'geotiff';
import type { GeotiffWriterMetadata } from 'geotiff';
import type { PolygonGeometry } from '../../../shared/domain';
import { mulberry32 } from '../../../shared/prng';
import { demoRadarDataset, writeDemoRadarScene, type DemoRadarScene } from './demoRadar';

type Polygon = PolygonGeometry;
type XY = [number, number];

export interface DemoShip {
  name: string;
  /** The quay it is moored at, or null (at anchor in the bay). */
  zone: string | null;
  /** Centre of the hull. */
  lonLat: [number, number];
  lengthM: number;
  /** Direction the bow points, degrees clockwise from true north. */
  headingDeg: number;
}

export interface DemoContainerStack {
  zone: string;
  /** Centre of the stack. */
  lonLat: [number, number];
  /** Number of container blocks drawn (each a small coloured rectangle). */
  count: number;
}

export interface DemoScene {
  /** File name inside the output directory. */
  file: string;
  /** ISO UTC. */
  acquired: string;
  /** Planet-style item id, e.g. 20241210_013845_12_2461. */
  itemId: string;
  provider: 'Planet';
  product: 'PSScene';
  credit: '© Planet Labs PBC (synthetic demo)';
  /** 0–1, share of the scene under cloud. */
  cloudCover: number;
  gsd: number;
  /** The raster's extent, lon/lat WGS84. */
  footprint: { type: 'Polygon'; coordinates: [number, number][][] };
  /** Zones hidden by cloud on this scene. */
  obscuredZones: string[];
  /** Ground truth: every ship in the scene, including ships hidden under cloud (their zone is then in obscuredZones). */
  ships: DemoShip[];
  /** Ground truth: container stacks on the quays (also when hidden under cloud). */
  containerStacks: DemoContainerStack[];
}

export interface DemoDataset {
  site: { name: string; aoi: Polygon };
  zones: { name: string; kind: 'quay'; geometry: Polygon }[];
  vessels: { name: string; lengthM: number; beamM: number; flag: string }[];
  /** The optical series (PlanetScope-like). */
  scenes: DemoScene[];
  /** Radar scenes (Sentinel-1-like) on the clouded days and between the optical ones: demoRadar.ts. Written after the optical ones. */
  radarScenes: DemoRadarScene[];
}

// ---------------------------------------------------------------------------------------------
// Geography. Local frame: metres east (x) and north (y) of the site centre, in UTM 52N.
// The waterfront runs along bearing 60°; the piers point out to sea along bearing 150°.
// (u, v) are shore-aligned coordinates: u along the shore, v towards the sea.

export const DEMO_EPSG = 32652;

const UTM52 = '+proj=utm +zone=52 +datum=WGS84 +units=m +no_defs';
const toLonLat = proj4(UTM52, 'WGS84');
const GSD = 3;
const SIZE = 1024; // pixels per side of a scene
const TILE = 256;
const HALF = (SIZE * GSD) / 2; // 1536 m
const MAX_SHIFT = 150; // metres a scene's footprint may move from the nominal one
const CENTRE_E = 607_260; // ≈ 130.3000 E, 42.2450 N, rounded to 30 m
const CENTRE_N = 4_677_810;

const deg = Math.PI / 180;
const S: XY = [Math.sin(60 * deg), Math.cos(60 * deg)]; // along shore
const N: XY = [Math.sin(150 * deg), Math.cos(150 * deg)]; // seaward
const fromUV = (u: number, v: number): XY => [u * S[0] + v * N[0], u * S[1] + v * N[1]];
const toU = (x: number, y: number): number => x * S[0] + y * S[1];
const toV = (x: number, y: number): number => x * N[0] + y * N[1];

function localToLonLat(x: number, y: number): [number, number] {
  const [lon, lat] = toLonLat.forward([CENTRE_E + x, CENTRE_N + y]) as [number, number];
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

function ringToLonLat(ring: XY[]): [number, number][] {
  const out = ring.map(([x, y]) => localToLonLat(x, y));
  out.push(out[0]!);
  return out;
}

/** Quay wall (root of the piers) at v = QUAY_V. */
const QUAY_V = -250;

interface Pier {
  name: string;
  u: number; // centre line
  length: number;
  width: number;
}
const PIERS: Pier[] = [
  { name: 'Pier 1', u: -220, length: 420, width: 90 },
  { name: 'Pier 2', u: 230, length: 340, width: 76 },
];
const BERTH = 42; // metres of water on each side of a pier that belong to its zone

/** Oriented rectangle in local metres, given in (u, v): [u0, u1] × [v0, v1]. */
function rectUV(u0: number, u1: number, v0: number, v1: number): XY[] {
  return [fromUV(u0, v0), fromUV(u1, v0), fromUV(u1, v1), fromUV(u0, v1)];
}

function pierRect(p: Pier): XY[] {
  return rectUV(p.u - p.width / 2, p.u + p.width / 2, QUAY_V - 10, QUAY_V + p.length);
}
function zoneRect(p: Pier): XY[] {
  return rectUV(p.u - p.width / 2 - BERTH, p.u + p.width / 2 + BERTH, QUAY_V, QUAY_V + p.length + 20);
}

/** Where the coast lies (v of the shoreline) at a given u; land is v < coastV(u). */
function coastV(u: number): number {
  let v = QUAY_V;
  if (u > 620) v += 0.0021 * (u - 620) ** 2 + 0.3 * (u - 620); // eastern headland closing the bay
  if (u < -680) v += 0.00055 * (u + 680) ** 2; // western shore curving round
  if (u > 620 || u < -680) {
    const d = u > 620 ? u - 620 : -680 - u;
    const w = Math.min(1, d / 150);
    v += w * (420 * (COAST_NOISE[0]!.at(u / 520, 0.5) - 0.5) + 36 * (COAST_NOISE[1]!.at(u / 160, 0.5) - 0.5) + 10 * (COAST_NOISE[2]!.at(u / 35, 0.5) - 0.5));
  }
  return v;
}
/** Is the quay wall built (straight, concrete) here rather than natural shore? */
const builtShore = (u: number): boolean => u >= -680 && u <= 620;

const BREAKWATER: XY[] = rectUV(480, 1320, 690, 708);

// ---------------------------------------------------------------------------------------------
// Deterministic randomness.


// Speed (issue 17: the first start draws its first scene within 2 s): the world and every scene
// evaluate value noise on each of about a million pixels, so the functions below are written to
// return numbers, allocate nothing, and memoise the lattice cell a pixel falls in (neighbouring
// pixels mostly share it). Every memo and rearrangement repeats the very same floating-point
// operations in the same order: the imagery stays byte-identical (demoImagery.test.ts checks the
// SHA-256 of every file against demoImagery.hashes.json).

/** The part of hash2 that depends on (iy, seed) only, to hoist out of loops over ix. */
function hashKey(iy: number, seed: number): number {
  return Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1);
}

/** hash2(ix, iy, seed) given hashKey(iy, seed) (xor is associative: the same bits either way). */
function hashWithKey(ix: number, key: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ key;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A hash of an integer lattice point and a seed, uniform in [0, 1). */
function hash2(ix: number, iy: number, seed: number): number {
  return hashWithKey(ix, hashKey(iy, seed));
}

/**
 * Value noise of one seed, smoothly interpolated between lattice points, remembering the last cell
 * it was asked about: pixels in a row at a scale of tens of metres share a cell for several pixels,
 * and then only the interpolation is computed. Give each call site (scale) its own instance.
 */
class ValueNoise {
  private ix = NaN; // the remembered cell (NaN: none yet)
  private iy = NaN;
  // noise2's corner terms for that cell: a + ba·sx + ca·sy + abcd·sx·sy
  private a = 0;
  private ba = 0;
  private ca = 0;
  private abcd = 0;

  constructor(private readonly seed: number) {}

  at(x: number, y: number): number {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    if (ix !== this.ix || iy !== this.iy) {
      const k0 = hashKey(iy, this.seed);
      const k1 = hashKey(iy + 1, this.seed);
      const a = hashWithKey(ix, k0);
      const b = hashWithKey(ix + 1, k0);
      const c = hashWithKey(ix, k1);
      const d = hashWithKey(ix + 1, k1);
      this.ix = ix;
      this.iy = iy;
      this.a = a;
      this.ba = b - a;
      this.ca = c - a;
      this.abcd = a - b - c + d;
    }
    const fx = x - ix;
    const fy = y - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    return this.a + this.ba * sx + this.ca * sy + this.abcd * sx * sy;
  }
}

/** Fractal (multi-octave) value noise in [0, 1]: the sum of `octaves` ValueNoise, each at about twice the frequency and half the weight of the one before. */
class Fbm {
  private readonly octaves: ValueNoise[] = [];
  private readonly norm: number;

  constructor(seed: number, octaves = 4) {
    let norm = 0;
    let amp = 0.5;
    for (let o = 0; o < octaves; o++) {
      this.octaves.push(new ValueNoise(seed + o * 101));
      norm += amp;
      amp *= 0.5;
    }
    this.norm = norm;
  }

  at(x: number, y: number): number {
    let sum = 0;
    let amp = 0.5;
    const octaves = this.octaves;
    for (let o = 0; o < octaves.length; o++) {
      sum += amp * octaves[o]!.at(x, y);
      x = x * 2.03 + 17.1;
      y = y * 2.03 + 5.3;
      amp *= 0.5;
    }
    return sum / this.norm;
  }
}

/** The coast's noise along the shore (u only: y fixed at 0.5), one memo per scale. */
const COAST_NOISE = [new Fbm(10, 3), new Fbm(11, 3), new Fbm(12, 3)];

const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : t);
const smoothstep = (a: number, b: number, t: number): number => {
  const k = clamp01((t - a) / (b - a));
  return k * k * (3 - 2 * k);
};

// ---------------------------------------------------------------------------------------------
// The schedule: vessels, scenes, ships and containers.

interface VesselSpec {
  name: string;
  lengthM: number;
  beamM: number;
  flag: string;
  type: 'cargo' | 'container' | 'bulk';
  hull: XY3;
  deck: XY3;
  hatch: XY3;
}
type XY3 = [number, number, number];

const VESSELS: VesselSpec[] = [
  { name: 'Vostok Trader', lengthM: 128, beamM: 19, flag: 'RU', type: 'cargo', hull: [28, 42, 78], deck: [112, 100, 86], hatch: [46, 84, 70] },
  { name: 'Amur Express', lengthM: 158, beamM: 24, flag: 'RU', type: 'container', hull: [96, 30, 28], deck: [96, 92, 86], hatch: [0, 0, 0] },
  { name: 'Ryongsong 2', lengthM: 96, beamM: 15, flag: 'KP', type: 'cargo', hull: [30, 30, 32], deck: [118, 96, 74], hatch: [108, 52, 38] },
  { name: 'Paekdu Star', lengthM: 84, beamM: 13, flag: 'KP', type: 'cargo', hull: [70, 32, 30], deck: [104, 104, 98], hatch: [54, 80, 58] },
  { name: 'Sea Harmony', lengthM: 176, beamM: 28, flag: 'SL', type: 'bulk', hull: [26, 28, 34], deck: [122, 66, 50], hatch: [124, 70, 52] },
];

/** A ship's berth: at a pier's west (-u) or east (+u) side, `along` 0–1 of the pier, bow seaward or not. */
type Berth = { pier: 0 | 1; side: -1 | 1; along: number; bowOut: boolean };
type Anchorage = { u: number; v: number; headingDeg: number };

interface SceneSpec {
  time: string; // YYYY-MM-DDTHH:MM:SS
  sat: string;
  sub: string;
  ships: { vessel: string; at: Berth | Anchorage }[];
  containers: [number, number]; // container blocks on Pier 1, Pier 2
  clouds: CloudSpec[];
  snow: number; // 0–1
  haze: number;
  windDeg: number;
}
/** A cloud field: blobs centred in (u, v), radius in metres. */
interface CloudSpec {
  u: number;
  v: number;
  r: number;
  seed: number;
  thick: number; // 0–1
}

const P1W: Berth = { pier: 0, side: -1, along: 0.55, bowOut: true };
const P1E: Berth = { pier: 0, side: 1, along: 0.5, bowOut: false };
const P2W: Berth = { pier: 1, side: -1, along: 0.5, bowOut: true };
const P2E: Berth = { pier: 1, side: 1, along: 0.55, bowOut: false };
const BAY: Anchorage = { u: -420, v: 560, headingDeg: 318 };
const OUTER: Anchorage = { u: 240, v: 1080, headingDeg: 302 };

const SCENES: SceneSpec[] = [
  { time: '2024-12-10T01:38:45', sat: '2461', sub: '12', ships: [{ vessel: 'Vostok Trader', at: P1E }, { vessel: 'Ryongsong 2', at: P2W }], containers: [38, 12], clouds: [], snow: 0.05, haze: 0.04, windDeg: 320 },
  { time: '2024-12-13T01:52:10', sat: '24a3', sub: '07', ships: [{ vessel: 'Vostok Trader', at: P1E }, { vessel: 'Sea Harmony', at: BAY }], containers: [70, 12], clouds: [], snow: 0.1, haze: 0.06, windDeg: 300 },
  { time: '2024-12-16T02:05:33', sat: '2416', sub: '31', ships: [{ vessel: 'Paekdu Star', at: P2E }, { vessel: 'Sea Harmony', at: BAY }], containers: [96, 20], clouds: [{ u: 1500, v: -1500, r: 420, seed: 7, thick: 0.8 }, { u: 1200, v: -1900, r: 300, seed: 8, thick: 0.7 }], snow: 0.25, haze: 0.05, windDeg: 340 },
  { time: '2024-12-19T01:41:02', sat: '2461', sub: '15', ships: [{ vessel: 'Paekdu Star', at: P2E }, { vessel: 'Sea Harmony', at: BAY }], containers: [96, 20], clouds: [{ u: 330, v: -40, r: 400, seed: 21, thick: 1 }, { u: 700, v: 420, r: 380, seed: 22, thick: 0.9 }, { u: -200, v: -700, r: 260, seed: 23, thick: 0.6 }], snow: 0.3, haze: 0.1, windDeg: 310 },
  { time: '2024-12-21T01:47:19', sat: '24a3', sub: '22', ships: [{ vessel: 'Amur Express', at: P1W }, { vessel: 'Paekdu Star', at: P2E }], containers: [82, 20], clouds: [], snow: 0.3, haze: 0.03, windDeg: 330 },
  { time: '2024-12-26T02:11:50', sat: '2416', sub: '04', ships: [{ vessel: 'Ryongsong 2', at: P2W }], containers: [60, 8], clouds: [], snow: 0.45, haze: 0.05, windDeg: 290 },
  { time: '2024-12-30T01:36:28', sat: '2461', sub: '19', ships: [{ vessel: 'Ryongsong 2', at: P2W }], containers: [60, 8], clouds: [{ u: -300, v: -150, r: 340, seed: 41, thick: 1 }, { u: -260, v: 150, r: 340, seed: 45, thick: 1 }, { u: -900, v: 500, r: 520, seed: 42, thick: 1 }, { u: -700, v: -900, r: 480, seed: 43, thick: 0.9 }, { u: 400, v: -1300, r: 360, seed: 44, thick: 0.7 }], snow: 0.5, haze: 0.12, windDeg: 300 },
  { time: '2025-01-03T01:58:04', sat: '24a3', sub: '11', ships: [{ vessel: 'Sea Harmony', at: OUTER }], containers: [30, 8], clouds: [], snow: 0.55, haze: 0.04, windDeg: 315 },
  { time: '2025-01-08T02:20:41', sat: '2416', sub: '27', ships: [{ vessel: 'Paekdu Star', at: P2E }], containers: [12, 0], clouds: [{ u: -1500, v: -1300, r: 380, seed: 61, thick: 0.75 }, { u: -1750, v: -700, r: 260, seed: 62, thick: 0.6 }], snow: 0.5, haze: 0.06, windDeg: 335 },
  { time: '2025-01-13T01:44:37', sat: '2461', sub: '08', ships: [{ vessel: 'Amur Express', at: P2W }], containers: [12, 18], clouds: [], snow: 0.4, haze: 0.05, windDeg: 305 },
  { time: '2025-01-14T01:50:12', sat: '24a3', sub: '33', ships: [{ vessel: 'Amur Express', at: P1E }], containers: [6, 44], clouds: [], snow: 0.4, haze: 0.04, windDeg: 320 },
  { time: '2025-01-17T02:08:55', sat: '2416', sub: '02', ships: [], containers: [6, 44], clouds: [{ u: 320, v: -60, r: 400, seed: 81, thick: 1 }, { u: 900, v: -500, r: 420, seed: 82, thick: 0.85 }], snow: 0.35, haze: 0.08, windDeg: 295 },
  { time: '2025-01-20T01:39:30', sat: '2461', sub: '14', ships: [{ vessel: 'Vostok Trader', at: BAY }], containers: [6, 44], clouds: [], snow: 0.3, haze: 0.04, windDeg: 325 },
];

function vesselSpec(name: string): VesselSpec {
  const v = VESSELS.find((x) => x.name === name);
  if (!v) throw new Error(`demo: unknown vessel ${name}`);
  return v;
}

interface PlacedShip {
  spec: VesselSpec;
  zone: string | null;
  centre: XY; // local metres
  headingDeg: number;
  seed: number;
}

function isBerth(at: Berth | Anchorage): at is Berth {
  return 'pier' in at;
}

function placeShips(spec: Pick<SceneSpec, 'ships'>): PlacedShip[] {
  return spec.ships.map((s) => {
    const v = vesselSpec(s.vessel);
    const seed = VESSELS.indexOf(v) * 7919 + 13;
    if (isBerth(s.at)) {
      const pier = PIERS[s.at.pier]!;
      const u = pier.u + s.at.side * (pier.width / 2 + 2.5 + v.beamM / 2);
      const vv = QUAY_V + 10 + v.lengthM / 2 + s.at.along * (pier.length - 20 - v.lengthM);
      return { spec: v, zone: pier.name, centre: fromUV(u, vv), headingDeg: s.at.bowOut ? 150 : 330, seed };
    }
    return { spec: v, zone: null, centre: fromUV(s.at.u, s.at.v), headingDeg: s.at.headingDeg, seed };
  });
}

/** Container-block slots on a pier, filled in a fixed order so counts grow and shrink plausibly. */
interface Slot {
  poly: XY[];
  stack: number; // 0 = landward half, 1 = seaward half
  colour: XY3;
}
const CONTAINER_COLOURS: XY3[] = [
  [140, 72, 56], [132, 66, 52], [72, 94, 126], [70, 104, 88], [182, 180, 172], [160, 112, 66], [108, 106, 104], [118, 56, 50], [58, 80, 106], [150, 80, 60],
];
function pierSlots(p: Pier, pierIndex: number): Slot[] {
  const blockL = 12.2; // a 40 ft container, along the pier
  const blockW = 7.4; // three side by side
  const gapL = 0.6;
  const gapW = 2.6;
  const usable = p.width - 2 * 16; // leave working lanes along both edges
  const rows = Math.floor((usable + gapW) / (blockW + gapW));
  const rowSpan = rows * blockW + (rows - 1) * gapW;
  const v0 = QUAY_V + 40;
  const v1 = QUAY_V + p.length - 30;
  const cols = Math.floor((v1 - v0 + gapL) / (blockL + gapL));
  const rnd = mulberry32(9001 + pierIndex);
  const slots: Slot[] = [];
  const half = Math.floor(cols / 2);
  for (let c = 0; c < cols; c++) {
    if (c === half) continue; // a cross lane between the two stacks
    for (let r = 0; r < rows; r++) {
      const u0 = p.u - rowSpan / 2 + r * (blockW + gapW);
      const va = v0 + c * (blockL + gapL);
      const colour = CONTAINER_COLOURS[Math.floor(rnd() * CONTAINER_COLOURS.length)]!;
      slots.push({ poly: rectUV(u0, u0 + blockW, va, va + blockL), stack: c < half ? 0 : 1, colour });
    }
  }
  // Fill order: landward stack first, row by row from the quay wall outwards.
  return slots;
}
const SLOTS: Slot[][] = PIERS.map((p, i) => pierSlots(p, i));

function stacksOf(pierIndex: number, count: number): { slots: Slot[]; stacks: DemoContainerStack[] } {
  const all = SLOTS[pierIndex]!;
  const used = all.slice(0, Math.min(count, all.length));
  const stacks: DemoContainerStack[] = [];
  for (const k of [0, 1]) {
    const mine = used.filter((s) => s.stack === k);
    if (mine.length === 0) continue;
    let sx = 0;
    let sy = 0;
    for (const s of mine) {
      for (const [x, y] of s.poly) {
        sx += x / 4;
        sy += y / 4;
      }
    }
    stacks.push({ zone: PIERS[pierIndex]!.name, lonLat: localToLonLat(sx / mine.length, sy / mine.length), count: mine.length });
  }
  return { slots: used, stacks };
}

function sceneShift(i: number): XY {
  const rnd = mulberry32(4242 + i * 31);
  const q = (): number => Math.round(((rnd() * 2 - 1) * MAX_SHIFT) / GSD) * GSD;
  return [q(), q()];
}

function itemIdOf(spec: SceneSpec): string {
  return `${spec.time.slice(0, 10).replaceAll('-', '')}_${spec.time.slice(11).replaceAll(':', '')}_${spec.sub}_${spec.sat}`;
}

// ---------------------------------------------------------------------------------------------
// Cloud fields (also used to decide which zones a scene's clouds obscure).

const CLOUD_SHADOW: XY = [-150, 260]; // metres the shadow falls from its cloud (sun low in the south)

/** A scene's clouds, with the noise of each cloud kept (and its lattice cells remembered) across the points asked about. */
class CloudField {
  private readonly noise: { big: Fbm; small: Fbm }[];

  constructor(private readonly clouds: CloudSpec[]) {
    this.noise = clouds.map((c) => ({ big: new Fbm(c.seed, 4), small: new Fbm(c.seed + 9, 3) }));
  }

  /** Cloud opacity at (x, y), local metres, 0–1. */
  alpha(x: number, y: number): number {
    const clouds = this.clouds;
    if (clouds.length === 0) return 0;
    const u = toU(x, y);
    const v = toV(x, y);
    let a = 0;
    for (let k = 0; k < clouds.length; k++) {
      const c = clouds[k]!;
      const du = u - c.u;
      const dv = v - c.v;
      const d = Math.sqrt(du * du + dv * dv) / c.r;
      if (d > 1.9) continue;
      const { big, small } = this.noise[k]!;
      const f = 1.15 - d + 0.9 * (big.at(x / 420, y / 420) - 0.5) + 0.35 * (small.at(x / 90, y / 90) - 0.5);
      const al = smoothstep(0.05, 0.45, f) * c.thick;
      if (al > a) a = al;
    }
    return a;
  }
}

/** A zone is obscured when nearly all of it lies under thick cloud. */
function obscuredZonesOf(clouds: CloudSpec[]): string[] {
  if (clouds.length === 0) return [];
  const out: string[] = [];
  const field = new CloudField(clouds);
  for (const p of PIERS) {
    const ring = zoneRect(p);
    let n = 0;
    let covered = 0;
    for (let a = 0.02; a < 1; a += 0.04) {
      for (let b = 0.02; b < 1; b += 0.04) {
        const [x0, y0] = ring[0]!;
        const [x1, y1] = ring[1]!;
        const [x3, y3] = ring[3]!;
        const x = x0 + a * (x1 - x0) + b * (x3 - x0);
        const y = y0 + a * (y1 - y0) + b * (y3 - y0);
        n++;
        if (field.alpha(x, y) > 0.6) covered++;
      }
    }
    if (covered / n >= 0.9) out.push(p.name);
  }
  return out;
}

function cloudCoverOf(clouds: CloudSpec[], shift: XY): number {
  if (clouds.length === 0) return 0;
  let n = 0;
  let c = 0;
  const field = new CloudField(clouds);
  for (let y = -HALF + 24; y < HALF; y += 48) {
    for (let x = -HALF + 24; x < HALF; x += 48) {
      n++;
      if (field.alpha(x + shift[0], y + shift[1]) > 0.5) c++;
    }
  }
  return Math.round((c / n) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Metadata.

let cachedDataset: DemoDataset | null = null;

export function demoDataset(): DemoDataset {
  cachedDataset ??= buildDataset();
  return structuredClone(cachedDataset);
}

function buildDataset(): DemoDataset {
  const zones = PIERS.map((p) => ({ name: p.name, kind: 'quay' as const, geometry: { type: 'Polygon' as const, coordinates: [ringToLonLat(zoneRect(p))] } }));
  const aoiHalf = 1100;
  const aoi: Polygon = {
    type: 'Polygon',
    coordinates: [ringToLonLat([[-aoiHalf, -aoiHalf], [aoiHalf, -aoiHalf], [aoiHalf, aoiHalf], [-aoiHalf, aoiHalf]])],
  };
  const scenes: DemoScene[] = SCENES.map((spec, i) => {
    const shift = sceneShift(i);
    const [x0, x1, y0, y1] = [shift[0] - HALF, shift[0] + HALF, shift[1] - HALF, shift[1] + HALF];
    const itemId = itemIdOf(spec);
    const containers = [stacksOf(0, spec.containers[0]), stacksOf(1, spec.containers[1])];
    return {
      file: `${itemId}_3B_Visual.tif`,
      acquired: `${spec.time}.000Z`,
      itemId,
      provider: 'Planet',
      product: 'PSScene',
      credit: '© Planet Labs PBC (synthetic demo)',
      cloudCover: cloudCoverOf(spec.clouds, shift),
      gsd: GSD,
      footprint: { type: 'Polygon', coordinates: [ringToLonLat([[x0, y1], [x0, y0], [x1, y0], [x1, y1]])] },
      obscuredZones: obscuredZonesOf(spec.clouds),
      ships: placeShips(spec).map((s) => ({
        name: s.spec.name,
        zone: s.zone,
        lonLat: localToLonLat(s.centre[0], s.centre[1]),
        lengthM: s.spec.lengthM,
        headingDeg: s.headingDeg,
      })),
      containerStacks: containers.flatMap((c) => c.stacks),
    };
  });
  return {
    site: { name: 'Rajin (demo)', aoi },
    zones,
    vessels: VESSELS.map((v) => ({ name: v.name, lengthM: v.lengthM, beamM: v.beamM, flag: v.flag })),
    scenes,
    radarScenes: demoRadarDataset(),
  };
}

/** For tests: local geometry in UTM metres. */
export const demoLayout = {
  centre: [CENTRE_E, CENTRE_N] as XY,
  /** A point in open water of the bay, UTM. */
  waterPoint: ((): XY => {
    const [x, y] = fromUV(0, 420);
    return [CENTRE_E + x, CENTRE_N + y];
  })(),
  /** Concrete deck of each pier (the working lanes beside the container stacks), UTM. */
  pierDeckPoints: PIERS.map((p): XY => {
    const [x, y] = fromUV(p.u - p.width / 2 + 8, QUAY_V + p.length / 2);
    return [CENTRE_E + x, CENTRE_N + y];
  }),
  toLonLat: (e: number, n: number): [number, number] => toLonLat.forward([e, n]) as [number, number],
  toUtm: (lon: number, lat: number): XY => toLonLat.inverse([lon, lat]) as XY,
};

// ---------------------------------------------------------------------------------------------
// Raster drawing. A Canvas is planar float RGB; (px, py) are continuous pixel coordinates with
// (0, 0) the top-left corner, so pixel (c, r) has its centre at (c + 0.5, r + 0.5).

interface Canvas {
  w: number;
  h: number;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  x0: number; // local metres of the top-left corner
  y0: number;
}

function newCanvas(w: number, h: number, x0: number, y0: number): Canvas {
  return { w, h, r: new Float32Array(w * h), g: new Float32Array(w * h), b: new Float32Array(w * h), x0, y0 };
}

function toPx(cv: Canvas, [x, y]: XY): XY {
  return [(x - cv.x0) / GSD, (cv.y0 - y) / GSD];
}

/** Visits the pixels a convex polygon (local metres) covers, with anti-aliased coverage. */
function forConvex(cv: Canvas, poly: XY[], fn: (i: number, cover: number) => void): void {
  const pts = poly.map((p) => toPx(cv, p));
  let area = 0;
  for (let i = 0; i < pts.length; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[(i + 1) % pts.length]!;
    area += ax * by - bx * ay;
  }
  const sign = area > 0 ? 1 : -1;
  const edges = pts.map(([ax, ay], i) => {
    const [bx, by] = pts[(i + 1) % pts.length]!;
    const len = Math.hypot(bx - ax, by - ay) || 1;
    // outward normal
    const nx = (sign * (by - ay)) / len;
    const ny = (sign * -(bx - ax)) / len;
    return [nx, ny, -(nx * ax + ny * ay)] as XY3;
  });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const c0 = Math.max(0, Math.floor(minX - 1));
  const c1 = Math.min(cv.w - 1, Math.ceil(maxX + 1));
  const r0 = Math.max(0, Math.floor(minY - 1));
  const r1 = Math.min(cv.h - 1, Math.ceil(maxY + 1));
  // The edges as one flat array (nx, ny, k, …), walked by index: this runs for every pixel of the box.
  const flat = Float64Array.from(edges.flat());
  for (let r = r0; r <= r1; r++) {
    const py = r + 0.5;
    for (let c = c0; c <= c1; c++) {
      const px = c + 0.5;
      let d = -Infinity;
      for (let k = 0; k < flat.length; k += 3) {
        const e = flat[k]! * px + flat[k + 1]! * py + flat[k + 2]!;
        if (e > d) d = e;
      }
      const cover = 0.5 - d;
      if (cover <= 0) continue;
      fn(r * cv.w + c, cover >= 1 ? 1 : cover);
    }
  }
}

function fillConvex(cv: Canvas, poly: XY[], [cr, cg, cb]: XY3, alpha = 1, jitter = 0, seed = 0): void {
  const jitterKey = hashKey(seed, 77); // j = hash2(i, seed, 77)
  forConvex(cv, poly, (i, cover) => {
    const a = cover * alpha;
    const j = jitter ? (hashWithKey(i, jitterKey) - 0.5) * jitter : 0;
    cv.r[i] = cv.r[i]! * (1 - a) + (cr + j) * a;
    cv.g[i] = cv.g[i]! * (1 - a) + (cg + j) * a;
    cv.b[i] = cv.b[i]! * (1 - a) + (cb + j) * a;
  });
}

function shadeConvex(cv: Canvas, poly: XY[], factor: number): void {
  forConvex(cv, poly, (i, cover) => {
    const f = 1 - (1 - factor) * cover;
    cv.r[i] = cv.r[i]! * f;
    cv.g[i] = cv.g[i]! * f;
    cv.b[i] = cv.b[i]! * f;
  });
}

/** A road or track: a thick line (local metres) with rounded ends. */
function strokeLine(cv: Canvas, a: XY, b: XY, widthM: number, colour: XY3, alpha = 1): void {
  const [ax, ay] = toPx(cv, a);
  const [bx, by] = toPx(cv, b);
  const hw = widthM / GSD / 2;
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy || 1;
  const c0 = Math.max(0, Math.floor(Math.min(ax, bx) - hw - 1));
  const c1 = Math.min(cv.w - 1, Math.ceil(Math.max(ax, bx) + hw + 1));
  const r0 = Math.max(0, Math.floor(Math.min(ay, by) - hw - 1));
  const r1 = Math.min(cv.h - 1, Math.ceil(Math.max(ay, by) + hw + 1));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const px = c + 0.5 - ax;
      const py = r + 0.5 - ay;
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) / l2));
      const d = Math.hypot(px - t * dx, py - t * dy);
      const cover = clamp01(hw - d + 0.5) * alpha;
      if (cover <= 0) continue;
      const i = r * cv.w + c;
      cv.r[i] = cv.r[i]! * (1 - cover) + colour[0] * cover;
      cv.g[i] = cv.g[i]! * (1 - cover) + colour[1] * cover;
      cv.b[i] = cv.b[i]! * (1 - cover) + colour[2] * cover;
    }
  }
}

function polyline(cv: Canvas, pts: XY[], widthM: number, colour: XY3, alpha = 1): void {
  for (let i = 0; i + 1 < pts.length; i++) strokeLine(cv, pts[i]!, pts[i + 1]!, widthM, colour, alpha);
}

// ---------------------------------------------------------------------------------------------
// The static world: terrain, town, port, piers. Rendered once per run on a canvas a little larger
// than a scene, so each scene is a crop of it at its own footprint shift.

const WORLD_PX = SIZE + (2 * MAX_SHIFT) / GSD;

interface World {
  cv: Canvas;
  /** 0 water, 1 land, 2 pier/breakwater; 0–255 scaled wetness for anti-aliased shores. */
  water: Uint8Array;
  /** Per-pixel snow threshold on open land (255 = never snowy). */
  snow: Uint8Array;
}

let cachedWorld: World | null = null;

const ROOFS: XY3[] = [[150, 148, 144], [170, 166, 158], [128, 84, 66], [104, 116, 128], [136, 134, 128], [186, 182, 172], [118, 98, 84]];

// Town: blocks of apartment slabs and houses in the shore-aligned grid.
const TOWN_PITCH_U = 118;
const TOWN_PITCH_V = 96;
const TOWN_STREET_W = 15;
const STREET: XY3 = [112, 110, 106];
/** townPixel's answers other than a roof (an index into ROOFS). */
const TOWN_NONE = -1;
const TOWN_STREET = -2;
const TOWN_SHADOW = -3;
/** How far (in v) sun-ward townPixel looks for a building casting a shadow. */
const TOWN_SHADOW_STEPS = [4, 8, 13];

/** The roof (index into ROOFS) covering (uu, vv), metres inside town block (bu, bv) of kind `kind`, or TOWN_NONE. */
function townRoof(bu: number, bv: number, kind: number, uu: number, vv: number): number {
  const street = TOWN_STREET_W;
  if (kind < 0.2) return TOWN_NONE; // open ground / park
  if (kind < 0.62) {
    // apartment slabs along u
    const len = 62 + hash2(bu, bv, 6) * 30;
    const s0 = street + 6;
    for (let k = 0; k < 2; k++) {
      const v0 = street + 10 + k * 38;
      if (uu >= s0 && uu <= s0 + len && vv >= v0 && vv <= v0 + 13) return Math.floor(hash2(bu * 3 + k, bv, 7) * ROOFS.length);
    }
    return TOWN_NONE;
  }
  if (kind < 0.82) {
    // small houses
    const gu = Math.floor((uu - street) / 25);
    const gv = Math.floor((vv - street) / 22);
    const hu = uu - street - gu * 25;
    const hv = vv - street - gv * 22;
    if (gu > 3 || gv > 3) return TOWN_NONE;
    const h = hash2(bu * 11 + gu, bv * 11 + gv, 8);
    if (h < 0.25) return TOWN_NONE;
    if (hu > 4 && hu < 17 && hv > 5 && hv < 15) return Math.floor(h * 997) % ROOFS.length;
    return TOWN_NONE;
  }
  // one large building (factory, school)
  if (uu > street + 8 && uu < TOWN_PITCH_U - 10 && vv > street + 10 && vv < TOWN_PITCH_V - 12) return Math.floor(hash2(bu, bv, 9) * ROOFS.length);
  return TOWN_NONE;
}

/** The town at (u, v): a roof (index into ROOFS), TOWN_STREET, TOWN_SHADOW or TOWN_NONE (bare ground). A number, not an object: it runs per pixel. */
function townPixel(u: number, v: number): number {
  const bu = Math.floor(u / TOWN_PITCH_U);
  const bv = Math.floor(v / TOWN_PITCH_V);
  const lu = u - bu * TOWN_PITCH_U;
  const lv = v - bv * TOWN_PITCH_V;
  if (lu < TOWN_STREET_W || lv < TOWN_STREET_W) return TOWN_STREET;
  const kind = hash2(bu, bv, 5);
  const roof = townRoof(bu, bv, kind, lu, lv);
  if (roof >= 0) return roof;
  // shadow: the building lies sun-ward (toward +v, slightly -u)
  for (const k of TOWN_SHADOW_STEPS) {
    if (townRoof(bu, bv, kind, lu - 0.17 * k, lv + k) >= 0) return TOWN_SHADOW;
  }
  return TOWN_NONE;
}

function buildWorld(): World {
  const x0 = -HALF - MAX_SHIFT;
  const y0 = HALF + MAX_SHIFT;
  const cv = newCanvas(WORLD_PX, WORLD_PX, x0, y0);
  const water = new Uint8Array(WORLD_PX * WORLD_PX);
  const snow = new Uint8Array(WORLD_PX * WORLD_PX).fill(255);
  const WATER_DEEP: XY3 = [22, 42, 52];
  const WATER_SHALLOW: XY3 = [40, 62, 60];
  const SOIL: XY3 = [118, 106, 88];
  const SOIL2: XY3 = [98, 92, 76];
  const FOREST: XY3 = [58, 62, 48];
  const FOREST2: XY3 = [76, 74, 60];
  const ROCK: XY3 = [132, 124, 110];
  const PAVED: XY3 = [138, 136, 130];
  const PAVED2: XY3 = [120, 118, 112];
  const BEACH: XY3 = [150, 144, 128];
  // The noise of each call site below, so that each remembers its own lattice cell.
  const waterTint = new Fbm(3, 3); // at 1/700 m
  const texture = new Fbm(4, 4); // at 1/60 m
  const apron = new Fbm(5, 3); // at 1/90 m
  const hills = new Fbm(6, 4); // at 1/500 m
  const snowPatches = new Fbm(14, 3); // at 1/24 m
  const fieldU = new ValueNoise(15);
  const fieldV = new ValueNoise(16);
  const townEdgeU = new ValueNoise(17);
  const townEdgeV = new ValueNoise(18);
  // Per-column terms. u = toU(x, y) = x·S0 + y·S1 and v likewise: the same two products, summed the same way.
  const xs = new Float64Array(WORLD_PX);
  const xu = new Float64Array(WORLD_PX);
  const xv = new Float64Array(WORLD_PX);
  for (let c = 0; c < WORLD_PX; c++) {
    xs[c] = x0 + (c + 0.5) * GSD;
    xu[c] = xs[c]! * S[0];
    xv[c] = xs[c]! * N[0];
  }
  // The planes in locals: V8 does not always hoist the loads out of a loop that stores to typed arrays.
  const outR = cv.r;
  const outG = cv.g;
  const outB = cv.b;
  // A field's width across v depends on its strip fu only: remembered for the last strip.
  let lastFu = NaN;
  let fieldWidth = 0;
  for (let r = 0; r < WORLD_PX; r++) {
    const y = y0 - (r + 0.5) * GSD;
    const yu = y * S[1];
    const yv = y * N[1];
    const fineKey = hashKey(r, 1); // fine = hash2(c, r, 1)
    for (let c = 0; c < WORLD_PX; c++) {
      const x = xs[c]!;
      const i = r * WORLD_PX + c;
      const u = xu[c]! + yu;
      const v = xv[c]! + yv;
      const built = builtShore(u);
      const sd = coastV(u) - v; // > 0 on land, metres
      const land = clamp01(sd / GSD + 0.5);
      // The pixel is water·(1 − land) + land colour·land: each part is computed only where it
      // shows (the other one, times 0, adds exactly 0).
      // Water: deeper and darker away from the shore, a little turbid near it.
      let wr = 0;
      let wg = 0;
      let wb = 0;
      if (land < 1) {
        const lo = waterTint.at(x / 700, y / 700);
        const shallow = Math.exp(-Math.max(0, -sd) / 90);
        const t = shallow * (built ? 0.4 : 1);
        const wn = (lo - 0.5) * 10;
        wr = WATER_DEEP[0] + (WATER_SHALLOW[0] - WATER_DEEP[0]) * t + wn * 0.5;
        wg = WATER_DEEP[1] + (WATER_SHALLOW[1] - WATER_DEEP[1]) * t + wn;
        wb = WATER_DEEP[2] + (WATER_SHALLOW[2] - WATER_DEEP[2]) * t + wn;
      }
      // Land.
      let lr = 0;
      let lg = 0;
      let lb = 0;
      if (land > 0) {
        const fine = hashWithKey(c, fineKey) - 0.5;
        if (built && v > QUAY_V - 170) {
          // port apron
          const t = apron.at(x / 90, y / 90);
          lr = PAVED[0] + (PAVED2[0] - PAVED[0]) * t + fine * 6;
          lg = PAVED[1] + (PAVED2[1] - PAVED[1]) * t + fine * 6;
          lb = PAVED[2] + (PAVED2[2] - PAVED[2]) * t + fine * 6;
        } else if (v < QUAY_V - 200 && sd > 40 && Math.abs(u + 60) < 760 + 260 * (townEdgeU.at(v / 260, 0.5) - 0.5) && v > QUAY_V - 880 + 220 * (townEdgeV.at(u / 300, 0.5) - 0.5)) {
          const t = townPixel(u + 2000, v + 2000);
          if (t === TOWN_NONE || t === TOWN_SHADOW) {
            const tex = texture.at(x / 60, y / 60);
            lr = SOIL[0] + (SOIL2[0] - SOIL[0]) * tex;
            lg = SOIL[1] + (SOIL2[1] - SOIL[1]) * tex;
            lb = SOIL[2] + (SOIL2[2] - SOIL[2]) * tex;
            if (t === TOWN_SHADOW) {
              lr *= 0.55;
              lg *= 0.57;
              lb *= 0.62;
            }
          } else {
            const roof = t === TOWN_STREET ? STREET : ROOFS[t]!;
            lr = roof[0] + fine * 8;
            lg = roof[1] + fine * 8;
            lb = roof[2] + fine * 8;
          }
        } else {
          // hills and fields: forest on higher ground, bare soil and rock elsewhere
          const tex = texture.at(x / 60, y / 60);
          const hill = hills.at(x / 500, y / 500) + Math.max(0, (QUAY_V - 900 - v) / 1400) + (u > 700 ? 0.25 : 0);
          const f = smoothstep(0.55, 0.75, hill + (tex - 0.5) * 0.3);
          const fu = Math.floor((u + 70 * fieldU.at(v / 400, 0.5)) / 130);
          if (fu !== lastFu) {
            lastFu = fu;
            fieldWidth = 70 + hash2(fu, 3, 9) * 60;
          }
          const fv = Math.floor((v + 70 * fieldV.at(u / 400, 0.5)) / fieldWidth);
          const fieldTone = hash2(fu * 31 + fv, 2, 9);
          const other = fieldTone < 0.5 ? SOIL2 : ROCK;
          const bt = fieldTone < 0.5 ? fieldTone * 1.2 : (fieldTone - 0.5) * 0.8;
          const bareR = SOIL[0] + (other[0] - SOIL[0]) * bt;
          const bareG = SOIL[1] + (other[1] - SOIL[1]) * bt;
          const bareB = SOIL[2] + (other[2] - SOIL[2]) * bt;
          const forestR = FOREST[0] + (FOREST2[0] - FOREST[0]) * tex;
          const forestG = FOREST[1] + (FOREST2[1] - FOREST[1]) * tex;
          const forestB = FOREST[2] + (FOREST2[2] - FOREST[2]) * tex;
          lr = bareR + (forestR - bareR) * f + (tex - 0.5) * 26 + fine * 8;
          lg = bareG + (forestG - bareG) * f + (tex - 0.5) * 24 + fine * 8;
          lb = bareB + (forestB - bareB) * f + (tex - 0.5) * 20 + fine * 8;
          // snow lies on the hills first (only on dry land: elsewhere it stays 255, never)
          if (land === 1) snow[i] = Math.round(clamp01(1.25 - hill * 0.8 + (snowPatches.at(x / 24, y / 24) - 0.5) * 0.9) * 254);
          // a beach / rocks strip along natural shore
          if (!built && sd < 14) {
            const b = clamp01(1 - sd / 14) * 0.8;
            lr = lr + (BEACH[0] - lr) * b;
            lg = lg + (BEACH[1] - lg) * b;
            lb = lb + (BEACH[2] - lb) * b;
          }
        }
      }
      outR[i] = wr * (1 - land) + lr * land;
      outG[i] = wg * (1 - land) + lg * land;
      outB[i] = wb * (1 - land) + lb * land;
      water[i] = Math.round((1 - land) * 255);
    }
  }

  // Roads (in u, v): the coast road behind the port, town avenues, a road up the valley.
  const ROAD: XY3 = [150, 148, 140];
  const uvLine = (pts: XY[], w: number, col: XY3, a = 1): void => polyline(cv, pts.map(([u, v]) => fromUV(u, v)), w, col, a);
  uvLine([[-2300, QUAY_V - 190], [-700, QUAY_V - 190], [700, QUAY_V - 190], [1000, QUAY_V - 120], [1350, 150], [1500, 800]], 14, ROAD);
  uvLine([[-40, QUAY_V - 190], [-60, -1400], [-260, -2200]], 16, ROAD);
  uvLine([[-900, QUAY_V - 190], [-1100, -900], [-1600, -1500], [-2300, -1900]], 11, [132, 126, 112]);
  uvLine([[600, QUAY_V - 190], [760, -800], [1300, -1500], [1900, -2200]], 11, [132, 126, 112]);
  uvLine([[-2300, QUAY_V - 895], [2000, QUAY_V - 895]], 13, ROAD);
  // railway into the port: ballast bed and two tracks
  uvLine([[-2300, QUAY_V - 150], [-700, QUAY_V - 150], [640, QUAY_V - 150]], 9, [96, 88, 78]);
  uvLine([[-700, QUAY_V - 150], [-400, QUAY_V - 128], [560, QUAY_V - 128]], 7, [96, 88, 78]);
  // Warehouses on the apron with their shadows.
  const rnd = mulberry32(77);
  for (let k = 0; k < 9; k++) {
    const u0 = -640 + k * 138 + rnd() * 20;
    const len = 90 + rnd() * 30;
    const depth = 28 + rnd() * 10;
    const vb = QUAY_V - 112;
    shadeConvex(cv, rectUV(u0 - 4, u0 + len - 4, vb - 14, vb + depth - 10), 0.55);
    fillConvex(cv, rectUV(u0, u0 + len, vb, vb + depth), ROOFS[Math.floor(rnd() * ROOFS.length)]!, 1, 6, k);
  }
  // Piers: a shadow on the water beside them, the concrete deck, darker edges, a crane rail.
  const CONCRETE: XY3 = [192, 190, 182];
  for (const p of PIERS) {
    const deck = pierRect(p);
    shadeConvex(cv, rectUV(p.u - p.width / 2 - 5, p.u + p.width / 2 - 3, QUAY_V, QUAY_V + p.length - 4), 0.55);
    fillConvex(cv, deck, CONCRETE, 1, 10, 3);
    for (const s of [-1, 1]) {
      const e = p.u + (s * p.width) / 2;
      fillConvex(cv, rectUV(Math.min(e, e - s * 2.2), Math.max(e, e - s * 2.2), QUAY_V, QUAY_V + p.length), [118, 116, 110]);
      fillConvex(cv, rectUV(e - s * 9 - 0.7, e - s * 9 + 0.7, QUAY_V, QUAY_V + p.length - 8), [150, 146, 138], 0.8);
    }
    fillConvex(cv, rectUV(p.u - p.width / 2, p.u + p.width / 2, QUAY_V + p.length - 2.2, QUAY_V + p.length), [118, 116, 110]);
    // two harbour cranes on the west edge
    for (const t of [0.3, 0.62]) {
      const vc = QUAY_V + t * p.length;
      const e = p.u - p.width / 2 + 9;
      shadeConvex(cv, rectUV(e - 16, e - 2, vc + 2, vc + 30), 0.6);
      fillConvex(cv, rectUV(e - 4, e + 4, vc - 4, vc + 4), [196, 150, 44]);
      fillConvex(cv, rectUV(e - 14, e - 4, vc - 1, vc + 1), [176, 134, 40]);
    }
    forConvex(cv, deck, (i, cover) => {
      if (cover > 0.5) water[i] = 0;
      snow[i] = 255;
    });
  }
  shadeConvex(cv, rectUV(476, 1316, 704, 720), 0.6);
  fillConvex(cv, BREAKWATER, [160, 156, 148], 1, 14, 4);
  forConvex(cv, BREAKWATER, (i, cover) => {
    if (cover > 0.5) water[i] = 0;
  });
  return { cv, water, snow };
}

function world(): World {
  cachedWorld ??= buildWorld();
  return cachedWorld;
}

// ---------------------------------------------------------------------------------------------
// Ships and containers.

/** Hull outline in ship coordinates (a along the ship from stern, b across), metres. */
function shipPoly(centre: XY, headingDeg: number, pts: XY[]): XY[] {
  const h = headingDeg * deg;
  const fx = Math.sin(h);
  const fy = Math.cos(h);
  // right-hand side of the bow direction
  const rx = fy;
  const ry = -fx;
  return pts.map(([a, b]) => [centre[0] + a * fx + b * rx, centre[1] + a * fy + b * ry]);
}

const SUN_SHADOW: XY = [-0.36, 0.93]; // direction shadows fall (north-north-west), per metre of height ×2.1

function drawShip(cv: Canvas, s: PlacedShip): void {
  const L = s.spec.lengthM;
  const B = s.spec.beamM;
  const h = L / 2;
  const hb = B / 2;
  const bow = 0.16 * L;
  const hull: XY[] = [[-h, -hb * 0.82], [-h + 3, -hb], [h - bow, -hb], [h, 0], [h - bow, hb], [-h + 3, hb], [-h, hb * 0.82]];
  const rect = (a0: number, a1: number, b0: number, b1: number): XY[] => [[a0, b0], [a1, b0], [a1, b1], [a0, b1]];
  const at = (pts: XY[], lift: number): XY[] =>
    shipPoly(s.centre, s.headingDeg, pts).map(([x, y]) => [x + SUN_SHADOW[0] * lift * 2.1, y + SUN_SHADOW[1] * lift * 2.1]);
  const rnd = mulberry32(s.seed);
  // shadows first: hull freeboard ~7 m, superstructure ~20 m
  shadeConvex(cv, at(hull, 7), 0.5);
  const sup0 = -h + 0.05 * L;
  const sup1 = -h + (s.spec.type === 'container' ? 0.16 : 0.15) * L;
  const supRect = rect(sup0, sup1, -hb * 0.78, hb * 0.78);
  shadeConvex(cv, at(supRect, 20), 0.55);
  fillConvex(cv, shipPoly(s.centre, s.headingDeg, hull), s.spec.hull, 1, 6, s.seed);
  // deck inset from the hull sides
  const inset = 1.6;
  const deckPts: XY[] = [[-h + 1.5, -hb + inset], [h - bow, -hb + inset], [h - 2.5, 0], [h - bow, hb - inset], [-h + 1.5, hb - inset]];
  fillConvex(cv, shipPoly(s.centre, s.headingDeg, deckPts), s.spec.deck, 1, 8, s.seed + 1);
  if (s.spec.type === 'container') {
    // bays of containers, 6 m pitch, in rows across
    for (let a = sup1 + 4; a < h - bow - 4; a += 13.6) {
      for (let b = -hb + inset + 1; b < hb - inset - 2.4; b += 2.6 * 3) {
        const col = CONTAINER_COLOURS[Math.floor(rnd() * CONTAINER_COLOURS.length)]!;
        if (rnd() < 0.15) continue;
        fillConvex(cv, shipPoly(s.centre, s.headingDeg, rect(a, a + 12.2, b, b + 7.4)), col, 0.95);
      }
    }
  } else {
    const holds = s.spec.type === 'bulk' ? 7 : L > 110 ? 4 : 3;
    const start = sup1 + 6;
    const end = h - bow - 4;
    const pitch = (end - start) / holds;
    for (let k = 0; k < holds; k++) {
      const a0 = start + k * pitch + 2;
      fillConvex(cv, shipPoly(s.centre, s.headingDeg, rect(a0, a0 + pitch - 4, -hb * 0.62, hb * 0.62)), s.spec.hatch, 1, 6, s.seed + 10 + k);
    }
    // forecastle
    fillConvex(cv, shipPoly(s.centre, s.headingDeg, [[h - bow - 2, -hb * 0.7], [h - 4, -hb * 0.2], [h - 4, hb * 0.2], [h - bow - 2, hb * 0.7]]), [176, 172, 164], 0.9);
  }
  // superstructure: white block, a darker bridge wing line and the funnel
  fillConvex(cv, shipPoly(s.centre, s.headingDeg, supRect), [226, 226, 220], 1, 5, s.seed + 2);
  fillConvex(cv, shipPoly(s.centre, s.headingDeg, rect(sup1 - 1.6, sup1, -hb, hb)), [200, 200, 196]);
  fillConvex(cv, shipPoly(s.centre, s.headingDeg, rect(sup0 + 1.5, sup0 + 5, -1.8, 1.8)), [70, 60, 52]);
}

function drawContainers(cv: Canvas, slots: Slot[], seed: number): void {
  for (const [k, s] of slots.entries()) {
    // a thin shadow on the north side (stacks are two or three high)
    shadeConvex(cv, s.poly.map(([x, y]) => [x + SUN_SHADOW[0] * 10, y + SUN_SHADOW[1] * 10] as XY), 0.6);
    fillConvex(cv, s.poly, s.colour, 1, 10, seed + k);
  }
}

// ---------------------------------------------------------------------------------------------
// One scene.

function renderScene(index: number): Uint8Array {
  const spec = SCENES[index]!;
  const w = world();
  const shift = sceneShift(index);
  const sx0 = shift[0] - HALF;
  const sy0 = shift[1] + HALF;
  const cv = newCanvas(SIZE, SIZE, sx0, sy0);
  const offC = (sx0 - w.cv.x0) / GSD;
  const offR = (w.cv.y0 - sy0) / GSD;
  const seed = 1000 + index * 17;
  // Waves: two wind-driven wave trains, weaker inside the harbour.
  const wd = spec.windDeg * deg;
  const k1: XY = [Math.sin(wd) * (2 * Math.PI) / 21, Math.cos(wd) * (2 * Math.PI) / 21];
  const k2: XY = [Math.sin(wd + 0.5) * (2 * Math.PI) / 13, Math.cos(wd + 0.5) * (2 * Math.PI) / 13];
  const snowLevel = spec.snow * 254;
  const swell = new ValueNoise(seed); // at 1/160 m
  const ripples = new ValueNoise(seed + 1); // at 1/36 m
  const phase = index * 1.7;
  // The planes in locals: V8 does not always hoist the loads out of a loop that stores to typed arrays.
  const { r: worldR, g: worldG, b: worldB } = w.cv;
  const { water: worldWater, snow: worldSnow } = w;
  const { r: outR, g: outG, b: outB } = cv;
  // Per-column terms of the per-pixel sums below (each the same products, added in the same order).
  const xs = new Float64Array(SIZE);
  const xv = new Float64Array(SIZE); // x's share of toV(x, y)
  const xk1 = new Float64Array(SIZE); // x's share of the first wave train's phase
  const xk2 = new Float64Array(SIZE);
  for (let c = 0; c < SIZE; c++) {
    const x = sx0 + (c + 0.5) * GSD;
    xs[c] = x;
    xv[c] = x * N[0];
    xk1[c] = k1[0] * x;
    xk2[c] = k2[0] * x;
  }
  for (let r = 0; r < SIZE; r++) {
    const y = sy0 - (r + 0.5) * GSD;
    const yv = y * N[1];
    const yk1 = k1[1] * y;
    const yk2 = k2[1] * y;
    const wr = (r + offR) * WORLD_PX + offC;
    for (let c = 0; c < SIZE; c++) {
      const i = r * SIZE + c;
      const j = wr + c;
      let R = worldR[j]!;
      let G = worldG[j]!;
      let B = worldB[j]!;
      const wet = worldWater[j]! / 255;
      if (wet > 0) {
        const x = xs[c]!;
        const v = xv[c]! + yv;
        const shelter = 0.35 + 0.65 * smoothstep(350, 800, v);
        const mod = swell.at(x / 160, y / 160);
        const wave = (Math.sin(xk1[c]! + yk1 + phase + mod * 4) * 0.6 + Math.sin(xk2[c]! + yk2 + mod * 6) * 0.4) * (0.5 + mod);
        const ripple = ripples.at(x / 36, y / 36) - 0.5;
        const dv = (wave * 2.4 * shelter + ripple * 5) * wet;
        R += dv * 0.8;
        G += dv;
        B += dv;
      }
      const sn = worldSnow[j]!;
      if (sn < 255 && sn < snowLevel + 20) {
        const a = smoothstep(snowLevel + 20, snowLevel - 20, sn) * 0.38;
        R = R * (1 - a) + 214 * a;
        G = G * (1 - a) + 216 * a;
        B = B * (1 - a) + 220 * a;
      }
      outR[i] = R;
      outG[i] = G;
      outB[i] = B;
    }
  }
  for (let p = 0; p < PIERS.length; p++) drawContainers(cv, stacksOf(p, spec.containers[p]!).slots, seed + p * 1000);
  for (const s of placeShips(spec)) drawShip(cv, s);

  // Clouds, computed at a quarter resolution and interpolated, with their shadows on the ground.
  if (spec.clouds.length > 0) {
    const q = 4;
    const qn = SIZE / q + 2;
    const alpha = new Float32Array(qn * qn);
    const shadow = new Float32Array(qn * qn);
    const tex = new Float32Array(qn * qn);
    const texNoise = new Fbm(seed + 5, 3); // at 1/90 m
    const cloudField = new CloudField(spec.clouds);
    const shadowField = new CloudField(spec.clouds); // its own memo: it is asked about points 300 m away
    for (let r = 0; r < qn; r++) {
      for (let c = 0; c < qn; c++) {
        const x = sx0 + c * q * GSD;
        const y = sy0 - r * q * GSD;
        alpha[r * qn + c] = cloudField.alpha(x, y);
        shadow[r * qn + c] = shadowField.alpha(x - CLOUD_SHADOW[0], y - CLOUD_SHADOW[1]);
        tex[r * qn + c] = texNoise.at(x / 90, y / 90);
      }
    }
    // Bilinear interpolation of a quarter-resolution field at pixel (c, r): the cell and weights
    // along a row depend on c only and down a column on r only, so they are computed once each.
    const cellOf = (n: number): { cell: Int32Array; t: Float64Array } => {
      const cell = new Int32Array(n);
      const t = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const fk = (k + 0.5) / q;
        cell[k] = Math.floor(fk);
        t[k] = fk - cell[k]!;
      }
      return { cell, t };
    };
    const { cell: cellX, t: txs } = cellOf(SIZE);
    const { cell: cellY, t: tys } = cellOf(SIZE);
    const sample = (f: Float32Array, at: number, tx: number, ty: number): number => {
      const a = f[at]!;
      const b = f[at + 1]!;
      const cc = f[at + qn]!;
      const d = f[at + qn + 1]!;
      return (a * (1 - tx) + b * tx) * (1 - ty) + (cc * (1 - tx) + d * tx) * ty;
    };
    for (let r = 0; r < SIZE; r++) {
      const rowAt = cellY[r]! * qn;
      const ty = tys[r]!;
      for (let c = 0; c < SIZE; c++) {
        const i = r * SIZE + c;
        const at = rowAt + cellX[c]!;
        const tx = txs[c]!;
        const sh = sample(shadow, at, tx, ty);
        const a = sample(alpha, at, tx, ty);
        if (sh <= 0 && a <= 0) continue;
        const f = 1 - 0.5 * sh * (1 - a);
        let R = outR[i]! * f;
        let G = outG[i]! * f;
        let B = outB[i]! * f;
        if (a > 0) {
          const t = sample(tex, at, tx, ty);
          const lum = 208 + 44 * a + (t - 0.5) * 30;
          R = R * (1 - a) + lum * a;
          G = G * (1 - a) + (lum + 1) * a;
          B = B * (1 - a) + (lum + 4) * a;
        }
        outR[i] = R;
        outG[i] = G;
        outB[i] = B;
      }
    }
  }

  // Radiometry: haze, a small gain difference between satellites, sensor noise; then to bytes.
  const rnd = mulberry32(seed);
  const gain = 0.95 + rnd() * 0.1;
  const haze = spec.haze;
  const out = new Uint8Array(SIZE * SIZE * 3);
  const noiseKey = hashKey(seed, 3); // n = hash2(i, seed, 3)
  // The loop's constant terms, hoisted (the same values, so the same bytes).
  const clear = 1 - haze;
  const hazeR = 178 * haze;
  const hazeG = 188 * haze;
  const hazeB = 200 * haze;
  for (let i = 0; i < SIZE * SIZE; i++) {
    const n = (hashWithKey(i, noiseKey) - 0.5) * 4;
    const R = (outR[i]! * clear + hazeR) * gain + n;
    const G = (outG[i]! * clear + hazeG) * gain + n;
    const B = (outB[i]! * clear + hazeB) * gain + n;
    out[i * 3] = R < 0 ? 0 : R > 255 ? 255 : Math.round(R);
    out[i * 3 + 1] = G < 0 ? 0 : G > 255 ? 255 : Math.round(G);
    out[i * 3 + 2] = B < 0 ? 0 : B > 255 ? 255 : Math.round(B);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GeoTIFF encoding.

/** Pixel-interleaved samples → TILE × TILE tiles (edge tiles padded with zeros), each deflated. */
function deflatedTiles(pixels: Uint8Array, width: number, height: number, bytesPerPixel: number, side = TILE): Uint8Array[] {
  const tilesAcross = Math.ceil(width / side);
  const tilesDown = Math.ceil(height / side);
  const tiles: Uint8Array[] = [];
  for (let ty = 0; ty < tilesDown; ty++) {
    for (let tx = 0; tx < tilesAcross; tx++) {
      const block = new Uint8Array(side * side * bytesPerPixel); // edge tiles are padded with zeros
      for (let r = 0; r < side; r++) {
        const y = ty * side + r;
        if (y >= height) break;
        const x0 = tx * side;
        const n = Math.min(side, width - x0);
        block.set(pixels.subarray((y * width + x0) * bytesPerPixel, (y * width + x0 + n) * bytesPerPixel), r * side * bytesPerPixel);
      }
      // Level 2: a quarter of level 6's time for files about 10% larger (the sensor noise barely compresses).
      tiles.push(deflateSync(block, { level: 2 }));
    }
  }
  return tiles;
}

/**
 * geotiff.js lays out its IFD in a fixed 1000-byte header and points the tile offsets just past
 * it; give it a one-byte stand-in for the pixels and append the compressed tiles ourselves.
 */
function assembleTiff(metadata: GeotiffWriterMetadata & Record<string, unknown>, tiles: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(writeArrayBuffer(new Uint8Array(1), metadata));
  const HEADER_BYTES = 1000;
  if (header.byteLength !== HEADER_BYTES + 1) throw new Error(`geotiff.js header layout changed (${header.byteLength} bytes)`);
  const total = HEADER_BYTES + tiles.reduce((s, t) => s + t.length, 0);
  const file = new Uint8Array(total);
  file.set(header.subarray(0, HEADER_BYTES), 0);
  let at = HEADER_BYTES;
  for (const t of tiles) {
    file.set(t, at);
    at += t.length;
  }
  return file;
}

/** Pixel-interleaved RGB → tiled, deflate-compressed GeoTIFF (EPSG:32652). */
export function encodeGeoTiff(rgb: Uint8Array, width: number, height: number, originE: number, originN: number, meta: { datetime: string; description: string }): Uint8Array {
  const tiles = deflatedTiles(rgb, width, height, 3);
  const metadata: GeotiffWriterMetadata & Record<string, unknown> = {
    width,
    height,
    SamplesPerPixel: 3,
    BitsPerSample: [8, 8, 8],
    SampleFormat: [1, 1, 1],
    PhotometricInterpretation: 2,
    PlanarConfiguration: 1,
    Compression: 8, // deflate
    TileWidth: TILE,
    TileLength: TILE,
    TileByteCounts: tiles.map((t) => t.length),
    ModelPixelScale: [GSD, GSD, 0],
    ModelTiepoint: [0, 0, 0, originE, originN, 0],
    GTModelTypeGeoKey: 1, // projected
    GTRasterTypeGeoKey: 1, // PixelIsArea
    ProjectedCSTypeGeoKey: DEMO_EPSG,
    GTCitationGeoKey: 'WGS 84 / UTM zone 52N',
    DateTime: meta.datetime,
    ImageDescription: meta.description,
    Software: 'Quaywatch demo generator',
    Copyright: '(c) Planet Labs PBC (synthetic demo)',
  };
  return assembleTiff(metadata, tiles);
}

/** The demo scenes' file names, in the order the series runs (the view opens on the first). */
export function demoSceneFiles(): string[] {
  const data = demoDataset();
  // The optical series first (the view opens on its first scene), then the radar scenes.
  return [...data.scenes.map((s) => s.file), ...data.radarScenes.map((s) => s.file)];
}

/** Suffix of a scene file still being written; a start removes any a killed run left (removeUnfinishedDemoScenes). */
const WRITING_SUFFIX = '.writing';

/**
 * Renders scene `index` and writes it into dir under its own name only once it is complete on
 * disk (written beside it, flushed, then renamed): a run killed half-way leaves no half scene.
 */
export function writeDemoScene(dir: string, index: number): string {
  const data = demoDataset();
  if (index >= data.scenes.length) return writeDemoRadarScene(dir, index - data.scenes.length);
  const scene = data.scenes[index];
  if (!scene) throw new Error(`demo: no scene ${index}`);
  const rgb = renderScene(index);
  const shift = sceneShift(index);
  const tiff = encodeGeoTiff(rgb, SIZE, SIZE, CENTRE_E + shift[0] - HALF, CENTRE_N + shift[1] + HALF, {
    datetime: scene.acquired.slice(0, 19).replace('T', ' ').replaceAll('-', ':'),
    description: `${scene.itemId} PSScene Visual (synthetic demo imagery of ${data.site.name})`,
  });
  return writeWhole(path.join(dir, scene.file), tiff);
}

/** Writes a scene file beside its name, flushes it, then renames it: a killed run leaves no half scene. */
export function writeWhole(file: string, bytes: Uint8Array): string {
  const tmp = `${file}${WRITING_SUFFIX}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return file;
}

/**
 * Copies into dir the demo scenes the build rendered into `builtDir` (scripts/build.mjs: the one the
 * view opens on, so a first start does not wait ~1.5 s of generating before the map shows imagery)
 * that dir lacks; returns how many. Scenes not shipped are generated (DemoImageryWriter).
 */
export function placeBuiltDemoScenes(builtDir: string, dir: string): number {
  let placed = 0;
  for (const name of demoSceneFiles()) {
    const target = path.join(dir, name);
    if (fs.existsSync(target)) continue;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(builtDir, name));
    } catch {
      continue; // not shipped (or run from sources): generated like the others
    }
    writeWhole(target, bytes);
    placed++;
  }
  return placed;
}

/** Removes the scene files a killed run was still writing. */
export function removeUnfinishedDemoScenes(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.endsWith(WRITING_SUFFIX)) fs.rmSync(path.join(dir, n), { force: true });
}

/** Writes one GeoTIFF per scene into dir (created if missing) and returns the dataset. */
export async function writeDemoImagery(dir: string, onProgress?: (done: number, total: number) => void): Promise<DemoDataset> {
  const data = demoDataset();
  await mkdir(dir, { recursive: true });
  removeUnfinishedDemoScenes(dir);
  const total = data.scenes.length + data.radarScenes.length;
  onProgress?.(0, total);
  for (let i = 0; i < total; i++) {
    writeDemoScene(dir, i);
    onProgress?.(i + 1, total);
    // let the event loop breathe between scenes
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return data;
}

/** What demoRadar.ts draws with: the same world, ships and frame as the optical scenes. */
export const demoKit = {
  world: () => world(),
  placeShips: (ships: SceneSpec['ships']) => placeShips({ ships }),
  shipPoly: (centre: XY, headingDeg: number, pts: XY[]) => shipPoly(centre, headingDeg, pts),
  localToLonLat: (x: number, y: number) => localToLonLat(x, y),
  ringToLonLat: (ring: XY[]) => ringToLonLat(ring),
  berths: () => ({ P1W, P1E, P2W, P2E, BAY, OUTER }),
  tiled: (pixels: Uint8Array, width: number, height: number, bytesPerPixel: number, tile: number) => deflatedTiles(pixels, width, height, bytesPerPixel, tile),
  assemble: (metadata: GeotiffWriterMetadata & Record<string, unknown>, tiles: Uint8Array[]) => assembleTiff(metadata, tiles),
  CENTRE_E,
  CENTRE_N,
  /** The world canvas's pixel size, metres. */
  WORLD_GSD: GSD,
  TILE,
};
export type DemoXY = XY;
export type DemoShipSpec = SceneSpec['ships'][number];
export type DemoPlacedShip = PlacedShip;
export type DemoWorld = World;
