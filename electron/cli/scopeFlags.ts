// `--mine` / `--team`: whose sightings `stats`, `report` and `export` cover (shared/teamScope.ts), one
// reading of the two flags for the three commands.
import type { Scope, ScopeInfo } from '../../shared/teamScope';
import { UsageError } from './cliIo';

export const SCOPE_FLAGS = { mine: { type: 'boolean', default: false }, team: { type: 'boolean', default: false } } as const;
export const SCOPE_USAGE = '[--mine | --team]';
export const SCOPE_DETAILS = '--mine: only your own sightings; --team: the whole team\'s as last synced (a joined project); neither: every sighting in the project.';

export function scopeOf(values: { mine?: boolean; team?: boolean }): Scope | undefined {
  if (values.mine && values.team) throw new UsageError('give --mine or --team, not both');
  return values.mine ? 'mine' : values.team ? 'team' : undefined;
}

/** The scope sentence for people, when there is a choice to tell of (a scope asked for, or a team synced). */
export function scopeLine(info: ScopeInfo): string | null {
  return info.scope !== 'project' || info.lastSync !== null ? info.sentence : null;
}
