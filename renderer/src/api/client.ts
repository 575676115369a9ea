// The renderer's API client: one typed `call` over whichever transport this page has —
// Electron's preload bridge, or HTTP to the browser-mode host (same contract either way).
import { httpRoute, type ApiResult, type CallName, type RequestOf, type ResponseOf } from '../../../shared/api';

type Bridge = { host: 'electron' } & Record<string, (req: unknown) => Promise<ApiResult<unknown>>>;

declare global {
  interface Window {
    quaywatch?: Bridge;
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

async function overHttp(name: CallName, request: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(httpRoute(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: { code: 'io_error', message: 'Quaywatch’s host is not answering. Is `npm start` still running?' } };
  }
  if (res.status === 401) {
    return { ok: false, error: { code: 'io_error', message: 'This page lost its launch token. Open the URL printed by `npm start` again.' } };
  }
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Unexpected answer from the host (HTTP ${res.status}).` } };
  }
}

/** Calls the API; resolves with the value or rejects with an ApiCallError carrying the user-facing message. */
export async function call<K extends CallName>(name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  const bridge = window.quaywatch;
  const result = bridge ? await bridge[name]!(request) : await overHttp(name, request);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.path);
  return result.value as ResponseOf<K>;
}

/** Relative URL of a scene's imagery: both hosts serve it from the page's own origin. */
export const sceneImageryUrl = (sceneId: string) => `/imagery/scene/${sceneId}`;
