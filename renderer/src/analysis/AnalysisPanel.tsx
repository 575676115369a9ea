// The Analysis view: filters, then each figure as a chart and a table, every count beside its coverage; updates live as marks change.
import { useEffect, useMemo, useRef } from 'react';
import {
  containerCountsChart,
  comparisonWarningText,
  meanText,
  censoringFallText,
  censoringRows,
  coverageCalendarChart,
  coverageText,
  dwellChart,
  dwellText,
  monthlyVisitsChart,
  periodComparisonChart,
  periodCoverageText,
  utcMinute,
  visitKey,
  visitTimelineChart,
} from '../../../shared/charts';
import { CONFIDENCES, type Visit } from '../../../shared/domain';
import { useApp } from '../state/appStore';
import { DEFAULT_FILTERS, useAnalysis, type ReviewFilter } from './analysisStore';
import { EChart } from './EChart';
import { jumpToPortCall, jumpToVisit } from './jump';
import { chartLabels } from './labels';
import { chartThemeFor, useTheme } from '../theme';
import { LiveAnalysis } from './liveAnalysis';
import { MethodPage } from './MethodPage';
import { AisSection } from './AisSection';
import './analysis.css';
import { ZoneOptions } from '../components/ZoneOptions';
import { DateField } from '../components/DateField';
import { plural } from '../../../shared/words';
import { inScope } from '../../../shared/teamScope';
import { ScopeChoice } from '../team/ScopeChoice';
import { useScope } from '../team/teamStore';

export function AnalysisPanel() {
  const summary = useApp((s) => s.summary);
  const scenes = useApp((s) => s.scenes);
  const zones = useApp((s) => s.zones);
  const observability = useApp((s) => s.observability);
  const examined = useApp((s) => s.examined);
  const sightings = useApp((s) => s.sightings);
  const vessels = useApp((s) => s.vessels);
  const tracks = useApp((s) => s.tracks);
  const editSeq = useApp((s) => s.editSeq);
  const { filters, compareMonth, reviews, page } = useAnalysis();
  const { setFilters, setCompareMonth, setPage, setView, loadReviews } = useAnalysis.getState();
  const live = useRef(new LiveAnalysis());
  const projectKey = summary?.project.path ?? '';
  const { inTeam, scope, ctx } = useScope();
  // THE scope rule (shared/teamScope.ts), as reports and exports apply it: the sightings counted and the sentence saying whose.
  const scoped = useMemo(() => inScope(sightings, reviews, scope, ctx), [sightings, reviews, scope, ctx]);

  useEffect(() => {
    if (projectKey) void loadReviews();
  }, [projectKey, editSeq, loadReviews]);

  const view = useMemo(
    () => live.current.update({ projectKey, scenes, zones, observability, examined, sightings: scoped.sightings, reviews: scoped.reviews }, filters, compareMonth),
    [projectKey, scenes, zones, observability, examined, scoped, filters, compareMonth],
  );
  const labels = useMemo(() => chartLabels(zones, vessels, tracks), [zones, vessels, tracks]);
  const appliedTheme = useTheme((t) => t.applied);
  const specs = useMemo(() => {
    const theme = chartThemeFor(appliedTheme);
    return {
      monthly: monthlyVisitsChart(view.result.monthly, { labels, theme }),
      timeline: visitTimelineChart(view.result.visits, { labels, theme, range: view.range }),
      counts: containerCountsChart(view.result.containerCounts, { labels, theme }),
      dwell: dwellChart(view.dwell, { labels, theme }),
      calendar: coverageCalendarChart(view.observation, { labels, theme, zoneIds: filters.zoneId ? [filters.zoneId] : zones.map((z) => z.id) }),
      comparison: view.comparison ? periodComparisonChart(view.comparison, { labels, theme, warningsInChart: false }) : null,
    };
  }, [view, labels, filters.zoneId, zones, appliedTheme]);
  const visitsByKey = useMemo(() => new Map(view.result.visits.map((v) => [visitKey(v), v])), [view]);
  const coverageOf = useMemo(() => new Map(view.result.coverage.map((c) => [`${c.zoneId}|${c.from.slice(0, 7)}`, c])), [view]);
  const zoneName = (id: string) => labels.zones[id] ?? id.slice(0, 8);
  const subjectName = (id: string) => labels.subjects[id] ?? `unnamed ${id.slice(0, 6)}`;
  const censoring = useMemo(() => {
    const name = (id: string) => labels.zones[id] ?? id.slice(0, 8);
    const overall = (rows: typeof view.censoring | null) => rows?.find((r) => r.zoneId === null) ?? null;
    return { rows: censoringRows(view.censoring, view.censoringWithoutRadar, name), fall: overall(view.censoring) ? censoringFallText(overall(view.censoring)!, overall(view.censoringWithoutRadar)) : null };
  }, [view, labels]);
  /** A day of the calendar opens its best scene on the map. */
  const openDay = (data: Record<string, unknown>) => {
    if (typeof data.sceneId !== 'string') return;
    const app = useApp.getState();
    const index = app.scenes.findIndex((s) => s.id === data.sceneId);
    if (index < 0) return;
    setView('map');
    app.goToScene(index);
  };
  const openVisit = (data: Record<string, unknown>) => {
    const v = typeof data.visitKey === 'string' ? visitsByKey.get(data.visitKey) : undefined;
    if (v) jumpToVisit(v);
  };

  if (!summary) return <div className="analysis-panel pad muted">Open a project to see its analysis.</div>;

  return (
    <div className="analysis-panel" data-testid="analysis-panel">
      <div className="an-head">
        <h1>Analysis</h1>
        <div className="an-tabs" role="tablist">
          <button role="tab" aria-selected={page === 'figures'} className={page === 'figures' ? 'tool active' : 'tool'} onClick={() => setPage('figures')} data-testid="analysis-tab-figures">
            Figures
          </button>
          <button role="tab" aria-selected={page === 'method'} className={page === 'method' ? 'tool active' : 'tool'} onClick={() => setPage('method')} data-testid="analysis-tab-method">
            Method
          </button>
        </div>
        <span className="muted small an-live" data-testid="analysis-live">
          {plural(view.result.visits.length, 'visit')} · {plural(scoped.sightings.length, 'sighting')} · updated live
        </span>
        <button onClick={() => setView('map')} data-testid="analysis-close" title="Back to the map (Shift+A or Esc)">
          Back to map <kbd>Esc</kbd>
        </button>
      </div>
      {page === 'method' ? (
        <MethodPage />
      ) : (
        <>
          <div className="an-filters" data-testid="analysis-filters">
            <ScopeChoice testId="analysis-scope-choice" />
            <label>
              Min. confidence
              <select value={filters.minConfidence} onChange={(e) => setFilters({ minConfidence: e.target.value as (typeof CONFIDENCES)[number] })} data-testid="analysis-filter-confidence">
                {CONFIDENCES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Review
              <select value={filters.review} onChange={(e) => setFilters({ review: e.target.value as ReviewFilter })} data-testid="analysis-filter-review">
                <option value="not-rejected">all but rejected</option>
                <option value="confirmed-only">reviewed: confirmed only</option>
              </select>
            </label>
            <label>
              Zone
              <select value={filters.zoneId ?? ''} onChange={(e) => setFilters({ zoneId: e.target.value || null })} data-testid="analysis-filter-zone">
                <ZoneOptions zones={zones} anyLabel="all zones" />
              </select>
            </label>
            <label>
              Vessel
              <select value={filters.vesselId ?? ''} onChange={(e) => setFilters({ vesselId: e.target.value || null })} data-testid="analysis-filter-vessel">
                <option value="">all vessels</option>
                {vessels.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From
              <DateField kind="date" testId="analysis-filter-from" label="From" value={filters.from} onChange={(v) => setFilters({ from: v })} />
            </label>
            <label>
              To
              <DateField kind="date" testId="analysis-filter-to" label="To" value={filters.to} onChange={(v) => setFilters({ to: v })} />
            </label>
            <label className="an-check" title="Carried marks count only once you confirm them on their scene (Shift+V on the map)">
              <input type="checkbox" checked={filters.includeUnverified} onChange={(e) => setFilters({ includeUnverified: e.target.checked })} data-testid="analysis-filter-unverified" />
              Include unconfirmed marks
            </label>
            <button onClick={() => setFilters(DEFAULT_FILTERS)}>Reset</button>
          </div>

          {inTeam && (
            <p className="an-scope muted small" data-testid="analysis-scope">
              {scoped.info.sentence}
            </p>
          )}
          {view.result.unverifiedLeftOut > 0 && (
            <p className="an-warnings an-unverified" data-testid="analysis-unverified">
              {plural(view.result.unverifiedLeftOut, 'unconfirmed mark')} left out: carried forward and not yet confirmed on {view.result.unverifiedLeftOut === 1 ? 'its' : 'their'} scene
              (select and press <kbd>Shift</kbd>+<kbd>V</kbd> on the map), or tick “Include unconfirmed marks”.
            </p>
          )}
          {view.result.unexaminedClearScenes > 0 && (
            <p className="an-warnings an-unexamined" data-testid="analysis-unexamined">
              {plural(view.result.unexaminedClearScenes, 'clear scene')} not examined: {view.result.unexaminedClearScenes === 1 ? 'it counts' : 'they count'} as
              neither presence nor absence until you examine {view.result.unexaminedClearScenes === 1 ? 'it' : 'them'} (on the map, <kbd>E</kbd> marks a scene
              examined; <kbd>Shift</kbd>+<kbd>→</kbd> finds the next one).
            </p>
          )}
          <div className="an-body">
            <section className="an-section wide" data-testid="section-monthly">
              <h2>Visits per month per zone</h2>
              <div className="an-split">
                <EChart spec={specs.monthly} testId="chart-monthly" />
                <table className="an-table" data-testid="monthly-zone-table">
                  <thead>
                    <tr>
                      <th>Zone</th>
                      <th>Month</th>
                      <th className="num" title={ARRIVALS_TIP}>Arrivals</th>
                      <th className="num" title={UNDER_WAY_TIP} data-testid="under-way-header">
                        Under way
                      </th>
                      <th className="num" title="Distinct vessels among the month's arrivals">Vessels</th>
                      <th>Coverage</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sortedByZone(view.result.monthly.byZone, zoneName).map((r) => (
                      <tr key={`${r.zoneId}|${r.month}`} data-zone={zoneName(r.zoneId)} data-month={r.month} className={r.coverage && r.coverage.clear === 0 ? 'blind' : undefined}>
                        <td className="nowrap">{zoneName(r.zoneId)}</td>
                        <td className="mono nowrap">{r.month}</td>
                        <td className="num strong" data-testid="visits">
                          {r.visits}
                        </td>
                        <td className="num" data-testid="under-way">
                          {r.underWay}
                        </td>
                        <td className="num">{r.distinctVessels}</td>
                        <td className="cov">{r.coverage ? coverageText(r.coverage) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section className="an-section" data-testid="section-vessel-month">
              <h2>Visits per month per vessel</h2>
              {view.result.monthly.byZoneVessel.length === 0 ? (
                <p className="muted">No visits: link vessel sightings to a vessel (P or the attributes panel) to count visits.</p>
              ) : (
                <table className="an-table" data-testid="monthly-vessel-table">
                  <thead>
                    <tr>
                      <th>Vessel</th>
                      <th>Zone</th>
                      <th>Month</th>
                      <th className="num" title={ARRIVALS_TIP}>Arrivals</th>
                      <th className="num" title={UNDER_WAY_TIP}>
                        Under way
                      </th>
                      <th>Zone coverage that month</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.result.monthly.byZoneVessel
                      .slice()
                      .sort((a, b) => subjectName(a.subjectId).localeCompare(subjectName(b.subjectId)) || zoneName(a.zoneId).localeCompare(zoneName(b.zoneId)) || a.month.localeCompare(b.month))
                      .map((r) => {
                      const cov = coverageOf.get(`${r.zoneId}|${r.month}`);
                      return (
                        <tr key={`${r.subjectId}|${r.zoneId}|${r.month}`}>
                          <td>{subjectName(r.subjectId)}</td>
                          <td className="nowrap">{zoneName(r.zoneId)}</td>
                          <td className="mono nowrap">{r.month}</td>
                          <td className="num strong">{r.visits}</td>
                          <td className="num">{r.underWay}</td>
                          <td className="cov">{cov ? coverageText(cov) : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </section>

            <section className="an-section" data-testid="section-comparison">
              <h2>Period comparison</h2>
              <div className="an-inline">
                <label>
                  Compare
                  <select value={view.compareMonth ?? ''} onChange={(e) => setCompareMonth(e.target.value || null)} data-testid="compare-month">
                    {view.result.months.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="muted small">against the mean of the 3 months before</span>
              </div>
              {view.comparison && specs.comparison && (
                <>
                  <EChart spec={specs.comparison} testId="chart-comparison" caption={false} />
                  {view.comparison.warnings.length > 0 && (
                    <ul className="an-warnings" data-testid="comparison-warnings">
                      {view.comparison.warnings.map((w, i) => (
                        <li key={i}>⚠ {comparisonWarningText(w)}</li>
                      ))}
                    </ul>
                  )}
                  <table className="an-table">
                    <thead>
                      <tr>
                        <th>Month</th>
                        <th className="num">Visits</th>
                        <th className="num">Vessels</th>
                        <th>Coverage</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...view.comparison.baseline.perMonth, view.comparison.target].map((p) => (
                        <tr key={p.month} className={p.month === view.comparison!.target.month ? 'target' : undefined}>
                          <td className="mono">{p.month}</td>
                          <td className="num strong">{p.visits}</td>
                          <td className="num">{p.distinctVessels}</td>
                          <td className="cov">{periodCoverageText(p.coverage)}</td>
                        </tr>
                      ))}
                      <tr className="mean">
                        <td>Baseline mean</td>
                        <td className="num">{meanText(view.comparison.baseline.meanVisits)}</td>
                        <td className="num">{meanText(view.comparison.baseline.meanDistinctVessels)}</td>
                        <td className="cov">{periodCoverageText(view.comparison.baseline.coverage)}</td>
                      </tr>
                    </tbody>
                  </table>
                </>
              )}
            </section>

            <section className="an-section wide" data-testid="section-timeline">
              <h2>Visit timeline</h2>
              <EChart spec={specs.timeline} onItemClick={openVisit} testId="chart-timeline" />
              <StayTable
                rows={view.result.visits}
                what="visit"
                where={(v) => zoneName(v.zoneId)}
                rowKey={visitKey}
                open={jumpToVisit}
                testId="visit-table"
                rowTestId="visit-row"
                subjectName={subjectName}
              />
            </section>

            <section className="an-section wide" data-testid="section-port-calls">
              <h2 title="A vessel's continuous presence at the port, whatever the quay: a move from one quay to another is two visits and one port call. A call ends only at a scene on which every zone of the port is clear, examined and without the vessel.">
                Port calls <span className="muted small">({view.result.portCalls.length})</span>
              </h2>
              <p className="muted small">
                A vessel's stay at the port, whatever the quay: a move between quays is two visits and one port call. A call ends only where every zone of the port was seen without the vessel.
              </p>
              <StayTable
                rows={view.result.portCalls}
                what="port call"
                where={(c) => c.zoneIds.map(zoneName).sort((a, b) => a.localeCompare(b)).join(', ')}
                rowKey={(c) => `${c.subjectId}|${c.siteId ?? ''}|${c.firstSeen}`}
                open={jumpToPortCall}
                testId="port-call-table"
                rowTestId="port-call-row"
                subjectName={subjectName}
              />
            </section>

            <AisSection />

            <section className="an-section" data-testid="section-dwell">
              <h2>Dwell distribution</h2>
              <EChart spec={specs.dwell} testId="chart-dwell" />
            </section>

            <section className="an-section" data-testid="section-containers">
              <h2>Containers per zone</h2>
              <EChart spec={specs.counts} testId="chart-containers" />
              <details>
                <summary className="small muted">Table</summary>
                <table className="an-table" data-testid="container-table">
                  <thead>
                    <tr>
                      <th>Zone</th>
                      <th>Scene</th>
                      <th>Observability</th>
                      <th className="num">Containers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.result.containerCounts.map((c) => (
                      <tr key={`${c.zoneId}|${c.sceneId}`}>
                        <td>{zoneName(c.zoneId)}</td>
                        <td className="mono">{utcMinute(c.acquired)}</td>
                        <td>{c.observability}</td>
                        <td className="num strong">{c.count === null ? 'unknown' : `${c.partial || c.uncountedStacks > 0 ? '≥ ' : ''}${c.count}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </section>

            <section className="an-section wide" data-testid="section-calendar">
              <h2>Observation calendar</h2>
              <p className="muted small">
                Each UTC day by the best look at the zone that day: only an examined clear scene, optical or radar, could show a ship was not there. A day not
                observed is not a day without ships. Click a day to open its scene.
              </p>
              <EChart spec={specs.calendar} onItemClick={openDay} testId="chart-calendar" />
            </section>

            <section className="an-section wide" data-testid="section-censoring">
              <h2>How tightly the scenes bracket the visits</h2>
              <p className="muted small">{CENSORING_TIP}</p>
              {censoring.fall && (
                <p className="strong" data-testid="censoring-fall">
                  {censoring.fall}
                </p>
              )}
              <table className="an-table" data-testid="censoring-table">
                <thead>
                  <tr>
                    <th>Zone</th>
                    <th>Month</th>
                    <th className="num">Visits</th>
                    <th>Arrival</th>
                    <th>Departure</th>
                    <th>Width</th>
                    {view.censoringWithoutRadar && <th>Width without radar</th>}
                  </tr>
                </thead>
                <tbody>
                  {censoring.rows.map((r) => (
                    <tr key={`${r.zone}|${r.month}`} data-zone={r.zone} data-month={r.month}>
                      <td className="nowrap">{r.zone}</td>
                      <td className="mono nowrap">{r.month}</td>
                      <td className="num">{r.visits}</td>
                      <td>{r.arrival}</td>
                      <td>{r.departure}</td>
                      <td className="strong" data-testid="censoring-width">
                        {r.width}
                      </td>
                      {r.withoutRadar && <td data-testid="censoring-width-without">{r.withoutRadar.width}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** Zone by name, then month: the table reads like the chart's legend. */
function sortedByZone<T extends { zoneId: string; month: string }>(rows: T[], zoneName: (id: string) => string): T[] {
  return rows.slice().sort((a, b) => zoneName(a.zoneId).localeCompare(zoneName(b.zoneId)) || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

const CENSORING_TIP =
  'Arrival: from the last scene without the vessel to its first sighting; departure: from its last sighting to the next scene without it; width: both together. Median · 90th percentile, per zone and month of first sighting; open ends are counted, not measured.';
const ARRIVALS_TIP = 'Arrivals: visits first seen in this month (UTC). A ship that arrived in December and stayed into January is a December arrival only.';
const UNDER_WAY_TIP =
  'Under way: visits with any part in this month, from first to last sighting. A ship that arrived in December and stayed into January is under way in both months.';

/** When it arrived, was seen and left: the visit table's words, for a visit or a port call. */
function Bracket({ v }: { v: Pick<Visit, 'arrivalAfter' | 'firstSeen' | 'lastSeen' | 'departureBefore' | 'sceneIds'> }) {
  return (
    <>
      <td className={v.arrivalAfter ? 'mono' : 'open'}>{v.arrivalAfter ? utcMinute(v.arrivalAfter) : 'open (not observed)'}</td>
      <td className="mono">
        {utcMinute(v.firstSeen)}
        {v.lastSeen !== v.firstSeen ? ` → ${utcMinute(v.lastSeen)}` : ''} <span className="muted">({v.sceneIds.length} scene{v.sceneIds.length === 1 ? '' : 's'})</span>
      </td>
      <td className={v.departureBefore ? 'mono' : 'open'}>{v.departureBefore ? utcMinute(v.departureBefore) : 'open (not observed)'}</td>
    </>
  );
}

type Stay = Pick<Visit, 'subjectId' | 'arrivalAfter' | 'firstSeen' | 'lastSeen' | 'departureBefore' | 'sceneIds' | 'dwellMinHours' | 'dwellMaxHours'>;

/** Visits and port calls, one table: who, where, the bracketing scenes and the dwell; a row opens its scenes on the map. */
function StayTable<T extends Stay>(props: {
  rows: T[];
  what: 'visit' | 'port call';
  where: (row: T) => string;
  rowKey: (row: T) => string;
  open: (row: T) => void;
  testId: string;
  rowTestId: string;
  subjectName: (id: string) => string;
}) {
  const { rows, what, where, rowKey, open, testId, rowTestId, subjectName } = props;
  if (rows.length === 0) return <p className="muted">No {what}s in the selection.</p>;
  return (
    <table className="an-table clickable" data-testid={testId}>
      <thead>
        <tr>
          <th>Vessel</th>
          <th>{what === 'visit' ? 'Zone' : 'Zones'}</th>
          <th>Arrived after</th>
          <th>Seen</th>
          <th>Left before</th>
          <th>Dwell</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} onClick={() => open(r)} title={`Show this ${what}'s scenes on the map`} data-testid={rowTestId}>
            <td>{subjectName(r.subjectId)}</td>
            <td>{where(r)}</td>
            <Bracket v={r} />
            <td>{dwellText(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
