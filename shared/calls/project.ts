// Calls about the app and the open project: info, new/open/demo, recent, scenes, zones, sightings.
import { z } from 'zod';
import { CONFIDENCES, SIGHTING_CLASSES, type Project, type Scene, type SceneZoneObservability, type Sighting, type Zone } from '../domain';
import { call, empty, idSchema, pathSchema, pointSchema } from './define';

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

export const projectCalls = {
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
