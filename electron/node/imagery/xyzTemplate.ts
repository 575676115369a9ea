// XYZ/TMS URL templates ({z}/{x}/{y}, {-y} for TMS rows, subdomains {0-3} or {a-c}): validated,
// stripped of any API key (which goes to the keystore), and expanded into tile URLs.
import { ImportError } from './common';

/** Query parameters that carry credentials: never stored in the project. */
const KEY_PARAMS = ['api_key', 'apikey', 'key', 'access_token', 'token'];
export const API_KEY_PLACEHOLDER = '{apiKey}';

export interface ParsedTemplate {
  /** The template as stored in the project: any key replaced by {apiKey}. */
  template: string;
  /** The key found in the URL, if any (to be put in the keystore, never stored with the scene). */
  apiKey: string | null;
  /** Host the key belongs to: the keystore entry's name. */
  host: string;
}

export function parseTemplate(input: string): ParsedTemplate {
  const raw = input.trim();
  const shown = raw.replace(/([?&](?:api_key|apikey|key|access_token|token)=)[^&]*/gi, '$1…');
  let url: URL;
  try {
    // Braces are not valid in a host name: substitute a sample before parsing, keep the text as is.
    url = new URL(raw.replace(/\{(?:\d-\d|[a-z]-[a-z]|s)\}/gi, 'a'));
  } catch {
    throw new ImportError(shown, `"${shown}" is not a URL template (e.g. https://tiles.example.com/{z}/{x}/{y}.png).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImportError(shown, `"${shown}": only http and https tile URLs are supported.`);
  if (!raw.includes('{z}') || !raw.includes('{x}') || !(raw.includes('{y}') || raw.includes('{-y}'))) {
    throw new ImportError(shown, `"${shown}" must contain {z}, {x} and {y} (or {-y} for TMS).`);
  }
  let apiKey: string | null = null;
  let template = raw;
  for (const p of KEY_PARAMS) {
    const m = new RegExp(`([?&]${p}=)([^&#]*)`, 'i').exec(template);
    if (m && m[2] && m[2] !== API_KEY_PLACEHOLDER) {
      apiKey = decodeURIComponent(m[2]);
      template = template.replace(m[0], `${m[1]}${API_KEY_PLACEHOLDER}`);
    }
  }
  return { template, apiKey, host: url.hostname };
}

/** The URL of one tile; `y` counts from the top (XYZ), {-y} turns it into a TMS row. */
export function tileUrl(template: string, z: number, x: number, y: number, apiKey: string | null): string {
  let url = template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y));
  url = url.replace(/\{(\d)-(\d)\}/, (_m, a: string, b: string) => String(Number(a) + ((x + y) % (Number(b) - Number(a) + 1))));
  url = url.replace(/\{([a-z])-([a-z])\}/, (_m, a: string, b: string) =>
    String.fromCharCode(a.charCodeAt(0) + ((x + y) % (b.charCodeAt(0) - a.charCodeAt(0) + 1))),
  );
  url = url.replace('{s}', 'abc'[(x + y) % 3]!);
  if (url.includes(API_KEY_PLACEHOLDER)) url = url.replace(API_KEY_PLACEHOLDER, encodeURIComponent(apiKey ?? ''));
  return url;
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
