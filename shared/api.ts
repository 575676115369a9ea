// The one API contract: every call the renderer (or CLI) can make, with its request schema and
// response type. Electron IPC and the browser-mode HTTP host both dispatch through this table.
// Calls are declared by area in shared/calls/*.ts and gathered here.
import type { z } from 'zod';
import { projectCalls } from './calls/project';
import { editingCalls } from './calls/editing';
import { imageryCalls } from './calls/imagery';
import { exportCalls, reportCalls } from './calls/export';
import { reviewCalls } from './calls/review';
import { filesCalls } from './calls/files';
import { aisCalls } from './calls/ais';
import { aisViewCalls } from './calls/aisView';
import { teamCalls } from './calls/team';
import { figureCalls } from './calls/figure';
import type { ListedCallName } from './callNames';
import type { EntityChange } from './calls/editing';

export * from './calls/define';
export type { AppInfo, ProjectSummary, RecentProject } from './calls/project';
export type { AcceptGhostResult, AuditEntry, CarryForwardResult, EntityChange, HistoryChange, HistoryState, SceneDeleted } from './calls/editing';

export const apiCalls = {
  ...projectCalls,
  ...editingCalls,
  ...imageryCalls,
  ...exportCalls,
  ...reportCalls,
  ...reviewCalls,
  ...filesCalls,
  ...aisCalls,
  ...aisViewCalls,
  ...teamCalls,
  ...figureCalls,
} as const;

export type Api = typeof apiCalls;
export type CallName = keyof Api;
export const CALL_NAMES = Object.keys(apiCalls) as CallName[];
// The preload's plain list of names (shared/callNames.ts) must name exactly these calls: a call
// added to the contract but not to the list (or the other way round) fails to compile here.
const listMatchesContract: [CallName] extends [ListedCallName] ? ([ListedCallName] extends [CallName] ? true : false) : false = true;
void listMatchesContract;

/** What the caller passes (defaults may be omitted). */
export type RequestOf<K extends CallName> = z.input<Api[K]['request']>;
/** What a handler receives, after validation and defaults. */
export type ParsedRequestOf<K extends CallName> = z.output<Api[K]['request']>;
export type ResponseOf<K extends CallName> = Exclude<Api[K]['response'], undefined>;

export const ERROR_CODES = [
  'invalid_request', // payload failed its schema
  'unknown_call',
  'no_project', // a call that needs an open project, with none open
  'not_found',
  'project_unreadable', // corrupt, not a Quaywatch file, missing
  'project_too_new', // written by a newer Quaywatch
  'project_in_use', // another Quaywatch process has it open for editing (one writer at a time)
  'io_error',
  'conflict', // an undo/redo that would overwrite a later change (e.g. a colleague's import)
  'exists', // an output's file is already there: ask the user, then repeat the call with overwrite
  'cancelled', // the caller cancelled the long call (jobs.cancel); nothing was written
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** One sentence a user can act on. */
  message: string;
  /** The file concerned, where the code needs one ('exists': the file already there). */
  path?: string;
}

/**
 * A call's outcome. `changes`: every entity the call changed in the project (an edit, an undo, an
 * import), as it now is (value null: removed); the page applies them all with one `applyChanges`
 * instead of fetching again what an edit may have touched.
 */
export type ApiResult<T> = { ok: true; value: T; changes?: EntityChange[] } | { ok: false; error: ApiError };

/** The transport-neutral client: Electron's preload and the HTTP client both implement it. */
export type ApiTransport = (name: CallName, request: unknown) => Promise<ApiResult<unknown>>;

/** The name of the HTTP route and the IPC channel for a call: one place decides both. */
export { httpRoute, ipcChannel } from './callNames';
