import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { crsDefinition, isKnownCrs, knownCrsCodes } from './crs';

describe('crsDefinition', () => {
  it('defines WGS 84 UTM north and south, ETRS89 UTM and NAD83, and nothing else', () => {
    expect(crsDefinition('EPSG:32652')).toContain('+zone=52 +datum=WGS84');
    expect(crsDefinition('EPSG:32652')).not.toContain('+south');
    expect(crsDefinition('EPSG:32733')).toContain('+zone=33 +south');
    expect(crsDefinition('epsg:25832')).toContain('+zone=32 +ellps=GRS80');
    expect(crsDefinition('EPSG:4269')).toContain('NAD83');
    for (const code of ['EPSG:32600', 'EPSG:32661', 'EPSG:25827', 'EPSG:3035', 'EPSG:', 'UTM52', 'EPSG:32652x']) expect(crsDefinition(code)).toBeNull();
  });

  // Expected values from GDAL's gdaltransform (PROJ), e.g. `echo "130.3 42.25" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32652`.
  it.each([
    ['Rajin harbour, WGS 84 / UTM 52N', 'EPSG:32652', [130.3, 42.25], [607_241.366, 4_678_352.131]],
    ['Hamburg, ETRS89 / UTM 32N', 'EPSG:25832', [9.915, 53.53], [560_650.639, 5_931_620.760]],
    ['Durban, WGS 84 / UTM 36S', 'EPSG:32736', [31.03, -29.87], [309_731.873, 6_693_990.087]],
    ['Longyearbyen, WGS 84 / UPS North', 'EPSG:5041', [15.6, 78.23], [2_352_602.117, 737_121.126]],
  ] as const)('puts %s where PROJ does', (_, code, lonLat, expected) => {
    const [x, y] = proj4('EPSG:4326', crsDefinition(code)!).forward([...lonLat]);
    expect(x).toBeCloseTo(expected[0], 2);
    expect(y).toBeCloseTo(expected[1], 2);
  });

  it('knows the built-in lon/lat and web mercator besides its own, and refuses the rest', () => {
    for (const code of ['EPSG:4326', 'EPSG:3857', 'EPSG:32652', 'EPSG:25832', 'EPSG:5042']) expect(isKnownCrs(code)).toBe(true);
    for (const code of ['EPSG:3035', 'EPSG:2154', 'EPSG:4258']) expect(isKnownCrs(code)).toBe(false);
  });

  it('lists every code it defines, once', () => {
    const codes = knownCrsCodes();
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(134);
    for (const code of codes) expect(crsDefinition(code)).not.toBeNull();
  });
});
