// The report's charts as SVG strings, rendered headless by ECharts' server-side SVG renderer. Interim: these option objects stand in until the shared chart specs (shared/charts) land, and are then to be replaced by them.
import * as echarts from 'echarts';
import type { AnalysisResult } from '../../../shared/analysis';
import type { Id } from '../../../shared/domain';
import type { Lookups } from '../export/projectData';
import { monthName } from './reportModel';

export interface ReportChart {
  title: string;
  caption?: string;
  svg: string;
  width: number;
  height: number;
}

const FONT = 'DejaVu Sans';
const PALETTE = ['#1f5fa8', '#d9822b', '#2e8b57', '#8e44ad', '#c0392b', '#7f8c8d'];

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function reportCharts(result: AnalysisResult, zoneIds: Id[], lk: Lookups): ReportChart[] {
  const zoneName = (id: Id) => lk.zone.get(id)?.name ?? id;
  const months = result.months;
  const charts: ReportChart[] = [];
  // Coverage per zone-month, as the monthly figures carry it (Coverage itself has no month key).
  const cov = new Map(result.monthly.byZone.map((r) => [`${r.month}\u0001${r.zoneId}`, r.coverage]));
  const coverageOf = (m: string, z: Id) => cov.get(`${m}\u0001${z}`) ?? null;
  const W = 720;

  // Visits per month per zone, with clear scenes as a line on a second axis: the count beside its coverage.
  charts.push({
    title: 'Visits per month, with clear scenes',
    caption: 'Bars: visits (by month of first sighting). Lines: clear scenes of each zone that month.',
    width: W,
    height: 300,
    svg: render(
      {
        grid: { left: 48, right: 48, top: 36, bottom: 40 },
        legend: { top: 4, textStyle: { fontSize: 11 } },
        xAxis: { type: 'category', data: months.map((m) => `${monthName(m).slice(0, 3)} ${m.slice(0, 4)}`), axisLabel: { fontSize: 10 } },
        yAxis: [
          { type: 'value', name: 'visits', minInterval: 1, nameTextStyle: { fontSize: 10 } },
          { type: 'value', name: 'clear scenes', minInterval: 1, splitLine: { show: false }, nameTextStyle: { fontSize: 10 } },
        ],
        series: [
          ...zoneIds.map((z) => ({
            name: `${zoneName(z)} visits`,
            type: 'bar',
            data: months.map((m) => result.monthly.byZone.find((r) => r.month === m && r.zoneId === z)?.visits ?? 0),
          })),
          ...zoneIds.map((z) => ({
            name: `${zoneName(z)} clear scenes`,
            type: 'line',
            yAxisIndex: 1,
            symbolSize: 5,
            lineStyle: { type: 'dashed' as const, width: 1.5 },
            data: months.map((m) => coverageOf(m, z)?.clear ?? 0),
          })),
        ],
      },
      W,
      300,
    ),
  });

  // Visit timeline: observed presence (solid) inside the arrival/departure brackets (pale).
  const visits = result.visits;
  if (visits.length) {
    const rows = [...new Set(visits.map((v) => `${lk.subjectName(v.subjectId)} · ${zoneName(v.zoneId)}`))];
    const rowOf = (v: (typeof visits)[number]) => rows.indexOf(`${lk.subjectName(v.subjectId)} · ${zoneName(v.zoneId)}`);
    const t0 = Math.min(...visits.map((v) => Date.parse(v.arrivalAfter ?? v.firstSeen)));
    const t1 = Math.max(...visits.map((v) => Date.parse(v.departureBefore ?? v.lastSeen)));
    const h = Math.max(160, 40 + rows.length * 26);
    const bar = (start: number, end: number, row: number, colour: string, height: number) => [start, end, row, colour, height];
    const data = visits.flatMap((v) => [
      bar(Date.parse(v.arrivalAfter ?? v.firstSeen), Date.parse(v.departureBefore ?? v.lastSeen), rowOf(v), '#b8cde6', 14),
      bar(Date.parse(v.firstSeen), Math.max(Date.parse(v.lastSeen), Date.parse(v.firstSeen) + 6 * 3_600_000), rowOf(v), '#1f5fa8', 8),
    ]);
    charts.push({
      title: 'Visit timeline with arrival and departure uncertainty',
      caption: 'Dark: first to last sighting. Pale: from the last clear scene without the vessel to the next one (open ends are cut at the last sighting).',
      width: W,
      height: h,
      svg: render(
        {
          grid: { left: 150, right: 20, top: 10, bottom: 30 },
          xAxis: { type: 'time', min: t0 - 86_400_000, max: t1 + 86_400_000, axisLabel: { fontSize: 10 } },
          yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { fontSize: 10 } },
          series: [
            {
              type: 'custom',
              encode: { x: [0, 1], y: 2 },
              data,
              renderItem: (_p: unknown, api: { value: (i: number) => number; coord: (v: [number, number]) => [number, number] }) => {
                const [x0, y] = api.coord([api.value(0), api.value(2)]);
                const [x1] = api.coord([api.value(1), api.value(2)]);
                const hh = api.value(4);
                return { type: 'rect', shape: { x: x0, y: y - hh / 2, width: Math.max(2, x1 - x0), height: hh }, style: { fill: api.value(3) as unknown as string } };
              },
            },
          ],
        },
        W,
        h,
      ),
    });
  }

  // Container counts over time: unknown (obscured) scenes are gaps, never zeros.
  const counts = result.containerCounts;
  if (counts.some((c) => c.stacks > 0)) {
    charts.push({
      title: 'Containers counted per zone',
      caption: 'Gaps: the zone could not be seen (obscured or not imaged), so the count is unknown.',
      width: W,
      height: 240,
      svg: render(
        {
          grid: { left: 48, right: 20, top: 30, bottom: 30 },
          legend: { top: 4, textStyle: { fontSize: 11 } },
          xAxis: { type: 'time', axisLabel: { fontSize: 10 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: zoneIds.map((z) => ({
            name: zoneName(z),
            type: 'line',
            connectNulls: false,
            symbolSize: 5,
            data: counts.filter((c) => c.zoneId === z).map((c) => [Date.parse(c.acquired), c.count]),
          })),
        },
        W,
        240,
      ),
    });
  }

  // Coverage calendar: per zone per month, the share of days with a clear scene.
  charts.push({
    title: 'Coverage: share of days with a clear scene',
    width: W,
    height: Math.max(120, 50 + zoneIds.length * 30),
    svg: render(
      {
        grid: { left: 90, right: 20, top: 10, bottom: 30 },
        xAxis: { type: 'category', data: months, axisLabel: { fontSize: 10 } },
        yAxis: { type: 'category', data: zoneIds.map(zoneName), axisLabel: { fontSize: 10 } },
        visualMap: { show: false, min: 0, max: 1, inRange: { color: ['#f2f4f6', '#1f5fa8'] } },
        series: [
          {
            type: 'heatmap',
            label: { show: true, fontSize: 10, formatter: (p: { value: [number, number, number] }) => `${Math.round(p.value[2] * 100)}%` },
            data: zoneIds.flatMap((z, zi) => months.map((m, mi) => [mi, zi, coverageOf(m, z)?.shareOfDaysObserved ?? 0])),
          },
        ],
      },
      W,
      Math.max(120, 50 + zoneIds.length * 30),
    ),
  });
  return charts;
}
