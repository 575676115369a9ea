// The vessel details form as plain functions: what the fields show for a vessel, and what saving
// them changes (or why they cannot be saved), so the rules are tested without a browser.
import type { RequestOf } from '../../../shared/api';
import type { Vessel } from '../../../shared/domain';

export type VesselPatch = RequestOf<'vessels.update'>['patch'];

export interface VesselForm {
  name: string;
  aliases: string;
  imo: string;
  mmsi: string;
  callSign: string;
  flag: string;
  lengthM: string;
  beamM: string;
}

export function vesselForm(v: Vessel): VesselForm {
  return {
    name: v.name,
    aliases: v.aliases.join(', '),
    imo: v.imo ?? '',
    mmsi: v.mmsi ?? '',
    callSign: v.callSign ?? '',
    flag: v.flag ?? '',
    lengthM: v.lengthM == null ? '' : String(v.lengthM),
    beamM: v.beamM == null ? '' : String(v.beamM),
  };
}

/** A metres field as typed ("19,5" is 19.5), or null when empty. */
const metres = (s: string): number | null => (s.trim() ? Number(s.trim().replace(',', '.')) : null);

/** What the form changes, or why it cannot be saved (the API checks IMO, MMSI and call sign in full). */
export function vesselPatch(v: Vessel, f: VesselForm): VesselPatch | string {
  const name = f.name.trim();
  if (!name) return 'A vessel needs a name.';
  const aliases = f.aliases.split(',').map((a) => a.trim()).filter(Boolean);
  const orNull = (x: string) => x.trim() || null;
  let lengthM: number | null = null;
  if (f.lengthM.trim()) {
    lengthM = Number(f.lengthM.trim().replace(',', '.'));
    if (!Number.isFinite(lengthM) || lengthM <= 0 || lengthM > 600) return 'Length is in metres, between 0 and 600.';
  }
  const beamM = metres(f.beamM);
  if (beamM !== null && (!Number.isFinite(beamM) || beamM < 1 || beamM > 80)) return 'Beam is in metres, between 1 and 80.';
  // Stored as the API stores it ("ub cd7" is UBCD7), so an unchanged call sign typed otherwise is no change.
  const callSign = f.callSign.trim() ? f.callSign.replace(/\s+/g, '').toUpperCase() : null;
  const patch: VesselPatch = {};
  if (name !== v.name) patch.name = name;
  if (aliases.join('\u0000') !== v.aliases.join('\u0000')) patch.aliases = aliases;
  if (orNull(f.imo) !== v.imo) patch.imo = orNull(f.imo);
  if (orNull(f.mmsi) !== v.mmsi) patch.mmsi = orNull(f.mmsi);
  if (callSign !== v.callSign) patch.callSign = callSign;
  if (orNull(f.flag) !== v.flag) patch.flag = orNull(f.flag);
  if (lengthM !== v.lengthM) patch.lengthM = lengthM;
  if (beamM !== v.beamM) patch.beamM = beamM;
  return patch;
}

const sentence = (m: string) => `${m.charAt(0).toUpperCase()}${m.slice(1)}.`;

/**
 * What is wrong with each field, in the API's own words (its zod schemas), so the form can say it
 * beside the field before anything is sent; empty when the form can be saved. The schemas are loaded
 * when a form is first checked: building every API schema (zod) at load held up the first map frame.
 */
export async function vesselFormProblems(f: VesselForm): Promise<Partial<Record<keyof VesselForm, string>>> {
  const { vesselFields } = await import('../../../shared/calls/editing');
  const problems: Partial<Record<keyof VesselForm, string>> = {};
  const check = (key: keyof VesselForm, schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => {
    const r = schema.safeParse(value);
    if (!r.success) problems[key] = sentence(r.error!.issues[0]!.message);
  };
  check('name', vesselFields.name, f.name);
  if (f.imo.trim()) check('imo', vesselFields.imo, f.imo);
  if (f.mmsi.trim()) check('mmsi', vesselFields.mmsi, f.mmsi);
  if (f.callSign.trim()) check('callSign', vesselFields.callSign, f.callSign);
  if (f.lengthM.trim()) {
    const n = Number(f.lengthM.trim().replace(',', '.'));
    if (!Number.isFinite(n)) problems.lengthM = 'Length is in metres, between 0 and 600.';
    else check('lengthM', vesselFields.lengthM, n);
  }
  const beam = metres(f.beamM);
  if (beam !== null) {
    if (!Number.isFinite(beam)) problems.beamM = 'Beam is in metres, between 1 and 80.';
    else check('beamM', vesselFields.beamM, beam);
  }
  return problems;
}
