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
import { Toasts } from './Toasts';
import { ImportDialogHost } from './ImportDialog';
import { OutputDialogHost } from './OutputDialogs';
import { ReviewPanelHost } from '../review/ReviewPanel';
import { AnalysisHost } from '../analysis/AnalysisHost';

export function App() {
  const dialog = useApp((s) => s.dialog);
  const busy = useApp((s) => s.busy);
  return (
    <div className="app">
      <TopBar />
      <div className="workspace">
        <SceneList />
        <main className="center">
          <MapView />
          <Timeline />
        </main>
        <SidePanel />
      </div>
      <StatusBar />
      {(dialog === 'new' || dialog === 'open') && <ProjectDialog mode={dialog} />}
      {dialog === 'help' && <HelpDialog />}
      <OutputDialogHost />
      <ImportDialogHost />
      <ReviewPanelHost />
      <AnalysisHost />
      {busy && (
        <div className="busy" role="status">
          <div className="spinner" aria-hidden />
          {busy}
        </div>
      )}
      <Toasts />
    </div>
  );
}
