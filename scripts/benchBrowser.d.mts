// Types of benchBrowser.mjs for the TypeScript benchmarks that drive the browser (bench-team-frames.ts).
import type { Browser, Page } from '@playwright/test';

export interface BenchHost {
  url: string;
  /** Resolves when the demo's imagery is all on disk. */
  demoWritten: Promise<void>;
  stop(): Promise<void>;
}
export function startHost(home: string, dir?: string): Promise<BenchHost>;
export function launchChromium(): Promise<Browser>;
/** Starts recording requestAnimationFrame deltas (frame times) in the page. */
export function recordFrames(page: Page): Promise<void>;
/** Stops recording and returns the frame times (ms) since recordFrames. */
export function stopFrames(page: Page): Promise<number[]>;
