// Browser mode's launch address: the single-use code rides in the URL's fragment, which no request
// line, log or Referer carries. The host writes it and the page and scripts read it here, one format.

/** The fragment of a launch address for this code. */
export const launchFragment = (code: string) => `#launch=${code}`;

/** The launch code in an address's fragment (`location.hash`, `new URL(…).hash`), or null. */
export function launchCodeOf(hash: string): string | null {
  return /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(hash)?.[1] ?? null;
}
