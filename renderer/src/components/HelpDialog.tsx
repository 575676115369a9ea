// The keyboard cheat sheet, generated from the shortcut table itself, grouped as the table is.
import { SHORTCUTS, type ShortcutGroup } from '../shortcuts';
import { useApp } from '../state/appStore';

const NAMES: Record<string, string> = { ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc', Delete: 'Del', Backspace: '⌫' };
/** "Shift+ArrowRight" → "Shift+→", "Shift+v" → "Shift+V": each part of a chord named as on the keycap. */
const pretty = (k: string) =>
  k
    .split('+')
    .map((part) => NAMES[part] ?? (/^[a-z]$/.test(part) ? part.toUpperCase() : part))
    .join('+');

export function HelpDialog() {
  const close = () => useApp.getState().setDialog(null);
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))] as ShortcutGroup[];
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div className="modal wide" role="dialog" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <div className="shortcut-groups" data-testid="cheat-sheet">
          {groups.map((g) => (
            <table className="shortcuts" key={g}>
              <thead>
                <tr>
                  <th colSpan={2}>{g}</th>
                </tr>
              </thead>
              <tbody>
                {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                  <tr key={s.label}>
                    <td className="keys">
                      {s.keys.map((k) => (
                        <kbd key={k}>{pretty(k)}</kbd>
                      ))}
                    </td>
                    <td>{s.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
        <p className="muted small">Shift-click adds to the selection; shift-drag selects with a box. Drag a mark to move it, a corner to reshape it.</p>
        <div className="modal-actions">
          <button onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
