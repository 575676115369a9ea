// The report's "AIS and imagery" section as plain data (aisAnalysis.ts's evidence, cut to the report's period
// and zones): a summary, the tables with their notes and the thresholds, said once here and drawn alike by
// the PDF and the HTML writers (rules and words: shared/analysis/METHOD.md, "AIS and imagery").
import { DEFAULT_AIS_VISIT_RULES, type AisOnlyReason, type AisSettings, type AisVerdict } from '../../../shared/ais';
import type { Id, IsoTime } from '../../../shared/domain';
import { plural } from '../../../shared/words';
import type { AisEvidence } from '../ais/aisAnalysis';
import type { ProjectData } from '../export/projectData';

/** A table as both writers draw it: its heading (with the count), what it shows, its rows, and what to say when it has none. */
export interface ReportTable {
  title: string;
  note: string;
  columns: { title: string; weight: number; numeric?: boolean }[];
  rows: (string | number)[][];
  /** Said instead of an empty table. */
  none: string;
  /** Said under the table (the thresholds under the verdicts). */
  after?: string;
}

export interface AisReportSection {
  /** Said plainly when there is nothing to set beside the imagery: no AIS, or no vessel with an MMSI. */
  statement: string | null;
  /** The findings in one paragraph, first thing under the heading. */
  summary: string | null;
  tables: ReportTable[];
}

export interface AisSectionOptions {
  from: IsoTime;
  to: IsoTime;
  zoneIds: Id[];
  /** Each MMSI's latest name from its static reports, for ships the project has no vessel for (aisNames). */
  aisNames?: ReadonlyMap<string, string>;
}

export const VERDICT_COLUMNS: AisVerdict[] = ['confirmed', 'nearby', 'contradicted', 'silent', 'unlinked'];

/** Why the imagery has no visit where AIS made one: the reasons of METHOD.md in the analyst's words. */
export const AIS_ONLY_REASON: Record<AisOnlyReason, string> = {
  'not-counted': 'marked there, but the marks do not count',
  'seen-elsewhere': 'seen at another zone',
  missed: 'missed: an examined clear scene shows the zone without it',
  unexamined: 'unexamined: a clear scene nobody has examined',
  obscured: 'obscured: only partial or obscured scenes',
  'not-imaged': 'not imaged',
};

const km = (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`);

/** The thresholds the section used, in METHOD.md's words: printed under the verdict table. */
export function aisThresholdsText(s: AisSettings): string {
  const r = DEFAULT_AIS_VISIT_RULES;
  return (
    `Thresholds: a sighting is compared with the AIS messages of its vessel's MMSI within ± ${s.windowMin} min (the window) of its scene's acquisition, ` +
    `interpolated to that instant. Confirmed: AIS within the confirm distance (${km(s.confirmM)}) of the mark; nearby: farther, but not beyond the contradict distance (${km(s.contradictM)}); ` +
    `contradicted: more than ${km(s.contradictM)} away (spoofing, or a wrong identification); silent: no message from the MMSI within the window (the vessel was dark); ` +
    `unlinked: the sighting has no vessel, or its vessel no MMSI. A gap is a silence of ${s.gapH} h or more (the gap threshold) between two consecutive messages of an MMSI. ` +
    `AIS visits: a message at a zone (inside it or within ${r.entryM} m), staying while within ${r.exitM} m, with a stop below ${s.stopKn} kn or more than ${r.portGapH} h without messages at the zone (Global Fishing Watch's port-visit rules at quay scale). Times in UTC.`
  );
}

export const AIS_VERDICT_NOTE = 'Each vessel sighting in the period gets one verdict from its vessel\'s AIS at the scene\'s acquisition time; a verdict is evidence beside the sighting\'s confidence and review, not a judgement of them.';
export const DARK_CALL_NOTE = 'Imagery visits no AIS visit matches: the vessel was at the quay in the imagery while AIS made no call there. Silent: the MMSI sent nothing from the first to the last scene of the visit (± the window); heard elsewhere: AIS placed it somewhere else.';
export const AIS_ONLY_NOTE = 'AIS visits at the report\'s zones that no imagery visit matches, with why the imagery has none (the first reason that applies, from the scenes acquired during the AIS visit).';
export const GAP_NOTE = 'AIS gaps inside which a scene shows the vessel at the port: the imagery-backed list of the port calls it could have made with its transponder off. Only the scenes that show the vessel are listed.';
export const QUEUE_NOTE = 'AIS places the vessel inside a zone that is clear on the scene, and no sighting of it is in that zone. Examined: the analyst looked and marked nothing (missed, or AIS is wrong); not examined: nobody has looked yet.';

const minute = (iso: IsoTime) => iso.slice(0, 16).replace('T', ' ');
const day = (iso: IsoTime) => iso.slice(0, 10);

export function buildAisSection(data: ProjectData, evidence: AisEvidence | null, opts: AisSectionOptions): AisReportSection {
  const hasMmsi = data.vessels.some((v) => v.mmsi);
  if (!evidence || !evidence.hasAis) {
    return {
      statement: `This project holds no AIS: there is nothing to set beside the imagery.${hasMmsi ? '' : ' No vessel has an MMSI either.'} Import an AIS log (NMEA or CSV) to see which marks AIS confirms, which ships were dark and which calls the imagery missed.`,
      summary: null,
      tables: [],
    };
  }
  const fromMs = Date.parse(opts.from);
  const toMs = Date.parse(opts.to);
  const inPeriod = (iso: IsoTime) => {
    const t = Date.parse(iso);
    return t >= fromMs && t < toMs;
  };
  const zoneSet = new Set(opts.zoneIds);
  const zoneName = new Map(data.zones.map((z) => [z.id, z.name]));
  const vessel = new Map(data.vessels.map((v) => [v.id, v]));
  const scene = new Map(data.scenes.map((s) => [s.id, s]));
  const sighting = new Map(data.sightings.map((s) => [s.id, s]));
  const byName = (a: string, b: string) => a.localeCompare(b);
  const vesselsNamed = (ids: Id[], mmsi: string) => ids.map((id) => vessel.get(id)?.name).filter(Boolean).join(' / ') || opts.aisNames?.get(mmsi) || `MMSI ${mmsi}`;

  // Verdicts per vessel, of the sightings in the period and zones (a sighting outside every zone counts, as in the review status).
  const perVessel = new Map<string, { vessel: string; mmsi: string; counts: Record<AisVerdict, number> }>();
  let compared = 0;
  const totals: Record<AisVerdict, number> = { confirmed: 0, nearby: 0, contradicted: 0, silent: 0, unlinked: 0 };
  for (const v of evidence.verdicts) {
    const s = sighting.get(v.sightingId);
    const sc = s && scene.get(s.sceneId);
    if (!s || !sc || !inPeriod(sc.acquired) || (s.zoneId !== null && !zoneSet.has(s.zoneId))) continue;
    const key = v.vesselId ?? '';
    let row = perVessel.get(key);
    if (!row) {
      const ves = v.vesselId ? vessel.get(v.vesselId) : undefined;
      row = { vessel: ves?.name ?? '(no vessel identified)', mmsi: ves?.mmsi ?? '—', counts: { confirmed: 0, nearby: 0, contradicted: 0, silent: 0, unlinked: 0 } };
      perVessel.set(key, row);
    }
    row.counts[v.verdict]++;
    totals[v.verdict]++;
    compared++;
  }
  const verdictRows = [...perVessel.values()].sort((a, b) => (a.vessel.startsWith('(') ? 1 : 0) - (b.vessel.startsWith('(') ? 1 : 0) || byName(a.vessel, b.vessel));

  const darkCalls = evidence.comparison.imageryOnly
    .filter((d) => zoneSet.has(d.imagery.zoneId))
    .sort((a, b) => a.imagery.firstSeen.localeCompare(b.imagery.firstSeen));
  const aisOnly = evidence.comparison.aisOnly
    .filter((a) => zoneSet.has(a.ais.zoneId) && Date.parse(a.ais.start) < toMs && Date.parse(a.ais.end) >= fromMs)
    .sort((a, b) => a.ais.start.localeCompare(b.ais.start));
  const gaps = evidence.gaps
    .map((g) => ({ g, seen: g.scenes.filter((s) => s.seen && inPeriod(s.acquired) && s.zones.some((z) => z.shows === 'seen' && zoneSet.has(z.zoneId))) }))
    .filter((x) => x.seen.length > 0);
  const queue = evidence.queue.filter((q) => zoneSet.has(q.zoneId) && inPeriod(q.acquired));
  const queueExamined = queue.filter((q) => q.examined).length;

  const statement = hasMmsi
    ? null
    : 'The project holds AIS, but no vessel has an MMSI: no sighting can be compared with it (every one is unlinked). Give the vessels their MMSI (attributes panel, or the mmsi column of a sightings import).';
  const summary = [
    `${plural(compared, 'vessel sighting')} in the period set beside AIS: ${VERDICT_COLUMNS.map((k) => `${totals[k]} ${k}`).join(', ')}`,
    `${plural(darkCalls.length, 'dark call')} (imagery visits with no AIS visit)`,
    `${plural(aisOnly.length, 'AIS-only visit')}`,
    `${plural(gaps.length, 'AIS gap')} with scenes showing the vessel`,
    `${plural(queue.length, 'item')} in the review queue${queue.length ? ` (${queueExamined} on examined zones)` : ''}.`,
  ].join('; ');

  const tables: ReportTable[] = [
    {
      title: `Vessel sightings by AIS verdict (${plural(verdictRows.length, 'vessel')})`,
      note: AIS_VERDICT_NOTE,
      columns: [
        { title: 'Vessel', weight: 20 },
        { title: 'MMSI', weight: 13 },
        { title: 'Confirmed', weight: 11, numeric: true },
        { title: 'Nearby', weight: 9, numeric: true },
        { title: 'Contradicted', weight: 13, numeric: true },
        { title: 'Silent', weight: 9, numeric: true },
        { title: 'Unlinked', weight: 10, numeric: true },
        { title: 'Total', weight: 8, numeric: true },
      ],
      rows: verdictRows.map((r) => [r.vessel, r.mmsi, ...VERDICT_COLUMNS.map((k) => r.counts[k]), VERDICT_COLUMNS.reduce((a, k) => a + r.counts[k], 0)]),
      none: 'No vessel sighting in the period.',
      after: aisThresholdsText(evidence.settings),
    },
    {
      title: `Dark calls: imagery visits with no AIS (${darkCalls.length})`,
      note: DARK_CALL_NOTE,
      columns: [
        { title: 'Vessel', weight: 18 },
        { title: 'Zone', weight: 10 },
        { title: 'First seen', weight: 17 },
        { title: 'Last seen', weight: 17 },
        { title: 'Scenes', weight: 8, numeric: true },
        { title: 'AIS', weight: 20 },
      ],
      rows: darkCalls.map((d) => [
        vessel.get(d.imagery.subjectId)?.name ?? 'unnamed vessel',
        zoneName.get(d.imagery.zoneId) ?? 'unknown zone',
        minute(d.imagery.firstSeen),
        minute(d.imagery.lastSeen),
        d.imagery.sceneIds.length,
        d.ais === 'silent' ? 'silent throughout' : 'heard elsewhere',
      ]),
      none: 'No imagery visit without AIS: every visit of a vessel with an MMSI has an AIS visit beside it.',
    },
    {
      title: `AIS-only visits: AIS calls the imagery has not (${aisOnly.length})`,
      note: AIS_ONLY_NOTE,
      columns: [
        { title: 'Vessel', weight: 16 },
        { title: 'Zone', weight: 9 },
        { title: 'AIS from', weight: 15 },
        { title: 'AIS to', weight: 15 },
        { title: 'Scenes', weight: 8, numeric: true },
        { title: 'Why no imagery visit', weight: 30 },
      ],
      rows: aisOnly.map((a) => [vesselsNamed(a.ais.vesselIds, a.ais.mmsi), zoneName.get(a.ais.zoneId) ?? 'unknown zone', minute(a.ais.start), minute(a.ais.end), a.scenes.length, AIS_ONLY_REASON[a.reason]]),
      none: 'No AIS visit without an imagery visit beside it.',
    },
    {
      title: `AIS gaps with scenes showing the vessel (${gaps.length})`,
      note: GAP_NOTE,
      columns: [
        { title: 'Vessel', weight: 16 },
        { title: 'MMSI', weight: 12 },
        { title: 'Silent from', weight: 15 },
        { title: 'Silent to', weight: 15 },
        { title: 'Hours', weight: 8, numeric: true },
        { title: 'Seen on', weight: 30 },
      ],
      rows: gaps.map(({ g, seen }) => [
        vesselsNamed(g.vesselIds, g.mmsi),
        g.mmsi,
        minute(g.from),
        minute(g.to),
        g.hours.toFixed(1),
        seen.map((s) => `${day(s.acquired)} ${s.zones.filter((z) => z.shows === 'seen').map((z) => zoneName.get(z.zoneId) ?? 'unknown zone').join(', ')}`).join('; '),
      ]),
      none: 'No AIS gap holds a scene that shows the vessel.',
    },
    {
      title: `Review queue: AIS says here, nothing marked (${queue.length})`,
      note: QUEUE_NOTE,
      columns: [
        { title: 'Scene', weight: 16 },
        { title: 'What AIS says', weight: 46 },
        { title: 'MMSI', weight: 13 },
        { title: 'Zone examined', weight: 14 },
      ],
      rows: queue.map((q) => [minute(q.acquired), q.text, q.mmsi, q.examined ? 'examined' : 'not examined']),
      none: 'Nothing in the review queue.',
    },
  ];
  return { statement, summary, tables };
}
