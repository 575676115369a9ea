// THE rule for whose sightings an analysis, report or export covers (issue 21): 'mine' (the marks this
// analyst made), 'team' (everyone's, as far as this project has synced them), or, when none is asked,
// every sighting the project holds (as before teams). Reviews follow their sightings. One sentence says
// which, for the report's header, the export's metadata and the command line.
import type { TeamUnmatchedScene } from './calls/team';
import type { Review, Sighting } from './domain';

export const SCOPES = ['mine', 'team'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ScopeInfo {
  /** 'project': no scope asked for, every sighting in the project. */
  scope: Scope | 'project';
  /** Whose sightings are in it (their authors), sorted. */
  analysts: string[];
  /** When this project last synced with its team workspace (ISO UTC), or null (never, or not joined). */
  lastSync: string | null;
  /** Team marks kept on scenes this project does not have, so not counted (0 outside a team). */
  unmatched: number;
  /** The sentence reports and exports print. */
  sentence: string;
}

/** Who this analyst is and what the project knows of its team, as the scope rule needs them. */
export interface ScopeContext {
  me: string;
  /** Null when the project has not joined a team workspace. */
  team: { lastSync: string | null; unmatched: number } | null;
}

export function inScope<S extends Pick<Sighting, 'id' | 'author'>, R extends Pick<Review, 'sightingId'>>(
  sightings: S[],
  reviews: R[],
  scope: Scope | undefined,
  ctx: ScopeContext,
): { sightings: S[]; reviews: R[]; info: ScopeInfo } {
  const kept = scope === 'mine' ? sightings.filter((s) => s.author === ctx.me) : sightings;
  const ids = new Set(kept.map((s) => s.id));
  const analysts = [...new Set(kept.map((s) => s.author))].sort();
  const lastSync = ctx.team?.lastSync ?? null;
  const unmatched = scope === 'mine' ? 0 : (ctx.team?.unmatched ?? 0);
  const synced = ctx.team ? (lastSync ? `last synced ${lastSync.slice(0, 16).replace('T', ' ')} UTC` : 'never synced yet') : '';
  const by = analysts.length ? `by ${analysts.join(', ')}` : 'none yet';
  const sentence =
    scope === 'mine'
      ? `Scope: my sightings only (${ctx.me}).`
      : `Scope: ${scope === 'team' || ctx.team ? `the team's sightings (${by}; ${synced})` : `every sighting in this project (${by})`}` +
        `${unmatched ? `; ${unmatched} team mark(s) on scenes this project does not have are not counted` : ''}.`;
  return {
    sightings: kept,
    reviews: scope === 'mine' ? reviews.filter((r) => ids.has(r.sightingId)) : reviews,
    info: { scope: scope ?? 'project', analysts, lastSync, unmatched, sentence },
  };
}

/**
 * One scene the team marked and this project lacks, as what to import: a provider item by its id, or a file by
 * its full SHA-256 (as `sha256sum` prints it, so the analyst can find their copy). `team unmatched` and the app.
 */
export function unmatchedSceneText(u: TeamUnmatchedScene): string {
  const d = u.scene;
  const what = !d
    ? `team scene ${u.sceneKey} (no colleague has said yet which imagery it is)`
    : `${d.itemId ? `${d.provider} item ${d.itemId}` : `the file with SHA-256 ${d.sha256}`} (${d.product}, taken ${d.acquired.slice(0, 16).replace('T', ' ')} UTC)`;
  return `${what}: ${u.sightings} mark(s) by ${u.authors.join(', ')} on a scene you don't have`;
}
