// Read-only calls the Analysis panel needs beyond what the workbench already loads: the reviewers' verdicts.
import type { Review } from '../domain';
import { call, empty } from './define';

export const analysisCalls = {
  /** Every review of the open project, oldest first; the latest verdict per sighting decides whether it counts. */
  'reviews.list': call<Review[]>()(empty),
} as const;
