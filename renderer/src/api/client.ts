// The renderer's API client: one typed `call` over whichever transport this page has —
// Electron's preload bridge, or HTTP to the browser-mode host (same contract either way).
import { HTTP_BATCH_ROUTE, httpRoute } from '../../../shared/callNames';
import { type ApiResult, type ApiTransport, type CallName, type EntityChange, type RequestOf, type ResponseOf } from '../../../shared/api';
import type { QuaywatchBridge } from '../../../shared/bridge';
import { launchCodeOf } from '../../../shared/launch';

declare global {
  interface Window {
    /** Electron's preload bridge (shared/bridge.ts): absent in browser mode. */
    quaywatch?: QuaywatchBridge;
  }
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The file concerned, when the host names one ('exists': the file already there). */
    readonly path?: string,
  ) {
    super(message);
  }
}

// Browser mode's session (the host's side: electron/host/browserHost.ts): the launch link carries a single-use
// code in its fragment; the page trades it once for the session token and keeps that in this
// origin's storage (bound to the host's port), sending it only as a bearer header. Reloads and
// other tabs of this origin reuse it; no cookie is involved.
const SESSION_KEY = 'quaywatch.session';
let sessionToken: string | null = null;

function readStored(): string | null {
  try {
    return localStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

async function establishSession(): Promise<void> {
  if (typeof window === 'undefined' || window.quaywatch) return; // Electron: IPC, no session to claim
  const code = launchCodeOf(location.hash);
  if (code) {
    // Out of the address bar, the history and any bookmark at once: the code opens one page.
    history.replaceState(history.state, '', location.pathname + location.search);
    try {
      const res = await fetch('/session/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'omit' });
      if (res.ok) {
        sessionToken = ((await res.json()) as { token: string }).token;
        try {
          localStorage.setItem(SESSION_KEY, sessionToken);
        } catch {
          /* storage off: this page still works until it is closed */
        }
        return;
      }
    } catch {
      /* host not answering: the first call says so */
    }
  }
  sessionToken = readStored();
}

const sessionReady = establishSession();

/** Whether the browser-mode host can be reached with this page's session (Electron: always 'ok'). */
export type HostState = 'ok' | 'no-session' | 'unreachable';
let hostState: HostState = 'ok';
const hostListeners = new Set<(state: HostState) => void>();

function setHostState(next: HostState) {
  if (next === hostState) return;
  hostState = next;
  for (const listener of hostListeners) listener(next);
}

export function getHostState(): HostState {
  return hostState;
}

export function onHostState(listener: (state: HostState) => void): () => void {
  hostListeners.add(listener);
  return () => hostListeners.delete(listener);
}

/**
 * Browser mode: asks the host every few seconds whether it is there and knows this page, so a
 * stopped host is said at once, not at the next edit that fails. Electron's window dies with its host.
 */
export function watchHost(everyMs = 3000): () => void {
  if (typeof window === 'undefined' || window.quaywatch) return () => {};
  const ping = async () => {
    await sessionReady;
    try {
      const res = await fetch('/session/ping', { method: 'POST', headers: sessionHeaders(), credentials: 'omit', cache: 'no-store' });
      setHostState(res.status === 401 ? 'no-session' : res.ok ? 'ok' : hostState);
    } catch {
      setHostState('unreachable');
    }
  };
  void ping();
  const timer = setInterval(() => void ping(), everyMs);
  return () => clearInterval(timer);
}

/** Headers that authorise an imagery request of this page (none in Electron). */
export function sessionHeaders(): Record<string, string> {
  return sessionToken ? { Authorization: `Bearer ${sessionToken}` } : {};
}

/** POSTs JSON to the browser-mode host; the answer's JSON, or the failure every call then reports. */
async function postToHost<T>(route: string, body: unknown): Promise<{ ok: true; value: T } | { ok: false; failure: ApiResult<unknown> }> {
  await sessionReady;
  let res: Response;
  try {
    res = await fetch(route, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    setHostState('unreachable');
    return { ok: false, failure: { ok: false, error: { code: 'io_error', message: 'Quaywatch’s host is not answering. Is `npm start` still running?' } } };
  }
  if (res.status === 401) {
    setHostState('no-session');
    return { ok: false, failure: { ok: false, error: { code: 'io_error', message: 'This page has no Quaywatch session. Open the link printed by `npm start` (each link opens once; restart it for a new one).' } } };
  }
  setHostState('ok');
  try {
    return { ok: true, value: (await res.json()) as T };
  } catch {
    return { ok: false, failure: { ok: false, error: { code: 'internal', message: `Unexpected answer from the host (HTTP ${res.status}).` } } };
  }
}

const overHttp: ApiTransport = async (name, request) => {
  const answer = await postToHost<ApiResult<unknown>>(httpRoute(name), request ?? {});
  return answer.ok ? answer.value : answer.failure;
};

/** Several calls in one request (shared/callNames.ts HTTP_BATCH_ROUTE): their results in order. */
async function overHttpBatch(names: CallName[]): Promise<ApiResult<unknown>[]> {
  const answer = await postToHost<ApiResult<unknown>[]>(HTTP_BATCH_ROUTE, names.map((name) => ({ name, request: {} })));
  if (!answer.ok) return names.map(() => answer.failure);
  const results = answer.value;
  const bad: ApiResult<unknown> = { ok: false, error: { code: 'internal', message: 'Unexpected answer from the host to a batch of calls.' } };
  return names.map((_, i) => (Array.isArray(results) ? (results[i] ?? bad) : bad));
}

const changesListeners = new Set<(changes: EntityChange[]) => void>();

/** Hears what each call changed in the project (the app store's applyChanges; the AIS store's settings), before the call's own answer is used. */
export function onProjectChanges(listener: (changes: EntityChange[]) => void): void {
  changesListeners.add(listener);
}

/** Electron's preload exposes one named function per call; the same contract either way. */
const overBridge: ApiTransport = (name, request) => (window.quaywatch![name] as (req: unknown) => Promise<ApiResult<unknown>>)(request);
const transport = (): ApiTransport => (window.quaywatch ? overBridge : overHttp);

/** Calls the API; resolves with the value or rejects with an ApiCallError carrying the user-facing message. */
export async function call<K extends CallName>(name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  return settle<ResponseOf<K>>(await transport()(name, request));
}

/** A call's result as its caller takes it: the value, or an ApiCallError; its changes heard first. */
function settle<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.path);
  if (result.changes?.length) for (const listener of changesListeners) listener(result.changes);
  return result.value as T;
}

/** Calls asked before the app's code has run (main.tsx), answered once to whoever takes them first. */
const early = new Map<CallName, Promise<unknown>>();

/**
 * Asks each of these calls (with an empty request) now; takeEarly gives the answer to the first who
 * asks for it. Over HTTP they go as one batch: one of the browser's six connections, not ten.
 */
export function callEarly(names: CallName[]): void {
  const batch = typeof window !== 'undefined' && !window.quaywatch ? overHttpBatch(names) : null;
  for (const [i, name] of names.entries()) {
    const answer = batch ? batch.then((results) => settle(results[i]!)) : call(name, {} as never);
    answer.catch(() => {}); // a refusal is the taker's to report; one nobody takes is no error
    early.set(name, answer);
  }
}

/** The answer of a call asked early (once), else the call asked now. */
export function takeEarly<K extends CallName>(name: K): Promise<ResponseOf<K>> {
  const answer = early.get(name);
  early.delete(name);
  return (answer as Promise<ResponseOf<K>> | undefined) ?? call(name, {} as RequestOf<K>);
}

/** Fetches imagery of this page's host (a scene's file, tile or preview) with the page's session. */
export async function fetchImagery(url: string): Promise<Response> {
  await sessionReady;
  return fetch(url, { headers: sessionHeaders(), credentials: 'omit' });
}

/** Forgets the early answers not taken: they were of the project open at start, and may no longer be. */
export function dropEarly(): void {
  early.clear();
}

/** Relative URL of a scene's imagery: both hosts serve it from the page's own origin. */
export const sceneImageryUrl = (sceneId: string) => `/imagery/scene/${sceneId}`;
