// Agreement between two analysts on the scenes both covered: matched sightings, precision/recall/F1,
// Cohen's kappa of presence per scene × zone, and agreement of vessel identity and container counts.
//
// The rules (also in docs/package-format.md, "Agreement"):
// - Scenes both examined ("covered"): scenes acquired within both analysts' annotated spans, i.e.
//   between the first and the last scene each analyst marked anything on. An analyst works through a
//   series in order, so an unmarked scene inside their span was looked at and found empty. It is not
//   the number of scenes both marked (reported beside it): an examined scene may rightly have no mark.
// - Matching: on each covered scene, candidate pairs (one mark of each analyst) whose anchors (point,
//   or box centre) lie ≤ D metres apart by geodesic distance (shared/measure.ts) are taken greedily,
//   nearest first (ties by ids), each mark at most once. Class is not required to match: class
//   agreement is reported separately, so a vessel marked as "other" still counts as found.
// - Precision = matched / compared's marks, recall = matched / reference's marks, F1 their harmonic mean.
// - Kappa: over covered scenes × zones whose observability is not obscured/outside (unknown counts),
//   "present" = the analyst has at least one mark in the zone on the scene. κ = (po − pe) / (1 − pe);
//   null when pe = 1 (both analysts constant: kappa is undefined).
// - Vessel identity: matched pairs where both marks are linked to a vessel; agreed when the same one.
// - Container counts: matched pairs where both marks carry a count; exact agreement and mean |difference|.
// Review verdicts are not applied: agreement measures the analysts' own marks.
import type { Id, Observability, Scene, Sighting, Zone } from '../domain';
import { anchorDistanceM, SAME_OBJECT_DISTANCE_M } from './sameObject';

export const DEFAULT_AGREEMENT_DISTANCE_M = SAME_OBJECT_DISTANCE_M;

export interface AgreementInput {
  sightings: readonly Sighting[];
  scenes: readonly Pick<Scene, 'id' | 'acquired'>[];
  zones: readonly Pick<Zone, 'id'>[];
  observability?: readonly { sceneId: Id; zoneId: Id; value: Observability }[];
}

export interface AgreementMatch {
  referenceId: Id;
  comparedId: Id;
  sceneId: Id;
  distanceM: number;
}

export interface AgreementResult {
  reference: string;
  compared: string;
  distanceM: number;
  /** Scenes both analysts examined: inside both their spans of marked scenes (the comparison's base). */
  coveredSceneIds: Id[];
  /** Of the examined scenes, how many each analyst put at least one mark on, and how many both did. */
  markedScenes: { reference: number; compared: number; both: number };
  referenceSightings: number;
  comparedSightings: number;
  matched: number;
  matches: AgreementMatch[];
  /** Null when its denominator is 0. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  classAgreement: { pairs: number; agreed: number; rate: number | null };
  presence: {
    /** Scene × zone pairs counted. */
    pairs: number;
    both: number;
    referenceOnly: number;
    comparedOnly: number;
    neither: number;
    observedAgreement: number | null;
    expectedAgreement: number | null;
    kappa: number | null;
  };
  vesselIdentity: { pairs: number; agreed: number; rate: number | null };
  containerCounts: { pairs: number; agreed: number; rate: number | null; meanAbsDifference: number | null };
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** [first, last] acquisition time (ms) of the scenes an analyst marked anything on. */
function spanOf(marks: readonly Sighting[], acquired: Map<Id, number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of marks) {
    const t = acquired.get(s.sceneId);
    if (t === undefined) continue;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Greedy one-to-one matching of two analysts' marks on one scene, nearest first. */
export function matchOnScene(reference: readonly Sighting[], compared: readonly Sighting[], distanceM: number): AgreementMatch[] {
  const candidates: AgreementMatch[] = [];
  for (const r of reference) {
    for (const c of compared) {
      const d = anchorDistanceM(r.geometry, c.geometry);
      if (d <= distanceM) candidates.push({ referenceId: r.id, comparedId: c.id, sceneId: r.sceneId, distanceM: d });
    }
  }
  candidates.sort((x, y) => x.distanceM - y.distanceM || (x.referenceId < y.referenceId ? -1 : x.referenceId > y.referenceId ? 1 : x.comparedId < y.comparedId ? -1 : 1));
  const usedR = new Set<Id>();
  const usedC = new Set<Id>();
  const out: AgreementMatch[] = [];
  for (const m of candidates) {
    if (usedR.has(m.referenceId) || usedC.has(m.comparedId)) continue;
    usedR.add(m.referenceId);
    usedC.add(m.comparedId);
    out.push(m);
  }
  return out;
}

/** Agreement of `compared` against `reference` (the reference's marks are taken as the truth for precision/recall). */
export function agreement(input: AgreementInput, reference: string, compared: string, distanceM = DEFAULT_AGREEMENT_DISTANCE_M): AgreementResult {
  const acquired = new Map(input.scenes.map((s) => [s.id, Date.parse(s.acquired)]));
  const refAll = input.sightings.filter((s) => s.author === reference);
  const cmpAll = input.sightings.filter((s) => s.author === compared);
  const spanR = spanOf(refAll, acquired);
  const spanC = spanOf(cmpAll, acquired);
  const lo = spanR && spanC ? Math.max(spanR[0], spanC[0]) : Infinity;
  const hi = spanR && spanC ? Math.min(spanR[1], spanC[1]) : -Infinity;
  const covered = [...input.scenes]
    .filter((s) => {
      const t = acquired.get(s.id)!;
      return t >= lo && t <= hi;
    })
    .sort((a, b) => acquired.get(a.id)! - acquired.get(b.id)! || (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
  const coveredSet = new Set(covered);
  const ref = refAll.filter((s) => coveredSet.has(s.sceneId));
  const cmp = cmpAll.filter((s) => coveredSet.has(s.sceneId));
  const byId = new Map([...ref, ...cmp].map((s) => [s.id, s]));
  const scenesR = new Set(ref.map((s) => s.sceneId));
  const scenesC = new Set(cmp.map((s) => s.sceneId));
  const markedScenes = { reference: scenesR.size, compared: scenesC.size, both: [...scenesR].filter((id) => scenesC.has(id)).length };

  const matches: AgreementMatch[] = [];
  for (const sceneId of covered) {
    matches.push(...matchOnScene(ref.filter((s) => s.sceneId === sceneId), cmp.filter((s) => s.sceneId === sceneId), distanceM));
  }

  let classAgreed = 0;
  let vesselPairs = 0;
  let vesselAgreed = 0;
  let countPairs = 0;
  let countAgreed = 0;
  let countAbs = 0;
  for (const m of matches) {
    const r = byId.get(m.referenceId)!;
    const c = byId.get(m.comparedId)!;
    if (r.class === c.class) classAgreed++;
    if (r.vesselId && c.vesselId) {
      vesselPairs++;
      if (r.vesselId === c.vesselId) vesselAgreed++;
    }
    if (r.count !== null && c.count !== null) {
      countPairs++;
      if (r.count === c.count) countAgreed++;
      countAbs += Math.abs(r.count - c.count);
    }
  }

  const hidden = new Set((input.observability ?? []).filter((o) => o.value === 'obscured' || o.value === 'outside').map((o) => `${o.sceneId}/${o.zoneId}`));
  const present = (marks: readonly Sighting[]) => new Set(marks.filter((s) => s.zoneId).map((s) => `${s.sceneId}/${s.zoneId}`));
  const presR = present(ref);
  const presC = present(cmp);
  let both = 0;
  let refOnly = 0;
  let cmpOnly = 0;
  let neither = 0;
  for (const sceneId of covered) {
    for (const z of input.zones) {
      const key = `${sceneId}/${z.id}`;
      if (hidden.has(key)) continue;
      const r = presR.has(key);
      const c = presC.has(key);
      if (r && c) both++;
      else if (r) refOnly++;
      else if (c) cmpOnly++;
      else neither++;
    }
  }
  const pairs = both + refOnly + cmpOnly + neither;
  const po = ratio(both + neither, pairs);
  const pe = pairs === 0 ? null : ((both + refOnly) / pairs) * ((both + cmpOnly) / pairs) + ((cmpOnly + neither) / pairs) * ((refOnly + neither) / pairs);
  const kappa = po === null || pe === null || pe === 1 ? null : (po - pe) / (1 - pe);

  const precision = ratio(matches.length, cmp.length);
  const recall = ratio(matches.length, ref.length);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  return {
    reference,
    compared,
    distanceM,
    coveredSceneIds: covered,
    markedScenes,
    referenceSightings: ref.length,
    comparedSightings: cmp.length,
    matched: matches.length,
    matches,
    precision,
    recall,
    f1,
    classAgreement: { pairs: matches.length, agreed: classAgreed, rate: ratio(classAgreed, matches.length) },
    presence: { pairs, both, referenceOnly: refOnly, comparedOnly: cmpOnly, neither, observedAgreement: po, expectedAgreement: pe, kappa },
    vesselIdentity: { pairs: vesselPairs, agreed: vesselAgreed, rate: ratio(vesselAgreed, vesselPairs) },
    containerCounts: { pairs: countPairs, agreed: countAgreed, rate: ratio(countAgreed, countPairs), meanAbsDifference: countPairs ? countAbs / countPairs : null },
  };
}

/** Agreement for every pair of authors who marked anything, each pair once (authors in sorted order). */
export function pairwiseAgreement(input: AgreementInput, distanceM = DEFAULT_AGREEMENT_DISTANCE_M): AgreementResult[] {
  const authors = [...new Set(input.sightings.map((s) => s.author))].sort();
  const out: AgreementResult[] = [];
  for (let i = 0; i < authors.length; i++) for (let j = i + 1; j < authors.length; j++) out.push(agreement(input, authors[i]!, authors[j]!, distanceM));
  return out;
}
