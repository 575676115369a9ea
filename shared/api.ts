// The one API contract: every call the renderer (or CLI) can make, with its request schema and
// response type. Electron IPC and the browser-mode HTTP host both dispatch through this table.
import { z } from 'zod';
import {
  CONFIDENCES,
  SIGHTING_CLASSES,
  type Project,
  type Scene,
  type SceneZoneObservability,
  type Sighting,
  type Zone,
} from './domain';

/** A finite number: NaN and ±Infinity are rejected at the boundary. */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
export const lonLatSchema = z.tuple([
  finite.refine((v) => v >= -180 && v <= 180, 'longitude must be within [-180, 180]'),
  finite.refine((v) => v >= -90 && v <= 90, 'latitude must be within [-90, 90]'),
]);
export const pointSchema = z.object({ type: z.literal('Point'), coordinates: lonLatSchema }).strict();
export const idSchema = z.string().uuid();
/** Paths come from the user; bounded so an absurd payload is refused before it reaches the disk. */
const pathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path must not contain NUL');

export interface ProjectSummary {
  project: Project;
  counts: { sites: number; zones: number; scenes: number; sightings: number; vessels: number; tracks: number };
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  author: string;
  /** Folder offered by New/Open in browser mode, where there is no native file dialog. */
  projectsDir: string;
}

/** A call's request schema, and its response type carried as a phantom. */
export interface CallSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Type-only: never read at run time. */
  response?: Res;
}
function call<Res>() {
  return <Req extends z.ZodType>(request: Req): CallSpec<Req, Res> => ({ request });
}

const empty = z.object({}).strict();

export const apiCalls = {
  'app.info': call<AppInfo>()(empty),
  'project.current': call<ProjectSummary | null>()(empty),
  'project.create': call<ProjectSummary>()(
    z.object({ path: pathSchema, name: z.string().trim().min(1).max(200).optional() }).strict(),
  ),
  'project.open': call<ProjectSummary>()(z.object({ path: pathSchema }).strict()),
  'project.openDemo': call<ProjectSummary>()(empty),
  'project.recent': call<RecentProject[]>()(empty),
  'scenes.list': call<Scene[]>()(empty),
  'zones.list': call<Zone[]>()(empty),
  'observability.list': call<SceneZoneObservability[]>()(empty),
  'sightings.list': call<Sighting[]>()(z.object({ sceneId: idSchema.optional() }).strict()),
  'sightings.create': call<Sighting>()(
    z
      .object({
        sceneId: idSchema,
        class: z.enum(SIGHTING_CLASSES),
        geometry: pointSchema,
        confidence: z.enum(CONFIDENCES).default('confirmed'),
        notes: z.string().max(10_000).default(''),
      })
      .strict(),
  ),
  'sightings.delete': call<{ id: string }>()(z.object({ id: idSchema }).strict()),
} as const;

export type Api = typeof apiCalls;
export type CallName = keyof Api;
export const CALL_NAMES = Object.keys(apiCalls) as CallName[];

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
  'io_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** One sentence a user can act on. */
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The transport-neutral client: Electron's preload and the HTTP client both implement it. */
export type ApiTransport = (name: CallName, request: unknown) => Promise<ApiResult<unknown>>;

/** The name of the HTTP route and the IPC channel for a call: one place decides both. */
export const ipcChannel = (name: CallName) => `qw:${name}`;
export const httpRoute = (name: CallName) => `/api/${name}`;
