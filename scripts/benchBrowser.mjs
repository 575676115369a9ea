// What the browser benchmarks share: the real browser-mode host started on a home folder,
// Debian's Chromium launched headless with this machine's flags (SwiftShader for WebGL), and the
// page's frame times (requestAnimationFrame deltas) recorded while a benchmark drives it.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts dist/electron/host.cjs (of this checkout, or of the one at `dir`) on `home` (as a returning analyst's: their name given, so the
 * first-run question does not cover the map); resolves when it prints QUAYWATCH_READY.
 */
export async function startHost(home, dir = root) {
  const profile = path.join(home, 'analyst.json');
  if (!fs.existsSync(profile)) fs.writeFileSync(profile, JSON.stringify({ name: 'Bench Analyst', initials: 'BA' }));
  const proc = spawn(process.execPath, [path.join(dir, 'dist/electron/host.cjs')], {
    env: { ...process.env, QUAYWATCH_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const demoWritten = new Promise((resolve) => {
    const check = () => /QUAYWATCH_DEMO_WRITTEN\n/.test(out) && resolve();
    proc.stdout.on('data', check);
    check();
  });
  return {
    url: ready.url,
    /** Resolves when the demo's imagery is all on disk (at once when it already was). */
    demoWritten,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'],
  });
}

/** Starts recording requestAnimationFrame deltas (frame times) in the page. */
export async function recordFrames(page) {
  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
}

/** Stops recording and returns the frame times since recordFrames. */
export async function stopFrames(page) {
  return page.evaluate(() => ((window.__recording = false), window.__frames));
}
