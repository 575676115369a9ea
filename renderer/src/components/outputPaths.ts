// Default file names for exports, reports and copies. Neither browser mode nor the Electron shell has a native
// save dialog, so the dialogs propose a full path the user can edit as text; these helpers build and adjust it
// without node:path (the renderer has none), for POSIX and Windows paths alike.

/** The folder part of a path (without a trailing separator); '' when the path has none. */
export function folderOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (i < 0) return '';
  return i === 0 ? file.slice(0, 1) : file.slice(0, i);
}

/** Joins with the separator the folder already uses (a Windows folder keeps its backslashes). */
export function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** A project name made safe as a file name on every desktop system (no separators or reserved characters). */
export function safeFileName(name: string): string {
  return (
    name
      // Control characters are invalid in Windows file names and confusing everywhere else.
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '') || 'Untitled'
  );
}

/** Extensions the dialogs write; switching format swaps one for another instead of stacking them. */
const KNOWN_EXTENSIONS = ['.csv', '.geojson', '.kml', '.gpkg', '.pdf', '.html', '.png', '.svg', '.gif', '.webp', '.quaywatch'];

/** The same path with `ext` (".gpkg") in place of a known extension, or added when it has none of ours. */
export function withExtension(file: string, ext: string): string {
  const lower = file.toLowerCase();
  const known = KNOWN_EXTENSIONS.find((k) => lower.endsWith(k));
  return (known ? file.slice(0, -known.length) : file) + ext;
}

/** Today's date as YYYY-MM-DD (UTC, like every date the app shows). */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/**
 * The proposed file: in `folder`, named after the project, then an optional label ("report", "copy 2025-02-01"),
 * then the extension — e.g. "/home/ana/Quaywatch/Rajin port (demo) report.pdf".
 */
export function defaultOutputPath(folder: string, projectName: string, label: string, ext: string): string {
  const base = safeFileName(label ? `${projectName} ${label}` : projectName);
  return joinPath(folder, `${base}${ext}`);
}
