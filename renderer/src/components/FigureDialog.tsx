// File → Save figure… (Ctrl+Shift+F): an annotated still of the current scene, framed on the window's view or a zone,
// or a before/after pair (side by side or swipe), as PNG, SVG or PDF, written by figure.save.
import { useState } from 'react';
import { FIGURE_LAYOUTS, type FigureFormat, type FigureLayout, type FigureResult, type FigureStyle } from '../../../shared/calls/figure';
import type { Scene } from '../../../shared/domain';
import { call } from '../api/client';
import { mapController } from '../map/MapController';
import { useApp } from '../state/appStore';
import { useTheme } from '../theme';
import { useScope } from '../team/teamStore';
import { chosenZoneId, FrameField, frameOf, initialFrame, MarksField, numberProblem, rememberChoices, rememberedChoices, styleOfTheme } from './figureChoices';
import { fmtDateTime, fmtDate } from './format';
import { FileField, fmtBytes, useProjectFolder } from './OutputFileField';
import { FormatChoice, OutputModal, useOutputRun } from './OutputModal';
import { defaultOutputPath, folderOf, withExtension } from './outputPaths';

const FORMATS: { id: FigureFormat; label: string; ext: string }[] = [
  { id: 'png', label: 'PNG', ext: '.png' },
  { id: 'svg', label: 'SVG', ext: '.svg' },
  { id: 'pdf', label: 'PDF', ext: '.pdf' },
];
const LAYOUT_LABEL: Record<FigureLayout, string> = { single: 'One scene', 'side-by-side': 'Side by side', swipe: 'Swipe' };
const LAYOUTS = FIGURE_LAYOUTS.map((id) => ({ id, label: LAYOUT_LABEL[id] }));
const STYLES: { id: FigureStyle; label: string }[] = [
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' },
];

export function figureSummary(r: FigureResult): string {
  const unit = r.format === 'png' ? 'px' : 'CSS px';
  // The notes follow: what the figure leaves out that the analyst may expect in it (other analysts' marks, blank parts).
  return [`Figure written: ${r.file} (${r.width} × ${r.height} ${unit}, ${fmtBytes(r.bytes)}).`, ...r.notes].join(' ');
}

const sceneLabel = (s: Scene) => `${fmtDateTime(s.acquired)} · ${s.provider}`;

export function FigureDialog() {
  const projectName = useApp((s) => s.summary?.project.name ?? 'Project');
  const projectId = useApp((s) => s.summary?.project.id);
  const zones = useApp((s) => s.zones);
  const scenes = useApp((s) => s.scenes);
  const current = useApp((s) => s.scenes[s.sceneIndex]);
  const { projectFolder } = useProjectFolder();
  const theme = useTheme((s) => s.applied);
  const { scope } = useScope();
  // The view as it is while the dialog is open (the map cannot move under a modal dialog).
  const [view] = useState(() => mapController.viewBox());
  // Read once: the dialog starts from what was used last for this project, then the analyst's edits rule.
  const [start] = useState(() => {
    const app = useApp.getState();
    const remembered = rememberedChoices('figure', projectId, {
      format: 'png' as FigureFormat,
      layout: 'single' as FigureLayout,
      split: 0.5,
      width: 1600,
      dpi: 150,
      style: '' as FigureStyle | '',
      title: '',
      caption: '',
      marks: true,
      frame: '',
      folder: '',
    });
    // An open comparison is the pair the analyst is looking at: the figure starts from it.
    const compared = app.compare.mode !== 'off' ? app.scenes.find((s) => s.id === app.compare.sceneId && s.id !== current?.id) : undefined;
    const other = compared ?? [...app.scenes].reverse().find((s) => s.id !== current?.id);
    return {
      ...remembered,
      layout: compared ? (app.compare.mode === 'swipe' ? 'swipe' : 'side-by-side') : remembered.layout,
      style: remembered.style || styleOfTheme(theme),
      frame: initialFrame(chosenZoneId(), remembered.frame, app.zones, view),
      after: other?.id ?? '',
    };
  });
  const [format, setFormat] = useState(start.format);
  const [frame, setFrame] = useState(start.frame);
  const [sceneId, setSceneId] = useState(current?.id ?? '');
  const [layout, setLayout] = useState<FigureLayout>(start.layout);
  const [afterId, setAfterId] = useState(start.after);
  const [split, setSplit] = useState(start.split);
  const [width, setWidth] = useState(String(start.width));
  const [dpi, setDpi] = useState(String(start.dpi));
  const [style, setStyle] = useState<FigureStyle>(start.style);
  const [title, setTitle] = useState(start.title);
  const [caption, setCaption] = useState(start.caption);
  const [marks, setMarks] = useState(start.marks);
  const ext = FORMATS.find((f) => f.id === format)!.ext;
  const [path, setPath] = useState(() => defaultOutputPath(start.folder || projectFolder, projectName, `figure ${current ? fmtDate(current.acquired) : ''}`.trim(), ext));

  const pair = layout !== 'single';
  const problem =
    numberProblem(width, 'Width', 200, 8000) ??
    (format === 'png' ? numberProblem(dpi, 'DPI', 36, 1200) : null) ??
    (pair && (!afterId || afterId === sceneId) ? 'Choose an “after” scene other than the first.' : null) ??
    (!sceneId ? 'The project has no scene to draw.' : null);
  const target = frameOf(frame, view);

  const chooseFormat = (f: FigureFormat) => {
    setFormat(f);
    setPath((p) => withExtension(p, FORMATS.find((x) => x.id === f)!.ext));
  };

  const output = useOutputRun(async (overwrite) => {
    const result = await call('figure.save', {
      format,
      path: path.trim(),
      overwrite,
      frame: target!,
      scene: sceneId,
      ...(pair ? { secondScene: afterId, layout, ...(layout === 'swipe' ? { split } : {}) } : { layout: 'single' as const }),
      width: Number(width),
      dpi: Number(dpi),
      style,
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(caption.trim() ? { caption: caption.trim() } : {}),
      marks,
      ...(scope ? { scope } : {}),
    });
    rememberChoices('figure', projectId, { format, layout, split, width: Number(width), dpi: Number(dpi), style, title: title.trim(), caption: caption.trim(), marks, frame, folder: folderOf(result.file) });
    return figureSummary(result);
  }, !!path.trim() && !problem && target !== null);
  // While asking "Replace it?" too: the answer is about the file named, so nothing may change under it.
  const busy = output.locked;

  const sceneOptions = scenes.map((s) => (
    <option key={s.id} value={s.id}>
      {sceneLabel(s)}
      {s.id === current?.id ? ' (shown)' : ''}
    </option>
  ));

  return (
    <OutputModal
      title="Save figure"
      kind="figure"
      intro="The scene’s own pixels with your marks and their labels, date and time (UTC), sensor, provider credit, scale bar, north arrow and legend: ready to publish."
      output={output}
      working={`Drawing the ${format.toUpperCase()} figure…`}
      submit="Save figure"
      submitBusy="Saving…"
    >
      <div className="field-row">
        <FormatChoice formats={FORMATS} value={format} onChange={chooseFormat} testIdPrefix="figure-format" disabled={busy} />
        <FormatChoice<FigureStyle> label="Style" formats={STYLES} value={style} onChange={setStyle} testIdPrefix="figure-style" disabled={busy} />
      </div>
      <div className="field-row">
        <FrameField value={frame} onChange={setFrame} zones={zones} view={view} testId="figure-frame" disabled={busy} />
        <label>
          {pair ? 'Before' : 'Scene'}
          <select data-testid="figure-scene" value={sceneId} disabled={busy} onChange={(e) => setSceneId(e.target.value)}>
            {sceneOptions}
          </select>
        </label>
      </div>
      <div className="field-row">
        <FormatChoice<FigureLayout> label="Layout" formats={LAYOUTS} value={layout} onChange={setLayout} testIdPrefix="figure-layout" disabled={busy} />
        <label>
          After
          <select data-testid="figure-after" value={afterId} disabled={busy || !pair} onChange={(e) => setAfterId(e.target.value)}>
            {sceneOptions}
          </select>
        </label>
      </div>
      {layout === 'swipe' && (
        <label>
          Split: the “before” scene left of {Math.round(split * 100)}% of the width, the “after” scene right of it
          <input type="range" data-testid="figure-split" min={5} max={95} step={1} value={Math.round(split * 100)} disabled={busy} onChange={(e) => setSplit(Number(e.target.value) / 100)} />
        </label>
      )}
      <div className="field-row">
        <label>
          Width ({format === 'png' ? 'pixels' : 'CSS pixels'})
          <input type="number" data-testid="figure-width" min={200} max={8000} value={width} disabled={busy} onChange={(e) => setWidth(e.target.value)} />
        </label>
        <label>
          DPI (PNG: the print size it carries)
          <input type="number" data-testid="figure-dpi" min={36} max={1200} value={dpi} disabled={busy || format !== 'png'} onChange={(e) => setDpi(e.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label>
          Title (optional)
          <input data-testid="figure-title" value={title} maxLength={300} disabled={busy} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Caption (optional)
          <input data-testid="figure-caption" value={caption} maxLength={300} disabled={busy} onChange={(e) => setCaption(e.target.value)} />
        </label>
      </div>
      <MarksField testIdPrefix="figure" marks={marks} onChange={setMarks} disabled={busy} />
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}
      <FileField
        label="File"
        value={path}
        onChange={setPath}
        testId="figure-path"
        disabled={busy}
        browse={{
          title: 'Save the figure as',
          types: [format, ...FORMATS.map((f) => f.id).filter((f) => f !== format)],
          onType: (t) => (t === 'png' || t === 'svg' || t === 'pdf') && setFormat(t),
        }}
      />
    </OutputModal>
  );
}
