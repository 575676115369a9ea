// bench:team-frames — does the editing frame rate drop while a team sync runs (issue 21)? The real host and
// Debian's Chromium (as bench:map) on the demo port, joined to a workspace on a throwaway PostgreSQL
// (pgCluster.ts). Before each (b) round a colleague, Bob, pushes QW_BENCH_TEAM_FRAMES_EVENTS marks (default
// 20,000) through sync.ts from his own replica; then the analyst pans, zooms and marks continuously
// (a) with no sync, for QW_BENCH_TEAM_FRAMES_SECONDS (default 5), and (b) while the app's catch-up of Bob's
// marks runs (team.syncNow). Rounds alternate (a) and (b) QW_BENCH_TEAM_FRAMES_ROUNDS times (default 3),
// since the machine is shared: the figures to read are the (b)/(a) ratios of each round.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium, recordFrames, startHost, stopFrames } from './benchBrowser.mjs';
import { ProjectSession } from '../electron/node/session';
import { editingOf } from '../electron/node/store/editing';
import { ProjectStore } from '../electron/node/store/projectStore';
import { joinTeam, syncProject, teamKeyStore } from '../electron/node/team/sync';
import { startWorkspace } from '../electron/testing/teamFixture';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const EVENTS = Number(process.env.QW_BENCH_TEAM_FRAMES_EVENTS ?? 20_000);
const SECONDS = Number(process.env.QW_BENCH_TEAM_FRAMES_SECONDS ?? 5);
const ROUNDS = Number(process.env.QW_BENCH_TEAM_FRAMES_ROUNDS ?? 3);
const ANALYST = 'Bench Analyst'; // the name benchBrowser.mjs gives the host's analyst

const step = (what: string) => process.stderr.write(`bench:team-frames: ${what}\n`);
type Q = WindowWithTestHooks & { __answers: number[]; __answering: boolean; __syncDone: number | null; __markStart: number | null; __markDone: number | null };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

interface Sample {
  frames: number[];
  marks: number[];
  /** Round trips of the status light's call (team.status, a few counts), asked every 100 ms: how soon the host answers at all. */
  answers: number[];
  ms: number;
}

/** Pans, zooms and marks until `until()` says stop; rAF deltas and mark latencies (pointer down → answered and in the layer). */
async function work(page: Page, until: () => Promise<boolean>): Promise<Sample> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await recordFrames(page);
  await page.evaluate(() => {
    const w = window as unknown as Q;
    w.__answers = [];
    w.__answering = true;
    void (async () => {
      while (w.__answering) {
        const t = performance.now();
        await w.__quaywatch.team.getState().refresh();
        w.__answers.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  });
  const t0 = performance.now();
  const marks: number[] = [];
  // Each action is followed by a look at `until`, so that (b) records only while the sync runs.
  for (let r = 0; ; r++) {
    // A pan: a short drag with the select tool, away from where the marks go (60 Hz moves).
    await page.keyboard.press('Escape');
    await page.mouse.move(cx + 350, cy + 250);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(cx + 350 + Math.sin((i / 10) * Math.PI) * 120 * (r % 2 ? -1 : 1), cy + 250 + i * 4 * (r % 2 ? -1 : 1));
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    if (await until()) break;
    // A zoom notch, in then out on alternate rounds.
    await page.mouse.wheel(0, r % 2 ? 100 : -100);
    await page.waitForTimeout(100);
    if (await until()) break;
    // A mark: the vessel tool, a click; timed from pointer down to the mark answered and drawn in the layer.
    await page.keyboard.press('v');
    if ((await page.getByTestId('tool-box').getAttribute('class'))?.includes('active')) await page.keyboard.press('b');
    await page.evaluate(() => {
      const w = window as unknown as Q;
      const q = w.__quaywatch;
      w.__markStart = null;
      w.__markDone = null;
      window.addEventListener('pointerdown', () => (w.__markStart = performance.now()), { capture: true, once: true });
      const before = q.map.lastSightingSync().total;
      const poll = () => {
        if (q.map.lastSightingSync().total > before) requestAnimationFrame(() => (w.__markDone = performance.now()));
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    await page.mouse.click(cx - 200 + (r % 9) * 45, cy - 120 + (r % 5) * 50);
    await page.waitForFunction(() => (window as unknown as Q).__markDone != null, null, { timeout: 60_000, polling: 20 });
    marks.push(await page.evaluate(() => (window as unknown as Q).__markDone! - (window as unknown as Q).__markStart!));
    if (await until()) break;
  }
  const frames = await stopFrames(page);
  const answers = await page.evaluate(() => {
    const w = window as unknown as Q;
    w.__answering = false;
    return w.__answers;
  });
  await page.keyboard.press('Escape');
  return { frames, marks, answers, ms: performance.now() - t0 };
}

const fps = (frames: number[]) => (frames.length ? (1000 * frames.length) / frames.reduce((a, b) => a + b, 0) : 0);
const marksOf = (s: Sample) => (s.marks.length ? `${s.marks.length} marks: p50 ${pct(s.marks, 50).toFixed(0)} ms  max ${Math.max(...s.marks).toFixed(0)} ms` : 'no mark answered in this window');
// Frame rate as the analyst feels it: the mean, the median frame's, and the slow 5 % (1000 / the 95th-percentile interval).
const line = (what: string, s: Sample) =>
  `${what.padEnd(20)} ${(s.ms / 1000).toFixed(1).padStart(4)} s  ${fps(s.frames).toFixed(1).padStart(4)} fps mean  ${(1000 / pct(s.frames, 50)).toFixed(0).padStart(2)} median  ${(1000 / pct(s.frames, 95)).toFixed(1).padStart(4)} 5th pct (frame p50 ${pct(s.frames, 50).toFixed(1)} ms  p95 ${pct(s.frames, 95).toFixed(1)} ms  max ${Math.max(...s.frames).toFixed(0)} ms)  | ${marksOf(s)}  | host answers p50 ${pct(s.answers, 50).toFixed(0)} ms  max ${Math.max(...s.answers).toFixed(0)} ms (n=${s.answers.length})`;
const ratio = (b: number, a: number) => (Number.isFinite(b / a) ? (b / a).toFixed(2) : 'n/a');

async function main() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-bench-team-frames-'));
  step('starting PostgreSQL');
  const pgc = await startWorkspace([{ login: 'alice', author: ANALYST, role: 'analyst' }, { login: 'bob', author: 'Bob', role: 'analyst' }]);
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    // The demo port in the analyst's home (the app opens it), and Bob's copy of it: the same scenes.
    const seeding = new ProjectSession({ dataDir: home, author: ANALYST, host: 'cli' });
    await seeding.openDemo();
    const demoFile = seeding.demoFile;
    seeding.close();
    const bobFile = path.join(home, 'bob.quaywatch');
    fs.copyFileSync(demoFile, bobFile);
    const bob = ProjectStore.open(bobFile, { author: 'Bob' });
    const bobKeys = await teamKeyStore(path.join(home, 'bob-data'), { forceFile: true });
    await joinTeam(bob, pgc.url('bob'), 'bob-pw', bobKeys);
    // Bob marks the second scene, so the analyst's open scene (the first) counts only her own marks.
    const scene = bob.scenes()[1]!;
    const ring = scene.footprint!.coordinates[0]!;
    const [x0, y0] = [Math.min(...ring.map((c) => c[0]!)), Math.min(...ring.map((c) => c[1]!))];
    let made = 0;
    const bobPushes = async () => {
      for (let n = 0; n < EVENTS; n += 5000) {
        editingOf(bob).createSightings(Array.from({ length: Math.min(5000, EVENTS - n) }, (_, i) => {
          const k = made + n + i;
          return { sceneId: scene.id, class: 'vessel' as const, confidence: 'confirmed' as const, notes: '', geometry: { type: 'Point' as const, coordinates: [x0 + (k % 300) * 1e-5, y0 + Math.floor(k / 300) * 1e-5] as [number, number] } };
        }));
      }
      made += EVENTS;
      const r = await syncProject(bob, bobKeys);
      if (r.pushed < EVENTS) throw new Error(`Bob pushed ${r.pushed} events, not ${EVENTS}`);
    };

    // Syncs only when asked (Sync now) or at open: no interval or debounced sync lands in an (a) window.
    process.env.QW_TEAM_SYNC_TIMING = '200,3600000,3600000,5000,120000';
    // The bundle runs from node_modules/.cache: the host is this checkout's (npm runs scripts in the repo root).
    host = await startHost(home, process.cwd());
    delete process.env.QW_TEAM_SYNC_TIMING;
    await host.demoWritten;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    step('opening');
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=map][data-render-state=complete]', { timeout: 120_000 });
    // She joins as File → Team → Join… does (the host keeps the password in its keystore).
    await page.evaluate((url: string) => (window as unknown as Q).__quaywatch.team.getState().join(url, 'alice-pw'), pgc.url('alice'));
    await page.waitForFunction(() => ['synced', 'conflicts'].includes((window as unknown as Q).__quaywatch.team.getState().status?.light ?? ''), null, { timeout: 120_000 }).catch(async (e: Error) => {
      const sec = path.join(home, 'secrets');
      console.error(fs.existsSync(sec) ? fs.readdirSync(sec).map((f) => `${f}: ${fs.readFileSync(path.join(sec, f), 'utf8')}`) : 'no secrets dir');
      throw new Error(`the app's first sync did not end: ${JSON.stringify(await page.evaluate(() => (window as unknown as Q).__quaywatch.team.getState().status))} (${e.message})`);
    });
    await page.waitForSelector('[data-testid=map][data-preload-state=idle]', { timeout: 60_000 });

    const rounds: { a: Sample; b: Sample; syncMs: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      step(`round ${round}: (a) no sync`);
      const endAt = performance.now() + SECONDS * 1000;
      const a = await work(page, async () => performance.now() >= endAt);
      step(`round ${round}: Bob pushes ${EVENTS}`);
      await bobPushes();
      step(`round ${round}: (b) during the catch-up`);
      await page.evaluate(() => {
        const w = window as unknown as Q;
        w.__syncDone = null;
        const t = performance.now();
        void w.__quaywatch.team.getState().syncNow().then(() => (w.__syncDone = performance.now() - t));
      });
      const b = await work(page, () => page.evaluate(() => (window as unknown as Q).__syncDone != null));
      const syncMs = await page.evaluate(() => (window as unknown as Q).__syncDone!);
      const count = await page.evaluate((id: string) => (window as unknown as Q).__quaywatch.store.getState().sightings.filter((s) => s.sceneId === id).length, scene.id);
      if (count < made) await page.waitForFunction(([id, n]: readonly [string, number]) => (window as unknown as Q).__quaywatch.store.getState().sightings.filter((s) => s.sceneId === id).length >= n, [scene.id, made] as const, { timeout: 60_000 });
      rounds.push({ a, b, syncMs });
      await page.waitForTimeout(1000);
    }
    await page.close();
    bob.close();

    console.log(`bench:team-frames — pan, zoom and mark on the demo port (1440×900, headless Chromium, SwiftShader) while the app catches up ${EVENTS.toLocaleString('en')} of a colleague's events per round`);
    for (const [i, r] of rounds.entries()) {
      console.log(`round ${i + 1}  catch-up took ${(r.syncMs / 1000).toFixed(1)} s (team.syncNow)`);
      console.log(`  ${line('(a) no sync', r.a)}`);
      console.log(`  ${line('(b) during catch-up', r.b)}`);
      console.log(`  ratio b/a: mean fps ${ratio(fps(r.b.frames), fps(r.a.frames))}  frame p50 ${ratio(pct(r.b.frames, 50), pct(r.a.frames, 50))}  frame p95 ${ratio(pct(r.b.frames, 95), pct(r.a.frames, 95))}  mark p50 ${r.b.marks.length ? ratio(pct(r.b.marks, 50), pct(r.a.marks, 50)) : 'n/a'}  host answer p50 ${ratio(pct(r.b.answers, 50), pct(r.a.answers, 50))} max ${ratio(Math.max(...r.b.answers), Math.max(...r.a.answers))}`);
    }
    const all = (k: 'a' | 'b') => ({ frames: rounds.flatMap((r) => r[k].frames), marks: rounds.flatMap((r) => r[k].marks), answers: rounds.flatMap((r) => r[k].answers), ms: rounds.reduce((t, r) => t + r[k].ms, 0) });
    const [A, B] = [all('a'), all('b')];
    console.log(`all rounds`);
    console.log(`  ${line('(a) no sync', A)}`);
    console.log(`  ${line('(b) during catch-up', B)}`);
    console.log(`  ratio b/a: mean fps ${ratio(fps(B.frames), fps(A.frames))}  frame p95 ${ratio(pct(B.frames, 95), pct(A.frames, 95))}  max frame ${ratio(Math.max(...B.frames), Math.max(...A.frames))}  mark p50 ${ratio(pct(B.marks, 50), pct(A.marks, 50))}  mark max ${ratio(Math.max(...B.marks), Math.max(...A.marks))}  host answer p50 ${ratio(pct(B.answers, 50), pct(A.answers, 50))} max ${ratio(Math.max(...B.answers), Math.max(...A.answers))}`);
  } finally {
    await browser?.close();
    await host?.stop();
    pgc.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

await main();
