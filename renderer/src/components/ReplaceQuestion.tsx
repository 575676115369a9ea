// "port.gpkg already exists. Replace it?": the question an output asks when the host refuses with 'exists' (the
// output-path guard never replaces a file unasked). Shown inside the dialog that asked, in its own style; Replace
// repeats the call with overwrite, Cancel leaves the file as it is and the dialog open for another name.
import { useEffect, useRef } from 'react';
import './replaceQuestion.css';

/** The last part of a path, whichever separator the host's platform uses. */
const baseName = (file: string) => file.split(/[\\/]/).filter(Boolean).pop() ?? file;
const folderOf = (file: string) => file.slice(0, Math.max(0, file.length - baseName(file).length)).replace(/[\\/]$/, '') || file;

interface ReplaceQuestionProps {
  /** The file already there, as the host named it. */
  file: string;
  onReplace(): void;
  onCancel(): void;
  /** Test ids: `<testId>`, `<testId>-cancel`, `<testId>-confirm`. */
  testId: string;
}

export function ReplaceQuestion({ file, onReplace, onCancel, testId }: ReplaceQuestionProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Focus on Cancel: Enter, pressed by habit, must not replace a file.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="replace-question" role="alertdialog" aria-label={`${baseName(file)} already exists`} aria-describedby={`${testId}-text`} data-testid={testId}>
      <p id={`${testId}-text`}>
        <strong>{baseName(file)}</strong> already exists. Replace it?
      </p>
      <p className="replace-where">
        In {folderOf(file)}. Replacing it cannot be undone; Cancel keeps it and lets you choose another name.
      </p>
      <div className="modal-actions">
        <button type="button" ref={cancel} onClick={onCancel} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onReplace} data-testid={`${testId}-confirm`}>
          Replace
        </button>
      </div>
    </div>
  );
}
