import { describe, expect, it } from 'vitest';
import { fieldInWords, historyLine, plural } from './words';

describe('words an analyst reads', () => {
  it('counts with the right plural', () => {
    expect(plural(1, 'mark')).toBe('1 mark');
    expect(plural(0, 'mark')).toBe('0 marks');
    expect(plural(2, 'analysis', 'analyses')).toBe('2 analyses');
  });

  it('names changed fields in words, not code', () => {
    expect(fieldInWords('vesselId')).toBe('vessel');
    expect(fieldInWords('zoneOverridden')).toBe('zone choice');
    expect(fieldInWords('arrivalAfterSceneId')).toBe('arrival after scene');
  });

  it('an undo in the history does not double its verb', () => {
    expect(historyLine('undo', 'Undo Rotate sighting')).toBe('Undone: Rotate sighting');
    expect(historyLine('redo', 'Redo Move 2 sightings')).toBe('Redone: Move 2 sightings');
    expect(historyLine('edit', 'Undo-proof label')).toBe('Undo-proof label');
  });
});
