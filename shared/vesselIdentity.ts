// THE rule for a vessel's identity offered from outside the analyst's hand (a sightings file's columns,
// AIS static data): a value fills a field the vessel lacks; one that differs from the stored value
// contradicts it and is reported, never applied; an MMSI or IMO another vessel already holds is not
// given to a second one (the project records each once: store/editing.ts checkVesselIds refuses it).
// The sightings importer and the AIS identities (shared/ais/identities.ts) both judge through here.
import type { Vessel } from './domain';

/** The identity fields an outside source may offer of a vessel. */
export type IdentityField = 'name' | 'mmsi' | 'imo' | 'callSign' | 'flag' | 'lengthM' | 'beamM';

export const IDENTITY_WORDS: Record<IdentityField, string> = { name: 'name', mmsi: 'MMSI', imo: 'IMO', callSign: 'call sign', flag: 'flag', lengthM: 'length', beamM: 'beam' };

type IdentityValue = string | number;

/** Names, call signs and flags compare without case or spacing: AIS sends "SPARTA IV", the analyst writes "Sparta IV". */
export const normalIdentityText = (s: string): string => s.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Whether two values of a field say the same thing. MMSI and IMO are exact; a call sign ignores case and
 * any spacing ("ub cd7" is UBCD7); other text ignores case and spacing; lengths and beams agree to the
 * metre (AIS gives whole metres from bow and stern, port and starboard distances, an analyst's may be
 * measured on the image or typed with a decimal).
 */
export function sameIdentityValue(field: IdentityField, a: IdentityValue, b: IdentityValue): boolean {
  if (field === 'lengthM' || field === 'beamM') return Math.abs(Number(a) - Number(b)) < 1;
  if (field === 'mmsi' || field === 'imo') return String(a) === String(b);
  if (field === 'callSign') return String(a).replace(/\s+/g, '').toUpperCase() === String(b).replace(/\s+/g, '').toUpperCase();
  return normalIdentityText(String(a)) === normalIdentityText(String(b));
}

/** "128 × 19 m" (length × beam), "128 m", "beam 19 m", or null: a vessel's size as the app and the command line say it. */
export function sizeText(lengthM: number | null, beamM: number | null): string | null {
  if (lengthM === null) return beamM === null ? null : `beam ${beamM} m`;
  return `${lengthM}${beamM !== null ? ` × ${beamM}` : ''} m`;
}

/** The name a vessel gets when only its MMSI or IMO is known ("MMSI 273123456"): a name still to be filled. */
export function placeholderName(id: { mmsi: string | null; imo: string | null }): string | null {
  return id.mmsi ? `MMSI ${id.mmsi}` : id.imo ? `IMO ${id.imo}` : null;
}

export const isPlaceholderName = (name: string): boolean => /^(MMSI|IMO) \d+$/.test(name.trim());

/** Whether `name` is the vessel's name or one of its aliases (a former name the analyst recorded agrees). */
export const vesselAnswersTo = (v: Pick<Vessel, 'name' | 'aliases'>, name: string): boolean =>
  [v.name, ...v.aliases].some((n) => sameIdentityValue('name', n, name));

/**
 * What an offered value does to a vessel's field:
 * - fill: the vessel lacks it (for a name: its name is a placeholder) and nobody else holds it;
 * - same: the vessel already says so;
 * - contradicts: the vessel says something else (`stored`): reported, never applied;
 * - taken: an MMSI or IMO that `holder` (another vessel) already has: not given to a second vessel.
 */
export type IdentityJudgement =
  | { outcome: 'fill' }
  | { outcome: 'same' }
  | { outcome: 'contradicts'; stored: IdentityValue }
  | { outcome: 'taken'; holder: string };

/**
 * Judges one offered value against the stored one. `holder` is the name of another vessel that already
 * has this MMSI or IMO (null when none, or for other fields); names pass `stored` null when the vessel's
 * name is a placeholder, and use `vesselAnswersTo` first so an alias agrees.
 */
export function judgeIdentityValue(field: IdentityField, stored: IdentityValue | null, offered: IdentityValue, holder: string | null = null): IdentityJudgement {
  if (stored !== null) return sameIdentityValue(field, stored, offered) ? { outcome: 'same' } : { outcome: 'contradicts', stored };
  if ((field === 'mmsi' || field === 'imo') && holder !== null) return { outcome: 'taken', holder };
  return { outcome: 'fill' };
}
