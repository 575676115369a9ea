// The vessel details form: what it shows for a vessel and what saving it changes.
import { describe, expect, it } from 'vitest';
import type { Vessel } from '../../../shared/domain';
import { vesselForm, vesselPatch } from './vesselForm';

const angara: Vessel = { id: 'v1', kind: 'vessel', name: 'Angara', aliases: ['Hai Yang 8'], imo: '9179842', mmsi: null, flag: null, lengthM: 120 };

describe('vessel details form', () => {
  it('shows the record and, unchanged, saves nothing', () => {
    const f = vesselForm(angara);
    expect(f).toEqual({ name: 'Angara', aliases: 'Hai Yang 8', imo: '9179842', mmsi: '', flag: '', lengthM: '120' });
    expect(vesselPatch(angara, f)).toEqual({});
  });

  it('sends only what changed, trimmed; empty fields clear them', () => {
    const f = { ...vesselForm(angara), aliases: ' Hai Yang 8 ,  Lady R ,', imo: '', flag: ' Russia ', lengthM: '152,5' };
    expect(vesselPatch(angara, f)).toEqual({ aliases: ['Hai Yang 8', 'Lady R'], imo: null, flag: 'Russia', lengthM: 152.5 });
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: '' })).toEqual({ lengthM: null });
  });

  it('refuses a missing name or an impossible length with a message', () => {
    expect(vesselPatch(angara, { ...vesselForm(angara), name: '  ' })).toBe('A vessel needs a name.');
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: 'long' })).toMatch(/between 0 and 600/);
    expect(vesselPatch(angara, { ...vesselForm(angara), lengthM: '900' })).toMatch(/between 0 and 600/);
  });
});
