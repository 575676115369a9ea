// The shape of `window.quaywatch`, the object Electron's preload exposes to the page: one named
// function per call of the contract, plus pathForFile for dropped files, and nothing else (never
// ipcRenderer, never a generic invoke).
import type { ApiResult, CallName, RequestOf, ResponseOf } from './api';

export type BridgeCall<K extends CallName> = (req: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;

/** What the bridge needs of a dropped DOM `File` (shared/ has no DOM types; a File satisfies it). */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

export type QuaywatchBridge = {
  host: 'electron';
  /** Where a dropped file is on disk (Electron's webUtils.getPathForFile); '' for files not on disk. */
  pathForFile(file: DroppedFile): string;
} & { [K in CallName]: BridgeCall<K> };

/** The global name under which the preload exposes the bridge. */
export const BRIDGE_GLOBAL = 'quaywatch';
