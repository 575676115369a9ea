import { describe, expect, it } from 'vitest';
import { isPlaceholderName, judgeIdentityValue, placeholderName, sameIdentityValue, vesselAnswersTo, type IdentityField } from './vesselIdentity';

describe('judgeIdentityValue: the one rule for an identity offered from a file or from AIS', () => {
  const cases: [IdentityField, string | number | null, string | number, string | null, ReturnType<typeof judgeIdentityValue>][] = [
    ['imo', null, '9312341', null, { outcome: 'fill' }],
    ['imo', '9312341', '9312341', null, { outcome: 'same' }],
    ['imo', '9312341', '9407861', null, { outcome: 'contradicts', stored: '9312341' }],
    ['imo', null, '9312341', 'Vostok Trader', { outcome: 'taken', holder: 'Vostok Trader' }],
    ['mmsi', null, '273351220', 'Kestrel', { outcome: 'taken', holder: 'Kestrel' }],
    ['mmsi', '273351220', '273351220', 'Kestrel', { outcome: 'same' }],
    // Only MMSI and IMO are held once; a flag or a length another vessel has is no obstacle.
    ['flag', null, 'RU', 'Kestrel', { outcome: 'fill' }],
    ['flag', 'ru', ' RU', null, { outcome: 'same' }],
    ['name', 'Sparta IV', 'SPARTA  IV', null, { outcome: 'same' }],
    ['name', 'Sparta IV', 'SPARTA V', null, { outcome: 'contradicts', stored: 'Sparta IV' }],
    ['lengthM', 128, 128.9, null, { outcome: 'same' }],
    ['lengthM', 128, 129, null, { outcome: 'contradicts', stored: 128 }],
    ['lengthM', null, 154, null, { outcome: 'fill' }],
    // A call sign: case and spacing aside, exact; like a flag, one another vessel has is no obstacle (call signs are reissued).
    ['callSign', null, 'UBVT7', 'Kestrel', { outcome: 'fill' }],
    ['callSign', 'UBVT7', 'ub vt7', null, { outcome: 'same' }],
    ['callSign', 'UBVT7', 'UBVT8', null, { outcome: 'contradicts', stored: 'UBVT7' }],
    ['beamM', 19, 19.4, null, { outcome: 'same' }],
    ['beamM', 19, 24, null, { outcome: 'contradicts', stored: 19 }],
    ['beamM', null, 24, null, { outcome: 'fill' }],
  ];
  it.each(cases)('%s: stored %s, offered %s (holder %s)', (field, stored, offered, holder, expected) => {
    expect(judgeIdentityValue(field, stored, offered, holder)).toEqual(expected);
  });

  it('MMSI and IMO compare exactly (leading zeros matter)', () => {
    expect(sameIdentityValue('mmsi', '002731234', '2731234')).toBe(false);
  });

  it('names a vessel known only by a number, and tells such a name', () => {
    expect(placeholderName({ mmsi: '273351220', imo: '9312341' })).toBe('MMSI 273351220');
    expect(placeholderName({ mmsi: null, imo: '9312341' })).toBe('IMO 9312341');
    expect(placeholderName({ mmsi: null, imo: null })).toBeNull();
    expect([isPlaceholderName('MMSI 273351220'), isPlaceholderName('IMO 9312341'), isPlaceholderName('Sparta IV'), isPlaceholderName('MMSI')]).toEqual([true, true, false, false]);
  });

  it('a vessel answers to its name and its aliases', () => {
    const v = { name: 'Angara', aliases: ['Lady R'] };
    expect([vesselAnswersTo(v, 'ANGARA'), vesselAnswersTo(v, 'lady r'), vesselAnswersTo(v, 'Sparta IV')]).toEqual([true, true, false]);
  });
});
