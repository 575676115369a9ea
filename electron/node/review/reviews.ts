// The review queue, verdicts, conflict resolution and agreement over an open project; every verdict
// goes through the one history (its own entity, one undo step), with the session's author as reviewer.
import { randomUUID } from 'node:crypto';
import type { ConflictResolution, ReviewQueueItem } from '../../../shared/calls/review';
import type { ParsedRequestOf } from '../../../shared/api';
import type { Review, ReviewVerdict, Sighting } from '../../../shared/domain';
import { latestVerdicts } from '../../../shared/analysis/input';
import { agreement, pairwiseAgreement, DEFAULT_AGREEMENT_DISTANCE_M, type AgreementResult } from '../../../shared/review/agreement';
import { findConflicts, type SightingConflict } from '../../../shared/review/conflicts';
import { applySightingPatch, canHaveCount, linkableKind, vesselLinkRefusal, type SightingPatch } from '../../../shared/sightingRules';
import { QuaywatchError } from '../errors';
import { historyOf, type EditTx } from '../store/history';
import type { ProjectStore } from '../store/projectStore';

const now = () => new Date().toISOString();
const VERB: Record<ReviewVerdict, string> = { confirmed: 'Confirm', disputed: 'Dispute', rejected: 'Reject' };

/** The queue: filtered, unreviewed first, then by acquisition time, then by when it was marked. */
export function reviewQueue(store: ProjectStore, q: ParsedRequestOf<'reviews.queue'>): ReviewQueueItem[] {
  const scenes = new Map(store.scenes().map((s) => [s.id, s]));
  const zones = new Map(store.zones().map((z) => [z.id, z]));
  const reviews = store.reviews();
  const latest = latestVerdicts(reviews);
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const count = new Map<string, number>();
  for (const r of reviews) count.set(r.sightingId, (count.get(r.sightingId) ?? 0) + 1);
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const items: ReviewQueueItem[] = [];
  for (const s of store.sightings()) {
    const scene = scenes.get(s.sceneId);
    if (!scene) continue;
    if (q.author && s.author !== q.author) continue;
    if (q.class && s.class !== q.class) continue;
    if (q.zoneId && s.zoneId !== q.zoneId) continue;
    const t = Date.parse(scene.acquired);
    if (t < from || t >= to) continue;
    const lv = latest.get(s.id);
    if (q.unreviewedOnly && lv) continue;
    items.push({
      sighting: s,
      sceneAcquired: scene.acquired,
      zoneName: s.zoneId ? zones.get(s.zoneId)?.name ?? null : null,
      latest: lv ? byId.get(lv.reviewId) ?? null : null,
      reviews: count.get(s.id) ?? 0,
    });
  }
  return items.sort(
    (a, b) =>
      Number(!!a.latest) - Number(!!b.latest) ||
      (a.sceneAcquired < b.sceneAcquired ? -1 : a.sceneAcquired > b.sceneAcquired ? 1 : 0) ||
      (a.sighting.createdAt < b.sighting.createdAt ? -1 : a.sighting.createdAt > b.sighting.createdAt ? 1 : 0) ||
      (a.sighting.id < b.sighting.id ? -1 : 1),
  );
}

function putVerdict(store: ProjectStore, tx: EditTx, sightingId: string, verdict: ReviewVerdict, comment: string): Review {
  return tx.put('review', { id: randomUUID(), sightingId, reviewer: store.author, verdict, comment, at: now() });
}

/** Records a verdict (a new review: earlier verdicts stay in the record, the latest counts). */
export function setReview(store: ProjectStore, req: ParsedRequestOf<'reviews.set'>): Review {
  return historyOf(store).run(`${VERB[req.verdict]} sighting`, (tx) => {
    if (!tx.get('sighting', req.sightingId)) throw new QuaywatchError('not_found', 'That sighting no longer exists (it may have been deleted or undone).');
    return putVerdict(store, tx, req.sightingId, req.verdict, req.comment);
  });
}

export function listReviews(store: ProjectStore, sightingId?: string): Review[] {
  const all = store.reviews();
  return sightingId ? all.filter((r) => r.sightingId === sightingId) : all;
}

export function conflicts(store: ProjectStore, distanceM?: number): SightingConflict[] {
  return findConflicts(store.sightings(), store.reviews(), distanceM);
}

/**
 * Settles a conflict with verdicts (nothing is deleted, so the colleague's mark and its history stay,
 * and the analysis ignores the rejected one): keepA/keepB, merge (A takes the merged values) or keepBoth.
 */
export function resolveConflict(store: ProjectStore, req: ParsedRequestOf<'reviews.resolveConflict'>): ConflictResolution {
  const label = req.resolution === 'merge' ? 'Merge conflicting sightings' : req.resolution === 'keepBoth' ? 'Keep both sightings' : 'Resolve conflict';
  return historyOf(store).run(label, (tx) => {
    const a = tx.get('sighting', req.aId);
    const b = tx.get('sighting', req.bId);
    if (!a || !b) throw new QuaywatchError('not_found', 'One of the two sightings no longer exists; nothing was changed.');
    if (a.sceneId !== b.sceneId) throw new QuaywatchError('invalid_request', 'The two sightings are on different scenes, so they cannot be the same object.');
    const note = (what: string) => (req.comment ? `${what}: ${req.comment}` : what);
    const reviews: Review[] = [];
    let sighting: Sighting | null = null;
    if (req.resolution === 'keepBoth') {
      reviews.push(putVerdict(store, tx, a.id, 'confirmed', note('Conflict: kept both (two objects)')));
      reviews.push(putVerdict(store, tx, b.id, 'confirmed', note('Conflict: kept both (two objects)')));
    } else {
      const [keep, drop] = req.resolution === 'keepB' ? [b, a] : [a, b];
      if (req.resolution === 'merge') {
        const m = req.merged!;
        // Picked values the merged class cannot have are dropped, by the same rule as an edit. (The copy
        // here only looked at the class, so a vessel identity could end up on an aircraft sighting.)
        const cls = m.class ?? keep.class;
        const patch: SightingPatch = {};
        if (m.class !== undefined) patch.class = m.class;
        if (m.count !== undefined) patch.count = canHaveCount(cls) ? m.count : null;
        if (m.vesselId !== undefined) {
          const v = m.vesselId && linkableKind(cls) ? tx.get('vessel', m.vesselId) : null;
          if (m.vesselId && linkableKind(cls) && !v) throw new QuaywatchError('not_found', 'That vessel is not in this project.');
          patch.vesselId = v && !vesselLinkRefusal(cls, v) ? v.id : null;
        }
        const merged = applySightingPatch(keep, patch, { zones: store.zones(), vesselKind: (id) => tx.get('vessel', id)?.kind, at: now() });
        sighting = tx.put('sighting', merged);
      }
      const how = req.resolution === 'merge' ? 'merged' : 'picked';
      reviews.push(putVerdict(store, tx, keep.id, 'confirmed', note(`Conflict with ${drop.author}'s mark: ${how} this one`)));
      reviews.push(putVerdict(store, tx, drop.id, 'rejected', note(`Conflict with ${keep.author}'s mark: ${how} the other one`)));
    }
    return { reviews, sighting };
  });
}

export function agreementOf(store: ProjectStore, q: { reference?: string; compared?: string; distanceM?: number }): AgreementResult[] {
  const input = { sightings: store.sightings(), scenes: store.scenes(), zones: store.zones(), observability: store.observability() };
  const d = q.distanceM ?? DEFAULT_AGREEMENT_DISTANCE_M;
  return q.reference && q.compared ? [agreement(input, q.reference, q.compared, d)] : pairwiseAgreement(input, d);
}
