// All scenes by date, with cloud cover, zone observability and the number of marks on each; a scene can be
// deleted (with its marks) after a confirm that says how many marks go with it, and Ctrl+Z brings it back.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Scene } from '../../../shared/domain';
import { examinedKey, isExaminable, observabilityOfPair, storedObservability } from '../../../shared/examination';
import { useApp } from '../state/appStore';
import { examinationOf } from '../state/selectors';
import { cloudText, scenePasses } from '../state/sceneFilter';
import { plural } from '../../../shared/words';
import { SENSOR_TAG, sensorLabel } from '../../../shared/radar';
import { fmtDate, fmtDateTime, fmtTime } from './format';
import './panelFailure.css';

/** Asks before a scene goes: the analyst sees how many of their marks go with it, and how to get it back. */
function ConfirmDeleteScene({ scene, marks, onClose }: { scene: Scene; marks: number; onClose: () => void }) {
  const deleteScene = useApp((s) => s.deleteScene);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const confirm = async () => {
    setBusy(true);
    await deleteScene(scene.id);
    onClose();
  };
  return (
    <div className="modal-backdrop" onMouseDown={busy ? undefined : onClose}>
      <div
        className="modal"
        role="alertdialog"
        aria-label="Delete scene"
        data-testid="delete-scene-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Esc and Enter belong to this dialog, not to the workbench's shortcuts behind it.
          e.stopPropagation();
          if (e.key === 'Escape' && !busy) onClose();
        }}
      >
        <h2>Delete the scene of {fmtDateTime(scene.acquired)}?</h2>
        <p>
          {marks === 0 ? (
            'It has no marks.'
          ) : (
            <>
              <strong data-testid="delete-scene-marks">{marks === 1 ? '1 mark goes' : `${marks} marks go`} with it</strong>, with their reviews and
              the scene’s observability per zone.
            </>
          )}{' '}
          The imagery file itself stays where it is.
          {scene.source.kind === 'xyz' ? ' An offline copy of its tiles is removed and is not brought back by undo.' : ''}
        </p>
        <p className="muted small">Undo (Ctrl+Z) brings the scene back with everything that went with it.</p>
        <div className="modal-actions">
          <button ref={cancelRef} onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button className="danger" data-testid="delete-scene-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Deleting…' : marks ? `Delete scene and ${marks === 1 ? '1 mark' : `${marks} marks`}` : 'Delete scene'}
          </button>
        </div>
      </div>
    </div>
  );
}

export function SceneList() {
  const scenes = useApp((s) => s.scenes);
  const zones = useApp((s) => s.zones);
  const observability = useApp((s) => s.observability);
  const sightings = useApp((s) => s.sightings);
  const sceneIndex = useApp((s) => s.sceneIndex);
  const goToScene = useApp((s) => s.goToScene);
  const filter = useApp((s) => s.filter);
  const examination = useApp(examinationOf);
  const setZoneExamined = useApp((s) => s.setZoneExamined);
  const activeRef = useRef<HTMLLIElement>(null);
  const [deleting, setDeleting] = useState<Scene | null>(null);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of sightings) m.set(s.sceneId, (m.get(s.sceneId) ?? 0) + 1);
    return m;
  }, [sightings]);
  const stored = useMemo(() => storedObservability(observability), [observability]);

  useEffect(() => {
    // Braces matter: newer Chromium returns a Promise from scrollIntoView, and React would take
    // a returned value for a cleanup function.
    void activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [sceneIndex]);

  return (
    <aside className="scene-list" aria-label="Scenes">
      <h2>
        Scenes <span className="muted">{scenes.length}</span>
        {examination.scenes > 0 && (
          <span
            className={`examined-progress small ${examination.examined === examination.scenes ? 'done' : ''}`}
            data-testid="examined-progress"
            title="Scenes whose every visible zone you have examined (E marks the current one; Shift+→ goes to the next one to examine)"
          >
            {examination.examined} of {plural(examination.scenes, 'scene')} examined
          </span>
        )}
      </h2>
      {scenes.length === 0 && <p className="muted pad">No scenes in this project yet.</p>}
      <ol data-testid="scene-list">
        {scenes.map((scene, i) => {
          // The timeline's filter, the same rule: a scene it hides is dimmed here too, and says why.
          const passes = scenePasses(scene, filter, observability);
          return (
          <li
            key={scene.id}
            ref={i === sceneIndex ? activeRef : undefined}
            className={['scene', i === sceneIndex ? 'active' : '', passes ? '' : 'filtered', examination.todoIds.has(scene.id) ? 'to-examine' : ''].filter(Boolean).join(' ')}
            data-testid="scene-item"
            data-passes={passes}
            data-examined={!examination.todoIds.has(scene.id)}
            title={passes ? undefined : 'Hidden by the timeline filter: the arrow keys skip it'}
            aria-current={i === sceneIndex}
            onClick={() => goToScene(i)}
          >
            <div className="scene-date">
              {fmtDate(scene.acquired)}
              <button
                className="scene-delete link small"
                data-testid="scene-delete"
                title="Delete this scene and its marks (undo brings them back)"
                aria-label={`Delete the scene of ${fmtDateTime(scene.acquired)}`}
                onClick={(e) => {
                  e.stopPropagation();
                  setDeleting(scene);
                }}
              >
                Delete
              </button>
            </div>
            <div className="scene-meta muted small">
              {fmtTime(scene.acquired)} · {scene.product} ·{' '}
              {scene.sensor === 'sar' ? (
                <span className="sensor-tag" data-testid="scene-sensor" title={sensorLabel(scene)}>
                  {SENSOR_TAG.sar} {scene.acquisition.polarizations?.join('+') ?? ''}
                </span>
              ) : (
                <span data-testid="scene-cloud">cloud {cloudText(scene.cloudCover)}</span>
              )}
            </div>
            <div className="scene-zones">
              {zones.map((z) => {
                const v = observabilityOfPair(scene, z, stored);
                const examined = examination.examinedPairs.has(examinedKey(scene.id, z.id));
                if (!isExaminable(scene, z, stored)) {
                  return (
                    <span key={z.id} className={`obs obs-${v}`} title={`${z.name}: ${v}`}>
                      {z.name}
                    </span>
                  );
                }
                // A zone the image shows: its chip says whether it is examined, and a click sets or unsets that.
                return (
                  <button
                    key={z.id}
                    className={`obs obs-${v} ${examined ? 'examined' : 'unexamined'}`}
                    data-testid="zone-examined-toggle"
                    data-zone={z.name}
                    aria-pressed={examined}
                    title={`${z.name}: ${v}, ${examined ? 'examined (click to mark it not examined)' : 'not examined yet: it counts as neither presence nor absence (click to mark it examined)'}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      void setZoneExamined(scene.id, z.id, !examined);
                    }}
                  >
                    {examined ? '✓ ' : ''}
                    {z.name}
                  </button>
                );
              })}
              {counts.get(scene.id) ? <span className="mark-count">{plural(counts.get(scene.id)!, 'mark')}</span> : null}
            </div>
          </li>
          );
        })}
      </ol>
      {deleting && <ConfirmDeleteScene scene={deleting} marks={counts.get(deleting.id) ?? 0} onClose={() => setDeleting(null)} />}
    </aside>
  );
}
