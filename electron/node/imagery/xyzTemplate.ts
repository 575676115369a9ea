// XYZ/TMS URL templates ({z}/{x}/{y}, {-y} for TMS rows, subdomains {0-3} or {a-c}): validated,
// stripped of every credential (templateCredentials.ts decides what one is; the key goes to the
// keystore), and expanded into tile URLs. A key is sent only to the exact host it was saved for:
// the host of the URL after expansion, never a host picked by a placeholder.
import { ImportError } from './common';
import { keyHostOf } from './apiKeys';
import { API_KEY_PLACEHOLDER, redactTemplate, splitCredentials } from './templateCredentials';

export { API_KEY_PLACEHOLDER };

/** A keyed template may expand to at most this many hosts (tiles{0-3}: 4, {a-c}: 3). */
export const MAX_KEY_HOSTS = 32;
/** The subdomain placeholders tileUrl expands; only these may appear in a host, in its first label. */
const HOST_PLACEHOLDER = /\{(?:\d-\d|[a-z]-[a-z]|s)\}/gi;

export interface ParsedTemplate {
  /** The template as stored in the project: any key replaced by {apiKey}. */
  template: string;
  /** The key found in the URL, if any (to be put in the keystore, never stored with the scene). */
  apiKey: string | null;
  /** The host as written, placeholders and all (e.g. tiles{0-3}.planet.com): names the provider. */
  host: string;
}

export function parseTemplate(input: string): ParsedTemplate {
  const raw = input.trim();
  const shown = redactTemplate(raw);
  const { template, secret } = splitCredentials(raw);
  let url: URL;
  try {
    // Braces are not valid in a host name: substitute a sample before parsing, keep the text as is.
    url = new URL(template.replace(HOST_PLACEHOLDER, 'a'));
  } catch {
    throw new ImportError(shown, `"${shown}" is not a URL template (e.g. https://tiles.example.com/{z}/{x}/{y}.png).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImportError(shown, `"${shown}": only http and https tile URLs are supported.`);
  if (!template.includes('{z}') || !template.includes('{x}') || !(template.includes('{y}') || template.includes('{-y}'))) {
    throw new ImportError(shown, `"${shown}" must contain {z}, {x} and {y} (or {-y} for TMS).`);
  }
  const host = /^[a-z]+:\/\/([^/?#]*)/i.exec(template)?.[1]?.replace(/:\d*$/, '').toLowerCase() ?? url.hostname;
  // A placeholder anywhere but the first label would let one template reach look-alike domains
  // (tiles.pl{a-z}net.com is plbnet.com); {z}/{x}/{y} or {apiKey} in a host has no bound at all.
  const [first = '', ...rest] = host.split('.');
  if (rest.some((label) => /[{}]/.test(label)) || /[{}]/.test(first.replace(HOST_PLACEHOLDER, ''))) {
    throw new ImportError(
      shown,
      `"${shown}": a host name may vary only in its first part, with {0-3}, {a-c} or {s} (e.g. tiles{0-3}.planet.com). Write the host out in full.`,
    );
  }
  return { template, apiKey: secret, host };
}

/** Every subdomain placeholder expanded, and {z}/{x}/{y}; {apiKey} is left as it is. */
function expand(template: string, z: number, x: number, y: number): string {
  let url = template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y));
  url = url.replace(/\{(\d)-(\d)\}/, (_m, a: string, b: string) => String(Number(a) + ((x + y) % (Number(b) - Number(a) + 1))));
  url = url.replace(/\{([a-z])-([a-z])\}/, (_m, a: string, b: string) =>
    String.fromCharCode(a.charCodeAt(0) + ((x + y) % (b.charCodeAt(0) - a.charCodeAt(0) + 1))),
  );
  return url.replace('{s}', 'abc'[(x + y) % 3]!);
}

/** The URL of one tile; `y` counts from the top (XYZ), {-y} turns it into a TMS row. */
export function tileUrl(template: string, z: number, x: number, y: number, apiKey: string | null): string {
  return expand(template, z, x, y).replaceAll(API_KEY_PLACEHOLDER, encodeURIComponent(apiKey ?? ''));
}

/** Stands in for the key while the URL is parsed: where it lands tells whether the key could move the host. */
const KEY_PROBE = 'qwkeyprobe0';

export type KeyedTileUrl =
  | { url: string; missingKeyFor?: undefined }
  /** The template wants a key and none is stored for this exact host: nothing is fetched. */
  | { url?: undefined; missingKeyFor: string };

/**
 * The URL of one tile with the key stored for the exact host that URL goes to (as `fetch` parses
 * it). Whatever a template (perhaps from someone else's project file) puts in its host, the key it
 * gets is the one the analyst saved for that host, or none.
 */
export function keyedTileUrl(template: string, z: number, x: number, y: number, keyFor: (keyHost: string) => string | null): KeyedTileUrl {
  const bare = expand(template, z, x, y);
  let probe: URL;
  try {
    probe = new URL(bare.replaceAll(API_KEY_PLACEHOLDER, KEY_PROBE));
  } catch {
    throw new Error('the scene’s tile URL template is not a valid URL');
  }
  if (!bare.includes(API_KEY_PLACEHOLDER)) return { url: probe.href };
  const keyHost = keyHostOf(probe);
  // The key may only fill the path or the query: never the host, a port, a user name or password.
  const key = probe.username || probe.password || probe.host.includes(KEY_PROBE) ? null : keyFor(keyHost);
  if (key === null) return { missingKeyFor: keyHost };
  const url = new URL(bare.replaceAll(API_KEY_PLACEHOLDER, encodeURIComponent(key)));
  if (url.host !== probe.host || url.protocol !== probe.protocol) return { missingKeyFor: keyHost };
  return { url: url.href };
}

/**
 * The keystore entries a key given with this template is saved under: one per host its tiles come
 * from (tiles{0-3}.planet.com: tiles0 … tiles3). Refused when that is more than MAX_KEY_HOSTS.
 */
export function keyHostsOf(template: string): string[] {
  const hosts = new Set<string>();
  // x + y picks every subdomain together: their periods (≤ 10, ≤ 26, 3) repeat within 10·26·3 steps.
  for (let k = 0; k < 10 * 26 * 3; k++) {
    try {
      hosts.add(keyHostOf(new URL(expand(template, 20, k, 0).replaceAll(API_KEY_PLACEHOLDER, KEY_PROBE))));
    } catch {
      // parseTemplate already refused templates that are not URLs
    }
    if (hosts.size > MAX_KEY_HOSTS) {
      throw new ImportError(redactTemplate(template), `This template's host name expands to more than ${MAX_KEY_HOSTS} hosts; a key is saved for each host it goes to. Use fewer subdomains (e.g. tiles{0-3}).`);
    }
  }
  return [...hosts].sort();
}

/** The XYZ tiles covering a lon/lat box at one zoom (Web Mercator grid). */
export function tilesFor(bbox: [number, number, number, number], z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = bbox;
  const n2 = 2 ** z;
  const tx = (lon: number) => Math.min(n2 - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n2)));
  const ty = (lat: number) => {
    const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
    return Math.min(n2 - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n2)));
  };
  return { x0: tx(w), x1: tx(e), y0: ty(n), y1: ty(s) };
}
