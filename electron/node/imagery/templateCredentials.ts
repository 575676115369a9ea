// What in a tile URL is a credential: the one place that decides. Every credential it finds is
// either taken out of the template (replaced by {apiKey}, the key itself goes to the keystore) or
// refused; and every message about a template shows it with each credential blanked, never a part
// of one (an error is shown in the page and may be logged, a project file may be shared).
import type { Scene } from '../../../shared/domain';
import { ImportError } from './common';

export const API_KEY_PLACEHOLDER = '{apiKey}';

/**
 * Names of query (or matrix/path) parameters that carry a secret, compared without case, '-', '_'
 * or '.': api_key, apiKey, key, X-Api-Key, subscription-key, access_token, token, sig (Azure SAS), …
 */
const SECRET_PARAMS = new Set([
  'apikey', 'key', 'xapikey', 'subscriptionkey', 'ocpapimsubscriptionkey', 'accesstoken', 'token', 'authtoken', 'apitoken',
  'bearer', 'auth', 'authorization', 'secret', 'clientsecret', 'secretkey', 'accesskey', 'sessiontoken', 'password',
  'passwd', 'pwd', 'sig', 'signature', 'appcode', 'jwt',
]);
/** A path segment after which the next one is a key: /api_key/K/{z}/…, /token/K/… */
const PATH_MARKERS = new Set(['apikey', 'key', 'keys', 'token', 'accesstoken', 'apitoken', 'subscriptionkey', 'xapikey']);
/** After a marker, a segment this long that is no placeholder is taken for a key (a layer name is not after "key/"). */
const MIN_PATH_KEY = 8;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const squash = (name: string) => decode(name).toLowerCase().replace(/[-_.\s]/g, '');
const isSecretParam = (name: string) => SECRET_PARAMS.has(squash(name));

/** One credential found: where (for messages: a parameter name, never the value) and the value. */
interface Found {
  form: string;
  value: string;
}

/** `name=value` pieces (of a query, a fragment or a matrix segment), the secret values replaced. */
function scanPairs(text: string, sep: RegExp, found: Found[], replacement: string, where: string): string {
  return text
    .split(sep)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) return pair;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!isSecretParam(name) || !value || value === API_KEY_PLACEHOLDER) return pair;
      found.push({ form: `${where}${decode(name)}=`, value: decode(value) });
      return `${name}=${replacement}`;
    })
    .join(sep.source === '&' ? '&' : ';');
}

interface Scan {
  /** The URL with each credential replaced. */
  text: string;
  found: Found[];
  /** The part before the host, `user:password@`, when there is one (refused: it cannot be kept apart). */
  userinfo: boolean;
  /** A credential after '#': a tile server never receives it, so it cannot be what the server needs. */
  inFragment: boolean;
  host: string;
}

/** Walks a URL template once, the same way for taking keys out and for blanking them in messages. */
function scan(raw: string, replacement: string): Scan {
  const found: Found[] = [];
  const hashAt = raw.indexOf('#');
  const fragment = hashAt >= 0 ? raw.slice(hashAt + 1) : '';
  const beforeHash = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
  const qAt = beforeHash.indexOf('?');
  const query = qAt >= 0 ? beforeHash.slice(qAt + 1) : null;
  const beforeQuery = qAt >= 0 ? beforeHash.slice(0, qAt) : beforeHash;
  // The authority ends at the first / \ ? or # (the URL standard treats \ as / in http(s)).
  const m = /^([a-z][a-z0-9+.-]*:[/\\]*)([^/\\]*)(.*)$/is.exec(beforeQuery);
  const prefix = m ? m[1]! : '';
  let authority = m ? m[2]! : '';
  const path = m ? m[3]! : beforeQuery;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0;
  if (userinfo) authority = `${replacement === API_KEY_PLACEHOLDER ? '' : '…@'}${authority.slice(at + 1)}`;
  const host = authority.replace(/:\d*$/, '');

  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.includes('=')) segments[i] = scanPairs(seg, /;/, found, replacement, '');
    const next = segments[i + 1];
    if (PATH_MARKERS.has(squash(seg)) && next !== undefined && !next.includes('{') && !next.includes('=') && next.length >= MIN_PATH_KEY) {
      found.push({ form: `the path segment after /${decode(seg)}/`, value: decode(next) });
      segments[i + 1] = replacement;
      i++;
    }
  }
  const newQuery = query === null ? '' : `?${scanPairs(query, /&/, found, replacement, '')}`;
  const fragFound: Found[] = [];
  const newFragment = fragment ? `#${scanPairs(fragment, /&/, fragFound, '…', '#')}` : '';
  return {
    text: `${prefix}${authority}${segments.join('/')}${newQuery}${replacement === API_KEY_PLACEHOLDER ? '' : newFragment}`,
    found,
    userinfo,
    inFragment: fragFound.length > 0,
    host,
  };
}

/** The template as it may be shown in a message or a log: every credential blanked to '…'. */
export function redactTemplate(raw: string): string {
  return scan(raw, '…').text;
}

export interface SplitTemplate {
  /** What the project stores: each credential replaced by {apiKey}, any fragment dropped. */
  template: string;
  /** The one key found, for the keystore; null when the URL carries none. */
  secret: string | null;
}

/**
 * Takes the credentials out of a template. Refused, with a message naming only where the secret
 * was: a user name or password before the host, a credential after '#', two different keys.
 */
export function splitCredentials(raw: string): SplitTemplate {
  const shown = redactTemplate(raw);
  const s = scan(raw, API_KEY_PLACEHOLDER);
  if (s.userinfo) {
    throw new ImportError(
      shown,
      `"${shown}" carries a user name or password before the host (…@${s.host}); Quaywatch keeps no credentials in a URL. Remove them and give the key in the API key field.`,
    );
  }
  if (s.inFragment) {
    throw new ImportError(
      shown,
      `"${shown}" carries a key after "#", which a tile server never receives. Remove the part after "#" and give the key as ?api_key= or in the API key field.`,
    );
  }
  const values = [...new Set(s.found.map((f) => f.value))];
  if (values.length > 1) {
    throw new ImportError(
      shown,
      `"${shown}" carries ${values.length} different keys (${[...new Set(s.found.map((f) => f.form))].join(', ')}); Quaywatch keeps one key per tile server. Keep the one the server needs.`,
    );
  }
  return { template: s.text, secret: values[0] ?? null };
}

/** A scene as the page may see it: a URL template's credentials blanked (the page fetches tiles from its own origin). */
export function withoutCredentials(scene: Scene): Scene {
  return scene.source.kind === 'xyz' ? { ...scene, source: { kind: 'xyz', template: redactTemplate(scene.source.template) } } : scene;
}
