// Settling a team conflict (issue 21): one step of the one history that holds the settlement (entity
// 'settlement', id the conflict's event id) and, when the proposal is kept, the proposal itself — put, or
// deleted the way the analyst's own deletion would (a mark takes its verdicts, a zone its per-scene records).
// Both are this replica's edits, so the next sync sends them: the team's value changes once, and every
// replica pulls the settlement and closes the same item. Undo takes both back (and that syncs too).
import { QuaywatchError } from '../errors';
import { settlementLabel, settlementOutcome, type SettlementKeep, type TeamConflict } from '../../../shared/review/teamConflict';
import { editingOf } from './editing';
import { historyOf } from './history';
import { teamConflicts, teamLinkOf } from './teamLocal';
import type { ProjectStore } from './projectStore';

export function settleTeamConflict(store: ProjectStore, eventId: string, keep: SettlementKeep): TeamConflict {
  const link = teamLinkOf(store);
  if (!link) throw new QuaywatchError('not_found', 'This project has not joined a team workspace: there is no team conflict to settle.');
  const item = teamConflicts(store).find((c) => c.eventId === eventId);
  if (!item) throw new QuaywatchError('not_found', 'That team conflict is not in this project (sync first, or it was never here).');
  const history = historyOf(store);
  const editing = editingOf(store);
  try {
    history.run(
      (label: string) => label,
      (tx) => {
        const current = tx.get(item.entity, item.entityId);
        let outcome: ReturnType<typeof settlementOutcome>;
        try {
          outcome = settlementOutcome(item, keep, current);
        } catch (e) {
          throw new QuaywatchError('conflict', `${(e as Error).message} Nothing was changed.`);
        }
        if (outcome.changes) {
          if (outcome.value !== null) tx.put(item.entity, outcome.value as never);
          else if (item.entity === 'sighting') editing.deleteSightings([item.entityId]);
          else if (item.entity === 'zone') editing.deleteZone(item.entityId);
          else tx.remove(item.entity, item.entityId);
        }
        tx.put('settlement', { id: item.eventId, keep });
        return settlementLabel(item, keep, current);
      },
    );
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      throw new QuaywatchError(
        'conflict',
        `Cannot keep that: ${keep === 'proposed' && item.proposed !== null ? 'what it refers to (its scene, zone, vessel or track) is not in this project' : 'other records still refer to it'}. Settle it the other way, or sync and try again. Nothing was changed.`,
      );
    }
    throw e;
  }
  return teamConflicts(store).find((c) => c.eventId === eventId)!;
}
