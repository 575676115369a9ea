// The AIS rules (issue 18): pure functions over plain data, the same in the host, the CLI, reports and
// the renderer. The rules and thresholds are stated in shared/analysis/METHOD.md, "AIS and imagery".
export * from './types';
export { buildTrackIndex, bracketAt, estimateAt, estimateFromIndex, positionAt, tailBefore, vesselsAt, DUPLICATE_M, DUPLICATE_MS, type AisBracket, type AisEstimate, type AisFix, type AisTrackIndex, type AisVesselAt } from './track';
export {
  AisVerdictCache, aisVerdicts, buildBrackets, classify, indexSource, tableSource, verdictAt,
  type AisBracketRow, type AisBracketSource, type AisBracketTable, type AisVerdictInput, type AisVerdictScene, type AisVerdictSighting, type AisVerdictVessel, type SightingAisVerdict,
} from './verdicts';
export { type AisImageryContext } from './context';
export { aisSaysHere, type AisQueueItem } from './queue';
export { aisGaps, type AisGap, type AisGapScene, type AisGapZone } from './gaps';
export { aisIdentities, broadcastIdentities, CONFLICT_KIND_WORDS, identityCounts, periodText, type AisBroadcastIdentity, type AisIdentityConflict, type AisIdentityConflictKind, type AisIdentityPatch, type AisIdentityPeriod, type AisIdentityProposal, type AisIdentityVessel, type AisMmsiIdentities, type AisUnknownShip } from './identities';
export { aisVisits, compareVisits, DEFAULT_AIS_VISIT_RULES, type AisOnlyReason, type AisOnlyScene, type AisVisit, type AisVisitRules, type VisitComparison } from './visits';
export { aisTrackLines, type AisTrackLine } from './trackLines';
