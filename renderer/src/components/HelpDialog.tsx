// The keyboard cheat sheet, generated from the shortcut table itself.
import { SHORTCUTS } from '../shortcuts';
import { useApp } from '../state/appStore';

const pretty = (k: string) => ({ ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc', Delete: 'Del', Backspace: '⌫' })[k] ?? k;

export function HelpDialog() {
  const close = () => useApp.getState().setDialog(null);
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div className="modal" role="dialog" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts" data-testid="cheat-sheet">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.label}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{pretty(k)}</kbd>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
