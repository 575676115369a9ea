// File → Report… (Ctrl+P): a PDF or standalone HTML report (visits, dwell, coverage, charts, annotated chips, and
// optionally a before/after pair and a strip of frames of a zone) written
// by report.run. Generation takes seconds, so the dialog shows a running line and refuses a second start meanwhile.
import { useState } from 'react';
import type { ReportFormat, ReportResult } from '../../../shared/calls/export';
import type { Confidence } from '../../../shared/domain';
import { call } from '../api/client';
import { useApp } from '../state/appStore';
import { fmtDate } from './format';
import { FileField, fmtBytes, useProjectFolder } from './OutputFileField';
import { FormatChoice, OutputModal, useOutputRun } from './OutputModal';
import { defaultOutputPath, withExtension } from './outputPaths';
import { ZoneOptions } from './ZoneOptions';
import { PeriodFields, periodProblem as periodProblemOf } from './PeriodFields';
import { figuresProblem, figuresRequest, NO_FIGURES, ReportFiguresFields, type FigureChoices } from './ReportFiguresFields';
import { rememberChoices, rememberedChoices } from './figureChoices';
import { ScopeChoice } from '../team/ScopeChoice';
import { useScope } from '../team/teamStore';

const FORMATS: { id: ReportFormat; label: string; ext: string }[] = [
  { id: 'pdf', label: 'PDF', ext: '.pdf' },
  { id: 'html', label: 'HTML', ext: '.html' },
];

const CONFIDENCE_CHOICES: { id: Confidence; label: string }[] = [
  { id: 'possible', label: 'All sightings (possible and up)' },
  { id: 'probable', label: 'Probable and confirmed' },
  { id: 'confirmed', label: 'Confirmed only' },
];

export function reportSummary(r: ReportResult): string {
  const pages = r.format === 'pdf' ? `${r.pages} page${r.pages === 1 ? '' : 's'}, ` : '';
  return `Report written: ${r.file} (${pages}${fmtBytes(r.bytes)}).`;
}

/** The title last used for this project's report, kept in this browser profile (an analyst titles a series once). */
const titleKey = (projectId: string) => `quaywatch.reportTitle.${projectId}`;
function rememberedTitle(projectId: string | undefined): string {
  try {
    return (projectId && localStorage.getItem(titleKey(projectId))) || '';
  } catch {
    return ''; // storage refused (private window): the dialog just starts empty
  }
}
function rememberTitle(projectId: string | undefined, title: string) {
  try {
    if (projectId) localStorage.setItem(titleKey(projectId), title);
  } catch {
    // not remembered; the report itself is written
  }
}

export function ReportDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const projectId = useApp((s) => s.summary?.project.id);
  const zones = useApp((s) => s.zones);
  const scenes = useApp((s) => s.scenes);
  const { projectFolder } = useProjectFolder();
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [path, setPath] = useState(() => defaultOutputPath(projectFolder, projectName, 'report', '.pdf'));
  const [title, setTitle] = useState(() => rememberedTitle(projectId));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [zone, setZone] = useState('');
  const [minConfidence, setMinConfidence] = useState<Confidence>('possible');
  const [figures, setFigures] = useState<FigureChoices>(() => {
    const remembered = rememberedChoices('report', projectId, NO_FIGURES);
    // A zone deleted since is no figure zone.
    return zones.some((z) => z.id === remembered.zone) ? remembered : { ...remembered, zone: '' };
  });
  const { scope } = useScope();

  const first = scenes[0]?.acquired;
  const last = scenes[scenes.length - 1]?.acquired;
  const periodProblem = periodProblemOf(from, to);

  const chooseFormat = (f: ReportFormat) => {
    setFormat(f);
    setPath((p) => withExtension(p, FORMATS.find((x) => x.id === f)!.ext));
  };

  const output = useOutputRun(async (overwrite) => {
    const result = await call('report.run', {
      format,
      path: path.trim(),
      overwrite,
      minConfidence,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(zone ? { zone } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(scope ? { scope } : {}),
      ...figuresRequest(figures),
    });
    rememberTitle(projectId, title.trim());
    rememberChoices('report', projectId, figures);
    return reportSummary(result);
  }, !!path.trim() && !periodProblem && !figuresProblem(figures));
  // While asking "Replace it?" too: the answer is about the file named, so nothing may change under it.
  const busy = output.locked;

  return (
    <OutputModal
      title="Report"
      kind="report"
      intro="Visits, dwell and coverage per zone with their charts and annotated image chips, and if you like a before/after pair and a strip of frames of a zone, as one file to share."
      output={output}
      working={`Generating the ${format === 'pdf' ? 'PDF' : 'HTML'} report: this takes a few seconds…`}
      submit="Generate report"
      submitBusy="Generating…"
    >
      <div className="field-row">
        <FormatChoice formats={FORMATS} value={format} onChange={chooseFormat} testIdPrefix="report-format" disabled={busy} />
        <label>
          Title
          <input data-testid="report-title" value={title} placeholder={`${projectName}: visits and coverage`} maxLength={200} disabled={busy} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <PeriodFields testIdPrefix="report" from={from} to={to} onFrom={setFrom} onTo={setTo} disabled={busy} />
      <p className={periodProblem ? 'error small' : 'hint'} role={periodProblem ? 'alert' : undefined}>
        {periodProblem ?? (first && last ? `Leave empty for the whole series: ${fmtDate(first)} to ${fmtDate(last)}.` : 'Leave empty for the whole series.')}
      </p>
      <div className="field-row">
        <label>
          Zone
          <select data-testid="report-zone" value={zone} disabled={busy} onChange={(e) => setZone(e.target.value)}>
            <ZoneOptions zones={zones} anyLabel="All zones" />
          </select>
        </label>
        <label>
          Sightings counted
          <select data-testid="report-confidence" value={minConfidence} disabled={busy} onChange={(e) => setMinConfidence(e.target.value as Confidence)}>
            {CONFIDENCE_CHOICES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <ScopeChoice testId="report-scope" disabled={busy} />
      </div>
      <ReportFiguresFields value={figures} onChange={setFigures} zones={zones} scenes={scenes} from={from} to={to} disabled={busy} />
      <FileField
        label="File"
        value={path}
        onChange={setPath}
        testId="report-path"
        disabled={busy}
        browse={{ title: 'Save the report as', types: format === 'pdf' ? ['pdf', 'html'] : ['html', 'pdf'], onType: (t) => (t === 'pdf' || t === 'html') && setFormat(t) }}
      />
    </OutputModal>
  );
}
