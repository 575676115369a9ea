// A change a team workspace could not apply (issue 21): someone changed or deleted the entity first, or what
// it refers to is gone. Every replica keeps the same items (electron/node/store/teamLocal.ts), side by side:
// what the author proposed and what the team has, until a reviewer settles it. Nothing is dropped.
export interface TeamConflict {
  /** The event's id in the team's log (the same on every replica). */
  eventId: string;
  /** Its place in the team's order. */
  seq: number;
  entity: 'zone' | 'vessel' | 'track' | 'sighting' | 'review';
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
}
