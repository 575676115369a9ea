// File → Save a copy… (Ctrl+Shift+S): a consistent snapshot of the open project (project.saveCopy), for a backup or to
// hand over. The open project stays open; a file already there is replaced only when the user says so.
import { useState } from 'react';
import { call } from '../api/client';
import { useApp } from '../state/appStore';
import { FileField, fmtBytes, useProjectFolder } from './OutputFileField';
import { OutputModal, useOutputRun } from './OutputModal';
import { defaultOutputPath, todayUtc } from './outputPaths';

export function SaveCopyDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const { projectFolder } = useProjectFolder();
  const [path, setPath] = useState(() => defaultOutputPath(projectFolder, projectName, `copy ${todayUtc()}`, '.quaywatch'));
  const output = useOutputRun(async (overwrite) => {
    const saved = await call('project.saveCopy', { path: path.trim(), overwrite });
    return `Copy saved: ${saved.path} (${fmtBytes(saved.bytes)}). You are still working in the original.`;
  }, !!path.trim());

  return (
    <OutputModal
      title="Save a copy"
      kind="save-copy"
      intro={
        <>
          A complete snapshot of {projectName} as it is now: scenes, zones, sightings, vessels and the edit history. You keep working in the original; the copy can
          be opened on its own with File&nbsp;→&nbsp;Open.
        </>
      }
      output={output}
      working="Saving the copy…"
      submit="Save copy"
      submitBusy="Saving…"
    >
      <FileField
        label="Copy to"
        value={path}
        onChange={setPath}
        testId="save-copy-path"
        disabled={output.locked}
        browse={{ title: 'Save a copy as', types: ['project'] }}
        note="Imagery is not copied: keep the copy in the project’s folder so it finds the same images."
      />
    </OutputModal>
  );
}
