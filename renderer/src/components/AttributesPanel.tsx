// The attributes of what is selected: one sighting (class, vessel link, confidence, count, zone
// override, notes, box measurements, history), several sightings, a zone, or a ghost.
import { sensorLabel } from '../../../shared/radar';
import { useAis, useAisBrackets } from '../ais/aisStore';
import { verdictFor } from '../ais/liveVerdicts';
import { useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../shared/api';
import { CONFIDENCES, OBSERVABILITIES, SIGHTING_CLASSES, ZONE_KINDS, type Sighting, type SightingClass, type Vessel, type ZoneKind, type Observability } from '../../../shared/domain';
import { call } from '../api/client';
import { useApp, currentScene, carryForwardUnavailable, sameAsPreviousPlan } from '../state/appStore';
import { describeBox, measureBox } from '../../../shared/measure';
import { fmtDateTime, fmtLonLat } from './format';
import { vesselForm, vesselFormProblems, vesselPatch, type VesselForm } from './vesselForm';
import { sizeText } from '../../../shared/vesselIdentity';
import { fieldInWords, historyLine } from '../../../shared/words';
import { canHaveCount, classLabel, classNoun, linkableKind, vesselLinkRefusal } from '../../../shared/sightingRules';

/** The fields a user would recognise as changed (timestamps change with everything), in words. */
const changedFields = (e: AuditEntry) => [...new Set(e.changed.filter((f) => f !== 'updatedAt' && f !== 'createdAt').map(fieldInWords))];

function History({ entity, id }: { entity: 'sighting' | 'zone'; id: string }) {
  const editSeq = useApp((s) => s.editSeq);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    call('history.list', { entity, entityId: id, limit: 20 })
      .then((e) => live && setEntries(e))
      .catch(() => live && setEntries([]));
    return () => {
      live = false;
    };
  }, [entity, id, editSeq]);
  if (!entries) return null;
  return (
    <div className="history">
      <h3>History</h3>
      <ol data-testid="attribute-history">
        {entries.map((e) => (
          <li key={e.seq}>
            <span className="history-label">{historyLine(e.action, e.label)}</span>
            {e.before != null && e.after != null && changedFields(e).length > 0 && <span className="muted small"> ({changedFields(e).join(', ')})</span>}
            <div className="muted small">
              {e.author}
              {e.origin === 'package' ? ' (imported)' : ''} · {fmtDateTime(e.at)}
            </div>
          </li>
        ))}
        {entries.length === 0 && <li className="muted small">No recorded changes.</li>}
      </ol>
    </div>
  );
}

function VesselLink({ s }: { s: Sighting }) {
  const vessels = useApp((st) => st.vessels);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const { updateSelected, createVesselForSelected, sameAsPrevious } = useApp.getState();
  const kind = linkableKind(s.class);
  // Why P cannot link this selection (first scene, nothing linked of its class there), or null.
  const pUnavailable = useApp((st) => {
    const plan = sameAsPreviousPlan(st);
    return 'disabled' in plan ? plan.disabled : null;
  });
  const linked = vessels.find((v) => v.id === s.vesselId) ?? null;
  const same = (
    <button data-testid="same-as-previous" disabled={pUnavailable !== null} title={pUnavailable ?? 'Same vessel/track as on the previous scene (P)'} onClick={() => void sameAsPrevious()}>
      <kbd>P</kbd>
    </button>
  );
  if (!kind) {
    // A class without an identity still shows the row, off, with the reason (a track follows it instead).
    const why = vesselLinkRefusal(s.class)!;
    return (
      <>
        <dt>Vessel</dt>
        <dd>
          <div className="inline-form">
            <select data-testid="vessel-select" disabled title={why} value="">
              <option value="">— not for a {classNoun(s.class)} —</option>
            </select>
            {same}
          </div>
        </dd>
      </>
    );
  }
  return (
    <>
      <dt>{classLabel(kind)}</dt>
      <dd>
        {creating ? (
          <form
            className="inline-form new-vessel"
            onSubmit={(e) => {
              e.preventDefault();
              void createVesselForSelected(name).then(() => setCreating(false));
            }}
          >
            <input autoFocus data-testid="new-vessel-name" placeholder="Name, e.g. Angara" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary" data-testid="new-vessel-save">
              Add
            </button>
            <button type="button" data-testid="new-vessel-cancel" title="Cancel" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="inline-form">
            <select
              data-testid="vessel-select"
              title={linked ? `${linked.name}${linked.flag ? ` (${linked.flag})` : ''}` : 'Not identified'}
              value={s.vesselId ?? ''}
              onChange={(e) => {
                if (e.target.value === '__new') {
                  setName('');
                  setCreating(true);
                } else void updateSelected({ vesselId: e.target.value || null }, e.target.value ? 'Link vessel' : 'Unlink vessel');
              }}
            >
              <option value="">— not identified —</option>
              {vessels
                .filter((v) => v.kind === kind)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                    {v.flag ? ` (${v.flag})` : ''}
                  </option>
                ))}
              <option value="__new">New {kind}…</option>
            </select>
            {same}
          </div>
        )}
        {linked && <VesselDetails key={linked.id} v={linked} measuredM={measuredLength(s)} />}
      </dd>
    </>
  );
}

/** A track's name, renamed in place (Enter or leaving the field saves, Esc keeps the old name). */
function TrackLabel({ id, label }: { id: string; label: string }) {
  const [text, setText] = useState(label);
  // Esc also blurs the field (the app's key handler); the blur must then not save.
  const cancelled = useRef(false);
  useEffect(() => setText(label), [label]);
  const save = () => {
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (text.trim() !== label) void useApp.getState().renameTrack(id, text.trim());
  };
  return (
    <input
      data-testid="track-label"
      value={text}
      placeholder={`track ${id.slice(0, 8)} (name it)`}
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          cancelled.current = true;
          setText(label);
        }
      }}
    />
  );
}

/** Length of a box mark in true metres, for comparing with the vessel's registered length. */
function measuredLength(s: Sighting): number | null {
  return s.geometry.type === 'Polygon' ? (measureBox(s.geometry)?.lengthM ?? null) : null;
}

/**
 * The linked vessel's identity: what is on record (IMO, MMSI, call sign, flag, length × beam, aliases), and a form to
 * edit it. A registered length far from the measured box is pointed out: a likely wrong link.
 */
function VesselDetails({ v, measuredM }: { v: Vessel; measuredM: number | null }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(() => vesselForm(v));
  const [problems, setProblems] = useState<Partial<Record<keyof VesselForm, string>>>({});
  const { updateVessel } = useApp.getState();
  useEffect(() => setForm(vesselForm(v)), [v]);
  const facts = [
    v.imo && `IMO ${v.imo}`,
    v.mmsi && `MMSI ${v.mmsi}`,
    v.callSign && `call sign ${v.callSign}`,
    v.flag,
    sizeText(v.lengthM, v.beamM),
    v.aliases.length > 0 && `aka ${v.aliases.join(', ')}`,
  ].filter(Boolean);
  const mismatch = v.lengthM != null && measuredM != null && Math.abs(measuredM - v.lengthM) > Math.max(25, 0.25 * v.lengthM);
  if (!editing) {
    return (
      <div className="vessel-facts small" data-testid="vessel-facts">
        <span className="muted">{facts.length ? facts.join(' · ') : 'no identifiers yet'}</span>{' '}
        <button className="link" data-testid="vessel-edit" onClick={() => setEditing(true)} title="Name, aliases, IMO, MMSI, call sign, flag, length, beam">
          Edit…
        </button>
        {mismatch && (
          <div className="warn" data-testid="vessel-length-mismatch">
            Box measures {Math.round(measuredM!)} m; {v.name} is {v.lengthM} m long.
          </div>
        )}
      </div>
    );
  }
  const field = (key: keyof VesselForm, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        data-testid={`vessel-${key}`}
        value={form[key]}
        placeholder={placeholder}
        aria-invalid={problems[key] != null}
        className={problems[key] ? 'invalid' : undefined}
        onChange={(e) => {
          setForm({ ...form, [key]: e.target.value });
          setProblems({ ...problems, [key]: undefined });
        }}
      />
      {problems[key] && (
        <span className="field-error small" role="alert" data-testid={`vessel-${key}-error`}>
          {problems[key]}
        </span>
      )}
    </label>
  );
  return (
    <form
      className="vessel-form"
      data-testid="vessel-form"
      onSubmit={async (e) => {
        e.preventDefault();
        // Said beside the field, in the API's words, before anything is sent: nothing is refused later.
        const found = await vesselFormProblems(form);
        if (Object.keys(found).length) {
          setProblems(found);
          return;
        }
        const patch = vesselPatch(v, form);
        if (typeof patch === 'string') {
          useApp.getState().toast('error', patch);
          return;
        }
        if (Object.keys(patch).length === 0) {
          setEditing(false);
          return;
        }
        void updateVessel(v.id, patch).then((ok) => ok && setEditing(false));
      }}
    >
      {field('name', 'Name', 'e.g. Angara')}
      {field('aliases', 'Aliases', 'comma-separated, e.g. Hai Yang 8')}
      {field('imo', 'IMO', '7 digits')}
      {field('mmsi', 'MMSI', '9 digits')}
      {field('callSign', 'Call sign', '3–7 letters and digits, e.g. UBCD7')}
      {field('flag', 'Flag', 'e.g. Russia')}
      {field('lengthM', 'Length (m)', 'overall, e.g. 150')}
      {field('beamM', 'Beam (m)', 'greatest width, e.g. 22')}
      <div className="modal-actions">
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="vessel-save">
          Save
        </button>
      </div>
    </form>
  );
}


function SightingAttributes({ s }: { s: Sighting }) {
  const zones = useApp((st) => st.zones);
  const tracks = useApp((st) => st.tracks);
  const { updateSelected, deleteSelected, verifySelected } = useApp.getState();
  const [notes, setNotes] = useState(s.notes);
  const [count, setCount] = useState(s.count == null ? '' : String(s.count));
  useEffect(() => setNotes(s.notes), [s.id, s.notes]);
  useEffect(() => setCount(s.count == null ? '' : String(s.count)), [s.id, s.count]);
  const metrics = s.geometry.type === 'Polygon' ? measureBox(s.geometry) : null;
  const track = tracks.find((t) => t.id === s.trackId);
  const scene = useApp((st) => st.scenes.find((x) => x.id === s.sceneId));
  const saveCount = () => {
    const v = count.trim() === '' ? null : Number(count);
    if (v === s.count) return;
    if (v != null && (!Number.isInteger(v) || v < 0)) {
      useApp.getState().toast('error', 'A container count is a whole number, 0 or more.');
      setCount(s.count == null ? '' : String(s.count));
      return;
    }
    void updateSelected({ count: v }, 'Edit container count');
  };
  return (
    <section data-testid="sighting-attributes">
      <h2>Selected sighting</h2>
      <dl className="facts editable">
        <dt>Class</dt>
        <dd>
          <select data-testid="class-select" value={s.class} onChange={(e) => void updateSelected({ class: e.target.value as SightingClass }, 'Change class')}>
            {SIGHTING_CLASSES.map((c) => (
              <option key={c} value={c}>
                {classNoun(c)}
              </option>
            ))}
          </select>
        </dd>
        <VesselLink s={s} />
        {track && (
          <>
            <dt>Track</dt>
            <dd className="small">
              <TrackLabel key={track.id} id={track.id} label={track.label} />
            </dd>
          </>
        )}
        <dt>Confidence</dt>
        <dd>
          <div className="segmented" data-testid="confidence">
            {CONFIDENCES.map((c) => (
              <button key={c} className={s.confidence === c ? 'active' : ''} onClick={() => void updateSelected({ confidence: c }, 'Change confidence')}>
                {c}
              </button>
            ))}
          </div>
        </dd>
        {canHaveCount(s.class) && (
          <>
            <dt>Count</dt>
            <dd>
              <input
                data-testid="count-input"
                inputMode="numeric"
                value={count}
                placeholder="containers"
                onChange={(e) => setCount(e.target.value)}
                onBlur={saveCount}
                onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
              />
            </dd>
          </>
        )}
        <dt>Zone</dt>
        <dd>
          <select
            data-testid="zone-select"
            value={s.zoneOverridden ? (s.zoneId ?? '') : '__auto'}
            onChange={(e) => void updateSelected({ zoneId: e.target.value === '__auto' ? null : e.target.value || null }, 'Change zone')}
          >
            <option value="__auto">auto: {zones.find((z) => z.id === s.zoneId && !s.zoneOverridden)?.name ?? (s.zoneOverridden ? '…' : 'no zone')}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name} (override)
              </option>
            ))}
          </select>
        </dd>
        {metrics && (
          <>
            <dt>Size</dt>
            <dd data-testid="box-metrics">
              {describeBox(s.class, metrics)}
            </dd>
          </>
        )}
        {s.geometry.type === 'Point' && (
          <>
            <dt>Where</dt>
            <dd className="small">{fmtLonLat(s.geometry.coordinates)}</dd>
          </>
        )}
        <dt>Notes</dt>
        <dd>
          <textarea
            data-testid="notes-input"
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            onBlur={() => notes !== s.notes && void updateSelected({ notes }, 'Edit notes')}
          />
        </dd>
        {s.class === 'vessel' && <AisVerdictRow s={s} />}
        <dt>Author</dt>
        <dd>{s.author}</dd>
        <dt>Marked</dt>
        <dd className="small">{fmtDateTime(s.createdAt)}</dd>
        <dt>Seen</dt>
        <dd className="small" data-testid="sighting-sensor" data-sensor={scene?.sensor}>
          {scene ? `on ${sensorLabel(scene)}` : ''}
        </dd>
        <dt>Origin</dt>
        <dd className="small" data-testid="sighting-origin" data-verified={s.verified}>
          {originWords(s)}
          {s.verified ? (
            ''
          ) : (
            <>
              {' '}
              <strong className="unconfirmed">· unconfirmed: not counted</strong>{' '}
              <button className="link small" data-testid="confirm-sighting" onClick={() => void verifySelected()} title="You see it on this scene: count it (Shift+V)">
                Confirm <kbd>Shift+V</kbd>
              </button>
            </>
          )}
        </dd>
      </dl>
      <div className="button-row">
        <CarryForwardButton />
        <button className="danger" onClick={() => void deleteSelected()}>
          Delete <kbd>Del</kbd>
        </button>
      </div>
      <History entity="sighting" id={s.id} />
    </section>
  );
}

/** What AIS says of this mark at its scene's instant (shared/ais/verdicts.ts), in words. */
function AisVerdictRow({ s }: { s: Sighting }) {
  const scenes = useApp((st) => st.scenes);
  const sightings = useApp((st) => st.sightings);
  const vessels = useApp((st) => st.vessels);
  const brackets = useAisBrackets();
  const aisSettings = useAis((st) => st.settings);
  const v = verdictFor({ scenes, sightings, vessels }, brackets, s.id, aisSettings);
  const vessel = vessels.find((x) => x.id === s.vesselId);
  const windowMin = aisSettings.windowMin;
  const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`);
  const min = (x: number | null) => (x === null ? '' : `${Math.round(x)} min from the nearest message`);
  let text: string;
  if (!vessel) text = 'unlinked: link a vessel with an MMSI to compare this mark with AIS';
  else if (!vessel.mmsi) text = `unlinked: ${vessel.name} has no MMSI`;
  else if (!v) text = 'reading AIS…';
  else if (v.verdict === 'silent') text = `silent: no AIS from MMSI ${vessel.mmsi} within ±${windowMin} min (dark)`;
  else if (v.verdict === 'confirmed') text = `confirmed: AIS ${km(v.distanceM!)} from the mark, ${min(v.nearestMinutes)}`;
  else if (v.verdict === 'nearby') text = `nearby: AIS ${km(v.distanceM!)} away, ${min(v.nearestMinutes)}; neither confirms nor contradicts`;
  else if (v.verdict === 'contradicted') text = `contradicted: AIS puts it ${km(v.distanceM!)} away, ${min(v.nearestMinutes)}: spoofing or a wrong identification`;
  else text = v.verdict;
  return (
    <>
      <dt>AIS</dt>
      <dd className="small" data-testid="sighting-ais" data-verdict={!vessel || !vessel.mmsi ? 'unlinked' : (v?.verdict ?? 'reading')}>
        {text}
      </dd>
    </>
  );
}

/** Carry forward (F), off with the rule book's reason when the selection cannot be carried (e.g. on the last scene). */
function CarryForwardButton() {
  const why = useApp(carryForwardUnavailable);
  return (
    <button onClick={() => void useApp.getState().carryForward()} data-testid="carry-forward" disabled={why !== null} title={why ?? 'Copy the selection onto the next scene as the same vessels and tracks (F)'}>
      Carry forward <kbd>F</kbd>
    </button>
  );
}

function MultiAttributes({ list }: { list: Sighting[] }) {
  const { updateSelected, deleteSelected } = useApp.getState();
  return (
    <section data-testid="sighting-attributes">
      <h2>{list.length} sightings selected</h2>
      <dl className="facts editable">
        <dt>Confidence</dt>
        <dd>
          <div className="segmented">
            {CONFIDENCES.map((c) => (
              <button key={c} className={list.every((s) => s.confidence === c) ? 'active' : ''} onClick={() => void updateSelected({ confidence: c }, 'Change confidence')}>
                {c}
              </button>
            ))}
          </div>
        </dd>
      </dl>
      <div className="button-row">
        <CarryForwardButton />
        <button className="danger" onClick={() => void deleteSelected()}>
          Delete {list.length} <kbd>Del</kbd>
        </button>
      </div>
    </section>
  );
}

function ZoneAttributes({ id }: { id: string }) {
  const zone = useApp((s) => s.zones.find((z) => z.id === id));
  const scene = useApp(currentScene);
  const obs = useApp((s) => s.observability.find((o) => o.sceneId === scene?.id && o.zoneId === id));
  const { updateZone, deleteSelected, setObservability } = useApp.getState();
  const [name, setName] = useState(zone?.name ?? '');
  useEffect(() => setName(zone?.name ?? ''), [zone?.name]);
  if (!zone) return null;
  return (
    <section data-testid="zone-attributes">
      <h2>Selected zone</h2>
      <dl className="facts editable">
        <dt>Name</dt>
        <dd>
          <input
            data-testid="zone-rename"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => name.trim() && name.trim() !== zone.name && void updateZone(id, { name: name.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        </dd>
        <dt>Kind</dt>
        <dd>
          <select value={zone.kind} onChange={(e) => void updateZone(id, { kind: e.target.value as ZoneKind })}>
            {ZONE_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </dd>
        {scene && (
          <>
            <dt>This scene</dt>
            <dd>
              <select
                data-testid="zone-observability"
                value={obs?.value ?? 'clear'}
                onChange={(e) => void setObservability(scene.id, id, e.target.value as Observability)}
              >
                {OBSERVABILITIES.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
              {obs?.overridden && <span className="muted small"> set by analyst</span>}
            </dd>
          </>
        )}
      </dl>
      <p className="muted small">Drag a corner to reshape; drag inside to move.</p>
      <div className="button-row">
        <button className="danger" onClick={() => void deleteSelected()}>
          Delete zone <kbd>Del</kbd>
        </button>
      </div>
      <History entity="zone" id={id} />
    </section>
  );
}

function GhostAttributes({ id }: { id: string }) {
  const ghost = useApp((s) => s.sightings.find((x) => x.id === id));
  const vessel = useApp((s) => s.vessels.find((v) => v.id === ghost?.vesselId));
  if (!ghost) return null;
  return (
    <section data-testid="ghost-attributes">
      <h2>Ghost from the previous scene</h2>
      <p>
        {classLabel(ghost.class)}
        {vessel ? ` · ${vessel.name}` : ''}
      </p>
      <button className="primary" data-testid="accept-ghost" onClick={() => void useApp.getState().acceptGhost(id)}>
        Accept here <kbd>A</kbd>
      </button>
    </section>
  );
}

export function AttributesPanel() {
  const selectedIds = useApp((s) => s.selectedIds);
  const sightings = useApp((s) => s.sightings);
  const zoneId = useApp((s) => s.selectedZoneId);
  const ghostId = useApp((s) => s.selectedGhostId);
  if (zoneId) return <ZoneAttributes id={zoneId} />;
  if (ghostId) return <GhostAttributes id={ghostId} />;
  const selected = new Set(selectedIds);
  const list = selected.size ? sightings.filter((s) => selected.has(s.id)) : [];
  if (list.length === 1) return <SightingAttributes key={list[0]!.id} s={list[0]!} />;
  if (list.length > 1) return <MultiAttributes list={list} />;
  return null;
}

/** How a mark came to be, in the analyst's words. */
function originWords(s: Pick<Sighting, 'origin' | 'originDetail'>): string {
  switch (s.origin) {
    case 'marked':
      return 'marked on this scene';
    case 'carried':
      return 'carried forward from the scene before';
    case 'ghost':
      return 'accepted from the previous scene’s ghost';
    case 'imported':
      return s.originDetail ? `imported from ${s.originDetail}` : 'imported from a file';
    case 'package':
      return s.originDetail ? `from ${s.originDetail}’s package` : 'from a colleague’s package';
  }
}
