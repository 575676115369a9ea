// Keyboard shortcuts: one table, used by the key handler and by the cheat sheet (?).
import type { SightingClass } from '../../shared/domain';
import { useApp } from './state/appStore';
import { mapController } from './map/MapController';
import { openImportDialog } from './components/ImportDialog';
import { openOutputDialog } from './components/OutputDialogs';
import { useReview } from './review/reviewStore';
import { useAnalysis } from './analysis/analysisStore';
import { useTheme } from './theme';
import { useAis } from './ais/aisStore';

export type ShortcutGroup = 'Scenes' | 'Tools' | 'Edit' | 'Compare' | 'Project';

export interface Shortcut {
  keys: string[];
  label: string;
  group: ShortcutGroup;
  run: () => void;
}

const s = () => useApp.getState();
const mark = (cls: SightingClass) => () => s().markWith(cls);

export const SHORTCUTS: Shortcut[] = [
  { group: 'Scenes', keys: ['ArrowRight', ']'], label: 'Next scene (keeps the view; skips filtered-out scenes)', run: () => s().stepScene(1) },
  { group: 'Scenes', keys: ['ArrowLeft', '['], label: 'Previous scene (keeps the view)', run: () => s().stepScene(-1) },
  { group: 'Scenes', keys: ['Shift+ArrowRight'], label: 'Next scene still to examine', run: () => void s().stepUnexamined(1) },
  { group: 'Scenes', keys: ['Shift+ArrowLeft'], label: 'Previous scene still to examine', run: () => void s().stepUnexamined(-1) },
  { group: 'Scenes', keys: ['e'], label: 'Done: this scene is examined (every zone it shows), then the next one to examine', run: () => void s().examineScene() },
  { group: 'Scenes', keys: ['Home'], label: 'First scene', run: () => s().goToScene(0) },
  { group: 'Scenes', keys: ['End'], label: 'Last scene', run: () => s().goToScene(s().scenes.length - 1) },
  { group: 'Scenes', keys: ['d'], label: 'Jump to date…', run: () => document.querySelector<HTMLInputElement>('[data-testid="jump-date"]')?.focus() },
  { group: 'Scenes', keys: ['g'], label: 'Show / hide ghosts (previous scene’s marks)', run: () => s().toggleGhosts() },
  { group: 'Scenes', keys: ['i'], label: 'Show / hide AIS at the scene’s instant (where each transponder put its ship, ± the window)', run: () => useAis.getState().toggle() },
  { group: 'Tools', keys: ['s', 'Escape'], label: 'Select tool (Esc also cancels a drawing or closes a dialog)', run: () => escape() },
  { group: 'Tools', keys: ['v', '1'], label: 'Mark vessels', run: mark('vessel') },
  { group: 'Tools', keys: ['c', '2'], label: 'Mark container stacks', run: mark('container_stack') },
  { group: 'Tools', keys: ['3'], label: 'Mark aircraft', run: mark('aircraft') },
  { group: 'Tools', keys: ['4'], label: 'Mark vehicles', run: mark('vehicle') },
  { group: 'Tools', keys: ['5'], label: 'Mark other objects', run: mark('other') },
  { group: 'Tools', keys: ['b'], label: 'Marks as points ⇄ oriented boxes (bow, stern, side)', run: () => s().toggleMarkShape() },
  { group: 'Tools', keys: ['Shift+s'], label: 'Snapping on / off (to zone edges, marks and ghosts)', run: () => s().toggleSnapping() },
  { group: 'Tools', keys: ['z'], label: 'Draw a zone (double-click to close)', run: () => s().setMode({ name: 'zone' }) },
  { group: 'Tools', keys: ['m'], label: 'Measure distance (true metres)', run: () => s().setMode({ name: 'measure', kind: 'distance' }) },
  { group: 'Tools', keys: ['Shift+m'], label: 'Measure area', run: () => s().setMode({ name: 'measure', kind: 'area' }) },
  { group: 'Edit', keys: ['a'], label: 'Accept the ghost under the pointer (or selected) as a sighting here', run: () => void s().acceptGhost(mapController.hoveredGhostId()) },
  { group: 'Edit', keys: ['f'], label: 'Carry the selected sightings forward to the next scene', run: () => void s().carryForward() },
  { group: 'Edit', keys: ['Shift+v'], label: 'Confirm the selected marks: you see them on this scene (carried marks count only once confirmed)', run: () => void s().verifySelected() },
  { group: 'Edit', keys: ['p'], label: 'Same vessel/track as on the previous scene', run: () => void s().sameAsPrevious() },
  { group: 'Edit', keys: ['r'], label: 'Rotate the selected box 15° clockwise', run: () => void s().rotateSelected(15) },
  { group: 'Edit', keys: ['Shift+r'], label: 'Rotate the selected box 15° anticlockwise', run: () => void s().rotateSelected(-15) },
  { group: 'Edit', keys: ['Delete', 'Backspace'], label: 'Delete the selection', run: () => void s().deleteSelected() },
  { group: 'Edit', keys: ['Ctrl+z'], label: 'Undo', run: () => void s().undo() },
  { group: 'Edit', keys: ['Ctrl+Shift+z', 'Ctrl+y'], label: 'Redo', run: () => void s().redo() },
  { group: 'Compare', keys: ['w'], label: 'Compare with another date: swipe → side by side → off', run: () => s().cycleCompare() },
  { group: 'Project', keys: ['Ctrl+n'], label: 'New project…', run: () => s().setDialog('new') },
  { group: 'Project', keys: ['Ctrl+o'], label: 'Open project…', run: () => s().setDialog('open') },
  { group: 'Project', keys: ['Ctrl+i'], label: 'Import imagery…', run: () => openImportDialog() },
  { group: 'Project', keys: ['Ctrl+e'], label: 'Export data (CSV, GeoJSON, KML, GeoPackage)…', run: () => openOutputDialog('export') },
  { group: 'Project', keys: ['Ctrl+p'], label: 'Report (PDF or HTML)…', run: () => openOutputDialog('report') },
  { group: 'Project', keys: ['Ctrl+Shift+f'], label: 'Save figure (annotated still or before/after: PNG, SVG, PDF)…', run: () => openOutputDialog('figure') },
  { group: 'Project', keys: ['Ctrl+Shift+s'], label: 'Save a copy of the project…', run: () => openOutputDialog('saveCopy') },
  { group: 'Project', keys: ['Shift+q'], label: 'Review panel: queue (C confirm, D dispute, R reject, N/P next/previous), conflicts, agreement, packages', run: () => useReview.getState().toggle() },
  { group: 'Project', keys: ['Shift+a'], label: 'Map ⇄ Analysis (visits, dwell, coverage)', run: () => useAnalysis.getState().toggleView() },
  { group: 'Project', keys: ['Shift+t'], label: 'Theme: system → dark → light → print', run: () => useTheme.getState().cycle() },
  { group: 'Project', keys: ['?'], label: 'Show this cheat sheet', run: () => s().setDialog('help') },
];

/** Esc backs out one level: dialog, then a zone waiting for its name, then the tool, then the selection. */
function escape() {
  const st = s();
  if (st.dialog) st.setDialog(null);
  else if (st.pendingZone) st.cancelZone();
  else if (st.mode.name !== 'select') st.setMode({ name: 'select' });
  else st.select([]);
}

export function keyName(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): string {
  if (e.key === '?') return '?';
  const letter = e.key.length === 1 && /[a-z]/i.test(e.key);
  return (e.ctrlKey || e.metaKey ? 'Ctrl+' : '') + (letter && e.shiftKey ? 'Shift+' : '') + (e.key.length === 1 ? e.key.toLowerCase() : e.key);
}

/**
 * Where keys are text (or a choice): a text field, a select, editable text — not a ticked box or a button. A select
 * takes letters and arrows (to pick an option) but no Ctrl+key, so one chosen with the mouse keeps those the app's
 * (Save figure right after choosing the Analysis view's zone).
 */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);
function isTyping(el: HTMLElement, e: KeyboardEvent): boolean {
  if (el.tagName === 'INPUT') return !NOT_TYPED.has((el as HTMLInputElement).type);
  if (el.tagName === 'SELECT') return !(e.ctrlKey || e.metaKey);
  return el.tagName === 'TEXTAREA' || el.isContentEditable;
}

export function installShortcuts() {
  window.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    // Typing in a field never moves the map or deletes a mark. Esc in a dialog's field closes the
    // dialog, as desktop dialogs do (most open with a field focused); elsewhere it leaves the field.
    if (target && isTyping(target, e)) {
      if (e.key !== 'Escape') return;
      if (s().dialog && target.closest('[role=dialog], .modal')) s().setDialog(null);
      else target.blur();
      return;
    }
    const name = keyName(e);
    const shortcut = SHORTCUTS.find((sc) => sc.keys.includes(name));
    if (!shortcut) return;
    if (s().dialog && name !== 'Escape') return;
    e.preventDefault();
    shortcut.run();
  });
}
