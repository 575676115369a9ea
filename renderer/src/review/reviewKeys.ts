// Review keys, active only while the review panel is open: they take precedence over the workbench's
// (c, d, r, p mean "container tool", "jump to date", "rotate", "same as previous" there).
import type { ReviewVerdict } from '../../../shared/domain';
import { useReview } from './reviewStore';

export interface ReviewKey {
  keys: string[];
  label: string;
  run: () => void;
}

const r = () => useReview.getState();
const verdict = (v: ReviewVerdict) => () => void r().verdict(v);

export const REVIEW_KEYS: ReviewKey[] = [
  { keys: ['c'], label: 'Confirm (with the comment, if any)', run: verdict('confirmed') },
  { keys: ['d'], label: 'Dispute', run: verdict('disputed') },
  { keys: ['r'], label: 'Reject', run: verdict('rejected') },
  { keys: ['n', 'j'], label: 'Next sighting', run: () => r().step(1) },
  { keys: ['p', 'k'], label: 'Previous sighting', run: () => r().step(-1) },
  { keys: ['/'], label: 'Write a comment (Enter: back to the keys)', run: () => document.querySelector<HTMLInputElement>('[data-testid="review-comment"]')?.focus() },
];

/** Capture phase, so the workbench's handler never sees a key the review panel used. */
export function installReviewKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!useReview.getState().open || useReview.getState().tab !== 'queue') return;
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) {
      if (e.key === 'Enter' && target.dataset.testid === 'review-comment') target.blur();
      return;
    }
    const key = REVIEW_KEYS.find((k) => k.keys.includes(e.key));
    if (!key) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    key.run();
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
