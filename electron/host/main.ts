// Entry of browser mode: opens the last project (or the demo) and serves the app on loopback.
// How the app starts: one bundle (zod's locales left out, ECharts apart: scripts/build.mjs; run by start.ts through
// V8's code cache, node/codeCache.ts; team and AIS code loaded on first use) listens, prints
// the link, then opens the last project or the demo synchronously (session.openLastOrDemo) while the browser
// loads the page; the page's small entry (renderer/src/main.tsx) claims its session and asks for the project
// and its lists while the app's chunk (app.tsx) loads, and projectSlice.boot takes those answers; the first scene sets the view from its header before it joins
// the map (map/sceneImagery.ts). `npm run bench:startup -- --vs=DIR` times cold and warm starts, phase by
// phase, against another build in one run.
import os from 'node:os';
import path from 'node:path';
import { ProjectSession } from '../node/session';
import { createDispatcher } from '../node/dispatcher';
import { defaultDataDir } from '../node/paths';
import { startBrowserHost } from './browserHost';
import { openInBrowser } from './launcher';

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.find((a) => a.startsWith('--port='));
  const port = Number(portArg?.slice('--port='.length) ?? process.env.QUAYWATCH_PORT ?? 0);
  const started = performance.now();
  const session = new ProjectSession({ dataDir: defaultDataDir(), author: safeUsername(), host: 'browser' });
  const dispatch = createDispatcher(session, (line) => process.stderr.write(`${line}\n`));
  let removeLauncher = () => {};
  const host = await startBrowserHost({
    session,
    dispatch,
    rendererDir: process.env.QUAYWATCH_RENDERER_DIR ?? path.join(__dirname, '../renderer'),
    port,
    onClaimed: () => removeLauncher(),
  });
  process.stdout.write(`Quaywatch is running in browser mode at ${host.url}\n(the link opens once: restart for a new one)\n`);
  // A machine-readable line for tests and benchmarks, which read stdout through a pipe.
  if (!process.stdout.isTTY) process.stdout.write(`QUAYWATCH_READY ${JSON.stringify({ url: host.url, port: host.port, startupMs: Math.round(performance.now() - started) })}\n`);
  // The project opens while the browser opens the page (on a first start, writing the demo's project
  // file takes ~0.3 s). Opening is synchronous, so this thread answers no request before it is open:
  // the page's first request already finds it, as if it had been opened before the link was printed.
  if (args.includes('--open')) removeLauncher = openInBrowser(defaultDataDir(), host.url);
  openAtStart(session);
  // The page's files are answered through the fetch API's Request/Response, which Node loads on first
  // use (~40 ms): load them while the browser opens, not on the request for index.html.
  void globalThis.Request;
  // Benchmarks time a warm start after a complete first one: they wait for this line before stopping the host.
  if (!process.stdout.isTTY) void session.demoImageryDone().then(() => process.stdout.write('QUAYWATCH_DEMO_WRITTEN\n'));

  const shutdown = () => {
    removeLauncher();
    void host.close().finally(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Opens the last project, else the demo, before this thread handles anything else. */
function openAtStart(session: ProjectSession) {
  try {
    session.openLastOrDemo((done, total) => {
      if (done === 0) process.stdout.write(`Writing the demo imagery in the background (${total} scenes, the first scene first)…\n`);
    });
  } catch (e) {
    process.stderr.write(`Could not open a project at start: ${(e as Error).message}\n`);
  }
}

function safeUsername() {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

main().catch((e) => {
  process.stderr.write(`Quaywatch could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
