// The sandboxed preload: exposes `window.quaywatch`, one named function per call of the contract
// (plus pathForFile, for files dropped on the window).
// Bundled by esbuild into one CJS file, since a sandboxed preload can require only 'electron'.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
// Names only, not shared/api.ts: that would bundle every zod schema into the preload.
import { CALL_NAME_LIST as CALL_NAMES, ipcChannel } from '../../shared/callNames';
import type { ApiResult, CallName } from '../../shared/api';
import { BRIDGE_GLOBAL, type BridgeCall, type DroppedFile, type QuaywatchBridge } from '../../shared/bridge';

function bridgeCall<K extends CallName>(name: K): BridgeCall<K> {
  // Bound here, once: the page can never choose the channel, only which named function to call.
  const channel = ipcChannel(name);
  return async (request) => {
    try {
      return (await ipcRenderer.invoke(channel, request)) as Awaited<ReturnType<BridgeCall<K>>>;
    } catch {
      // invoke rejects only when the main process has no handler (yet) or the payload cannot be
      // cloned; the page gets a result either way, as from the HTTP transport.
      const failed: ApiResult<never> = {
        ok: false,
        error: { code: 'internal', message: `Quaywatch could not deliver the request "${name}"; try again.` },
      };
      return failed;
    }
  };
}

const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, bridgeCall(name)])) as {
  [K in CallName]: BridgeCall<K>;
};

/** A dropped file's path: Electron ≥ 32 removed File.path, and only a preload may ask webUtils. */
function pathForFile(file: DroppedFile): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    // Not a real File (the page passed something else): no path, as for a file not on disk.
    return '';
  }
}

const bridge = { host: 'electron' as const, pathForFile, ...calls } satisfies QuaywatchBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
