// Publishing the team's derived layers (issue 21): visits and coverage per zone × month, for QGIS. They are
// computed here by the app's own analysis over the team scope (loadProjectData 'team', the export's row
// builders in export/features.ts), never in SQL, and only by a replica that is fully caught up: pulled through
// the team's latest seq with nothing left to push, so the set stands for the whole team's marks through that seq.
// Coverage counts the publishing analyst's own scenes (imagery is not shared); the layer names them.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ProjectStore } from '../store/projectStore';
import { lastHistorySeq, teamLinkOf, unpushedRows } from '../store/teamLocal';
import { DERIVED_SCHEMA_VERSION, latestSeq, publishDerived, workspaceOf, type DerivedRow } from '../store/teamServer';
import { analysisOf, dwellRows, loadProjectData, lookupsOf } from '../export/projectData';
import { coverageAttrs, visitAttrs } from '../export/features';

/** What became of this sync's derived layers. */
export type DerivedOutcome =
  | 'published'
  /** The workspace already holds this very set (same seq, same rows): nothing rewritten. */
  | 'unchanged'
  /** The workspace holds a set derived through a later seq (a colleague synced after us). */
  | 'newer-kept'
  /** Not caught up: the team moved on while we synced, or something is left to push. */
  | 'behind'
  /** A reader's login: readers read the layers, they do not publish them. */
  | 'reader'
  /** A workspace made before team schema 3 has no tables for them: it syncs as before, without the layers. */
  | 'workspace-too-old';

/**
 * What each open project last derived, by the team's seq and its own last history row: while neither moved,
 * the layers would come out the same, so a sync with nothing new (the automatic one, every 30 s) skips the
 * analysis and keeps within its 100 ms.
 */
const lastDerived = new WeakMap<ProjectStore, { key: string; outcome: DerivedOutcome }>();

export async function publishTeamDerivation(store: ProjectStore, client: pg.Client): Promise<DerivedOutcome> {
  const link = teamLinkOf(store);
  if (!link?.active) return 'behind';
  const latest = await latestSeq(client);
  const key = `${link.url}\u0001${link.pulledThrough}\u0001${lastHistorySeq(store)}\u0001${latest}`;
  const last = lastDerived.get(store);
  if (last?.key === key) return last.outcome === 'published' ? 'unchanged' : last.outcome;
  const outcome = await derive(store, client, link, latest);
  lastDerived.set(store, { key, outcome });
  return outcome;
}

async function derive(store: ProjectStore, client: pg.Client, link: NonNullable<ReturnType<typeof teamLinkOf>>, latest: number): Promise<DerivedOutcome> {
  const ws = await workspaceOf(client);
  if (ws.schemaVersion < DERIVED_SCHEMA_VERSION) return 'workspace-too-old';
  if (!ws.member || ws.member.role === 'reader') return 'reader';
  if (unpushedRows(store, link.pushedThrough, 1).length || link.pulledThrough < latest) return 'behind';
  const data = loadProjectData(store, 'team');
  const cache = analysisOf(data);
  const lk = lookupsOf(data);
  const zoneGeometry = (id: string) => lk.zone.get(id)?.geometry ?? null;
  const visits: DerivedRow[] = dwellRows(cache).flatMap(({ kind, visit }) => {
    const geometry = zoneGeometry(visit.zoneId);
    return geometry ? [{ attrs: visitAttrs(visit, kind, lk), geometry }] : [];
  });
  const coverage: DerivedRow[] = cache.result().coverage.flatMap((c) => {
    const geometry = zoneGeometry(c.zoneId);
    return geometry ? [{ attrs: coverageAttrs(c, lk), geometry }] : [];
  });
  const digest = createHash('sha256').update(JSON.stringify([link.author, visits, coverage])).digest('hex');
  return publishDerived(client, { throughSeq: link.pulledThrough, author: link.author, digest, visits, coverage });
}
