// The current scene's marks and ghosts are read on every store change (each click, each toast):
// they must come back as the same array while their inputs are unchanged, and be right when not.
import { describe, expect, it } from 'vitest';
import type { Scene, Sighting } from '../../../shared/domain';
import { ghostsOfCurrentScene, sightingsOfCurrentScene, useApp } from './appStore';

type State = ReturnType<typeof useApp.getState>;
const scene = (id: string) => ({ id }) as Scene;
const mark = (id: string, sceneId: string, vesselId: string | null = null) =>
  ({ id, sceneId, vesselId, trackId: null, class: 'vessel', geometry: { type: 'Point', coordinates: [0, 0] } }) as unknown as Sighting;
const state = (sightings: Sighting[], sceneIndex: number) =>
  ({ ...useApp.getState(), scenes: [scene('a'), scene('b')], sceneIndex, sightings }) as State;

describe('current scene selectors', () => {
  const marks = [mark('1', 'a', 'v1'), mark('2', 'a', 'v2'), mark('3', 'b', 'v1'), mark('4', 'b')];

  it('lists the current scene’s marks, the same array while marks and scene are unchanged', () => {
    const s = state(marks, 1);
    const here = sightingsOfCurrentScene(s);
    expect(here.map((x) => x.id)).toEqual(['3', '4']);
    expect(sightingsOfCurrentScene({ ...s, selectedIds: ['3'] })).toBe(here);
    expect(sightingsOfCurrentScene(state(marks, 0)).map((x) => x.id)).toEqual(['1', '2']);
    const edited = [...marks, mark('5', 'b')];
    expect(sightingsOfCurrentScene(state(edited, 1)).map((x) => x.id)).toEqual(['3', '4', '5']);
  });

  it('ghosts are the previous scene’s marks whose vessel is not yet marked here', () => {
    const s = state(marks, 1);
    const ghosts = ghostsOfCurrentScene(s);
    expect(ghosts.map((x) => x.id)).toEqual(['2']);
    expect(ghostsOfCurrentScene({ ...s })).toBe(ghosts);
    expect(ghostsOfCurrentScene(state([...marks, mark('6', 'b', 'v2')], 1))).toEqual([]);
    expect(ghostsOfCurrentScene(state(marks, 0))).toEqual([]);
  });
});
