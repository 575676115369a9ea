// Team conflicts in the Review panel's Conflicts tab: what the author proposed beside what the team has
// now, the differing fields marked, settled by one of two buttons whose words say what they do (keep mine /
// keep theirs; keep deleted / restore edited). The settlement syncs, so the item closes on every replica.
import { useEffect, useMemo } from 'react';
import { differingFields, settlementChoices, type TeamConflict } from '../../../shared/review/teamConflict';
import { classLabel } from '../../../shared/sightingRules';
import type { Sighting } from '../../../shared/domain';
import { useApp } from '../state/appStore';
import { showSighting } from '../review/reviewStore';
import { useTeam } from './teamStore';

const NAMES: Record<TeamConflict['entity'], string> = { zone: 'Zone', vessel: 'Vessel', track: 'Track', sighting: 'Mark', review: 'Verdict', settlement: 'Settlement' };

const FIELD_NAMES: Record<string, string> = {
  name: 'Name', kind: 'Kind', geometry: 'Shape', class: 'Class', author: 'By', count: 'Count', vesselId: 'Vessel', zoneId: 'Zone',
  confidence: 'Confidence', notes: 'Notes', verdict: 'Verdict', reviewer: 'Reviewer', comment: 'Comment', keep: 'Outcome',
};

/** The fields a reader recognises an entity by, then those that differ. */
function shown(entity: TeamConflict['entity'], v: unknown, diffs: string[]): [string, string][] {
  if (v === null || typeof v !== 'object') return [];
  const r = v as Record<string, unknown>;
  const key: Record<TeamConflict['entity'], string[]> = { zone: ['name'], vessel: ['name'], track: ['name'], sighting: ['class', 'author'], review: ['verdict', 'reviewer'], settlement: ['keep'] };
  const fields = [...new Set([...key[entity], ...diffs])];
  return fields.filter((f) => f in r).map((f) => [f, format(f, r[f])]);
}

function format(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'class' && typeof v === 'string') return classLabel(v as Sighting['class']);
  if (field === 'keep') return v === 'proposed' ? 'proposal kept' : 'team’s value kept';
  if (typeof v === 'object') return field === 'geometry' ? 'moved or reshaped' : 'changed';
  return String(v);
}

export function TeamConflicts() {
  const conflicts = useTeam((s) => s.conflicts);
  useEffect(() => void useTeam.getState().loadConflicts(), []);
  if (!conflicts.length) return null;
  return (
    <div className="team-conflicts" data-testid="team-conflicts">
      <h4>Team workspace · {conflicts.length} to settle</h4>
      {conflicts.map((c) => (
        <TeamConflictCard key={c.eventId} c={c} />
      ))}
    </div>
  );
}

function TeamConflictCard({ c }: { c: TeamConflict }) {
  const viewer = useApp((s) => s.info?.author ?? '');
  const zones = useApp((s) => s.zones);
  const sightings = useApp((s) => s.sightings);
  const vessels = useApp((s) => s.vessels);
  const tracks = useApp((s) => s.tracks);
  // The team's value as this project has it now (the last pull), else as it was when the item was made.
  const current = useMemo(() => {
    const list = { zone: zones, sighting: sightings, vessel: vessels, track: tracks }[c.entity as 'zone'];
    return list ? (list.find((x) => x.id === c.entityId) ?? null) : c.teamValue;
  }, [c, zones, sightings, vessels, tracks]);
  const diffs = differingFields(c.proposed, current);
  const choices = settlementChoices(c, current, viewer);
  const mine = c.author === viewer;
  const side = (title: string, v: unknown, which: 'proposed' | 'team') => (
    <div className="conflict-side" data-testid={`team-conflict-${which}`}>
      <div className="review-title">{title}</div>
      {v === null ? (
        <div className="deleted diff">Deleted</div>
      ) : (
        shown(c.entity, v, diffs).map(([f, text]) => (
          <div key={f} className={diffs.includes(f) ? 'diff' : ''}>
            {FIELD_NAMES[f] ?? f}: {text}
          </div>
        ))
      )}
      {c.entity === 'sighting' && v !== null && (
        <button className="link" onClick={() => showSighting((v as Sighting).sceneId, (v as Sighting).id, (v as Sighting).geometry)}>
          Show on map
        </button>
      )}
    </div>
  );
  const settle = useTeam.getState().settle;
  return (
    <div className="conflict team-conflict" data-testid="team-conflict" data-entity={c.entity} data-event-id={c.eventId}>
      <div className="muted small">
        {NAMES[c.entity]} · “{c.label}” by {mine ? 'you' : c.author} · {c.reason}
      </div>
      <div className="conflict-sides">
        {side(mine ? 'Yours (proposed)' : `${c.author}’s (proposed)`, c.proposed, 'proposed')}
        {side(mine ? 'Theirs (the team’s now)' : 'The team’s now', current, 'team')}
      </div>
      <div className="review-actions">
        {choices[0] === choices[1] ? (
          <button data-testid="team-settle-team" title={choices[1].says} onClick={() => void settle(c.eventId, 'team')}>
            {choices[1].label}
          </button>
        ) : (
          choices.map((x) => (
            <button key={x.keep} data-testid={`team-settle-${x.keep}`} title={x.says} onClick={() => void settle(c.eventId, x.keep)}>
              {x.label}
            </button>
          ))
        )}
      </div>
    </div>
  );
}
