// The main window: menu bar, scene list, map, marks panel, timeline and status bar.
import { useApp } from '../state/appStore';
import { TopBar } from './TopBar';
import { SceneList } from './SceneList';
import { MapView } from './MapView';
import { SidePanel } from './SidePanel';
import { Timeline } from './Timeline';
import { StatusBar } from './StatusBar';
import { ProjectDialog } from './ProjectDialog';
import { HelpDialog } from './HelpDialog';
import { AnalystDialog } from './AnalystDialog';
import { Toasts } from './Toasts';
import { ImportDialogHost, useImportDialog } from './ImportDialog';
import { OutputDialogHost } from './OutputDialogs';
import { ReviewPanelHost } from '../review/ReviewPanel';
import { AnalysisHost } from '../analysis/AnalysisHost';
import { ErrorBoundary } from './ErrorBoundary';
import { HostNotice } from './HostNotice';
import { FileDialogHost } from '../files/FileDialog';
import { useFileDialog } from '../files/chooseFiles';
import { useAnalysis } from '../analysis/analysisStore';
import { useReview } from '../review/reviewStore';
import { TeamJoinDialog } from '../team/TeamJoinDialog';

const closeDialog = () => useApp.getState().setDialog(null);

export function App() {
  const dialog = useApp((s) => s.dialog);
  const busy = useApp((s) => s.busy);
  // The review panel takes its own column: it never covers the attributes panel or the timeline.
  const reviewing = useReview((s) => s.open);
  return (
    <div className={reviewing ? 'app reviewing' : 'app'}>
      {/* Each panel in its own boundary: one panel's crash shows its message there, the rest keeps working. */}
      <ErrorBoundary panel="Menu bar">
        <TopBar />
      </ErrorBoundary>
      <div className="workspace">
        <ErrorBoundary panel="Scene list">
          <SceneList />
        </ErrorBoundary>
        <main className="center">
          <ErrorBoundary panel="Map">
            <MapView />
          </ErrorBoundary>
          <ErrorBoundary panel="Timeline">
            <Timeline />
          </ErrorBoundary>
        </main>
        <ErrorBoundary panel="Side panel">
          <SidePanel />
        </ErrorBoundary>
      </div>
      <ErrorBoundary panel="Status bar">
        <StatusBar />
      </ErrorBoundary>
      <ErrorBoundary panel="Dialog" onClose={closeDialog}>
        {(dialog === 'new' || dialog === 'open') && <ProjectDialog mode={dialog} />}
        {dialog === 'help' && <HelpDialog />}
        {dialog === 'analyst' && <AnalystDialog />}
        {dialog === 'teamJoin' && <TeamJoinDialog />}
        <OutputDialogHost />
      </ErrorBoundary>
      <ErrorBoundary panel="Import" onClose={() => useImportDialog.getState().hide()}>
        <ImportDialogHost />
      </ErrorBoundary>
      <ErrorBoundary panel="Review" onClose={() => useReview.getState().open && useReview.getState().toggle()}>
        <ReviewPanelHost />
      </ErrorBoundary>
      <ErrorBoundary panel="Analysis" onClose={() => useAnalysis.getState().setView('map')}>
        <AnalysisHost />
      </ErrorBoundary>
      {busy && (
        <div className="busy" role="status">
          <div className="spinner" aria-hidden />
          {busy}
        </div>
      )}
      <ErrorBoundary panel="File dialog" onClose={() => useFileDialog.getState().finish({ paths: [] })}>
        <FileDialogHost />
      </ErrorBoundary>
      <Toasts />
      <HostNotice />
    </div>
  );
}
