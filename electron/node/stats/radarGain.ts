// What the radar scenes buy, measured: the median censoring width of every visit with the radar scenes and
// without them (the same project, its radar scenes and the marks on them left out). `npm run bench:coverage`
// prints it for the demo; the tests hold it to a fall of at least 30 %.
import { AnalysisCache, censoringFallPercent, hasRadar, withoutRadar, type AnalysisOptions, type CensoringSummary } from '../../../shared/analysis';
import { analysisInputOf, loadProjectData } from '../export/projectData';
import type { ProjectStore } from '../store/projectStore';

export interface RadarGain {
  radarScenes: number;
  opticalScenes: number;
  /** Every zone over the whole project: visits, and the median and 90th percentile of dwellMax − dwellMin (bracketed visits). */
  withRadar: CensoringSummary;
  withoutRadar: CensoringSummary;
  /** censoringFallPercent: (without − with) / without × 100 of the median width, or null. */
  fallPercent: number | null;
}

export function radarGain(store: ProjectStore, options: AnalysisOptions = { minConfidence: 'possible' }): RadarGain {
  const input = analysisInputOf(loadProjectData(store));
  const overall = (c: AnalysisCache) => c.censoring().find((r) => r.zoneId === null)!;
  const withR = overall(new AnalysisCache(input, options));
  const without = hasRadar(input) ? overall(new AnalysisCache(withoutRadar(input), options)) : withR;
  const radarScenes = input.scenes.filter((s) => s.sensor === 'sar').length;
  return {
    radarScenes,
    opticalScenes: input.scenes.length - radarScenes,
    withRadar: withR,
    withoutRadar: without,
    fallPercent: censoringFallPercent(withR, without),
  };
}
