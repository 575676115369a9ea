// Every security decision of the Electron shell, as plain functions and constants. Only types come
// from 'electron', so unit tests check these settings in Node without the Electron binary.
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  IpcMain,
  IpcMainInvokeEvent,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';
import { CALL_NAMES, ipcChannel, type ApiResult, type CallName } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../node/csp';

export { ELECTRON_FUSES, type ElectronFuseName } from './fuses';

export const APP_SCHEME = 'quaywatch';
const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
/** The bundled preload's file name, next to main.cjs in dist/electron/. */
export const PRELOAD_FILE = 'preload.cjs';

/**
 * The app's own scheme, registered before `ready`. `standard` gives it a real origin (so 'self' in
 * the CSP means something), `secure` a secure context, `supportFetchAPI` and `stream` let geotiff.js
 * read imagery with fetch and Range requests. No CORS, no CSP bypass, no service workers.
 */
export const APP_PRIVILEGED_SCHEME: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    // V8 code cache for our own scripts: a faster second start, nothing more.
    codeCache: true,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    allowExtensions: false,
  },
};

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // A GeoTIFF dropped on the window must not navigate it to file://.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function browserWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Quaywatch',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    // The app's dark background, so no white flash before the first paint.
    backgroundColor: '#111418',
    // Shown on ready-to-show, once the page has painted.
    show: false,
    webPreferences: webPreferences(preloadPath),
  };
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for URLs of the app's own origin. WHATWG URL gives custom schemes the origin "null" and
 * keeps their host's case in Node (Chromium lowercases hosts of standard schemes), so scheme, host
 * and port are compared one by one.
 */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

const LOOPBACK_HOSTS = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * The normalised form of a link the user may open in their own browser, or null. Only https, no
 * credentials (phishing with `https://bank@evil/`), no loopback hosts (a link must not reach local
 * services, the browser-mode host among them).
 */
export function vettedExternalUrl(url: unknown): string | null {
  // eslint-disable-next-line no-control-regex
  if (typeof url !== 'string' || /[\u0000-\u0020\u007f]/.test(url)) return null;
  const u = parseUrl(url);
  if (u === null || u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if (u.hostname === '' || LOOPBACK_HOSTS.test(u.hostname)) return null;
  return u.href;
}

export function isVettedExternalUrl(url: unknown): boolean {
  return vettedExternalUrl(url) !== null;
}

export interface HardenDeps {
  /** Opens a vetted https URL in the user's browser (Electron's shell.openExternal). */
  openExternal: (url: string) => Promise<void> | void;
  log?: (line: string) => void;
}

type NavigationEvent = { preventDefault(): void; url?: string };

/**
 * Locks one webContents to the app's origin: no navigation or redirect away from it, no new
 * windows (https links go to the user's browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents, deps: HardenDeps): void {
  const log = deps.log ?? (() => {});
  const stayHome = (kind: string) => (event: NavigationEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl;
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`Blocked ${kind} to ${String(url)}`);
    }
  };
  contents.on('will-navigate', stayHome('navigation'));
  contents.on('will-redirect', stayHome('redirect'));
  // Subframes too: the app has none, so any frame navigating elsewhere is hostile.
  contents.on('will-frame-navigate', stayHome('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = vettedExternalUrl(url);
    if (external !== null) {
      Promise.resolve()
        .then(() => deps.openExternal(external))
        .catch((err: unknown) => log(`Could not open ${external}: ${String(err)}`));
    } else {
      log(`Blocked a new window for ${String(url)}`);
    }
    return { action: 'deny' };
  });
}

/** Schemes the page never needs: the app is offline and served from quaywatch://. */
const BLOCKED_REQUEST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

export function isBlockedRequestUrl(url: string): boolean {
  const u = parseUrl(url);
  return u === null || BLOCKED_REQUEST_SCHEMES.has(u.protocol);
}

/** Sets the policy, replacing any Content-Security-Policy header whatever its case. */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string = CONTENT_SECURITY_POLICY,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/**
 * Session-wide guards: every permission denied (camera, geolocation, notifications, HID, …), no
 * request to the network or file://, and the CSP on every app response.
 */
export function installSessionGuards(session: Session, csp: string = CONTENT_SECURITY_POLICY): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback(isBlockedRequestUrl(details.url) ? { cancel: true } : {});
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppUrl(details.url)) {
      callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
    } else {
      callback({});
    }
  });
}

/**
 * Wraps the app's fetch-style handler so every response it serves carries the CSP, whether or not
 * webRequest sees protocol.handle responses in this Electron version.
 */
export function withContentSecurityPolicy(
  handler: (req: Request) => Promise<Response>,
  csp: string = CONTENT_SECURITY_POLICY,
): (req: Request) => Promise<Response> {
  return async (req) => {
    const res = await handler(req);
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', csp);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** IPC is answered only for the main frame of the app's own page. */
export function isTrustedSender(event: SenderEvent): boolean {
  let frame;
  try {
    frame = event.senderFrame;
  } catch {
    // Electron throws when the frame has been destroyed or navigated away.
    return false;
  }
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export const REFUSED_SENDER_MESSAGE = "Request refused: not from Quaywatch's own page";

export type ShellDispatch = (name: CallName, payload: unknown) => Promise<ApiResult<unknown>>;

/**
 * One ipcMain.handle per call of the contract, and no other channel. The sender is checked before
 * the dispatcher sees the payload (which it validates). Returns a function removing them all.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: ShellDispatch,
  log: (line: string) => void = () => {},
): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event)) {
        log(`Refused ${name} from ${safeFrameUrl(event)}`);
        return { ok: false, error: { code: 'internal', message: REFUSED_SENDER_MESSAGE } };
      }
      try {
        return await dispatch(name, payload);
      } catch (err) {
        // The dispatcher is written never to throw; if it does, the renderer still gets a result.
        log(`Dispatch of ${name} threw: ${String(err)}`);
        return { ok: false, error: { code: 'internal', message: 'Quaywatch hit an internal error; the request was not completed.' } };
      }
    });
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

function safeFrameUrl(event: SenderEvent): string {
  try {
    return event.senderFrame?.url ?? '(no frame)';
  } catch {
    return '(destroyed frame)';
  }
}
