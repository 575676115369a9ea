import { canonicalJson } from './canonical';

// A change a team workspace could not apply (issue 21): someone changed or deleted the entity first, or what
// it refers to is gone. Every replica keeps the same items (electron/node/store/teamLocal.ts), side by side:
// what the author proposed and what the team has, until someone settles it. Nothing is dropped, and nothing
// is settled silently: a settlement is an entity of the one history (TeamSettlement, its id the conflict's
// event id), pushed and pulled like any edit, so every replica closes the item with the same outcome.
export interface TeamConflict {
  /** The event's id in the team's log (the same on every replica). */
  eventId: string;
  /** Its place in the team's order (0: refused by the workspace before it had one, known only to its author's replica). */
  seq: number;
  /** 'settlement': a second settlement of a conflict the team had settled the other way meanwhile. */
  entity: 'zone' | 'vessel' | 'track' | 'sighting' | 'review' | 'settlement';
  entityId: string;
  /** Who proposed the change. */
  author: string;
  label: string;
  /** What they proposed (null: a deletion). */
  proposed: unknown;
  /** What the team had when it arrived (null: the entity was gone). */
  teamValue: unknown;
  /** Why it could not be applied, in words. */
  reason: string;
  state: 'open' | 'settled';
  /** How it was settled (null while open): the proposal kept, or the team's value. */
  settled: SettlementKeep | null;
}

/** 'proposed': the proposal becomes the team's value; 'team': the team's value stays. */
export type SettlementKeep = 'proposed' | 'team';
export const SETTLEMENT_KEEPS = ['proposed', 'team'] as const;

/** How a conflict was settled, as history records it (entity 'settlement'). */
export interface TeamSettlement {
  /** The conflict's event id. */
  id: string;
  keep: SettlementKeep;
}

/** What kind of disagreement an item is: it names the two choices. */
export type TeamConflictKind = 'edit-vs-edit' | 'delete-vs-edit' | 'edit-vs-delete';

export function conflictKind(c: Pick<TeamConflict, 'proposed'>, current: unknown): TeamConflictKind {
  if (c.proposed === null) return 'delete-vs-edit';
  if (current === null) return 'edit-vs-delete';
  return 'edit-vs-edit';
}

export interface SettlementChoice {
  keep: SettlementKeep;
  label: string;
  /** What the choice does, in a sentence (the button's tooltip). */
  says: string;
}

/**
 * The two ways to settle an item, worded for the analyst looking at it (`viewer`): their own proposal is
 * "mine", the other side "theirs"; a deletion against an edit is "keep deleted" / "restore edited".
 * `current` is this project's value of the entity now (the team's, as last pulled).
 */
export function settlementChoices(c: TeamConflict, current: unknown, viewer: string): [SettlementChoice, SettlementChoice] {
  const mine = c.author === viewer;
  if (c.entity === 'settlement') {
    const close: SettlementChoice = { keep: 'team', label: 'Close', says: 'The first settlement to reach the team stands; this one is closed.' };
    return [close, close];
  }
  const who = mine ? 'your' : `${c.author}’s`;
  switch (conflictKind(c, current)) {
    case 'delete-vs-edit':
      return [
        { keep: 'proposed', label: 'Keep deleted', says: `Delete it, as ${who} change proposed; the edit made meanwhile goes.` },
        { keep: 'team', label: 'Restore edited', says: `Keep it as edited; ${who} deletion is dropped.` },
      ];
    case 'edit-vs-delete':
      return [
        { keep: 'proposed', label: 'Restore edited', says: `Bring it back with ${who} edit; the deletion is undone.` },
        { keep: 'team', label: 'Keep deleted', says: `It stays deleted; ${who} edit is dropped.` },
      ];
    default:
      return [
        { keep: 'proposed', label: mine ? 'Keep mine' : `Keep ${c.author}’s`, says: `${mine ? 'Your' : `${c.author}’s`} version replaces the team’s.` },
        { keep: 'team', label: mine ? 'Keep theirs' : 'Keep the team’s', says: `The team’s version stays; ${who} change is dropped.` },
      ];
  }
}

/**
 * What settling does to the entity: its value afterwards (null: deleted) and whether that is a change here.
 * Keeping the team's value changes nothing but the item; keeping the proposal puts it (or deletes, for a
 * proposed deletion). A conflict already settled, or a choice that is not one of the two, is refused.
 */
export function settlementOutcome(c: TeamConflict, keep: SettlementKeep, current: unknown): { value: unknown; changes: boolean } {
  if (c.state === 'settled') throw new Error(`This conflict was already settled (${c.settled === 'proposed' ? `${c.author}’s change kept` : 'the team’s value kept'}).`);
  if (!(SETTLEMENT_KEEPS as readonly string[]).includes(keep)) throw new Error(`Unknown settlement “${String(keep)}”.`);
  if (keep === 'team') return { value: current, changes: false };
  // The team settled the original conflict first: its outcome stands (a change to it is an edit of the entity itself).
  if (c.entity === 'settlement') throw new Error('The team had already settled that conflict the other way; its outcome stands: close this item, and change the entity itself if it should be otherwise.');
  return { value: c.proposed, changes: !sameValue(c.proposed, current) };
}

/** The label of the settlement's history step (and of its team event). */
export function settlementLabel(c: TeamConflict, keep: SettlementKeep, current: unknown): string {
  const choice = settlementChoices(c, current, '').find((x) => x.keep === keep)!;
  return `Settle team conflict on ${c.entity}: ${choice.label}`;
}

/** The fields (top level) that differ between the proposal and the current value: the side-by-side view marks them. */
export function differingFields(a: unknown, b: unknown): string[] {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => k !== 'updatedAt' && k !== 'id');
  return keys.filter((k) => !sameValue(ra[k], rb[k])).sort();
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
