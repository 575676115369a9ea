// Produces a PDF or standalone HTML report of the open project for a period and zone: model, charts, chips, then the writer,
// through the output-path guard (never onto the project, never over a file unasked, a temporary name put in place when whole).
import fs from 'node:fs';
import { AnalysisCache, hasRadar, withoutRadar } from '../../../shared/analysis';
import type { ReportFormat, ReportResult } from '../../../shared/calls/export';
import type { Confidence, Id, Scene, Sighting, Visit } from '../../../shared/domain';
import { describeBox, measureBox } from '../../../shared/measure';
import { parseIsoInstant } from '../../../shared/dates';
import { QuaywatchError } from '../errors';
import type { Scope } from '../../../shared/teamScope';
import { analysisInputOf, loadProjectData, lookupsOf, type ProjectData } from '../export/projectData';
import type { ProjectStore } from '../store/projectStore';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import { renderChip, type Chip } from './chips';
import { hasLocalPixels, localPixels } from '../imagery/localPixels';
import { htmlReport } from './htmlReport';
import { writePdfReport } from './pdfReport';
import { askedScenes, reportFigures, type FiguresRequest } from './reportFigures';
import { buildReportModel, defaultPeriod } from './reportModel';
import { classNoun } from '../../../shared/sightingRules';
import { evenlySpread } from '../../../shared/reportFigures';
import { aisEvidence, aisNames } from '../ais/aisAnalysis';

export interface ReportRequest {
  format: ReportFormat;
  path: string;
  overwrite?: boolean;
  from?: string;
  to?: string;
  zone?: string;
  title?: string;
  minConfidence: Confidence;
  chipSightingIds?: string[];
  /** Whose sightings (shared/teamScope.ts); none: every sighting in the project. */
  scope?: Scope;
  /** A before/after pair and a strip of frames of a zone (reportFigures.ts). */
  pair?: FiguresRequest['pair'];
  strip?: FiguresRequest['strip'];
}

export interface ReportRun {
  /**
   * Resolves when these scenes' imagery is on disk: the demo's is written after it opens (session.imageryWritten), and
   * a scene not written yet would have no chip or figure. Absent: nothing is being written (the CLI).
   */
  scenesWritten?: (scenes: Scene[]) => Promise<void>;
}

const DAY = 86_400_000;
const MAX_AUTO_CHIPS = 6;

/** A day names the whole day (so `to` includes it); an ISO time is that instant (no zone: UTC, shared/dates.ts). */
function bound(raw: string, which: 'from' | 'to'): string {
  const iso = parseIsoInstant(raw); // a day reads as its midnight, UTC
  if (typeof iso !== 'string') throw new QuaywatchError('invalid_request', `"${which}": ${iso.error}`);
  return which === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? new Date(Date.parse(iso) + DAY).toISOString() : iso;
}

function resolveZones(data: ProjectData, ref: string | undefined): Id[] {
  if (!ref) return data.zones.map((z) => z.id); // the store lists zones by name
  const z = data.zones.find((x) => x.id === ref) ?? data.zones.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!z) {
    throw new QuaywatchError('not_found', `No zone "${ref}" in this project; its zones are: ${data.zones.map((x) => x.name).join(', ') || 'none'}.`);
  }
  return [z.id];
}

/** Default chips: one sighting per visit, spread evenly over the period, only where the scene's pixels are on this machine (a GeoTIFF, an MBTiles file, tiles made available offline). */
function autoChipSightings(data: ProjectData, visits: Visit[], store: ProjectStore): Sighting[] {
  const scenes = new Map(data.scenes.map((s) => [s.id, s]));
  const local = new Map<string, boolean>();
  const isLocal = (scene: Scene) => local.get(scene.id) ?? (local.set(scene.id, hasLocalPixels(store, scene)), local.get(scene.id)!);
  const bySceneSubject = new Map<string, Sighting>();
  for (const s of data.sightings) {
    const subject = s.vesselId ?? s.trackId;
    if (subject) bySceneSubject.set(`${s.sceneId}\u0001${subject}\u0001${s.zoneId}`, s);
  }
  const candidates: Sighting[] = [];
  for (const v of visits) {
    for (const sceneId of v.sceneIds) {
      const scene = scenes.get(sceneId);
      const s = bySceneSubject.get(`${sceneId}\u0001${v.subjectId}\u0001${v.zoneId}`);
      if (!s || !scene || !isLocal(scene)) continue;
      candidates.push(s);
      break;
    }
  }
  return evenlySpread(candidates, MAX_AUTO_CHIPS);
}

export async function generateReport(store: ProjectStore, req: ReportRequest, author: string, run: ReportRun = {}): Promise<ReportResult> {
  const t0 = performance.now();
  // Refused before seconds of work; the guard checks again when the report is put in place.
  const target = checkOutputPath(store, req.path, { overwrite: req.overwrite }).file;
  const data = loadProjectData(store, req.scope);
  const period = defaultPeriod(data);
  const from = req.from ? bound(req.from, 'from') : period.from;
  const to = req.to ? bound(req.to, 'to') : period.to;
  if (!(Date.parse(from) < Date.parse(to))) throw new QuaywatchError('invalid_request', `The period is empty: "from" (${from.slice(0, 10)}) must come before "to" (${to.slice(0, 10)}).`);
  const zoneIds = resolveZones(data, req.zone);
  // Every scene of the period may give a chip or a frame; the pair's may lie outside it.
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  await run.scenesWritten?.([...data.scenes.filter((s) => Date.parse(s.acquired) >= fromMs && Date.parse(s.acquired) < toMs), ...askedScenes(data, req)]);
  const cache = new AnalysisCache(analysisInputOf(data), { minConfidence: req.minConfidence, from, to, zoneIds });
  const result = cache.result();
  const ais = aisEvidence(store, data, cache);
  // "Without radar" is the same analysis of the optical scenes alone: what the radar scenes bought.
  const input = analysisInputOf(data);
  const withoutRadarCache = hasRadar(input) ? new AnalysisCache(withoutRadar(input), { minConfidence: req.minConfidence, from, to, zoneIds }) : null;
  const model = buildReportModel(data, cache, result, { ...(req.title ? { title: req.title } : {}), author, from, to, zoneIds, minConfidence: req.minConfidence, ais, aisNames: aisNames(store), withoutRadar: withoutRadarCache });
  const lk = lookupsOf(data);
  // Imported here, not at the top: the charts bring ECharts, which the host should not load to start.
  const { reportCharts } = await import('./reportCharts');
  const charts = reportCharts(data, cache, result, zoneIds, lk, [Date.parse(from), Date.parse(to)], ais);

  const byId = new Map(data.sightings.map((s) => [s.id, s]));
  let chosen: Sighting[];
  if (req.chipSightingIds) {
    chosen = req.chipSightingIds.map((id) => byId.get(id) ?? (() => { throw new QuaywatchError('not_found', `Sighting ${id} (asked for as a chip) is not in this project.`); })());
  } else {
    chosen = autoChipSightings(data, result.visits, store);
  }
  const chips: Chip[] = [];
  for (const s of chosen) {
    const scene = lk.scene.get(s.sceneId)!;
    const subjectName = s.vesselId ? lk.subjectName(s.vesselId) : s.trackId ? lk.subjectName(s.trackId) : classNoun(s.class);
    const zone = s.zoneId ? lk.zone.get(s.zoneId)?.name : null;
    // A box's size and direction as the attributes panel shows them, so the report and the screen agree.
    const m = s.geometry.type === 'Polygon' ? measureBox(s.geometry) : null;
    const subject = `${subjectName}${zone ? ` at ${zone}` : ''}`;
    try {
      chips.push(await renderChip({ scene, pixels: await localPixels(store, scene), sighting: s, others: data.sightings.filter((o) => o.sceneId === s.sceneId), zones: data.zones.filter((z) => zoneIds.includes(z.id)), subject: m ? `${subject} · ${describeBox(s.class, m)}` : subject }));
    } catch (e) {
      model.caveats.push(`No chip for ${subject} on ${scene.acquired.slice(0, 10)}: ${(e as Error).message.replace(/\.+$/, '')}.`);
    }
  }

  const figures = await reportFigures(store, data, req, { from, to });

  let pages = 1;
  await writeOutput(store, target, { overwrite: req.overwrite }, async (tmp) => {
    if (req.format === 'pdf') pages = await writePdfReport(tmp, model, charts, chips, figures);
    else fs.writeFileSync(tmp, htmlReport(model, charts, chips, figures), 'utf8');
  });
  return {
    format: req.format,
    file: target,
    bytes: fs.statSync(target).size,
    pages,
    from,
    to,
    millis: Math.round(performance.now() - t0),
    scope: data.scope,
    pairSceneIds: figures.pair?.sceneIds ?? [],
    stripSceneIds: figures.strip?.frames.map((f) => f.sceneId) ?? [],
  };
}
