// The importer's words, from the API contract (shared/calls/ais.ts).
export type { AisBadReason, AisFileFormat, AisImportSummary } from '../../../shared/calls/ais';
