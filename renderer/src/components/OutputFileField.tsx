// Parts the Export, Report and Save-a-copy dialogs put inside their OutputModal: the editable target path with quick
// folder choices, the folder they propose, and file sizes as people read them.
import type { FileTypeId } from '../../../shared/calls/files';
import { useApp } from '../state/appStore';
import { chooseFile } from '../files/chooseFiles';
import { folderOf, joinPath } from './outputPaths';
import './outputDialogs.css';

/** The folder the dialogs propose: beside the project file (it exists, and relative imagery paths keep working there). */
export function useProjectFolder(): { projectFolder: string; projectsDir: string } {
  const projectPath = useApp((s) => s.summary?.project.path ?? '');
  const projectsDir = useApp((s) => s.info?.projectsDir ?? '');
  return { projectFolder: folderOf(projectPath), projectsDir };
}

interface FileFieldProps {
  label: string;
  value: string;
  onChange(path: string): void;
  testId: string;
  disabled?: boolean;
  /** Shown under the field, before the sentence every output shares: what gets written. */
  note?: string;
  /** Browse…: a save dialog offering these formats (the first selected); onType hears the one chosen. */
  browse: { title: string; types: FileTypeId[]; onType?(type: FileTypeId): void };
}

/** Where to save: Browse… (the desktop's save dialog, or the app's own in browser mode), or a path typed or pasted, with one-click moves to the project's folder or the projects folder. */
export function FileField({ label, value, onChange, testId, disabled, note, browse }: FileFieldProps) {
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
        <span className="path-row">
          <input className="mono" data-testid={testId} value={value} disabled={disabled} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
          <button
            type="button"
            className="primary"
            disabled={disabled}
            data-testid={`${testId}-browse`}
            onClick={() =>
              void chooseFile({ mode: 'save', title: browse.title, types: browse.types, start: value }).then((r) => {
                if (!r) return;
                onChange(r.path);
                if (r.type) browse.onType?.(r.type);
              })
            }
          >
            Browse…
          </button>
        </span>
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
      {/* Every output goes through the one output guard, which never replaces a file unasked: said here once. */}
      <p className="small muted output-note">{note ? `${note} ` : ''}If a file is already there, you are asked before it is replaced.</p>
    </div>
  );
}

/** 1234567 → "1.2 MB". */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
