// Opens the browser on the app without putting the launch address in any process's argv: argv is
// readable by every local user (/proc/<pid>/cmdline), so the opener gets the path of a small page
// that only this user can read, which forwards the browser to the launch address.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';

export type Spawn = (cmd: string, args: string[]) => void;

const defaultSpawn: Spawn = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // no browser here: the printed address is enough
  child.unref();
};

export function openerCommand(platform = process.platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

/** Writes the forwarding page (mode 0600, a new file, never one already there) and returns its path. */
export function writeLauncher(dir: string, launchUrl: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `open-quaywatch-${randomBytes(6).toString('hex')}.html`);
  const href = launchUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const page = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Opening Quaywatch…</title><p>Opening Quaywatch…</p>\n`;
  fs.writeFileSync(file, page, { flag: 'wx', mode: 0o600 });
  return file;
}

/**
 * Opens the launch address in the user's browser through a launcher file; returns a function that
 * removes the file (call it once the page has claimed the session, and at exit).
 */
export function openInBrowser(dir: string, launchUrl: string, run: Spawn = defaultSpawn): () => void {
  let file: string | null = null;
  try {
    file = writeLauncher(dir, launchUrl);
    run(openerCommand(), [file]);
  } catch {
    /* the printed address is enough */
  }
  return () => {
    if (file) fs.rmSync(file, { force: true });
    file = null;
  };
}
