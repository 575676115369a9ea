// The store's shape: one interface per slice (each in its own file), joined here into AppState.
import type { StateCreator } from 'zustand';
import type { Sighting } from '../../../../shared/domain';
import type { ProjectSlice } from './projectSlice';
import type { NavigationSlice } from './navigationSlice';
import type { SelectionSlice } from './selectionSlice';
import type { EditSlice } from './editSlice';
import type { UiSlice } from './uiSlice';

export type Dialog = null | 'new' | 'open' | 'help' | 'export' | 'report' | 'saveCopy' | 'figure' | 'timelapse' | 'analyst' | 'teamJoin';
export type CompareMode = 'off' | 'swipe' | 'side';
export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}
export type SightingPatch = Partial<Pick<Sighting, 'class' | 'geometry' | 'confidence' | 'count' | 'vesselId' | 'trackId' | 'zoneId' | 'notes'>>;

export type AppState = ProjectSlice & NavigationSlice & SelectionSlice & EditSlice & UiSlice;

/** One slice of the store: its creator sees (and may change) the whole state. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
export type SetState = Parameters<Slice<unknown>>[0];
export type GetState = Parameters<Slice<unknown>>[1];
