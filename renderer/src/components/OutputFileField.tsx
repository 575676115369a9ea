// Parts shared by the Export, Report and Save-a-copy dialogs: the editable target path with quick folder choices,
// the "working…" line with elapsed seconds, and a guard that keeps Esc from closing a dialog whose job is running.
import { useEffect, useState } from 'react';
import { ApiCallError } from '../api/client';
import { useApp } from '../state/appStore';
import { folderOf, joinPath } from './outputPaths';
import './outputDialogs.css';

/** The server's message is already written for the user; anything else is wrapped so it still reads as a sentence. */
export const errorMessage = (e: unknown) => (e instanceof ApiCallError ? e.message : `Something went wrong: ${e instanceof Error ? e.message : String(e)}`);

/** The folder the dialogs propose: beside the project file (it exists, and relative imagery paths keep working there). */
export function useProjectFolder(): { projectFolder: string; projectsDir: string } {
  const projectPath = useApp((s) => s.summary?.project.path ?? '');
  const projectsDir = useApp((s) => s.info?.projectsDir ?? '');
  return { projectFolder: folderOf(projectPath), projectsDir };
}

/** While `busy`, Esc (caught before the shortcut table's handler) neither closes the dialog nor abandons the job. */
export function useBusyGuard(busy: boolean) {
  useEffect(() => {
    if (!busy) return;
    const guard = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      e.preventDefault();
    };
    window.addEventListener('keydown', guard, true);
    return () => window.removeEventListener('keydown', guard, true);
  }, [busy]);
}

interface FileFieldProps {
  label: string;
  value: string;
  onChange(path: string): void;
  testId: string;
  disabled?: boolean;
  /** Shown under the field: what gets written, and what happens to a file already there. */
  note?: string;
}

/** A path typed or pasted (there is no native save dialog), with one-click moves to the project's folder or the projects folder. */
export function FileField({ label, value, onChange, testId, disabled, note }: FileFieldProps) {
  const { projectFolder, projectsDir } = useProjectFolder();
  const name = value.slice(folderOf(value).length).replace(/^[\\/]/, '');
  const here = folderOf(value);
  // Only the folders the file is not in already: a disabled "current folder" link read as plain, puzzling text.
  const moves = [
    { id: 'project-folder', folder: projectFolder, label: 'the project’s folder' },
    { id: 'projects-folder', folder: projectsDir, label: `the projects folder (${projectsDir})` },
  ].filter((m, i, all) => m.folder && m.folder !== here && all.findIndex((x) => x.folder === m.folder) === i);
  return (
    <div className="output-file">
      <label>
        {label}
        <input className="mono" data-testid={testId} value={value} disabled={disabled} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      </label>
      {moves.length > 0 && (
        <div className="output-folders small muted">
          <span>Move to</span>
          {moves.map((m) => (
            <button type="button" key={m.folder} className="link" disabled={disabled} onClick={() => onChange(joinPath(m.folder, name))} title={m.folder} data-testid={`${testId}-${m.id}`}>
              {m.label}
            </button>
          ))}
        </div>
      )}
      {note && <p className="small muted output-note">{note}</p>}
    </div>
  );
}

/** "Generating the report… 4 s": a spinner and the seconds since the job started, so a long run visibly progresses. */
export function WorkingLine({ text, testId }: { text: string; testId: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="output-working" role="status" data-testid={testId}>
      <div className="spinner" aria-hidden />
      <span>
        {text}
        {seconds > 0 && <span className="muted"> {seconds} s</span>}
      </span>
    </div>
  );
}

/** 1234567 → "1.2 MB". */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
