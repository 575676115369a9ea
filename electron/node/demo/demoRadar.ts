// The demo's radar scenes: Sentinel-1-like (C band, IW, 10 m, VV or VV+VH) amplitude images of the
// same synthetic port, on the days cloud hid a quay from the optical series and between its scenes,
// so that the demo shows what radar adds: the visits' arrival and departure are pinned down closer.
// Their ships are where the demo's AIS (demoAis.ts) has them at that moment (a ship lies at its
// berth from half a day before the first optical scene that shows it to half a day after the last),
// so radar, optical and AIS tell one story; demoRadar.test.ts checks it.
//
// Pixels: σ⁰ from the world's land/water and brightness (calm water about -21 dB VV, land -15…-6 dB,
// flat concrete darker), ships +14 dB VV / +4 dB VH, then 4-look gamma speckle from the seeded PRNG;
// written as amplitude √(σ⁰·speckle), float32, one band per polarisation (big-endian, like the header
// geotiff.js writes), tiled and deflated, EPSG:32652. Deterministic: two runs write the same bytes.
import path from 'node:path';
import type { GeotiffWriterMetadata } from 'geotiff';
import type { SceneAcquisition } from '../../../shared/domain';
import { mulberry32 } from '../../../shared/prng';
import { demoKit, writeWhole, DEMO_EPSG, type DemoShip, type DemoShipSpec, type DemoXY } from './demoImagery';

type XY = DemoXY;

export interface DemoRadarScene {
  file: string;
  /** ISO UTC. */
  acquired: string;
  /** Sentinel-1-style product name. */
  itemId: string;
  provider: 'Copernicus';
  product: 'S1 IW GRD';
  credit: 'Contains modified Copernicus Sentinel data (synthetic demo)';
  gsd: number;
  footprint: { type: 'Polygon'; coordinates: [number, number][][] };
  acquisition: SceneAcquisition;
  /** Ground truth: every ship in the scene. */
  ships: DemoShip[];
}

/** Pixel size (m) and pixels a side: 3.2 km, the port and its bay. */
const RGSD = 10;
const RSIZE = 320;
const RTILE = 160;
const RHALF = (RSIZE * RGSD) / 2;

type BerthName = 'P1W' | 'P1E' | 'P2W' | 'P2E' | 'BAY' | 'OUTER';
interface RadarSpec {
  time: string; // ISO UTC to the second
  pass: 'ascending' | 'descending';
  pols: ('VV' | 'VH')[];
  ships: { vessel: string; at: BerthName }[];
}

// Ascending passes about 09:27 UTC, descending about 21:05 UTC (relative orbits 54 and 163). Clouded
// optical days: 19 and 30 December (Pier 2, Pier 1 obscured) and 17 January (Pier 2). The rest fall
// between optical scenes, where a ship arrived or left: see demoRadar.test.ts for the visits' censoring.
const RADAR: RadarSpec[] = [
  { time: '2024-12-15T09:27:40', pass: 'ascending', pols: ['VV', 'VH'], ships: [{ vessel: 'Sea Harmony', at: 'BAY' }] },
  { time: '2024-12-19T09:27:38', pass: 'ascending', pols: ['VV', 'VH'], ships: [{ vessel: 'Paekdu Star', at: 'P2E' }, { vessel: 'Sea Harmony', at: 'BAY' }] },
  { time: '2024-12-21T21:05:12', pass: 'descending', pols: ['VV', 'VH'], ships: [] },
  { time: '2024-12-24T21:05:09', pass: 'descending', pols: ['VV'], ships: [] },
  { time: '2024-12-30T09:27:35', pass: 'ascending', pols: ['VV'], ships: [{ vessel: 'Ryongsong 2', at: 'P2W' }] },
  { time: '2025-01-01T21:05:06', pass: 'descending', pols: ['VV', 'VH'], ships: [] },
  { time: '2025-01-07T09:27:33', pass: 'ascending', pols: ['VV', 'VH'], ships: [] },
  { time: '2025-01-11T09:27:31', pass: 'ascending', pols: ['VV'], ships: [] },
  { time: '2025-01-13T21:05:02', pass: 'descending', pols: ['VV', 'VH'], ships: [{ vessel: 'Amur Express', at: 'P1E' }] },
  { time: '2025-01-17T09:27:30', pass: 'ascending', pols: ['VV', 'VH'], ships: [] },
];

const compact = (iso: string) => iso.replaceAll('-', '').replaceAll(':', '');

function productName(spec: RadarSpec): string {
  return `S1A_IW_GRDH_${spec.pols.length === 2 ? '1SDV' : '1SSV'}_${compact(spec.time)}_RAJIN_DEMO`;
}

const shipsOf = (spec: RadarSpec) => {
  const berths = demoKit.berths();
  return demoKit.placeShips(spec.ships.map((s): DemoShipSpec => ({ vessel: s.vessel, at: berths[s.at] })));
};

export function demoRadarDataset(): DemoRadarScene[] {
  return RADAR.map((spec) => ({
    file: `${productName(spec)}.tif`,
    acquired: `${spec.time}.000Z`,
    itemId: productName(spec),
    provider: 'Copernicus',
    product: 'S1 IW GRD',
    credit: 'Contains modified Copernicus Sentinel data (synthetic demo)',
    gsd: RGSD,
    footprint: { type: 'Polygon', coordinates: [demoKit.ringToLonLat([[-RHALF, RHALF], [-RHALF, -RHALF], [RHALF, -RHALF], [RHALF, RHALF]])] },
    acquisition: {
      platform: 'sentinel-1a',
      constellation: 'sentinel-1',
      orbitState: spec.pass,
      relativeOrbit: spec.pass === 'ascending' ? 54 : 163,
      instrumentMode: 'IW',
      polarizations: [...spec.pols],
      productType: 'GRD',
      frequencyBand: 'C',
    },
    ships: shipsOf(spec).map((s) => ({ name: s.spec.name, zone: s.zone, lonLat: demoKit.localToLonLat(s.centre[0], s.centre[1]), lengthM: s.spec.lengthM, headingDeg: s.headingDeg })),
  }));
}

const dbToPower = (db: number) => 10 ** (db / 10);

/** Is p inside the convex polygon (either winding)? */
function insideConvex(poly: XY[], [x, y]: XY): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    const c = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** σ⁰ (linear power) per polarisation for radar scene `k`, before speckle: [VV, VH] planes. */
function backscatter(k: number): [Float64Array, Float64Array] {
  const spec = RADAR[k]!;
  const w = demoKit.world();
  const vv = new Float64Array(RSIZE * RSIZE);
  const vh = new Float64Array(RSIZE * RSIZE);
  const step = RGSD / demoKit.WORLD_GSD;
  const phase = k * 1.3;
  for (let r = 0; r < RSIZE; r++) {
    const y = RHALF - (r + 0.5) * RGSD;
    for (let c = 0; c < RSIZE; c++) {
      const x = -RHALF + (c + 0.5) * RGSD;
      // The world's 3 m pixels under this 10 m pixel: their wetness and brightness.
      const wc = Math.floor((x - w.cv.x0) / demoKit.WORLD_GSD - step / 2);
      const wr = Math.floor((w.cv.y0 - y) / demoKit.WORLD_GSD - step / 2);
      let wet = 0;
      let lum = 0;
      let n = 0;
      for (let dy = 0; dy < 3; dy++) {
        for (let dx = 0; dx < 3; dx++) {
          const j = Math.min(w.cv.h - 1, Math.max(0, wr + dy)) * w.cv.w + Math.min(w.cv.w - 1, Math.max(0, wc + dx));
          wet += w.water[j]! / 255;
          lum += (w.cv.r[j]! + w.cv.g[j]! + w.cv.b[j]!) / 3;
          n++;
        }
      }
      wet /= n;
      lum /= n;
      // Calm water reflects away from the sensor; wind ripples (varying per pass) raise it a little.
      const waterVv = -21 + 1.5 * Math.sin(x / 430 + phase) * Math.cos(y / 370 - phase);
      // Land: rougher and brighter where the optical world is (roofs, rock) than in forest; flat concrete
      // and paving (the brightest optical grey) reflect away like calm water, only less so.
      const landVv = lum > 170 ? -15 : -12 + 6 * Math.min(1, Math.max(0, (lum - 60) / 100));
      const i = r * RSIZE + c;
      vv[i] = wet * dbToPower(waterVv) + (1 - wet) * dbToPower(landVv);
      vh[i] = wet * dbToPower(waterVv - 8) + (1 - wet) * dbToPower(landVv - 7);
    }
  }
  // Ships: a hull is a strong return (dihedrals of hull, deck and superstructure): cover sampled 4 × 4 per pixel.
  for (const s of shipsOf(spec)) {
    const L = s.spec.lengthM;
    const B = s.spec.beamM;
    const hull = demoKit.shipPoly(s.centre, s.headingDeg, [[-L / 2, -B / 2], [L / 2, -B / 2], [L / 2, B / 2], [-L / 2, B / 2]]);
    const xs = hull.map((p) => p[0]);
    const ys = hull.map((p) => p[1]);
    const c0 = Math.max(0, Math.floor((Math.min(...xs) + RHALF) / RGSD));
    const c1 = Math.min(RSIZE - 1, Math.floor((Math.max(...xs) + RHALF) / RGSD));
    const r0 = Math.max(0, Math.floor((RHALF - Math.max(...ys)) / RGSD));
    const r1 = Math.min(RSIZE - 1, Math.floor((RHALF - Math.min(...ys)) / RGSD));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        let cover = 0;
        for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) if (insideConvex(hull, [-RHALF + (c + (a + 0.5) / 4) * RGSD, RHALF - (r + (b + 0.5) / 4) * RGSD])) cover++;
        if (cover === 0) continue;
        const f = cover / 16;
        const i = r * RSIZE + c;
        vv[i] = (1 - f) * vv[i]! + f * dbToPower(14);
        vh[i] = (1 - f) * vh[i]! + f * dbToPower(4);
      }
    }
  }
  return [vv, vh];
}

/** The amplitude planes of radar scene `k` (one per polarisation), speckled: deterministic. */
export function renderRadarScene(k: number): Float32Array[] {
  const spec = RADAR[k]!;
  const [vv, vh] = backscatter(k);
  const rnd = mulberry32(7100 + k * 53);
  // Multi-looked intensity speckle: gamma with 4 looks (mean 1), the product of four uniforms' logs.
  const speckle = () => -Math.log((1 - rnd()) * (1 - rnd()) * (1 - rnd()) * (1 - rnd())) / 4;
  return spec.pols.map((pol) => {
    const sigma = pol === 'VV' ? vv : vh;
    const out = new Float32Array(RSIZE * RSIZE);
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(sigma[i]! * speckle());
    return out;
  });
}

/** Float32 planes → pixel-interleaved big-endian bytes, tiled and deflated, as a GeoTIFF. */
function encodeRadarTiff(planes: Float32Array[], meta: { datetime: string; description: string }): Uint8Array {
  const bands = planes.length;
  const bytes = new Uint8Array(RSIZE * RSIZE * bands * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < RSIZE * RSIZE; i++) for (let b = 0; b < bands; b++) view.setFloat32((i * bands + b) * 4, planes[b]![i]!, false);
  const tiles = demoKit.tiled(bytes, RSIZE, RSIZE, bands * 4, RTILE);
  const metadata: GeotiffWriterMetadata & Record<string, unknown> = {
    width: RSIZE,
    height: RSIZE,
    SamplesPerPixel: bands,
    BitsPerSample: Array(bands).fill(32),
    SampleFormat: Array(bands).fill(3), // IEEE float
    PhotometricInterpretation: 1, // BlackIsZero
    PlanarConfiguration: 1,
    // A second band beside a grey one is an "extra sample" of unspecified meaning (TIFF 6.0), as GDAL writes it.
    ...(bands > 1 ? { ExtraSamples: Array(bands - 1).fill(0) } : {}),
    Compression: 8, // deflate
    TileWidth: RTILE,
    TileLength: RTILE,
    TileByteCounts: tiles.map((t) => t.length),
    ModelPixelScale: [RGSD, RGSD, 0],
    ModelTiepoint: [0, 0, 0, demoKit.CENTRE_E - RHALF, demoKit.CENTRE_N + RHALF, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: DEMO_EPSG,
    GTCitationGeoKey: 'WGS 84 / UTM zone 52N',
    DateTime: meta.datetime,
    ImageDescription: meta.description,
    Software: 'Quaywatch demo generator',
    Copyright: 'Contains modified Copernicus Sentinel data (synthetic demo)',
  };
  return demoKit.assemble(metadata, tiles);
}

/** Renders radar scene `k` and writes it into dir under its own name once complete (see writeWhole). */
export function writeDemoRadarScene(dir: string, k: number): string {
  const scene = demoRadarDataset()[k];
  if (!scene) throw new Error(`demo: no radar scene ${k}`);
  const spec = RADAR[k]!;
  const tiff = encodeRadarTiff(renderRadarScene(k), {
    datetime: scene.acquired.slice(0, 19).replace('T', ' ').replaceAll('-', ':'),
    description: `${scene.itemId} amplitude ${spec.pols.join('+')} (synthetic demo radar imagery of Rajin (demo))`,
  });
  return writeWhole(path.join(dir, scene.file), tiff);
}
