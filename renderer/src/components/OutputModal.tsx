// The frame the Export, Report and Save-a-copy dialogs share: backdrop, title, intro, the running line and the
// Cancel / submit buttons (OutputModal), the one way their job runs (useOutputRun: a file already there is asked
// about, "Replace it?", then the job repeated with overwrite) and their format buttons (FormatChoice).
import { useEffect, useState, type ReactNode } from 'react';
import { ApiCallError } from '../api/client';
import { useApp } from '../state/appStore';
import { ReplaceQuestion } from './ReplaceQuestion';
import './outputDialogs.css';

const closeDialog = () => useApp.getState().setDialog(null);

/** The server's message is already written for the user; anything else is wrapped so it still reads as a sentence. */
const errorMessage = (e: unknown) => (e instanceof ApiCallError ? e.message : `Something went wrong: ${e instanceof Error ? e.message : String(e)}`);

/** While `busy`, Esc (caught before the shortcut table's handler) neither closes the dialog nor abandons the job. */
function useBusyGuard(busy: boolean) {
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

/**
 * Runs a dialog's job once at a time: busy meanwhile (Esc then neither closes the dialog nor abandons the job),
 * then the job's summary as an information toast and the dialog closed; on failure the message as an error toast,
 * the dialog kept open for a corrected try. `ready` is false while the form cannot be submitted (an empty path…).
 * When the host answers 'exists', `existing` names the file and the dialog asks; `replace` runs the job again with
 * overwrite. `locked` (busy, or asking) keeps the fields still, so Replace replaces the very file it named.
 */
export function useOutputRun(job: (overwrite: boolean) => Promise<string>, ready: boolean) {
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  useBusyGuard(busy);
  const run = async (overwrite = false) => {
    if (!ready || busy) return;
    setExisting(null);
    setBusy(true);
    try {
      const summary = await job(overwrite);
      useApp.getState().toast('info', summary);
      closeDialog();
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'exists' && !overwrite) setExisting(e.path ?? 'The file');
      else useApp.getState().toast('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, ready, run, close: closeDialog, existing, locked: busy || existing !== null, replace: () => run(true), keep: () => setExisting(null) };
}

interface OutputModalProps {
  /** The heading, also the dialog's accessible name. */
  title: string;
  /** Prefix of the test ids: `<kind>-dialog`, `<kind>-working`, `<kind>-submit` (as e2e/pages/OutputDialogsPage.ts reads them). */
  kind: 'export' | 'report' | 'save-copy' | 'figure' | 'timelapse';
  intro: ReactNode;
  /** What useOutputRun returned. */
  output: ReturnType<typeof useOutputRun>;
  /** The running line's words while the job runs. */
  working: string;
  submit: string;
  submitBusy: string;
  /** A job that reports progress: shown instead of the running line, with its own Cancel that stops the job. */
  progress?: { view: ReactNode; stop(): void };
  children: ReactNode;
}

/** A click on the backdrop closes the dialog unless its job is running (Esc closes it through the shortcut table). */
export function OutputModal({ title, kind, intro, output, working, submit, submitBusy, progress, children }: OutputModalProps) {
  const { busy, ready, run, close, existing } = output;
  return (
    <div className="modal-backdrop" onMouseDown={busy ? undefined : close}>
      <form
        className="modal output-dialog"
        role="dialog"
        aria-label={title}
        data-testid={`${kind}-dialog`}
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2>{title}</h2>
        <p className="output-intro">{intro}</p>
        {children}
        {busy && (progress ? progress.view : <WorkingLine text={working} testId={`${kind}-working`} />)}
        {existing !== null ? (
          <ReplaceQuestion file={existing} onReplace={() => void output.replace()} onCancel={output.keep} testId={`${kind}-replace`} />
        ) : (
          <div className="modal-actions">
            {busy && progress ? (
              <button type="button" onClick={progress.stop} data-testid={`${kind}-stop`}>
                Cancel
              </button>
            ) : (
              <button type="button" onClick={close} disabled={busy}>
                Cancel
              </button>
            )}
            <button type="submit" className="primary" data-testid={`${kind}-submit`} disabled={busy || !ready}>
              {busy ? submitBusy : submit}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

/** "Generating the report… 4 s": a spinner and the seconds since the job started, so a long run visibly progresses. */
function WorkingLine({ text, testId }: { text: string; testId: string }) {
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

interface FormatChoiceProps<F extends string> {
  formats: readonly { id: F; label: string }[];
  value: F;
  onChange(format: F): void;
  /** Each button's test id is `<testIdPrefix>-<format>`. */
  testIdPrefix: string;
  disabled: boolean;
  /** What is chosen; "Format" unless said (the figure dialogs choose a layout and a style the same way). */
  label?: string;
}

/** "Format" (or another choice) with one segmented button per option. */
export function FormatChoice<F extends string>({ formats, value, onChange, testIdPrefix, disabled, label = 'Format' }: FormatChoiceProps<F>) {
  return (
    <div className="field-group">
      {label}
      <div className="segmented" role="radiogroup" aria-label={label}>
        {formats.map((f) => (
          <button
            key={f.id}
            type="button"
            role="radio"
            aria-checked={value === f.id}
            className={value === f.id ? 'active' : ''}
            data-testid={`${testIdPrefix}-${f.id}`}
            disabled={disabled}
            onClick={() => onChange(f.id)}
          >
            {f.label}
          </button>
        ))}
      </div>
    </div>
  );
}
