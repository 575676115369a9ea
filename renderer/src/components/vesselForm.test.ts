// The vessel details form: what it shows for a vessel and what saving it changes.
import { describe, expect, it } from 'vitest';
import type { Vessel } from '../../../shared/domain';
import { vesselForm, vesselFormProblems, vesselPatch } from './vesselForm';

const angara: Vessel = { id: 'v1', kind: 'vessel', name: 'Angara', aliases: ['Hai Yang 8'], imo: '9179842', mmsi: null, flag: null, lengthM: 120, callSign: null, beamM: null };

describe('vessel details form', () => {
  it('shows the record and, unchanged, saves nothing', () => {
    const f = vesselForm(angara);
    expect(f).toEqual({ name: 'Angara', aliases: 'Hai Yang 8', imo: '9179842', mmsi: '', callSign: '', flag: '', lengthM: '120', beamM: '' });
    expect(vesselPatch(angara, f)).toEqual({});
  });

  it('sends only what changed, trimmed; empty fields clear them', () => {
    const f = { ...vesselForm(angara), aliases: ' Hai Yang 8 ,  Lady R ,', imo: '', flag: ' Russia ', lengthM: '152,5' };
    expect(vesselPatch(angara, f)).toEqual({ aliases: ['Hai Yang 8', 'Lady R'], imo: null, flag: 'Russia', lengthM: 152.5 });
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: '' })).toEqual({ lengthM: null });
  });

  it('sends a call sign as the API stores it, and a beam; the same call sign typed otherwise is no change', () => {
    const f = { ...vesselForm(angara), callSign: ' ub cd7 ', beamM: '19,5' };
    expect(vesselPatch(angara, f)).toEqual({ callSign: 'UBCD7', beamM: 19.5 });
    const withCs = { ...angara, callSign: 'UBCD7', beamM: 19.5 };
    expect(vesselForm(withCs)).toMatchObject({ callSign: 'UBCD7', beamM: '19.5' });
    expect(vesselPatch(withCs, { ...vesselForm(withCs), callSign: 'ubcd7' })).toEqual({});
    expect(vesselPatch(withCs, { ...vesselForm(withCs), callSign: '', beamM: '' })).toEqual({ callSign: null, beamM: null });
  });

  it('refuses a missing name or an impossible length with a message', () => {
    expect(vesselPatch(angara, { ...vesselForm(angara), name: '  ' })).toBe('A vessel needs a name.');
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: 'long' })).toMatch(/between 0 and 600/);
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: '900' })).toMatch(/between 0 and 600/);
    expect(vesselPatch(angara, { ...vesselForm(angara), beamM: '90' })).toMatch(/between 1 and 80/);
  });
});

describe('vessel form problems, in the API’s words, beside each field', () => {
  const base = { name: 'Angara', aliases: '', imo: '', mmsi: '', callSign: '', flag: '', lengthM: '', beamM: '' };
  it.each([
    [{ imo: '9074728' }, 'imo', 'That IMO number fails its check digit; check for a typo.'],
    [{ imo: '12345' }, 'imo', 'An IMO number has 7 digits.'],
    [{ mmsi: '27334' }, 'mmsi', 'An MMSI has 9 digits.'],
    [{ lengthM: '900' }, 'lengthM', 'Length must be between 0 and 600 m.'],
    [{ lengthM: 'long' }, 'lengthM', 'Length is in metres, between 0 and 600.'],
    [{ name: ' ' }, 'name', 'A vessel needs a name.'],
    [{ callSign: 'UB' }, 'callSign', 'A call sign has 3 to 7 letters and digits.'],
    [{ callSign: 'UBCD7890' }, 'callSign', 'A call sign has 3 to 7 letters and digits.'],
    [{ callSign: 'UB-CD7' }, 'callSign', 'A call sign has 3 to 7 letters and digits.'],
    [{ beamM: '95' }, 'beamM', 'Beam must be between 1 and 80 m.'],
    [{ beamM: 'wide' }, 'beamM', 'Beam is in metres, between 1 and 80.'],
  ])('%j → %s: %s', async (change, field, words) => {
    expect(await vesselFormProblems({ ...base, ...change })).toEqual({ [field]: words });
  });
  it('a valid form, IMO written with its prefix, has no problem', async () => {
    expect(await vesselFormProblems({ ...base, imo: 'IMO 9074729', mmsi: '273345120', callSign: 'ub cd7', lengthM: '152,5', beamM: '22,4' })).toEqual({});
  });
});
