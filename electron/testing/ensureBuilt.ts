// Test helper: bundles dist/ when sources changed since the last build, one test file at a time (Vitest
// runs files in parallel, and two builds writing dist/ at once would break each other).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..');

export async function ensureBuilt(): Promise<void> {
  const lock = path.join(os.tmpdir(), `quaywatch-build-${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Held by another test file; a lock older than 10 minutes was left by a killed run.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const { buildAll, needsBuild } = (await import(pathToFileURL(path.join(ROOT, 'scripts/build.mjs')).href)) as {
      buildAll: (kind: { testHooks: boolean }) => Promise<void>;
      needsBuild: (kind: { testHooks: boolean }) => boolean;
    };
    // The same kind of build as the e2e run's (with the test hook), so the two never rebuild each other's.
    if (needsBuild({ testHooks: true })) await buildAll({ testHooks: true });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
