// One panel's crash stays in that panel: React unmounts everything up to the nearest error boundary, so
// without one a bad row (a crafted project, a bug) blanked the whole window. Each panel sits in its own.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import './panelFailure.css';

interface Props {
  /** What the user calls the panel ("Map", "Analysis"…), for the message and the test id. */
  panel: string;
  children: ReactNode;
  /** For panels that float over the workspace (analysis, review, dialogs): the message floats too, with a way to close it. */
  onClose?: () => void;
}

interface State {
  error: Error | null;
}

/**
 * Shows "This panel failed: <message>. Your marks are saved." with a Reload button that mounts the panel
 * again. The marks really are saved: every edit is on disk before the call that made it answers.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`The ${this.props.panel} panel failed:`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { panel, onClose } = this.props;
    const id = panel.toLowerCase().replace(/\W+/g, '-');
    const card = (
      <div className="panel-failed" role="alert" data-testid="panel-failed" data-panel={id}>
        <div className="panel-failed-title">{panel}</div>
        <p>
          This panel failed: <span data-testid="panel-failed-message">{(error.message || 'an unexpected error').replace(/\.+$/, '')}</span>. Your marks are
          saved.
        </p>
        <div className="panel-failed-actions">
          <button className="primary" data-testid="panel-reload" onClick={() => this.setState({ error: null })}>
            Reload panel
          </button>
          {onClose && (
            <button
              onClick={() => {
                this.setState({ error: null });
                onClose();
              }}
            >
              Close
            </button>
          )}
        </div>
      </div>
    );
    return onClose ? <div className="panel-failed-floating">{card}</div> : card;
  }
}
