// Keyboard shortcuts: one table, used by the key handler and by the cheat sheet (?).
import { useApp } from './state/appStore';

export interface Shortcut {
  keys: string[];
  label: string;
  run: () => void;
}

const s = () => useApp.getState();

export const SHORTCUTS: Shortcut[] = [
  { keys: ['ArrowRight', ']'], label: 'Next scene (keeps the view)', run: () => s().stepScene(1) },
  { keys: ['ArrowLeft', '['], label: 'Previous scene (keeps the view)', run: () => s().stepScene(-1) },
  { keys: ['Home'], label: 'First scene', run: () => s().goToScene(0) },
  { keys: ['End'], label: 'Last scene', run: () => s().goToScene(s().scenes.length - 1) },
  { keys: ['v'], label: 'Mark vessels (click on the map)', run: () => s().setTool('mark', 'vessel') },
  { keys: ['Escape'], label: 'Back to select / close dialog', run: () => (s().dialog ? s().setDialog(null) : s().setTool('select')) },
  { keys: ['Delete', 'Backspace'], label: 'Delete the selected sighting', run: () => void s().deleteSelected() },
  { keys: ['Ctrl+n'], label: 'New project…', run: () => s().setDialog('new') },
  { keys: ['Ctrl+o'], label: 'Open project…', run: () => s().setDialog('open') },
  { keys: ['?'], label: 'Show this cheat sheet', run: () => s().setDialog('help') },
];

function keyName(e: KeyboardEvent) {
  return (e.ctrlKey || e.metaKey ? 'Ctrl+' : '') + (e.key.length === 1 ? e.key.toLowerCase() : e.key);
}

export function installShortcuts() {
  window.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    // Typing in a field never moves the map or deletes a mark.
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    const name = e.key === '?' ? '?' : keyName(e);
    const shortcut = SHORTCUTS.find((sc) => sc.keys.includes(name));
    if (!shortcut) return;
    if (s().dialog && name !== 'Escape') return;
    e.preventDefault();
    shortcut.run();
  });
}
