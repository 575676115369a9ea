// Colours and text styles of every Quaywatch chart: dark for the app, light for printed reports.

import type { AisVerdict } from '../ais/types';
import type { Observability } from '../domain';
import type { ObservationKind } from '../analysis/observation';

export interface ChartTheme {
  name: 'dark' | 'light';
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  /** One colour per zone (or vessel), in order; cycled when there are more. */
  series: readonly string[];
  /** The solid, certain part of a visit; its uncertain bands are this colour, faint. */
  certain: string;
  uncertain: string;
  open: string;
  warn: string;
  baseline: string;
  observability: Record<Observability, string>;
  /**
   * The observation calendar: Okabe–Ito colours (distinct under the common colour blindnesses), each cell
   * also lettered, so the legend's words and not the hue alone tell the kinds apart.
   */
  observation: Record<ObservationKind, string>;
  /** A sighting's AIS verdict: agreeing green, nearby amber, contradicted red, silent (dark) the strongest ink, unlinked grey. */
  verdict: Record<AisVerdict, string>;
  /** AIS heard (first to last message) and its gaps, behind the verdicts. */
  aisHeard: string;
  aisGap: string;
  fontFamily: string;
}

export const DARK_THEME: ChartTheme = {
  name: 'dark',
  background: '#161b22',
  text: '#e6edf3',
  muted: '#8b98a8',
  grid: '#2a323d',
  axis: '#475569',
  series: ['#38bdf8', '#f472b6', '#a3e635', '#fbbf24', '#c084fc', '#2dd4bf', '#fb923c', '#94a3b8'],
  certain: '#38bdf8',
  uncertain: 'rgba(56,189,248,0.28)',
  open: 'rgba(148,163,184,0.18)',
  warn: '#f59e0b',
  baseline: '#e6edf3',
  observability: { clear: '#22c55e', partial: '#eab308', obscured: '#64748b', outside: '#1e293b' },
  observation: { 'optical-clear': '#56b4e9', 'radar-clear': '#009e73', partial: '#e69f00', unexamined: '#cc79a7', obscured: '#5b6675', 'not-imaged': '#232b36' },
  verdict: { confirmed: '#22c55e', nearby: '#eab308', contradicted: '#f87171', silent: '#c084fc', unlinked: '#94a3b8' },
  aisHeard: 'rgba(148,163,184,0.35)',
  aisGap: 'rgba(248,113,113,0.22)',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif",
};

export const LIGHT_THEME: ChartTheme = {
  name: 'light',
  background: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  grid: '#e5e7eb',
  axis: '#9ca3af',
  series: ['#0369a1', '#be185d', '#4d7c0f', '#b45309', '#7e22ce', '#0f766e', '#c2410c', '#475569'],
  certain: '#0369a1',
  uncertain: 'rgba(3,105,161,0.25)',
  open: 'rgba(71,85,105,0.15)',
  warn: '#b45309',
  baseline: '#111827',
  observability: { clear: '#16a34a', partial: '#ca8a04', obscured: '#94a3b8', outside: '#e5e7eb' },
  observation: { 'optical-clear': '#0072b2', 'radar-clear': '#009e73', partial: '#e69f00', unexamined: '#cc79a7', obscured: '#a3a3a3', 'not-imaged': '#f3f4f6' },
  verdict: { confirmed: '#15803d', nearby: '#b45309', contradicted: '#dc2626', silent: '#6b21a8', unlinked: '#6b7280' },
  aisHeard: 'rgba(71,85,105,0.22)',
  aisGap: 'rgba(220,38,38,0.14)',
  fontFamily: "'DejaVu Sans', Helvetica, Arial, sans-serif",
};

export function seriesColor(theme: ChartTheme, i: number): string {
  return theme.series[i % theme.series.length]!;
}
