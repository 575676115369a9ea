import { instantText, parseIsoDate, parseUtcInstant } from './dates';

describe('dates as analysts type them', () => {
  it.each([
    [' 2025-01-20 ', '2025-01-20'],
    ['2024-02-29', '2024-02-29'],
  ])('date %j is %s', (text, iso) => expect(parseIsoDate(text)).toBe(iso));

  it.each([
    ['01/20/2025', 'is not a date: write it as YYYY-MM-DD'],
    ['2025-02-30', 'is not a day of the calendar'],
    ['2025-1-2', 'is not a date'],
    ['', 'is not a date'],
  ])('date %j is refused in words (%s)', (text, words) => expect((parseIsoDate(text) as { error: string }).error).toContain(words));

  it.each([
    ['2025-01-20 01:39:00', '2025-01-20T01:39:00.000Z'],
    ['2025-01-20T01:39', '2025-01-20T01:39:00.000Z'],
    ['2025-01-20 01:39:05Z', '2025-01-20T01:39:05.000Z'],
    ['2025-01-20 23:59:59 UTC', '2025-01-20T23:59:59.000Z'],
  ])('instant %j is %s, in UTC whatever the machine’s zone', (text, iso) => expect(parseUtcInstant(text)).toBe(iso));

  it.each([
    ['2025-01-20 24:00', 'is not a time of day'],
    ['2025-01-20 01:60', 'is not a time of day'],
    ['2025-02-30 01:00', 'is not a day of the calendar'],
    ['2025-01-20 01:39+02:00', 'is not a date and time'],
    ['01/20/2025 1:39 PM', 'is not a date and time'],
  ])('instant %j is refused in words (%s)', (text, words) => expect((parseUtcInstant(text) as { error: string }).error).toContain(words));

  it('shows an instant the way it is typed', () => {
    expect(instantText('2025-01-20T01:39:05.000Z')).toBe('2025-01-20 01:39:05');
    expect(parseUtcInstant(instantText('2025-01-20T01:39:05.000Z'))).toBe('2025-01-20T01:39:05.000Z');
  });
});
