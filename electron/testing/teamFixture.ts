// Test helper: a team workspace on a real PostgreSQL (pgCluster.ts) with members, and one template
// project (a site, a zone, a scene) that every analyst's replica is copied from, so their scenes match.
// Playwright specs and benchmarks load it too; teamSuite.ts registers it with Vitest for a whole test file.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../../shared/api';
import type { PolygonGeometry, Sighting } from '../../shared/domain';
import { addMember, createWorkspace, type TeamRole } from '../node/store/teamServer';
import { connectTeam } from '../node/team/connect';
import { joinTeam, syncProject, teamKeyStore, type SyncHooks } from '../node/team/sync';
import { startPgCluster, type PgCluster, type PgClusterOptions } from './pgCluster';
import { openSession, seedProject, type SeededProject } from './seedProject';

export const QUAY: PolygonGeometry = { type: 'Polygon', coordinates: [[[130.2, 42.2], [130.4, 42.2], [130.4, 42.3], [130.2, 42.3], [130.2, 42.2]]] };

export interface Member {
  login: string;
  author: string;
  role: TeamRole;
}

/** Two analysts and a reviewer: the team most team tests need. */
export const ANALYSTS_AND_REVIEWER = [
  { login: 'alice', author: 'Alice', role: 'analyst' },
  { login: 'bob', author: 'Bob', role: 'analyst' },
  { login: 'rita', author: 'Rita', role: 'reviewer' },
] as const satisfies readonly Member[];

export interface TeamFixture {
  pgc: PgCluster;
  template: SeededProject;
  /** A fresh copy of the template project for one analyst, in `dir`. */
  replicaFile(dir: string, name: string): string;
  passwordOf(login: string): string;
  stop(): void;
}

/** Starts the server and creates the workspace and its members (password: `${login}-pw`); the caller stops it. */
export async function startWorkspace(members: readonly Member[], cluster: PgClusterOptions = {}): Promise<PgCluster> {
  const pgc = await startPgCluster(cluster);
  try {
    const admin = await connectTeam(pgc.url('postgres'), pgc.adminPassword);
    try {
      await createWorkspace(admin, '3b0b6f4e-6a43-4f4e-9a57-6f3f0c1f2a10');
      for (const m of members) await addMember(admin, { ...m, password: `${m.login}-pw` });
    } finally {
      await admin.end();
    }
    return pgc;
  } catch (e) {
    pgc.stop();
    throw e;
  }
}

/** startWorkspace, and the template project (in `dir`) that every replica is copied from. */
export async function startTeam(dir: string, members: readonly Member[], cluster: PgClusterOptions = {}): Promise<TeamFixture> {
  const pgc = await startWorkspace(members, cluster);
  try {
    fs.mkdirSync(path.join(dir, 'template'), { recursive: true });
    const template = seedProject(path.join(dir, 'template'), { author: 'seed', zones: [{ name: 'Quay 1', geometry: QUAY }] });
    return {
      pgc,
      template,
      replicaFile(to, name) {
        fs.mkdirSync(to, { recursive: true });
        const file = path.join(to, `${name}.quaywatch`);
        fs.copyFileSync(template.file, file);
        return file;
      },
      passwordOf: (login) => `${login}-pw`,
      stop: () => pgc.stop(),
    };
  } catch (e) {
    pgc.stop();
    throw e;
  }
}

/**
 * One analyst's laptop: a copy of the template in `dir`, open in a session, joined to the workspace as `login`
 * (password in a 0600 key file under `dir`), with the calls the tests make through the dispatcher.
 */
export async function joinedReplica(team: TeamFixture, dir: string, login: string, author: string) {
  const file = team.replicaFile(dir, login);
  const { session, dispatch } = openSession(dir, file, { author });
  const store = session.requireProject();
  const keys = await teamKeyStore(path.join(dir, 'data'), { forceFile: true });
  await joinTeam(store, team.pgc.url(login), team.passwordOf(login), keys);
  const call = async <T>(name: string, req: unknown): Promise<T> => {
    const r = (await dispatch(name, req)) as ApiResult<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  /** A vessel mark on the template's scene, inside its quay. */
  const mark = (notes?: string, cls = 'vessel') =>
    call<Sighting>('sightings.create', { sceneId: team.template.scene.id, class: cls, geometry: { type: 'Point', coordinates: [130.3, 42.25] }, notes });
  return { dir, file, session, dispatch, store, keys, call, mark, sync: (hooks?: SyncHooks) => syncProject(store, keys, hooks), close: () => session.close() };
}
export type JoinedReplica = Awaited<ReturnType<typeof joinedReplica>>;
