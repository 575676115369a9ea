// The keep area: a position is kept within the buffer of the area of interest and not beyond, whether
// its nearest point is a corner of the area (where a quick test by the first corner accepts it) or an edge.
import { KeepArea } from './area';
import { PORT_AOI } from './fixtures/generate';

const KM_PER_DEG_LAT = 111.32;
const ring = PORT_AOI.coordinates[0]!;
const [W, S] = ring[0]!;
const [E, N] = ring[2]!;
const KX = KM_PER_DEG_LAT * Math.cos((((S + N) / 2) * Math.PI) / 180);

/** The point `km` from (lon, lat) towards the bearing `deg` (0 north, 90 east), on the local plane. */
const towards = (lon: number, lat: number, deg: number, km: number): [number, number] => [lon + (Math.sin((deg * Math.PI) / 180) * km) / KX, lat + (Math.cos((deg * Math.PI) / 180) * km) / KM_PER_DEG_LAT];

describe('KeepArea', () => {
  const area = new KeepArea([PORT_AOI], 30);

  it('keeps what lies within 30 km of a corner and nothing just beyond', () => {
    // Away from each corner, outward: the corner is the nearest point of the area.
    for (const [lon, lat, deg] of [[W, S, 225], [E, S, 135], [E, N, 45], [W, N, 315], [W, S, 200], [E, N, 70]] as const) {
      for (const km of [0.5, 10, 29.9, 29.999]) expect(area.contains(...towards(lon, lat, deg, km)), `${deg}° ${km} km`).toBe(true);
      for (const km of [30.001, 30.1, 45]) expect(area.contains(...towards(lon, lat, deg, km)), `${deg}° ${km} km`).toBe(false);
    }
  });

  it('keeps what lies within 30 km of an edge, and what is inside', () => {
    const mid = (S + N) / 2;
    expect(area.contains(...towards(W, mid, 270, 29.99))).toBe(true);
    expect(area.contains(...towards(W, mid, 270, 30.01))).toBe(false);
    expect(area.contains(...towards((W + E) / 2, N, 0, 29.99))).toBe(true);
    expect(area.contains(...towards((W + E) / 2, N, 0, 30.01))).toBe(false);
    expect(area.contains((W + E) / 2, mid)).toBe(true);
    expect(new KeepArea([PORT_AOI], 0).contains(...towards(W, S, 225, 0.01))).toBe(false);
  });
});
