// Uncaught errors in the app's page during a test. A page model registers its page here; the
// per-test host helper fails the test after it ends if any page threw (an exception nobody caught
// is a bug a user may meet as a blank panel or a dead button, even when the test's steps passed).
import type { Page } from '@playwright/test';

const seen: string[] = [];
const watched = new WeakSet<Page>();

export function watchPageErrors(page: Page) {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('pageerror', (e) => seen.push(`${e.name}: ${e.message}\n${e.stack ?? ''}`));
}

/** The errors since the last call, emptied. */
export function takePageErrors(): string[] {
  return seen.splice(0);
}
