// Mounts the dialog that takes findings out of the app (export, report, figure, time-lapse, save a copy) when the store's dialog names it,
// and opens one only when a project is open (the menu and the shortcuts both go through openOutputDialog).
import { useApp } from '../state/appStore';
import { ExportDialog } from './ExportDialog';
import { ReportDialog } from './ReportDialog';
import { SaveCopyDialog } from './SaveCopyDialog';
import { FigureDialog } from './FigureDialog';
import { TimelapseDialog } from './TimelapseDialog';

export type OutputDialog = 'export' | 'report' | 'saveCopy' | 'figure' | 'timelapse';

const NEEDS_PROJECT: Record<OutputDialog, string> = {
  export: 'Open a project first: there is nothing to export.',
  report: 'Open a project first: there is nothing to report on.',
  saveCopy: 'Open a project first: there is nothing to copy.',
  figure: 'Open a project first: there is no scene to draw.',
  timelapse: 'Open a project first: there are no scenes to animate.',
};

export function openOutputDialog(kind: OutputDialog) {
  const app = useApp.getState();
  if (!app.summary) app.toast('info', NEEDS_PROJECT[kind]);
  else app.setDialog(kind);
}

export function OutputDialogHost() {
  const dialog = useApp((s) => s.dialog);
  if (dialog === 'export') return <ExportDialog />;
  if (dialog === 'report') return <ReportDialog />;
  if (dialog === 'saveCopy') return <SaveCopyDialog />;
  if (dialog === 'figure') return <FigureDialog />;
  if (dialog === 'timelapse') return <TimelapseDialog />;
  return null;
}
