// URL templates: the key is split off, {-y} flips rows, subdomains rotate, bad templates are named.
import { keyHostsOf, parseTemplate, tileUrl, tilesFor } from './xyzTemplate';

describe('URL templates', () => {
  it('takes the API key out of a Planet Basemaps template', () => {
    const p = parseTemplate('https://tiles{0-3}.planet.com/basemaps/v1/planet-tiles/global_monthly_2025_01_mosaic/gmap/{z}/{x}/{y}.png?api_key=SECRET123');
    expect(p).toEqual({
      template: 'https://tiles{0-3}.planet.com/basemaps/v1/planet-tiles/global_monthly_2025_01_mosaic/gmap/{z}/{x}/{y}.png?api_key={apiKey}',
      apiKey: 'SECRET123',
      // As written: a placeholder never stands for one concrete host (the key goes to each of them).
      host: 'tiles{0-3}.planet.com',
    });
    expect(keyHostsOf(p.template)).toEqual(['tiles0.planet.com', 'tiles1.planet.com', 'tiles2.planet.com', 'tiles3.planet.com']);
    expect(tileUrl(p.template, 14, 14122, 6000, 'SECRET123')).toBe('https://tiles2.planet.com/basemaps/v1/planet-tiles/global_monthly_2025_01_mosaic/gmap/14/14122/6000.png?api_key=SECRET123');
  });

  it('expands {-y} as a TMS row and {a-c} subdomains', () => {
    expect(tileUrl('https://{a-c}.tiles.example/{z}/{x}/{-y}.jpg', 3, 1, 0, null)).toBe('https://b.tiles.example/3/1/7.jpg');
    expect(tileUrl('https://{a-c}.tiles.example/{z}/{x}/{-y}.jpg', 3, 1, 1, null)).toBe('https://c.tiles.example/3/1/6.jpg');
  });

  it('refuses what is not a tile template, without echoing a key', () => {
    expect(() => parseTemplate('ftp://x/{z}/{x}/{y}')).toThrow(/only http and https/);
    expect(() => parseTemplate('https://x/{z}/{x}.png?api_key=SECRET')).toThrow(/must contain \{z\}, \{x\} and \{y\}/);
    try {
      parseTemplate('nonsense?api_key=SECRET');
    } catch (e) {
      expect((e as Error).message).not.toContain('SECRET');
    }
    expect.assertions(3);
  });

  it('covers a lon/lat box with the right XYZ tiles', () => {
    expect(tilesFor([-180, -85, 180, 85], 1)).toEqual({ x0: 0, x1: 1, y0: 0, y1: 1 });
    // 130.27E at zoom 14: x = floor(310.27 / 360 · 16384) = floor(14120.7) = 14120
    expect(tilesFor([130.27, 42.33, 130.27, 42.33], 14).x0).toBe(14120);
  });
});
