// The workbench around the data: the tool (mode), mark shape, ghosts and snapping toggles, the
// measurement readout, dialogs and toasts.
import type { SightingClass } from '../../../../shared/domain';
import type { ModeSpec } from '../../map/modes/Mode';
import type { Dialog, Slice, Toast } from './storeTypes';

export interface UiSlice {
  mode: ModeSpec;
  /** The geometry new marks get: a click (point) or three clicks (oriented box). */
  markShape: 'point' | 'box';
  ghostsVisible: boolean;
  /** Snap clicks and vertices to zone edges, marks and ghosts; a preference kept across sessions. */
  snapping: boolean;
  measurement: string | null;
  dialog: Dialog;
  toasts: Toast[];

  setMode(mode: ModeSpec): void;
  markWith(cls: SightingClass): void;
  toggleMarkShape(): void;
  toggleGhosts(): void;
  toggleSnapping(): void;
  setMeasurement(text: string | null): void;
  setDialog(d: Dialog): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let toastSeq = 0;
/** A UI preference of this browser profile (not of the project): absent where storage is not. */
function readPreference(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(`quaywatch.${key}`) ?? null;
  } catch {
    return null;
  }
}
function writePreference(key: string, value: string) {
  try {
    globalThis.localStorage?.setItem(`quaywatch.${key}`, value);
  } catch {
    // Storage full or disabled: the preference lasts this session only.
  }
}

export const uiSlice: Slice<UiSlice> = (set, get) => ({
  mode: { name: 'select' },
  markShape: 'point',
  ghostsVisible: true,
  snapping: readPreference('snapping') === 'on',
  measurement: null,
  dialog: null,
  toasts: [],

  setMode(mode) {
    set({
      mode,
      selectedIds: mode.name === 'select' ? get().selectedIds : [],
      selectedZoneId: mode.name === 'select' ? get().selectedZoneId : null,
      measurement: mode.name === 'measure' ? get().measurement : null,
    });
  },

  markWith(cls) {
    get().setMode({ name: 'mark', cls, shape: get().markShape });
  },

  toggleMarkShape() {
    const markShape = get().markShape === 'point' ? 'box' : 'point';
    set({ markShape });
    const m = get().mode;
    if (m.name === 'mark') set({ mode: { ...m, shape: markShape } });
  },

  toggleSnapping() {
    const snapping = !get().snapping;
    set({ snapping });
    writePreference('snapping', snapping ? 'on' : 'off');
    get().toast('info', snapping ? 'Snapping on: to zone edges, marks and ghosts within 10 px (Shift+S)' : 'Snapping off (Shift+S)');
  },
  toggleGhosts() {
    set({ ghostsVisible: !get().ghostsVisible });
  },

  setMeasurement(measurement) {
    set({ measurement });
  },

  setDialog(dialog) {
    set({ dialog });
    if (dialog === 'open' || dialog === 'new') void get().refreshRecent();
  },

  toast(kind, text) {
    const id = ++toastSeq;
    set({ toasts: [...get().toasts, { id, kind, text }] });
    if (kind === 'info') setTimeout(() => get().dismissToast(id), 4000);
  },

  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
});
