// Types of benchBrowser.mjs for the TypeScript benchmarks that drive the browser (bench-team-frames.ts).
import type { Browser } from '@playwright/test';

export interface BenchHost {
  url: string;
  /** Resolves when the demo's imagery is all on disk. */
  demoWritten: Promise<void>;
  stop(): Promise<void>;
}
export function startHost(home: string, dir?: string): Promise<BenchHost>;
export function launchChromium(): Promise<Browser>;
