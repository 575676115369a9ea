// File → Time-lapse…: an animated GIF or WebP, or a WebM or MP4 video, of a zone or the window's view across a date range, one dated and credited
// frame per scene, written by figure.timelapse; a progress bar (jobs.status, polled as the import dialog does) and Cancel.
import { useRef, useState } from 'react';
import { TIMELAPSE_FORMATS, type FigureStyle, type TimelapseFormat, type TimelapseResult } from '../../../shared/calls/figure';
import type { JobStatus } from '../../../shared/calls/imagery';
import { ApiCallError, call } from '../api/client';
import { mapController } from '../map/MapController';
import { useApp } from '../state/appStore';
import { useTheme } from '../theme';
import { useScope } from '../team/teamStore';
import { chosenZoneId, FrameField, frameOf, initialFrame, MarksField, numberProblem, rememberChoices, rememberedChoices, styleOfTheme } from './figureChoices';
import { fmtDate } from './format';
import { FileField, fmtBytes, useProjectFolder } from './OutputFileField';
import { FormatChoice, OutputModal, useOutputRun } from './OutputModal';
import { PeriodFields, periodProblem } from './PeriodFields';
import { defaultOutputPath, folderOf, withExtension } from './outputPaths';

// MP4 says its codec: it is VP9, which older players (QuickTime, PowerPoint on a Mac) do not open, where H.264 would.
const FORMAT_LABEL: Record<TimelapseFormat, { label: string; ext: string }> = {
  gif: { label: 'GIF', ext: '.gif' },
  webp: { label: 'WebP', ext: '.webp' },
  webm: { label: 'WebM', ext: '.webm' },
  mp4: { label: 'MP4 (VP9)', ext: '.mp4' },
};
const FORMATS = TIMELAPSE_FORMATS.map((id) => ({ id, ...FORMAT_LABEL[id] }));
const STYLES: { id: FigureStyle; label: string }[] = [
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' },
];
type Obscured = 'skip' | 'grey';
const OBSCURED: { id: Obscured; label: string }[] = [
  { id: 'skip', label: 'Left out' },
  { id: 'grey', label: 'Greyed, marked “obscured”' },
];

export function timelapseSummary(r: TimelapseResult): string {
  const skipped = r.skipped ? `, ${r.skipped} obscured scene${r.skipped === 1 ? '' : 's'} left out` : '';
  const notes = (r.notes ?? []).map((n) => ` ${n}`).join('');
  return `Time-lapse written: ${r.file} (${r.frames} frame${r.frames === 1 ? '' : 's'}${skipped}, ${r.width} × ${r.height} px, ${fmtBytes(r.bytes)}).${notes}`;
}

/** The job's own words ("frame 3 of 23: 2024-12-14 01:38 UTC", "encoding GIF"), as a sentence; else the count. */
const progressText = (job: JobStatus) => (job.label ? job.label[0]!.toUpperCase() + job.label.slice(1) : `${job.done} of ${job.total}`);

export function TimelapseDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const projectId = useApp((s) => s.summary?.project.id);
  const zones = useApp((s) => s.zones);
  const scenes = useApp((s) => s.scenes);
  const { projectFolder } = useProjectFolder();
  const theme = useTheme((s) => s.applied);
  const { scope } = useScope();
  const [view] = useState(() => mapController.viewBox());
  const [start] = useState(() => {
    const remembered = rememberedChoices('timelapse', projectId, {
      format: 'gif' as TimelapseFormat,
      width: 1280,
      frameMs: 500,
      obscured: 'skip' as Obscured,
      style: '' as FigureStyle | '',
      marks: true,
      frame: '',
      from: '',
      to: '',
      folder: '',
    });
    const app = useApp.getState();
    return { ...remembered, style: remembered.style || styleOfTheme(theme), frame: initialFrame(chosenZoneId(), remembered.frame, app.zones, view) };
  });
  const [format, setFormat] = useState(start.format);
  const [frame, setFrame] = useState(start.frame);
  const [from, setFrom] = useState(start.from);
  const [to, setTo] = useState(start.to);
  const [width, setWidth] = useState(String(start.width));
  const [frameMs, setFrameMs] = useState(String(start.frameMs));
  const [obscured, setObscured] = useState<Obscured>(start.obscured);
  const [style, setStyle] = useState<FigureStyle>(start.style);
  const [marks, setMarks] = useState(start.marks);
  const [path, setPath] = useState(() => defaultOutputPath(start.folder || projectFolder, projectName, 'time-lapse', FORMAT_LABEL[start.format].ext));
  const [job, setJob] = useState<JobStatus | null>(null);
  const running = useRef<{ id: string; stopped: boolean } | null>(null);

  const inRange = scenes.filter((s) => (!from || fmtDate(s.acquired) >= from) && (!to || fmtDate(s.acquired) <= to));
  const problem =
    periodProblem(from, to) ??
    numberProblem(width, 'Width', 160, 3840) ??
    numberProblem(frameMs, 'Frame time', 40, 10_000) ??
    (inRange.length === 0 ? 'No scene in this period.' : null);
  const target = frameOf(frame, view);

  const chooseFormat = (f: TimelapseFormat) => {
    setFormat(f);
    setPath((p) => withExtension(p, FORMAT_LABEL[f].ext));
  };

  const output = useOutputRun(async (overwrite) => {
    const id = crypto.randomUUID();
    running.current = { id, stopped: false };
    const poll = setInterval(() => {
      void call('jobs.status', { id }).then((st) => st && running.current?.id === id && setJob(st), () => {});
    }, 250);
    try {
      const result = await call('figure.timelapse', {
        format,
        path: path.trim(),
        overwrite,
        frame: target!,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        width: Number(width),
        frameMs: Number(frameMs),
        obscured,
        marks,
        style,
        ...(scope ? { scope } : {}),
        jobId: id,
      });
      rememberChoices('timelapse', projectId, { format, width: Number(width), frameMs: Number(frameMs), obscured, style, marks, frame, from, to, folder: folderOf(result.file) });
      return timelapseSummary(result);
    } catch (e) {
      // Cancel was asked for: the call ends with the job's abort, which is no failure to report.
      if (e instanceof ApiCallError && e.code === 'cancelled') return 'Time-lapse cancelled: no file written.';
      throw e;
    } finally {
      clearInterval(poll);
      running.current = null;
      setJob(null);
    }
  }, !!path.trim() && !problem && target !== null);
  const busy = output.locked;

  const stop = () => {
    const r = running.current;
    if (!r || r.stopped) return;
    r.stopped = true;
    void call('jobs.cancel', { id: r.id }).catch(() => {});
  };

  const first = scenes[0]?.acquired;
  const last = scenes[scenes.length - 1]?.acquired;
  const period = first && last ? `${inRange.length} scene${inRange.length === 1 ? '' : 's'} in the period (the series runs ${fmtDate(first)} to ${fmtDate(last)}); empty dates mean the whole series.` : '';

  return (
    <OutputModal
      title="Time-lapse"
      kind="timelapse"
      intro="One frame per scene, each with its date (UTC) and provider credit, your marks optional: a quay across weeks, as one animated picture or a video (WebM or MP4, both VP9)."
      output={output}
      working="Drawing the frames…"
      submit="Make time-lapse"
      submitBusy="Making…"
      progress={{
        stop,
        view: (
          <div className="output-progress" data-testid="timelapse-progress" role="status">
            <progress max={job?.total || 1} value={job?.total ? job.done : undefined} />
            <span className="muted small">{job?.total ? progressText(job) : 'Starting…'}</span>
          </div>
        ),
      }}
    >
      <div className="field-row">
        <FormatChoice<TimelapseFormat> formats={FORMATS} value={format} onChange={chooseFormat} testIdPrefix="timelapse-format" disabled={busy} />
        <FormatChoice<FigureStyle> label="Style" formats={STYLES} value={style} onChange={setStyle} testIdPrefix="timelapse-style" disabled={busy} />
      </div>
      <div className="field-row">
        <FrameField value={frame} onChange={setFrame} zones={zones} view={view} testId="timelapse-frame" disabled={busy} />
        <label>
          Obscured scenes (cloud, outside the scene)
          <select data-testid="timelapse-obscured" value={obscured} disabled={busy} onChange={(e) => setObscured(e.target.value as Obscured)}>
            {OBSCURED.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PeriodFields testIdPrefix="timelapse" from={from} to={to} onFrom={setFrom} onTo={setTo} disabled={busy} />
      <p className={problem ? 'error small' : 'hint'} role={problem ? 'alert' : undefined} data-testid="timelapse-period">
        {problem ?? period}
      </p>
      <div className="field-row">
        <label>
          Width (pixels)
          <input type="number" data-testid="timelapse-width" min={160} max={3840} value={width} disabled={busy} onChange={(e) => setWidth(e.target.value)} />
        </label>
        <label>
          Frame time (milliseconds each)
          <input type="number" data-testid="timelapse-frame-ms" min={40} max={10000} value={frameMs} disabled={busy} onChange={(e) => setFrameMs(e.target.value)} />
        </label>
      </div>
      <MarksField testIdPrefix="timelapse" marks={marks} onChange={setMarks} disabled={busy} />
      <FileField
        label="File"
        value={path}
        onChange={setPath}
        testId="timelapse-path"
        disabled={busy}
        browse={{ title: 'Save the time-lapse as', types: [format, ...FORMATS.map((f) => f.id).filter((f) => f !== format)], onType: (t) => (TIMELAPSE_FORMATS as readonly string[]).includes(t) && setFormat(t as TimelapseFormat) }}
      />
    </OutputModal>
  );
}
