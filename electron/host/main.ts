// Entry of browser mode: opens the last project (or the demo) and serves the app on loopback.
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ProjectSession } from '../node/session';
import { createDispatcher } from '../node/dispatcher';
import { defaultDataDir } from '../node/paths';
import { startBrowserHost } from './browserHost';

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.find((a) => a.startsWith('--port='));
  const port = Number(portArg?.slice('--port='.length) ?? process.env.QUAYWATCH_PORT ?? 0);
  const started = performance.now();
  const session = new ProjectSession({ dataDir: defaultDataDir(), author: safeUsername(), host: 'browser' });
  const dispatch = createDispatcher(session, (line) => process.stderr.write(`${line}\n`));
  try {
    await session.openLastOrDemo((done, total) => {
      if (done === 0) process.stdout.write(`Preparing the demo project (first start): writing ${total} scenes…\n`);
    });
  } catch (e) {
    process.stderr.write(`Could not open a project at start: ${(e as Error).message}\n`);
  }
  const host = await startBrowserHost({
    session,
    dispatch,
    rendererDir: process.env.QUAYWATCH_RENDERER_DIR ?? path.join(__dirname, '../renderer'),
    port,
  });
  process.stdout.write(`Quaywatch is running in browser mode at ${host.url}\n`);
  // A machine-readable line for tests and benchmarks, which read stdout through a pipe.
  if (!process.stdout.isTTY) process.stdout.write(`QUAYWATCH_READY ${JSON.stringify({ url: host.url, port: host.port, startupMs: Math.round(performance.now() - started) })}\n`);
  if (args.includes('--open')) openInBrowser(host.url);

  const shutdown = () => {
    void host.close().finally(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function safeUsername() {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

function openInBrowser(url: string) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser here: the printed URL is enough
    child.unref();
  } catch {
    /* printed URL is enough */
  }
}

main().catch((e) => {
  process.stderr.write(`Quaywatch could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
