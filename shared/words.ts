// Words the app shows an analyst, in one place so every screen says a thing the same way: counts
// with their plural ("1 mark", "2 marks"), and the names of changed fields in words, not in code.

/** "1 mark", "3 marks", "0 marks"; `many` for irregular plurals ("1 analysis", "2 analyses"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What an analyst calls each stored field of a sighting or a zone; unknown fields are spelled out. */
const FIELD_WORDS: Record<string, string> = {
  vesselId: 'vessel',
  trackId: 'track',
  zoneId: 'zone',
  zoneOverridden: 'zone choice',
  sceneId: 'scene',
  geometry: 'shape or position',
  class: 'class',
  confidence: 'confidence',
  count: 'container count',
  notes: 'notes',
  name: 'name',
  kind: 'kind',
  author: 'author',
};

/** A stored field's name in words: "vesselId" → "vessel", "someNewField" → "some new field". */
export function fieldInWords(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * One line of an edit's history. An undo is stored under the label "Undo <what it undid>", so the
 * line reads "Undone: Rotate sighting", never "Undo: Undo Rotate sighting".
 */
export function historyLine(action: 'edit' | 'undo' | 'redo', label: string): string {
  if (action === 'edit') return label;
  const what = label.replace(/^(Undo|Redo) /, '');
  return `${action === 'undo' ? 'Undone' : 'Redone'}: ${what}`;
}
