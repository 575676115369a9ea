// The report's charts: the same chart specs as the Analysis panel (shared/charts), in the light theme, rendered to SVG headless.
import type { AnalysisCache, AnalysisResult } from '../../../shared/analysis';
import {
  aisTimelineChart,
  containerCountsChart,
  coverageCalendarChart,
  dwellChart,
  LIGHT_THEME,
  monthlyVisitsChart,
  visitTimelineChart,
  type ChartLabels,
  type ChartSpec,
  type AisTimelinePoint,
} from '../../../shared/charts';
import type { AisEvidence } from '../ais/aisAnalysis';
import type { Id } from '../../../shared/domain';
import { renderChartToSvg } from '../charts/renderSvg';
import type { Lookups, ProjectData } from '../export/projectData';

export interface ReportChart {
  title: string;
  caption?: string;
  svg: string;
  width: number;
  height: number;
  /** Drawn in its own section ('ais': "AIS and imagery"), not among the charts. */
  section?: 'ais';
}

/** Pixels of the SVG viewport; the PDF scales it to the text width (495 pt), so 720 px keeps labels near 8 pt. */
const WIDTH = 720;

export function reportCharts(data: ProjectData, cache: AnalysisCache, result: AnalysisResult, zoneIds: Id[], lk: Lookups, period: [number, number], ais?: AisEvidence | null): ReportChart[] {
  const labels: ChartLabels = {
    zones: Object.fromEntries(zoneIds.map((z) => [z, lk.zone.get(z)?.name ?? z])),
    subjects: Object.fromEntries([...data.vessels.map((v) => [v.id, v.name]), ...data.tracks.map((t) => [t.id, lk.subjectName(t.id)])]),
  };
  const opts = { theme: LIGHT_THEME, labels };
  const specs: ChartSpec[] = [monthlyVisitsChart(result.monthly, opts)];
  if (result.visits.length) specs.push(visitTimelineChart(result.visits, { ...opts, range: period }));
  if (result.containerCounts.some((c) => c.stacks > 0)) specs.push(containerCountsChart(result.containerCounts, opts));
  if (result.visits.length) specs.push(dwellChart(cache.dwell('vessel'), opts));
  // The cache's range is the report's period, its zones the report's: the observation record of exactly those.
  specs.push(coverageCalendarChart(cache.observation().days, { ...opts, zoneIds }));
  const out: ReportChart[] = specs.map((spec) => ({ title: spec.title, caption: spec.summary, svg: renderChartToSvg(spec, WIDTH), width: WIDTH, height: spec.height }));
  const aisChart = ais?.hasAis ? aisChartOf(data, ais, zoneIds, lk, period) : null;
  if (aisChart) out.push({ title: aisChart.title, caption: aisChart.summary, svg: renderChartToSvg(aisChart, WIDTH), width: WIDTH, height: aisChart.height, section: 'ais' });
  return out;
}

/** The AIS timeline of the vessel sightings in the period and zones (the same cut as the section's verdict table). */
function aisChartOf(data: ProjectData, ais: AisEvidence, zoneIds: Id[], lk: Lookups, period: [number, number]): ChartSpec | null {
  const zones = new Set(zoneIds);
  const sighting = new Map(data.sightings.map((s) => [s.id, s]));
  const points: AisTimelinePoint[] = [];
  for (const v of ais.verdicts) {
    const s = sighting.get(v.sightingId);
    const scene = s && lk.scene.get(s.sceneId);
    if (!s || !scene || !v.vesselId || (s.zoneId !== null && !zones.has(s.zoneId))) continue;
    const t = Date.parse(scene.acquired);
    if (t < period[0] || t >= period[1]) continue;
    points.push({ vesselId: v.vesselId, verdict: v.verdict, acquired: scene.acquired, zone: s.zoneId ? (lk.zone.get(s.zoneId)?.name ?? null) : null, distanceM: v.distanceM, nearestMinutes: v.nearestMinutes });
  }
  if (!points.length) return null;
  return aisTimelineChart({ vessels: data.vessels, points, heard: ais.heard, gaps: ais.gaps }, { theme: LIGHT_THEME, range: period, gapH: ais.settings.gapH });
}
