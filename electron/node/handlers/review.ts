// Handlers of the review calls (shared/calls/review.ts): thin, the rules live in electron/node/review/.
import type { reviewCalls } from '../../../shared/calls/review';
import { exportPackage, importPackage } from '../review/sightingsPackage';
import { agreementOf, conflicts, listReviews, resolveConflict, reviewQueue, setReview } from '../review/reviews';
import { teamConflicts } from '../store/teamLocal';
import { settleTeamConflict } from '../store/teamSettle';
import type { HandlersOf } from './types';

export const reviewHandlers: HandlersOf<typeof reviewCalls> = {
  'package.export': (req, s) => exportPackage(s.requireProject(), req.path, { authors: req.authors, overwrite: req.overwrite }),
  'package.import': (req, s) => importPackage(s.requireProject(), req.path),
  'reviews.queue': (req, s) => reviewQueue(s.requireProject(), req),
  'reviews.set': (req, s) => setReview(s.requireProject(), req),
  'reviews.list': (req, s) => listReviews(s.requireProject(), req.sightingId),
  'reviews.conflicts': (req, s) => conflicts(s.requireProject(), req.distanceM),
  'reviews.teamConflicts': (req, s) => teamConflicts(s.requireProject()).filter((c) => !req.openOnly || c.state === 'open'),
  'reviews.settleTeamConflict': (req, s) => settleTeamConflict(s.requireProject(), req.eventId, req.keep),
  'reviews.resolveConflict': (req, s) => resolveConflict(s.requireProject(), req),
  'reviews.agreement': (req, s) => agreementOf(s.requireProject(), req),
};
