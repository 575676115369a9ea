// Where Quaywatch keeps per-user state (recent projects, the demo project) on this machine.
import os from 'node:os';
import path from 'node:path';

/** QUAYWATCH_HOME wins so tests and CI each get a private, temporary home. */
export function defaultDataDir(): string {
  if (process.env.QUAYWATCH_HOME) return path.resolve(process.env.QUAYWATCH_HOME);
  const xdg = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'quaywatch');
}

/** The folder New/Open suggest for project files. */
export function defaultProjectsDir(): string {
  if (process.env.QUAYWATCH_HOME) return path.join(path.resolve(process.env.QUAYWATCH_HOME), 'projects');
  return path.join(os.homedir(), 'Quaywatch');
}

/** The folder a file dialog calls Home: the user's home, or the private home tests set with QUAYWATCH_HOME. */
export function userHomeDir(): string {
  if (process.env.QUAYWATCH_HOME) return path.resolve(process.env.QUAYWATCH_HOME);
  return os.homedir();
}
