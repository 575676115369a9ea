// Whose sightings the Analysis panel, a report or an export covers, shown only while the project is in a team:
// the team's (every mark the project has synced) or the analyst's own. One choice, kept for the three.
import type { Scope } from '../../../shared/teamScope';
import { useScope, useTeam } from './teamStore';

export function ScopeChoice({ testId, disabled }: { testId: string; disabled?: boolean }) {
  const { inTeam, scope } = useScope();
  if (!inTeam) return null;
  return (
    <label title="The team's: every mark this project has synced from the workspace. Mine: the marks you made.">
      Whose sightings
      <select data-testid={testId} value={scope} disabled={disabled} onChange={(e) => useTeam.getState().setScope(e.target.value as Scope)}>
        <option value="team">The team’s</option>
        <option value="mine">My sightings</option>
      </select>
    </label>
  );
}
