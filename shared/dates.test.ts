import { instantText, namesZone, parseIsoDate, parseIsoInstant, parseUtcInstant, utcWhen } from './dates';

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

  describe('instants from files and command lines (parseIsoInstant)', () => {
    it.each([
      ['2025-02-01T03:00:00', '2025-02-01T03:00:00.000Z'], // no zone: UTC, never the machine's zone
      ['2025-02-01T03:00', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01 03:00:00', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01t03:00:00z', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T03:00:00Z', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01 03:00:00 UTC', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T12:00:00+09:00', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T12:00:00+0900', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T12:00:00+09', '2025-02-01T03:00:00.000Z'],
      ['2025-01-31T22:00:00-05:00', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T05:30:00+02:30', '2025-02-01T03:00:00.000Z'],
      ['2025-02-01T08:00:00+05:00', '2025-02-01T03:00:00.000Z'],
      ['2025-01-01T01:00:00+02:00', '2024-12-31T23:00:00.000Z'], // across a year
      ['2025-01-14T01:38:45.123456Z', '2025-01-14T01:38:45.123456Z'], // Planet's microseconds: kept
      ['2025-01-14T01:38:45.123000Z', '2025-01-14T01:38:45.123Z'], // none past the ms: the usual form
      ['2025-01-14T01:38:45.1234567Z', '2025-01-14T01:38:45.123456Z'], // past the µs: dropped
      ['2025-01-14T01:38:45.9999999', '2025-01-14T01:38:45.999999Z'], // never rounded into the next second
      ['2025-01-14T01:38:45.5', '2025-01-14T01:38:45.500Z'],
      ['2025-01-14T01:38:45,25Z', '2025-01-14T01:38:45.250Z'],
      ['2025-02-01', '2025-02-01T00:00:00.000Z'], // a day: its UTC midnight
      ['  2024-02-29T23:59:59  ', '2024-02-29T23:59:59.000Z'],
      ['0050-06-01T00:00:00', '0050-06-01T00:00:00.000Z'], // not 1950, as Date.UTC would read it
    ])('%j is %s', (text, iso) => expect(parseIsoInstant(text)).toBe(iso));

    it.each([
      ['yesterday', 'is not a date and time: write it as ISO 8601'],
      ['02/01/2025 03:00', 'is not a date and time'],
      ['1 Feb 2025 03:00', 'is not a date and time'],
      ['2025-02-01T03', 'is not a date and time'],
      ['2025-02-01T03:00:00 Asia/Seoul', 'is not a date and time'],
      ['20250201T030000Z', 'is not a date and time'],
      ['', 'is not a date and time'],
      ['2025-02-30T03:00:00', 'is not a day of the calendar'],
      ['2025-13-01T03:00:00', 'is not a day of the calendar'],
      ['2025-02-01T24:00:00', 'is not a time of day'],
      ['2025-02-01T03:60:00', 'is not a time of day'],
      ['2025-02-01T03:00:60Z', 'is not a time of day'],
      ['2025-02-01T03:00:00+24:00', 'no such time zone offset'],
      ['2025-02-01T03:00:00+09:60', 'no such time zone offset'],
      ['9999-12-31T23:00:00-02:00', 'out of range'],
    ])('%j is refused in words (%s)', (text, words) => {
      const r = parseIsoInstant(text) as { error: string };
      expect(r.error).toContain(words);
      expect(r.error).toContain('a time with no zone is read as UTC');
    });

    it('gives the same instant whatever the machine’s zone (Date.parse would not)', () => {
      const zone = process.env.TZ;
      try {
        for (const tz of ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'Asia/Kathmandu']) {
          process.env.TZ = tz;
          expect(parseIsoInstant('2025-02-01T03:00:00')).toBe('2025-02-01T03:00:00.000Z');
          expect(parseIsoInstant('2025-07-01T03:00:00.5+02:00')).toBe('2025-07-01T01:00:00.500Z');
        }
        process.env.TZ = 'Asia/Seoul';
        expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe(-540); // the zone did change
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });

    it('tells a time that names its zone from one read as UTC', () => {
      expect(['2025-02-01T03:00:00Z', '2025-02-01 03:00 UTC', '2025-02-01T12:00:00+09:00'].map(namesZone)).toEqual([true, true, true]);
      expect(['2025-02-01T03:00:00', '2025-02-01', 'garbage'].map(namesZone)).toEqual([false, false, false]);
    });

    it('reads what the typed-field parser writes, and what toISOString writes, unchanged', () => {
      for (const iso of ['2025-01-20T01:39:05.000Z', '1999-12-31T23:59:59.999Z']) expect(parseIsoInstant(iso)).toBe(iso);
      expect(parseIsoInstant(parseUtcInstant('2025-01-20 01:39') as string)).toBe('2025-01-20T01:39:00.000Z');
    });
  });
});

describe('a scene named by its time', () => {
  it('is the UTC minute, whatever offset the instant was written with', () => {
    expect(utcWhen('2025-01-14T01:38:59Z')).toBe('2025-01-14 01:38 UTC');
    expect(utcWhen('2025-01-14T10:38:00+09:00')).toBe('2025-01-14 01:38 UTC');
  });
});
