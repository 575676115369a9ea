// bench:startup — time from launching the host to the first map render of the current scene,
// cold (first start: the demo project is generated) and warm (the project already exists).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, needsBuild } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 5);
if (needsBuild()) await buildAll();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'],
});

async function once(home) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [path.join(root, 'dist/electron/host.cjs')], { env: { ...process.env, QUAYWATCH_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /QUAYWATCH_READY (.+)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const tReady = performance.now();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(ready.url);
  await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 60_000 });
  const tRender = performance.now();
  await page.close();
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  return { hostReadyMs: tReady - t0, firstRenderMs: tRender - t0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [], warm = [];
for (let i = 0; i < RUNS; i++) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-'));
  cold.push(await once(home));
  warm.push(await once(home));
  fs.rmSync(home, { recursive: true, force: true });
}
await browser.close();
const fmt = (rs, k) => `median ${Math.round(median(rs.map((r) => r[k])))} ms (min ${Math.round(Math.min(...rs.map((r) => r[k])))}, max ${Math.round(Math.max(...rs.map((r) => r[k])))})`;
console.log(`bench:startup over ${RUNS} runs`);
console.log(`  cold start (demo generated)   host ready ${fmt(cold, 'hostReadyMs')}; first map render ${fmt(cold, 'firstRenderMs')}`);
console.log(`  warm start (project exists)   host ready ${fmt(warm, 'hostReadyMs')}; first map render ${fmt(warm, 'firstRenderMs')}`);
