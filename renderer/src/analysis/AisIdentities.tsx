// "Identities from AIS" in the Analysis view's AIS section: what the ships' static data would fill in on
// the project's vessels (Apply: one vessels.update, one undo step), what it contradicts (said side by
// side, never applied) and the ships no vessel is (Add as vessel: one vessels.create). The rules are
// shared/ais/identities.ts; the host answers ais.identities, and this view asks again after every edit.
import { useEffect, useState } from 'react';
import type { AisIdentitiesView } from '../../../shared/calls/aisView';
import { CONFLICT_KIND_WORDS, periodText, type AisBroadcastIdentity, type AisMmsiIdentities } from '../../../shared/ais/identities';
import { sizeText } from '../../../shared/vesselIdentity';
import { plural } from '../../../shared/words';
import { call } from '../api/client';
import { useAis } from '../ais/aisStore';
import { useApp } from '../state/appStore';

/** What AIS sent as one identity: "SPARTA IV · IMO 9354521 · UBSP4 · 154 × 24 m · 2025-01-03". */
function IdentityText({ i }: { i: AisBroadcastIdentity }) {
  const parts = [i.imo && `IMO ${i.imo}`, i.callSign && `call sign ${i.callSign}`, sizeText(i.lengthM, i.beamM)].filter(Boolean);
  return (
    <>
      <span className="strong">{i.name ?? 'no name'}</span>
      {parts.length > 0 && <span> · {parts.join(' · ')}</span>}
      <div className="muted small">{i.periods.length > 3 ? `${periodText(i.periods[0]!)} … ${periodText(i.periods.at(-1)!)} (${i.periods.length} periods)` : i.periods.map(periodText).join(', ')}</div>
    </>
  );
}

export function AisIdentities() {
  const summary = useApp((s) => s.summary);
  const editSeq = useApp((s) => s.editSeq);
  const vessels = useApp((s) => s.vessels);
  const aisVersion = useAis((s) => s.version);
  const updateVessel = useApp((s) => s.updateVessel);
  const createVessel = useApp((s) => s.createVessel);
  const [view, setView] = useState<AisIdentitiesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const projectKey = summary?.project.path ?? '';

  useEffect(() => {
    let live = true;
    call('ais.identities', {})
      .then((v) => live && (setView(v), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [projectKey, editSeq, vessels, aisVersion]);

  const run = async (key: string, action: () => Promise<boolean>) => {
    setBusy(key);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  const vesselName = (id: string) => vessels.find((v) => v.id === id)?.name ?? 'a vessel';
  /** "MMSI 273351220 · IMO 9312341 · call sign UBVT7 · 128 × 19 m", or what it lacks. */
  const vesselIds = (id: string) => {
    const v = vessels.find((x) => x.id === id);
    if (!v) return '';
    return [v.mmsi ? `MMSI ${v.mmsi}` : 'no MMSI', v.imo ? `IMO ${v.imo}` : 'no IMO', v.callSign ? `call sign ${v.callSign}` : 'no call sign', sizeText(v.lengthM, v.beamM) ?? 'no length'].join(' · ');
  };
  const rows = (m: AisMmsiIdentities) => [
    ...m.proposals.map((p) => (
      <tr key={`p|${m.mmsi}|${p.vesselId}`} data-testid="ais-identity-proposal" data-vessel={p.vesselName}>
        <td className="mono">{m.mmsi}</td>
        <td>
          <span className="ais-id-kind fill">fills in</span>
        </td>
        <td>
          <span className="strong">{vesselName(p.vesselId)}</span>
          <div className="muted small">lacks {p.text}</div>
        </td>
        <td>
          <IdentityText i={m.identities[p.identity]!} />
        </td>
        <td className="ais-id-action">
          <button className="primary small" disabled={busy !== null} onClick={() => void run(`p${m.mmsi}${p.vesselId}`, () => updateVessel(p.vesselId, p.patch))} title={`Give ${vesselName(p.vesselId)} ${p.text} (one step; Undo takes it back)`}>
            Apply
          </button>
        </td>
      </tr>
    )),
    // A conflict: the project and AIS side by side, then what it may mean in one sentence across both.
    ...m.conflicts.flatMap((c, k) => [
      <tr key={`c|${m.mmsi}|${k}`} className="ais-id-conflict" data-testid="ais-identity-conflict" data-kind={c.kind}>
        <td className="mono">{m.mmsi}</td>
        <td>
          <span className="ais-id-kind conflict">{CONFLICT_KIND_WORDS[c.kind]}</span>
        </td>
        <td>
          {c.vesselIds.length === 0 && <span className="muted">no vessel</span>}
          {c.vesselIds.map((id) => (
            <div key={id}>
              <span className="strong">{vesselName(id)}</span>
              <div className="muted small">{vesselIds(id)}</div>
            </div>
          ))}
        </td>
        <td>
          {c.identities.map((i) => (
            <div key={i} className="ais-id-identity">
              <IdentityText i={m.identities[i]!} />
            </div>
          ))}
        </td>
        <td />
      </tr>,
      <tr key={`cw|${m.mmsi}|${k}`} className="ais-id-words" data-testid="ais-identity-conflict-words" data-kind={c.kind}>
        <td colSpan={2} />
        <td colSpan={3}>{c.text}</td>
      </tr>,
    ]),
    ...m.unknown.map((u) => (
      <tr key={`u|${m.mmsi}|${u.identity}`} data-testid="ais-identity-unknown" data-name={u.name}>
        <td className="mono">{m.mmsi}</td>
        <td>
          <span className="ais-id-kind unknown">no vessel</span>
        </td>
        <td className="muted">
          not in the project
          {u.note && <div className="small">{u.note}</div>}
        </td>
        <td>
          <IdentityText i={m.identities[u.identity]!} />
        </td>
        <td className="ais-id-action">
          <button className="small" disabled={busy !== null} onClick={() => void run(`u${m.mmsi}${u.identity}`, () => createVessel({ kind: 'vessel', ...u.create }))} title={`Add ${u.name} to the project's vessels (one step; Undo takes it back)`}>
            Add as vessel
          </button>
        </td>
      </tr>
    )),
  ];

  return (
    <div data-testid="ais-identities">
      <h3 title="What the ships' static data (AIS types 5 and 24) says of their identity, beside the project's vessels">
        Identities from AIS{' '}
        {view && (
          <span className="muted small">
            ({plural(view.counts.proposals, 'proposal')}, {plural(view.counts.conflicts, 'conflict')}, {plural(view.counts.unknown, 'ship')} with no vessel)
          </span>
        )}
      </h3>
      {error && <p className="an-warnings">AIS identities could not be read: {error}</p>}
      {view && view.statics === 0 && <p className="muted">The AIS holds no static data (names, IMO numbers): nothing to say of identities.</p>}
      {view && view.statics > 0 && view.mmsis.length === 0 && <p className="muted">Every vessel AIS names agrees with the project, and every ship it names is a vessel of the project.</p>}
      {view && view.mmsis.length > 0 && (
        <>
          <p className="muted small">
            Linked by IMO, else by MMSI when name and IMO agree. Apply fills only what a vessel lacks; a conflict is never applied: edit the vessel if AIS is right.
          </p>
          <table className="an-table ais-id-table" data-testid="ais-identity-table">
            <thead>
              <tr>
                <th>MMSI</th>
                <th />
                <th>The project says</th>
                <th>AIS says</th>
                <th />
              </tr>
            </thead>
            <tbody>{view.mmsis.flatMap(rows)}</tbody>
          </table>
        </>
      )}
    </div>
  );
}
