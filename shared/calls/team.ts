// Calls of the team workspace (issue 21), one contract for IPC and HTTP. The host syncs on its own (after
// edits, and on an interval with backoff while the server cannot be reached); the page asks how it goes.
//
//   team.status   {} → TeamStatus: the status light (not joined, synced at…, syncing, offline, conflicts, error),
//                 with what to do in words. Changes a background sync pulled reach the page with this answer.
//   team.join     {url, password, ca?} → TeamStatus. The address carries no password; the password goes to the OS
//                 keystore (as `quaywatch team join`), never to the project, a log, argv or an answer. `ca`: the
//                 certificate authority file that signed the server's certificate (verify-full), kept for this
//                 machine as `team join --ca` keeps it (team/trust.ts), so every later sync verifies the server too.
//   team.leave    {} → TeamStatus. Stops syncing and forgets the stored password; the project keeps its work
//                 and its place in the team's log, so joining again sends nothing twice.
//   team.syncNow  {} → TeamStatus once that sync ended (one at a time: a sync under way is awaited, not doubled).
//   team.unmatched {} → the team's marks waiting for imagery this project lacks, per scene (`quaywatch team unmatched`).
import { z } from 'zod';
import { absolutePathSchema } from './files';
import { call } from './define';

export const TEAM_LIGHTS = ['none', 'synced', 'syncing', 'offline', 'conflicts', 'error'] as const;
export type TeamLight = (typeof TEAM_LIGHTS)[number];

export interface TeamStatus {
  light: TeamLight;
  /** The workspace's address, without password (null when not joined). */
  url: string | null;
  /** The analyst name the workspace knows this login by. */
  author: string | null;
  /** When the last sync that reached the server ended (ISO, UTC), as the project records it (reports say the same). */
  lastSyncAt: string | null;
  /** The team's marks kept here on scenes this project does not have (not counted until that imagery is imported). */
  unmatched: number;
  /** The server is verified against a certificate authority this machine keeps for it (team/trust.ts). */
  verified: boolean;
  /** Open team conflicts in the review queue. */
  conflicts: number;
  /** Local changes the team does not have yet. */
  unsent: number;
  /** What happened and what to do (offline: edits kept, retrying at…; error: the fix). */
  message: string | null;
  /** When the next automatic try is due (offline and after errors). */
  nextTryAt: string | null;
  /**
   * A sync pulled more than the page should take as a list of changes (a catch-up of thousands): the page
   * reads the project again instead (as after a package import). Said once, by the answer after that sync.
   */
  reload: boolean;
}

/** A team address: postgres://LOGIN@HOST:PORT/DB[?sslmode=…]; checked again (no password in it) by the host. */
const urlSchema = z.string().trim().min(1, 'give the server’s address').max(2000);

/** The team's marks on a scene this project does not have: what to import to see them. */
export interface TeamUnmatchedScene {
  /** The team's id of the scene. */
  sceneKey: string;
  sightings: number;
  authors: string[];
  /** What the scene is (its provider item, or its file's SHA-256), once a colleague who has it said so. */
  scene: { provider: string; product: string; itemId: string | null; sha256: string | null; acquired: string } | null;
}

export const teamCalls = {
  'team.status': call<TeamStatus>()(z.object({}).strict()),
  'team.join': call<TeamStatus>()(
    z.object({ url: urlSchema, password: z.string().min(1, 'give your password').max(1000), ca: absolutePathSchema.optional() }).strict(),
  ),
  'team.leave': call<TeamStatus>()(z.object({}).strict()),
  'team.syncNow': call<TeamStatus>()(z.object({}).strict()),
  'team.unmatched': call<TeamUnmatchedScene[]>()(z.object({}).strict()),
} as const;
