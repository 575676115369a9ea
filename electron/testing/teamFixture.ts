// Test helper: a team workspace on a real PostgreSQL (pgCluster.ts) with members, and one template
// project (a site, a zone, a scene) that every analyst's replica is copied from, so their scenes match.
import fs from 'node:fs';
import path from 'node:path';
import type { PolygonGeometry } from '../../shared/domain';
import { addMember, createWorkspace, type TeamRole } from '../node/store/teamServer';
import { connectTeam } from '../node/team/connect';
import { startPgCluster, type PgCluster, type PgClusterOptions } from './pgCluster';
import { seedProject, type SeededProject } from './seedProject';

export const QUAY: PolygonGeometry = { type: 'Polygon', coordinates: [[[130.2, 42.2], [130.4, 42.2], [130.4, 42.3], [130.2, 42.3], [130.2, 42.2]]] };

export interface Member {
  login: string;
  author: string;
  role: TeamRole;
}

export interface TeamFixture {
  pgc: PgCluster;
  template: SeededProject;
  /** A fresh copy of the template project for one analyst, in `dir`. */
  replicaFile(dir: string, name: string): string;
  passwordOf(login: string): string;
  stop(): void;
}

/** Starts the server, creates the workspace and its members (password: `${login}-pw`), seeds the template in `dir`. */
export async function startTeam(dir: string, members: readonly Member[], cluster: PgClusterOptions = {}): Promise<TeamFixture> {
  const pgc = await startPgCluster(cluster);
  try {
    const admin = await connectTeam(pgc.url('postgres'), pgc.adminPassword);
    try {
      await createWorkspace(admin, '3b0b6f4e-6a43-4f4e-9a57-6f3f0c1f2a10');
      for (const m of members) await addMember(admin, { ...m, password: `${m.login}-pw` });
    } finally {
      await admin.end();
    }
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
