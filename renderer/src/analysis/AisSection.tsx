// "AIS and imagery" in the Analysis view: each vessel's marks by verdict (live, the same rule as the
// attributes panel), the dark calls (imagery visits no AIS matches), the AIS-only visits and why the
// imagery has none, the AIS gaps that hold scenes showing the vessel, and the review queue of vessels
// AIS puts in a clear zone where nothing is marked. Rules and thresholds: METHOD.md "AIS and imagery".
import { useEffect, useMemo, useState } from 'react';
import type { AisEvidenceView } from '../../../shared/calls/aisView';
import type { AisOnlyReason } from '../../../shared/ais/visits';
import type { AisVerdict } from '../../../shared/ais/types';
import { utcMinute } from '../../../shared/charts';
import { plural } from '../../../shared/words';
import { call } from '../api/client';
import { useAis, useAisBrackets } from '../ais/aisStore';
import { liveVerdicts } from '../ais/liveVerdicts';
import { AisThresholds } from './AisThresholds';
import { AisIdentities } from './AisIdentities';
import { useApp } from '../state/appStore';
import { useAnalysis } from './analysisStore';
import { jumpToVisit } from './jump';

const VERDICTS: AisVerdict[] = ['confirmed', 'nearby', 'contradicted', 'silent', 'unlinked'];
const VERDICT_TIPS: Record<AisVerdict, string> = {
  confirmed: 'AIS puts the vessel within the confirm distance of the mark at the acquisition',
  nearby: 'AIS within the window, between the confirm and contradict distances: neither confirms nor contradicts',
  contradicted: 'AIS puts the vessel beyond the contradict distance: spoofing, or a wrong identification',
  silent: 'No message from its MMSI within the window: the transponder was off (dark), or out of reception',
  unlinked: 'The mark has no vessel, or its vessel no MMSI',
};
const REASONS: Record<AisOnlyReason, string> = {
  'not-counted': 'marked there, but the marks do not count (confidence, review or unconfirmed)',
  'seen-elsewhere': 'marked at another quay',
  missed: 'an examined clear scene shows the quay without it: missed, or AIS is wrong',
  unexamined: 'a clear scene nobody has examined yet',
  obscured: 'only partial or obscured scenes',
  'not-imaged': 'no scene of the quay during the visit',
};

/** Goes to a scene on the map, with a zone selected (the queue's "show"). */
function showOnMap(sceneId: string, zoneId: string | null) {
  const app = useApp.getState();
  const index = app.scenes.findIndex((s) => s.id === sceneId);
  if (index < 0) return;
  useAnalysis.getState().setView('map');
  app.goToScene(index);
  if (zoneId) app.selectZone(zoneId);
}

export function AisSection() {
  const summary = useApp((s) => s.summary);
  const scenes = useApp((s) => s.scenes);
  const sightings = useApp((s) => s.sightings);
  const vessels = useApp((s) => s.vessels);
  const zones = useApp((s) => s.zones);
  const editSeq = useApp((s) => s.editSeq);
  const brackets = useAisBrackets();
  const aisSettings = useAis((s) => s.settings);
  const filters = useAnalysis((s) => s.filters);
  const [evidence, setEvidence] = useState<AisEvidenceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const projectKey = summary?.project.path ?? '';

  useEffect(() => {
    let live = true;
    call('ais.evidence', { minConfidence: filters.minConfidence, reviewedOnly: filters.review === 'confirmed-only', includeUnverified: filters.includeUnverified })
      .then((e) => live && (setEvidence(e), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [projectKey, editSeq, aisSettings, filters.minConfidence, filters.review, filters.includeUnverified]);

  const byVessel = useMemo(() => {
    const cache = liveVerdicts({ scenes, sightings, vessels }, brackets, aisSettings);
    const rows = new Map<string, Record<AisVerdict, number>>();
    const unlinkedMarks = sightings.filter((s) => s.class === 'vessel' && !s.vesselId).length;
    for (const v of cache?.verdicts() ?? []) {
      const key = v.vesselId ?? '';
      const row = rows.get(key) ?? { confirmed: 0, nearby: 0, contradicted: 0, silent: 0, unlinked: 0 };
      row[v.verdict]++;
      rows.set(key, row);
    }
    return { rows, unlinkedMarks, known: cache !== null };
  }, [scenes, sightings, vessels, brackets, aisSettings]);

  const vesselName = (id: string) => vessels.find((v) => v.id === id)?.name ?? 'unnamed vessel';
  // The project's name for the ship, else what it broadcast, else its MMSI: as the review queue names it.
  const whoIs = (ids: string[], mmsi: string) => (ids.length ? ids.map(vesselName).join(', ') : evidence?.broadcastNames[mmsi] ? `${evidence.broadcastNames[mmsi]} (MMSI ${mmsi})` : `MMSI ${mmsi}`);
  const zoneName = (id: string) => zones.find((z) => z.id === id)?.name ?? id.slice(0, 8);
  const s = evidence?.settings;

  return (
    <section className="an-section wide" data-testid="section-ais">
      <h2>AIS and imagery</h2>
      {error && <p className="an-warnings">AIS evidence could not be read: {error}</p>}
      {evidence && !evidence.hasAis ? (
        <p className="muted" data-testid="ais-none">
          This project holds no AIS. Import a log (File → Import AIS…) to set each vessel&apos;s transponder beside its marks.
        </p>
      ) : (
        evidence &&
        s && (
          <>
            <AisThresholds settings={aisSettings} />
            <h3>Marks by verdict</h3>
            {!byVessel.known ? (
              <p className="muted">Reading AIS…</p>
            ) : (
              <table className="an-table" data-testid="ais-verdict-table">
                <thead>
                  <tr>
                    <th>Vessel</th>
                    <th>MMSI</th>
                    {VERDICTS.slice(0, 4).map((v) => (
                      <th key={v} className="num" title={VERDICT_TIPS[v]}>
                        {v}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...byVessel.rows]
                    .filter(([id]) => id)
                    .sort(([a], [b]) => vesselName(a).localeCompare(vesselName(b)))
                    .map(([id, row]) => (
                      <tr key={id} data-testid="ais-verdict-row" data-vessel={vesselName(id)}>
                        <td>{vesselName(id)}</td>
                        <td className="mono">{vessels.find((v) => v.id === id)?.mmsi ?? 'none: unlinked'}</td>
                        {VERDICTS.slice(0, 4).map((v) => (
                          <td key={v} className={`num ${row[v] ? `ais-${v}` : 'muted'}`} data-verdict={v}>
                            {row[v]}
                          </td>
                        ))}
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
            {byVessel.unlinkedMarks > 0 && <p className="muted small">{plural(byVessel.unlinkedMarks, 'vessel mark')} linked to no vessel: nothing to compare with AIS.</p>}

            <h3 title="Imagery visits no AIS visit matches: the vessel was at the quay with its transponder off, or reporting elsewhere">
              Dark calls <span className="muted small">({evidence.comparison.imageryOnly.length})</span>
            </h3>
            {evidence.comparison.imageryOnly.length === 0 ? (
              <p className="muted">Every imagery visit of a vessel with an MMSI has a matching AIS visit.</p>
            ) : (
              <table className="an-table clickable" data-testid="ais-dark-table">
                <thead>
                  <tr>
                    <th>Vessel</th>
                    <th>Zone</th>
                    <th>Seen</th>
                    <th>AIS</th>
                  </tr>
                </thead>
                <tbody>
                  {evidence.comparison.imageryOnly.map(({ imagery, ais }) => (
                    <tr key={`${imagery.subjectId}|${imagery.zoneId}|${imagery.firstSeen}`} onClick={() => jumpToVisit(imagery)} title="Show this visit's scenes on the map" data-testid="ais-dark-row">
                      <td>{vesselName(imagery.subjectId)}</td>
                      <td>{zoneName(imagery.zoneId)}</td>
                      <td className="mono">
                        {utcMinute(imagery.firstSeen)}
                        {imagery.lastSeen !== imagery.firstSeen ? ` → ${utcMinute(imagery.lastSeen)}` : ''}
                      </td>
                      <td>{ais === 'silent' ? 'silent: no message at all' : 'heard elsewhere, no visit here'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3 title="AIS port visits (entry, a stop or a gap, exit) the imagery has no visit for">
              AIS only <span className="muted small">({evidence.comparison.aisOnly.length})</span>
            </h3>
            {evidence.comparison.aisOnly.length > 0 && (
              <table className="an-table" data-testid="ais-only-table">
                <thead>
                  <tr>
                    <th>Vessel</th>
                    <th>Zone</th>
                    <th>AIS at the quay</th>
                    <th>Why no imagery visit</th>
                  </tr>
                </thead>
                <tbody>
                  {evidence.comparison.aisOnly.map(({ ais, reason }) => (
                    <tr key={`${ais.mmsi}|${ais.zoneId}|${ais.start}`} data-testid="ais-only-row">
                      <td>{whoIs(ais.vesselIds, ais.mmsi)}</td>
                      <td>{zoneName(ais.zoneId)}</td>
                      <td className="mono">
                        {utcMinute(ais.start)} → {utcMinute(ais.end)}
                      </td>
                      <td>{REASONS[reason]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3 title="Silences of a transponder with the site's scenes inside them: the imagery-backed list of possible port calls">
              AIS gaps with scenes <span className="muted small">({evidence.gaps.filter((g) => g.scenes.length).length})</span>
            </h3>
            <table className="an-table" data-testid="ais-gap-table">
              <thead>
                <tr>
                  <th>Vessel</th>
                  <th>Silent from → to</th>
                  <th className="num">Hours</th>
                  <th>Scenes inside (seen there)</th>
                </tr>
              </thead>
              <tbody>
                {evidence.gaps
                  .filter((g) => g.scenes.length)
                  .map((g) => (
                    <tr key={`${g.mmsi}|${g.from}`} data-testid="ais-gap-row">
                      <td>{whoIs(g.vesselIds, g.mmsi)}</td>
                      <td className="mono">
                        {utcMinute(g.from)} → {utcMinute(g.to)}
                      </td>
                      <td className="num">{Math.round(g.hours)}</td>
                      <td className="ais-gap-scenes">
                        {g.scenes.map((sc) => (
                          <button key={sc.sceneId} className={`link small ${sc.seen ? 'strong' : ''}`} onClick={() => showOnMap(sc.sceneId, null)} title={sc.seen ? 'The vessel is marked on this scene' : 'Not marked on this scene'}>
                            {sc.acquired.slice(0, 10)}
                            {sc.seen ? ' ✓' : ''}
                          </button>
                        ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>

            <h3 title="AIS puts a vessel inside a clear zone at a scene's instant, and nothing of it is marked there">
              Review queue <span className="muted small">({evidence.queue.length})</span>
            </h3>
            {evidence.queue.length === 0 ? (
              <p className="muted">No clear scene where AIS puts a vessel that is not marked.</p>
            ) : (
              <ul className="an-queue" data-testid="ais-queue">
                {evidence.queue.map((q) => (
                  <li key={`${q.sceneId}|${q.zoneId}|${q.mmsi}`} data-testid="ais-queue-item">
                    <span className="mono">{utcMinute(q.acquired)}</span> {q.text}
                    {q.examined ? '' : <span className="muted"> (not examined yet)</span>}{' '}
                    <button className="link small" onClick={() => showOnMap(q.sceneId, q.zoneId)}>
                      Show on the map
                    </button>
                  </li>
                ))}
              </ul>
            )}

            <AisIdentities />
          </>
        )
      )}
    </section>
  );
}
