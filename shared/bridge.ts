// The shape of `window.quaywatch`, the object Electron's preload exposes to the page: one named
// function per call of the contract, and nothing else (never ipcRenderer, never a generic invoke).
import type { ApiResult, CallName, RequestOf, ResponseOf } from './api';

export type BridgeCall<K extends CallName> = (req: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;

export type QuaywatchBridge = { host: 'electron' } & { [K in CallName]: BridgeCall<K> };

/** The global name under which the preload exposes the bridge. */
export const BRIDGE_GLOBAL = 'quaywatch';
