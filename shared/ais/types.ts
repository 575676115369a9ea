// AIS beside the imagery: what the project keeps of an AIS log and what is derived from it. The
// importer (electron/node/ais/) writes AisPosition/AisStatic rows; the rules (shared/ais/) derive
// verdicts, gaps and AIS port visits from them, the same functions in the app, the CLI and reports.

/** MMSI as the Vessel record keeps it: nine digits, as text (leading zeros are meaningful for coast stations). */
export type Mmsi = string;

/** One AIS position report kept in the project (message types 1–3, 18, 19, 27, or a CSV row). */
export interface AisPosition {
  mmsi: Mmsi;
  /** When the report was received (tag block, line timestamp or CSV time), ms since the epoch, UTC. */
  t: number;
  lon: number;
  lat: number;
  /** Speed over ground in knots; null when not available (102.3 in the message). */
  sog: number | null;
  /** Course over ground in degrees 0–360; null when not available. */
  cog: number | null;
  /** True heading in degrees 0–359; null when not available (511). */
  heading: number | null;
  /** Navigational status 0–15 (0 under way using engine, 1 at anchor, 5 moored, …); null when the source has none. */
  navStatus: number | null;
}

/** One AIS static / voyage report (types 5 and 24, or the static columns of a CSV row). */
export interface AisStatic {
  mmsi: Mmsi;
  t: number;
  name: string | null;
  /** IMO number as text (seven digits), null when 0 or absent. */
  imo: string | null;
  callSign: string | null;
  shipType: number | null;
  lengthM: number | null;
  widthM: number | null;
  draughtM: number | null;
  destination: string | null;
}

/** The thresholds every AIS rule uses; editable per project, stated in METHOD.md. */
export interface AisSettings {
  /** A sighting is compared with AIS messages within ± this many minutes of its scene's acquisition. */
  windowMin: number;
  /** AIS within this distance of the mark (m) confirms it. */
  confirmM: number;
  /** AIS farther than this (m) contradicts the mark: spoofing or a wrong identification. */
  contradictM: number;
  /** No message for at least this many hours is a gap. */
  gapH: number;
  /** Below this speed (knots) a vessel is stopped (AIS port visits). */
  stopKn: number;
  /** Messages are kept within the site's area of interest plus this buffer (km). */
  bufferKm: number;
}

export const DEFAULT_AIS_SETTINGS: AisSettings = { windowMin: 30, confirmM: 500, contradictM: 5000, gapH: 6, stopKn: 0.5, bufferKm: 30 };

/**
 * A vessel sighting against AIS at its scene's instant:
 * - confirmed: an AIS position (interpolated to the acquisition time) within confirmM of the mark;
 * - nearby: AIS within the window but between confirmM and contradictM away: neither confirms nor contradicts;
 * - contradicted: AIS puts the vessel more than contradictM away;
 * - silent: no message from that MMSI within the window (dark);
 * - unlinked: the sighting's vessel has no MMSI (or the sighting has no vessel).
 */
export type AisVerdict = 'confirmed' | 'nearby' | 'contradicted' | 'silent' | 'unlinked';

/** Why a line or a message of an AIS log was not used. Counted, reported, never fatal. */
export const AIS_BAD_REASONS = [
  'bad_checksum', // the NMEA sentence's or tag block's checksum does not match
  'unknown_type', // an AIS message type we do not keep (base stations, aids to navigation, binary messages…)
  'incomplete_multipart', // a multi-part message some fragment of which never came
  'no_time', // no receive time: no tag block c:, no leading time, no CSV time
  'bad_time', // a time that cannot be read, or outside 1995–2100
  'bad_position', // no position (181°/91°), out of range, or 0,0
  'bad_mmsi', // not 1–999999999
  'malformed', // not a sentence or row of the expected shape (fields, payload, numbers)
  'not_ais', // a line that is not AIS at all ($GPRMC, text, binary)
  'line_too_long', // a line past the length any AIS line has
] as const;
export type AisBadReason = (typeof AIS_BAD_REASONS)[number];
