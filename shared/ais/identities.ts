// Vessel identities from AIS static data (types 5 and 24, the static columns of a CSV): what each MMSI
// said it was over time, which project vessel that is (by IMO, else by MMSI), what it would fill in
// (proposals, applied only by the analyst through vessels.update / vessels.create), what contradicts the
// project (conflicts, said in words and never applied) and the ships the project has no vessel for.
//
// One MMSI can belong to two ships over time (a transponder moved, a number reused, a ship renamed): the
// reports are cut into identities at each change of name or IMO, each with the periods it was
// broadcast, and an identity is never merged into a vessel whose IMO it contradicts. Whether a value
// fills or contradicts a field is THE rule of shared/vesselIdentity.ts, as for the sightings importer.
import type { Id, Vessel } from '../domain';
import { vesselFields } from '../calls/editing';
import { IDENTITY_WORDS, isPlaceholderName, judgeIdentityValue, placeholderName, sameIdentityValue, sizeText, vesselAnswersTo } from '../vesselIdentity';
import type { AisStatic, Mmsi } from './types';

/** The vessel fields an AIS identity may fill. */
export type AisIdentityPatch = Partial<Pick<Vessel, 'name' | 'imo' | 'mmsi' | 'callSign' | 'lengthM' | 'beamM'>>;

/** A run of consecutive static reports of one MMSI that agree on name and IMO. */
export interface AisIdentityPeriod {
  /** First and last report of the run (ISO UTC). */
  from: string;
  to: string;
  reports: number;
}

/** One identity an MMSI broadcast: its name and IMO, the latest call sign and dimensions sent with them, and when. */
export interface AisBroadcastIdentity {
  /** As broadcast (AIS sends upper case); null when no report named it (e.g. only type 24 part B). */
  name: string | null;
  imo: string | null;
  callSign: string | null;
  /** Length from bow and stern distances (A + B) and beam from port and starboard (C + D), metres. */
  lengthM: number | null;
  beamM: number | null;
  shipType: number | null;
  /** The runs in which it was broadcast, oldest first (more than one: the MMSI said something else between). */
  periods: AisIdentityPeriod[];
  /** The project's vessel this identity is, and how it was told: by IMO, else by MMSI; null: none. */
  vesselId: Id | null;
  linkedBy: 'imo' | 'mmsi' | null;
}

/** Fields AIS would fill on a project vessel that lacks them: one Apply, one vessels.update, one undo step. */
export interface AisIdentityProposal {
  mmsi: Mmsi;
  vesselId: Id;
  vesselName: string;
  /** vessels.update's patch, each value checked with the API's own field schema. */
  patch: AisIdentityPatch;
  /** "IMO 9354521, call sign UBSP4, length 154 m, beam 24 m". */
  text: string;
  /** The identity it comes from (index into `identities`) and when it was broadcast last. */
  identity: number;
  lastBroadcast: string;
}

export type AisIdentityConflictKind =
  /** The MMSI broadcast more than one identity over time: another ship using the number (different IMO or name). */
  | 'ships'
  /** The MMSI broadcast one IMO under more than one name: the same ship renamed. */
  | 'renamed'
  /** The project calls the vessel by a name AIS never used (neither its name nor an alias). */
  | 'name'
  /** The vessel AIS names by IMO has another MMSI in the project. */
  | 'mmsi'
  /** AIS gives a call sign the project's vessel contradicts (reflagged, or a wrong link). */
  | 'callSign'
  /** AIS gives a length the project's vessel contradicts. */
  | 'length'
  /** AIS gives a beam (C + D) the project's vessel contradicts. */
  | 'beam'
  /** AIS names an MMSI or IMO another project vessel already holds: not given to a second vessel. */
  | 'taken'
  /** AIS sends a value the API would refuse (an IMO failing its check digit, a length past 600 m, a call sign of 8 characters). */
  | 'invalid';

/** A conflict's kind in two or three words: the app's tag and the command line's. */
export const CONFLICT_KIND_WORDS: Record<AisIdentityConflictKind, string> = {
  ships: 'two ships?',
  renamed: 'renamed',
  name: 'name differs',
  mmsi: 'MMSI differs',
  callSign: 'call sign differs',
  length: 'length differs',
  beam: 'beam differs',
  taken: 'held by another',
  invalid: 'not usable',
};

/** What AIS says against the project, side by side and in words. Never applied. */
export interface AisIdentityConflict {
  mmsi: Mmsi;
  kind: AisIdentityConflictKind;
  /** The project vessels concerned. */
  vesselIds: Id[];
  /** What the project says ("Angara: MMSI 273…, IMO 9…"), or "no vessel". */
  project: string;
  /** The identities concerned (indices into `identities`), for a view that shows each with its periods. */
  identities: number[];
  /** The same in words ("ANGARA (no IMO) 2025-01-02 to 2025-01-20; LADY R (no IMO) on 2025-01-22"). */
  ais: string;
  /** One sentence: what it may mean and that nothing was changed. */
  text: string;
}

/** A ship AIS names that no project vessel is: "Add as vessel" sends `create` to vessels.create. */
export interface AisUnknownShip {
  mmsi: Mmsi;
  /** Index into `identities`. */
  identity: number;
  name: string;
  /** vessels.create's request (kind vessel), each value checked with the API's own field schema. */
  create: { name: string; imo: string | null; mmsi: string | null; callSign: string | null; lengthM: number | null; beamM: number | null };
  /** Why a field is left out (the MMSI is another vessel's), or null. */
  note: string | null;
  firstBroadcast: string;
  lastBroadcast: string;
}

/** Everything AIS static data says of one MMSI's identity. */
export interface AisMmsiIdentities {
  mmsi: Mmsi;
  identities: AisBroadcastIdentity[];
  proposals: AisIdentityProposal[];
  conflicts: AisIdentityConflict[];
  unknown: AisUnknownShip[];
}

export type AisIdentityVessel = Pick<Vessel, 'id' | 'kind' | 'name' | 'aliases' | 'imo' | 'mmsi' | 'callSign' | 'lengthM' | 'beamM'>;

const iso = (t: number): string => new Date(t).toISOString();

/** "2025-01-02 to 2025-01-20", "on 2025-01-03". */
export function periodText(p: { from: string; to: string }): string {
  const a = p.from.slice(0, 10);
  const b = p.to.slice(0, 10);
  return a === b ? `on ${a}` : `${a} to ${b}`;
}

/** At most this many periods are spelled out per identity; the rest are counted. */
const PERIODS_IN_WORDS = 3;

function identityText(i: AisBroadcastIdentity): string {
  const who = `${i.name ?? 'no name'} (${i.imo ? `IMO ${i.imo}` : 'no IMO'})`;
  const shown = i.periods.slice(0, PERIODS_IN_WORDS).map(periodText).join(', ');
  const more = i.periods.length > PERIODS_IN_WORDS ? ` and ${i.periods.length - PERIODS_IN_WORDS} more periods` : '';
  return `${who} ${shown}${more}`;
}

function vesselText(v: AisIdentityVessel): string {
  const ids = [v.mmsi && `MMSI ${v.mmsi}`, v.imo && `IMO ${v.imo}`, v.callSign && `call sign ${v.callSign}`, sizeText(v.lengthM, v.beamM)].filter(Boolean);
  return ids.length ? `${v.name}: ${ids.join(', ')}` : v.name;
}

const valid = <K extends keyof typeof vesselFields>(field: K, value: unknown): boolean => vesselFields[field].safeParse(value).success;
/** A call sign as the API stores it ("ubsp 4" → "UBSP4"), or null when the API would refuse it. */
const callSignOf = (value: string): string | null => {
  const r = vesselFields.callSign.safeParse(value);
  return r.success ? r.data : null;
};

interface Building extends AisBroadcastIdentity {
  first: number;
  last: number;
}

const agrees = (a: { name: string | null; imo: string | null }, s: { name: string | null; imo: string | null }) =>
  (a.name === null || s.name === null || sameIdentityValue('name', a.name, s.name)) && (a.imo === null || s.imo === null || a.imo === s.imo);

/**
 * Cuts one MMSI's reports (any order) into identities: a run of consecutive reports that agree on name
 * and IMO (a report without a name or IMO agrees with any) is a period; periods that agree are one
 * identity. Call sign and dimensions are the latest sent within the identity. The project keeps each
 * distinct record once per run (electron/node/ais/importAis.ts), so a period ends at its last new
 * record, except the latest, which lasts to `lastHeard` (the MMSI's last message of any kind), when later.
 */
export function broadcastIdentities(statics: readonly AisStatic[], lastHeard?: number): AisBroadcastIdentity[] {
  const sorted = [...statics].sort((a, b) => a.t - b.t);
  const out: Building[] = [];
  let current: Building | null = null;
  for (const s of sorted) {
    if (!current || !agrees(current, s)) {
      current = out.find((i) => agrees(i, s)) ?? null;
      if (!current) {
        current = { name: null, imo: null, callSign: null, lengthM: null, beamM: null, shipType: null, periods: [], vesselId: null, linkedBy: null, first: s.t, last: s.t };
        out.push(current);
      }
      current.periods.push({ from: iso(s.t), to: iso(s.t), reports: 0 });
    }
    const p = current.periods.at(-1)!;
    p.to = iso(s.t);
    p.reports++;
    current.last = s.t;
    current.name = s.name?.trim() || current.name;
    current.imo = s.imo ?? current.imo;
    current.callSign = s.callSign?.trim() || current.callSign;
    current.lengthM = s.lengthM ?? current.lengthM;
    current.beamM = s.widthM ?? current.beamM;
    current.shipType = s.shipType ?? current.shipType;
  }
  if (current && lastHeard !== undefined && lastHeard > current.last) current.periods.at(-1)!.to = iso(lastHeard);
  return out.sort((a, b) => a.first - b.first).map(({ first: _f, last: _l, ...i }) => i);
}

/** The latest broadcast instant of an identity. */
const lastOf = (i: AisBroadcastIdentity): string => i.periods.at(-1)!.to;

/**
 * AIS identities per MMSI against the project's vessels. `statics` may be every static report of the
 * project, any order; `lastHeard` each MMSI's last message (ms), positions included; MMSIs come out in order.
 */
export function aisIdentities(statics: readonly AisStatic[], vessels: readonly AisIdentityVessel[], lastHeard: ReadonlyMap<Mmsi, number> = new Map()): AisMmsiIdentities[] {
  const byMmsi = new Map<Mmsi, AisStatic[]>();
  for (const s of statics) {
    const list = byMmsi.get(s.mmsi);
    if (list) list.push(s);
    else byMmsi.set(s.mmsi, [s]);
  }
  const ships = vessels.filter((v) => v.kind === 'vessel');
  const byImo = new Map(ships.flatMap((v) => (v.imo ? [[v.imo, v] as const] : [])));
  const holderOfMmsi = new Map(vessels.flatMap((v) => (v.mmsi ? [[v.mmsi, v] as const] : [])));
  return [...byMmsi.keys()].sort().map((mmsi) => identitiesOfMmsi(mmsi, broadcastIdentities(byMmsi.get(mmsi)!, lastHeard.get(mmsi)), ships, byImo, holderOfMmsi));
}

function identitiesOfMmsi(
  mmsi: Mmsi,
  identities: AisBroadcastIdentity[],
  ships: readonly AisIdentityVessel[],
  byImo: ReadonlyMap<string, AisIdentityVessel>,
  holderOfMmsi: ReadonlyMap<string, AisIdentityVessel>,
): AisMmsiIdentities {
  const proposals: AisIdentityProposal[] = [];
  const conflicts: AisIdentityConflict[] = [];
  const unknown: AisUnknownShip[] = [];
  const vesselById = new Map(ships.map((v) => [v.id, v]));
  const conflict = (kind: AisIdentityConflictKind, vs: AisIdentityVessel[], which: number[], text: string) =>
    conflicts.push({
      mmsi,
      kind,
      vesselIds: vs.map((v) => v.id),
      project: vs.length ? vs.map(vesselText).join('; ') : 'no vessel',
      identities: which,
      ais: which.map((k) => identityText(identities[k]!)).join('; '),
      text,
    });
  const indicesWhere = (f: (i: AisBroadcastIdentity) => boolean) => identities.flatMap((i, k) => (f(i) ? [k] : []));

  // Which vessel each identity is: the one with its IMO (the hull's number, whatever MMSI it used), else
  // the one with this MMSI unless their IMOs or names differ (then it may be another ship: never merged).
  const byMmsi = ships.filter((v) => v.mmsi === mmsi);
  for (const i of identities) {
    const imoOk = i.imo !== null && valid('imo', i.imo);
    const viaImo = imoOk ? byImo.get(i.imo!) : undefined;
    if (viaImo) {
      i.vesselId = viaImo.id;
      i.linkedBy = 'imo';
      continue;
    }
    // By MMSI only when nothing contradicts: the same IMO or none, and the same name (or one still to fill).
    const v = byMmsi.find((c) => (c.imo === null || i.imo === null || !imoOk || c.imo === i.imo) && (i.name === null || isPlaceholderName(c.name) || vesselAnswersTo(c, i.name)));
    if (v) {
      i.vesselId = v.id;
      i.linkedBy = 'mmsi';
    }
  }

  // More than one identity under one MMSI: shown as its periods, never merged.
  if (identities.length > 1) {
    const imos = new Set(identities.map((i) => i.imo));
    const renamed = imos.size === 1 && !imos.has(null);
    const linked = [...new Set(identities.flatMap((i) => (i.vesselId ? [i.vesselId] : [])))].map((id) => vesselById.get(id)!);
    conflict(
      renamed ? 'renamed' : 'ships',
      linked,
      identities.map((_, k) => k),
      renamed
        ? `MMSI ${mmsi} sent IMO ${identities[0]!.imo} under ${identities.length} names over time: the same ship renamed. Nothing was changed; add a former name as an alias if it helps.`
        : `MMSI ${mmsi} sent ${identities.length} identities over time: another ship using the number, or a rename. Each is kept apart; nothing was merged.`,
    );
  }

  // What AIS says against each linked vessel, from the latest identity it broadcast as.
  const linkedIds = [...new Set(identities.flatMap((i) => (i.vesselId ? [i.vesselId] : [])))];
  for (const id of linkedIds) {
    const v = vesselById.get(id)!;
    const mine = identities.filter((i) => i.vesselId === id);
    const latestIndex = identities.lastIndexOf(mine.at(-1)!);
    const latest = identities[latestIndex]!;
    const patch: AisIdentityPatch = {};
    const words: string[] = [];
    const fill = <K extends keyof AisIdentityPatch>(field: K, value: NonNullable<AisIdentityPatch[K]>, word: string) => {
      patch[field] = value;
      words.push(word);
    };

    // Name: filled only where the vessel has a placeholder; a name AIS never used is a conflict.
    const named = mine.filter((i) => i.name !== null);
    if (isPlaceholderName(v.name)) {
      const name = [...named].reverse().find((i) => valid('name', i.name))?.name;
      if (name) fill('name', name, `name ${name}`);
    } else if (named.length && !named.some((i) => vesselAnswersTo(v, i.name!))) {
      conflict('name', [v], indicesWhere((i) => i.vesselId === id), `The project calls it ${v.name}; AIS from MMSI ${mmsi} never did. Renamed, or a wrong link: add the AIS name as an alias if it is the same ship. Nothing was changed.`);
    }

    // MMSI: a vessel found by its IMO with no MMSI gains this one, unless another vessel holds it.
    if (mine.some((i) => i.linkedBy === 'imo')) {
      const holder = holderOfMmsi.get(mmsi);
      const judged = judgeIdentityValue('mmsi', v.mmsi, mmsi, holder && holder.id !== v.id ? holder.name : null);
      const viaImo = indicesWhere((i) => i.vesselId === id && i.linkedBy === 'imo');
      if (judged.outcome === 'fill') fill('mmsi', mmsi, `MMSI ${mmsi}`);
      else if (judged.outcome === 'contradicts') conflict('mmsi', [v], viaImo, `${v.name} has MMSI ${v.mmsi} in the project; AIS sent its IMO from MMSI ${mmsi}: a new flag, or a wrong number. Nothing was changed.`);
      else if (judged.outcome === 'taken') conflict('taken', [v, holder!], viaImo, `MMSI ${mmsi} is ${judged.holder}'s in the project, and AIS sent ${v.name}'s IMO from it: one MMSI, two ships over time, or a wrong number. ${v.name} keeps no MMSI; nothing was changed.`);
    }

    // IMO: a vessel found by MMSI with no IMO gains the one sent (its check digit checked, and nobody else's).
    if (latest.imo !== null && v.imo === null) {
      if (!valid('imo', latest.imo)) conflict('invalid', [v], [latestIndex], `AIS sent IMO ${latest.imo}, which fails its check digit: not proposed for ${v.name}.`);
      else {
        const holder = byImo.get(latest.imo);
        const judged = judgeIdentityValue('imo', null, latest.imo, holder && holder.id !== v.id ? holder.name : null);
        if (judged.outcome === 'fill') fill('imo', latest.imo, `IMO ${latest.imo}`);
        else if (judged.outcome === 'taken') conflict('taken', [v], [latestIndex], `IMO ${latest.imo} is ${judged.holder}'s in the project; not given to ${v.name}.`);
      }
    }

    // Call sign: filled where the vessel has none; a different one is shown (a new flag brings a new call sign).
    if (latest.callSign !== null) {
      const callSign = callSignOf(latest.callSign);
      if (callSign === null) conflict('invalid', [v], [latestIndex], `AIS sent call sign ${latest.callSign}, which is not 3 to 7 letters and digits: not proposed for ${v.name}.`);
      else {
        const judged = judgeIdentityValue('callSign', v.callSign, callSign);
        if (judged.outcome === 'fill') fill('callSign', callSign, `call sign ${callSign}`);
        else if (judged.outcome === 'contradicts') conflict('callSign', [v], [latestIndex], `The project gives ${v.name} ${IDENTITY_WORDS.callSign} ${v.callSign}; AIS from MMSI ${mmsi} says ${callSign}: a new flag, or a wrong link. Nothing was changed.`);
      }
    }

    // Length from A + B.
    if (latest.lengthM !== null) {
      if (!valid('lengthM', latest.lengthM)) conflict('invalid', [v], [latestIndex], `AIS sent a length of ${latest.lengthM} m, which no vessel has: not proposed for ${v.name}.`);
      else {
        const judged = judgeIdentityValue('lengthM', v.lengthM, latest.lengthM);
        if (judged.outcome === 'fill') fill('lengthM', latest.lengthM, `length ${latest.lengthM} m`);
        else if (judged.outcome === 'contradicts') conflict('length', [v], [latestIndex], `The project gives ${v.name} a ${IDENTITY_WORDS.lengthM} of ${v.lengthM} m; AIS says ${latest.lengthM} m. Nothing was changed.`);
      }
    }

    // Beam from C + D.
    if (latest.beamM !== null) {
      if (!valid('beamM', latest.beamM)) conflict('invalid', [v], [latestIndex], `AIS sent a beam of ${latest.beamM} m, which no vessel has: not proposed for ${v.name}.`);
      else {
        const judged = judgeIdentityValue('beamM', v.beamM, latest.beamM);
        if (judged.outcome === 'fill') fill('beamM', latest.beamM, `beam ${latest.beamM} m`);
        else if (judged.outcome === 'contradicts') conflict('beam', [v], [latestIndex], `The project gives ${v.name} a ${IDENTITY_WORDS.beamM} of ${v.beamM} m; AIS says ${latest.beamM} m. Nothing was changed.`);
      }
    }

    if (words.length) proposals.push({ mmsi, vesselId: v.id, vesselName: v.name, patch, text: words.join(', '), identity: latestIndex, lastBroadcast: lastOf(latest) });
  }

  // The identities no vessel is: offered as new vessels, with the MMSI unless another vessel has it.
  identities.forEach((i, index) => {
    if (i.vesselId) return;
    const holder = holderOfMmsi.get(mmsi) ?? null;
    const imo = i.imo !== null && valid('imo', i.imo) ? i.imo : null;
    const name = i.name !== null && valid('name', i.name) ? i.name.trim() : placeholderName({ mmsi, imo })!;
    const lengthM = i.lengthM !== null && valid('lengthM', i.lengthM) ? i.lengthM : null;
    const beamM = i.beamM !== null && valid('beamM', i.beamM) ? i.beamM : null;
    const callSign = i.callSign !== null ? callSignOf(i.callSign) : null;
    // One identity only (with more, the MMSI's conflict above already sets them side by side).
    if (holder && holder.kind === 'vessel' && identities.length === 1) {
      if (holder.imo && imo && holder.imo !== imo) {
        conflict('ships', [holder], [index], `MMSI ${mmsi} is ${holder.name} (IMO ${holder.imo}) in the project; AIS sent IMO ${imo} from it: another ship using the number. Not merged into ${holder.name}.`);
      } else if (i.name !== null) {
        conflict('name', [holder], [index], `MMSI ${mmsi} is ${holder.name} in the project; AIS from it says ${i.name}: renamed, another ship using the number, or a wrong MMSI. Nothing was changed.`);
      }
    }
    unknown.push({
      mmsi,
      identity: index,
      name,
      create: { name, imo, mmsi: holder ? null : mmsi, callSign, lengthM, beamM },
      note: holder ? `MMSI ${mmsi} is ${holder.name}'s in the project, so the new vessel is added without it.` : null,
      firstBroadcast: i.periods[0]!.from,
      lastBroadcast: lastOf(i),
    });
  });
  return { mmsi, identities, proposals, conflicts, unknown };
}

/** How many of each an AIS identities answer holds (headlines and the CLI's summary). */
export function identityCounts(list: readonly AisMmsiIdentities[]): { proposals: number; conflicts: number; unknown: number } {
  return list.reduce((n, m) => ({ proposals: n.proposals + m.proposals.length, conflicts: n.conflicts + m.conflicts.length, unknown: n.unknown + m.unknown.length }), { proposals: 0, conflicts: 0, unknown: 0 });
}
