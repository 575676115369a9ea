// Calls about the app and the open project: info, new/open/demo, recent, save a copy, and the lists of
// scenes, zones, observability and sightings (editing them: shared/calls/editing.ts).
import { z } from 'zod';
import { type Project, type Scene, type SceneZoneExamined, type SceneZoneObservability, type Sighting, type Zone } from '../domain';
import { call, empty, idSchema, overwriteSchema, pathSchema } from './define';

export interface ProjectSummary {
  project: Project;
  counts: { sites: number; zones: number; scenes: number; sightings: number; vessels: number; tracks: number };
  /** Present when the project is open read-only, saying why ("the folder is read-only"): view, analyse, export; no edits. */
  readOnly?: string;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

/** Who is working: the author of every edit, review and package made on this machine by this OS user. */
export interface AnalystProfile {
  name: string;
  initials: string;
}

// A name as a colleague reads it in a history or a package: printable, no control or bidi characters.
const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'must not contain control or formatting characters');
export const analystProfileSchema = z
  .object({
    name: printable(80),
    initials: printable(4).refine((v) => /^\p{L}[\p{L}.-]*$/u.test(v), 'initials are letters (e.g. AL)'),
  })
  .strict();

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  /** The author written into edits: the analyst's name, or the OS user's until one is given. */
  author: string;
  /** Null until the analyst has said who they are (the first-run question). */
  analyst: AnalystProfile | null;
  /** Folder offered by New/Open in browser mode, where there is no native file dialog. */
  projectsDir: string;
}

export interface SavedCopy {
  /** Where the copy was written (with the .quaywatch extension added when missing). */
  path: string;
  bytes: number;
}

export const projectCalls = {
  'app.info': call<AppInfo>()(empty),
  'analyst.set': call<AppInfo>()(analystProfileSchema),
  'project.current': call<ProjectSummary | null>()(empty),
  'project.create': call<ProjectSummary>()(
    z.object({ path: pathSchema, name: z.string().trim().min(1).max(200).optional() }).strict(),
  ),
  'project.open': call<ProjectSummary>()(z.object({ path: pathSchema }).strict()),
  'project.openDemo': call<ProjectSummary>()(empty),
  'project.recent': call<RecentProject[]>()(empty),
  // A self-contained, consistent snapshot (a backup) made by SQLite (VACUUM INTO), safe while the project is
  // open and being edited; replaces an existing file only with `overwrite`. The open project stays open.
  'project.saveCopy': call<SavedCopy>()(z.object({ path: pathSchema, overwrite: overwriteSchema }).strict()),
  'scenes.list': call<Scene[]>()(empty),
  'zones.list': call<Zone[]>()(empty),
  'observability.list': call<SceneZoneObservability[]>()(empty),
  'examined.list': call<SceneZoneExamined[]>()(empty),
  'sightings.list': call<Sighting[]>()(z.object({ sceneId: idSchema.optional() }).strict()),
} as const;
