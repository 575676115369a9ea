// The review panel: step through colleagues' sightings with keyboard verdicts, settle conflicts side
// by side, see agreement between analysts, and exchange sightings packages.
import { chooseFile } from '../files/chooseFiles';
import { folderOf } from '../components/outputPaths';
import '../components/outputDialogs.css';
import { useEffect, useMemo, useState } from 'react';
import type { PackageImportReport } from '../../../shared/calls/review';
import { SIGHTING_CLASSES, type Sighting } from '../../../shared/domain';
import type { AgreementResult } from '../../../shared/review/agreement';
import type { SightingConflict } from '../../../shared/review/conflicts';
import { ApiCallError, call } from '../api/client';
import { useApp } from '../state/appStore';
import { classLabel } from '../../../shared/sightingRules';
import { REVIEW_KEYS, installReviewKeys } from './reviewKeys';
import { afterEdit, showSighting, useReview, type ReviewTab } from './reviewStore';
import { ZoneOptions } from '../components/ZoneOptions';
import { ReplaceQuestion } from '../components/ReplaceQuestion';
import './review.css';
import { TeamConflicts } from '../team/TeamConflicts';
import { useTeam } from '../team/teamStore';
import { DateField } from '../components/DateField';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function ReviewPanelHost() {
  const open = useReview((s) => s.open);
  useEffect(() => installReviewKeys(), []);
  return open ? <ReviewPanel /> : null;
}

function ReviewPanel() {
  const tab = useReview((s) => s.tab);
  const { setTab, toggle } = useReview.getState();
  const tabs: [ReviewTab, string][] = [
    ['queue', 'Queue'],
    ['conflicts', 'Conflicts'],
    ['agreement', 'Agreement'],
    ['package', 'Packages'],
  ];
  return (
    <aside className="review-panel" data-testid="review-panel" aria-label="Review">
      <header className="review-head">
        <strong>Review</strong>
        <nav className="review-tabs">
          {tabs.map(([t, label]) => (
            <button key={t} className={tab === t ? 'tool active' : 'tool'} data-testid={`review-tab-${t}`} onClick={() => setTab(t)}>
              {label}
            </button>
          ))}
        </nav>
        <button className="tool" onClick={toggle} title="Close the review panel (Shift+Q)">
          ×
        </button>
      </header>
      {tab === 'queue' && <QueueView />}
      {tab === 'conflicts' && <ConflictsView />}
      {tab === 'agreement' && <AgreementView />}
      {tab === 'package' && <PackageView />}
    </aside>
  );
}

function useAuthors() {
  const sightings = useApp((s) => s.sightings);
  return useMemo(() => [...new Set(sightings.map((s) => s.author))].sort(), [sightings]);
}

function QueueView() {
  const { queue, index, filter, comment } = useReview();
  const { setFilter, setComment, verdict, step } = useReview.getState();
  const zones = useApp((s) => s.zones);
  const vessels = useApp((s) => s.vessels);
  const authors = useAuthors();
  const item = queue[index];
  const reviewed = queue.filter((q) => q.latest).length;
  const vesselName = (id: string | null) => (id ? vessels.find((v) => v.id === id)?.name ?? 'unknown vessel' : null);
  return (
    <div className="review-body">
      <div className="review-filters">
        <label>
          Author
          <select data-testid="review-filter-author" value={filter.author} onChange={(e) => void setFilter({ author: e.target.value })}>
            <option value="">Anyone</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Class
          <select value={filter.cls} onChange={(e) => void setFilter({ cls: e.target.value as typeof filter.cls })}>
            <option value="">Any</option>
            {SIGHTING_CLASSES.map((c) => (
              <option key={c} value={c}>
                {classLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Zone
          <select value={filter.zoneId} onChange={(e) => void setFilter({ zoneId: e.target.value })}>
            <ZoneOptions zones={zones} anyLabel="Any" />
          </select>
        </label>
        <label>
          From
          <DateField kind="date" testId="review-filter-from" label="From" value={filter.from} onChange={(v) => void setFilter({ from: v })} />
        </label>
        <label>
          To
          <DateField kind="date" testId="review-filter-to" label="To" value={filter.to} onChange={(v) => void setFilter({ to: v })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={filter.unreviewedOnly} onChange={(e) => void setFilter({ unreviewedOnly: e.target.checked })} /> Unreviewed only
        </label>
      </div>
      <div className="review-progress" data-testid="review-progress">
        {queue.length ? `${index + 1} of ${queue.length} · ${reviewed} reviewed` : 'Nothing to review with these filters.'}
      </div>
      {item && (
        <div className="review-item" data-testid="review-item" data-sighting-id={item.sighting.id}>
          <div className="review-title">
            {classLabel(item.sighting.class)}
            {vesselName(item.sighting.vesselId) ? ` · ${vesselName(item.sighting.vesselId)}` : ''}
            {item.sighting.count !== null ? ` · ${item.sighting.count} containers` : ''}
          </div>
          <div className="muted small">
            by {item.sighting.author} · scene {day(item.sceneAcquired)} · {item.zoneName ?? 'no zone'} · {item.sighting.confidence}
          </div>
          {item.sighting.notes && <div className="small">“{item.sighting.notes}”</div>}
          <div className="review-verdict" data-testid="review-verdict" data-verdict={item.latest?.verdict ?? 'none'}>
            {item.latest ? `${item.latest.verdict} by ${item.latest.reviewer}${item.latest.comment ? ` — ${item.latest.comment}` : ''}` : 'Not reviewed yet'}
          </div>
          <input
            data-testid="review-comment"
            placeholder="Comment (optional; press / to write, Enter to return)"
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="review-actions">
            <button data-testid="review-confirm" onClick={() => void verdict('confirmed')}>
              Confirm <kbd>C</kbd>
            </button>
            <button onClick={() => void verdict('disputed')}>
              Dispute <kbd>D</kbd>
            </button>
            <button onClick={() => void verdict('rejected')}>
              Reject <kbd>R</kbd>
            </button>
            <span className="spacer" />
            <button onClick={() => step(-1)} disabled={index === 0}>
              ← <kbd>P</kbd>
            </button>
            <button onClick={() => step(1)} disabled={index >= queue.length - 1}>
              → <kbd>N</kbd>
            </button>
          </div>
          <History sightingId={item.sighting.id} />
        </div>
      )}
      <p className="muted small">{REVIEW_KEYS.map((k) => `${k.keys.join('/')}: ${k.label}`).join(' · ')}</p>
    </div>
  );
}

/** Who marked and changed the sighting, when, from → to (local and imported edits). */
function History({ sightingId }: { sightingId: string }) {
  const [entries, setEntries] = useState<Awaited<ReturnType<typeof call<'history.list'>>>>([]);
  const seq = useApp((s) => s.editSeq);
  useEffect(() => {
    let live = true;
    call('history.list', { entity: 'sighting', entityId: sightingId, limit: 50 })
      .then((h) => live && setEntries(h))
      .catch(() => live && setEntries([]));
    return () => {
      live = false;
    };
  }, [sightingId, seq]);
  if (!entries.length) return null;
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? '…' : String(v));
  return (
    <details className="review-history">
      <summary>History ({entries.length})</summary>
      <ul data-testid="review-history">
        {entries.map((e) => (
          <li key={e.seq}>
            {day(e.at)} · {e.author}
            {e.origin === 'package' ? ' (imported)' : ''} · {e.label}
            {e.before !== null && e.after !== null &&
              e.changed
                .filter((f) => f !== 'updatedAt')
                .map((f) => ` · ${f}: ${show((e.before as Record<string, unknown>)[f])} → ${show((e.after as Record<string, unknown>)[f])}`)
                .join('')}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ConflictsView() {
  const conflicts = useReview((s) => s.conflicts);
  const vessels = useApp((s) => s.vessels);
  const scenes = useApp((s) => s.scenes);
  const vesselName = (id: string | null) => (id ? vessels.find((v) => v.id === id)?.name ?? 'unknown' : '—');
  const resolve = async (c: SightingConflict, resolution: 'keepA' | 'keepB' | 'keepBoth' | 'merge', merged?: { class?: Sighting['class']; vesselId?: string | null; count?: number | null }) => {
    try {
      const r = await call('reviews.resolveConflict', { aId: c.a.id, bId: c.b.id, resolution, merged });
      if (r.sighting) useApp.setState({ sightings: useApp.getState().sightings.map((s) => (s.id === r.sighting!.id ? r.sighting! : s)) });
      afterEdit();
      await useReview.getState().loadConflicts();
    } catch (e) {
      useApp.getState().toast('error', (e as Error).message);
    }
  };
  const team = useTeam((s) => s.conflicts.length);
  if (!conflicts.length && !team) return <div className="review-body muted" data-testid="review-conflicts-empty">No conflicts: no two analysts marked the same object differently.</div>;
  return (
    <div className="review-body" data-testid="review-conflicts">
      <TeamConflicts />
      {team > 0 && conflicts.length > 0 && <h4>Marks of the same object</h4>}
      {conflicts.map((c) => (
        <ConflictCard key={c.id} c={c} acquired={scenes.find((s) => s.id === c.sceneId)?.acquired ?? ''} vesselName={vesselName} resolve={resolve} />
      ))}
    </div>
  );
}

function ConflictCard(props: {
  c: SightingConflict;
  acquired: string;
  vesselName: (id: string | null) => string;
  resolve: (c: SightingConflict, r: 'keepA' | 'keepB' | 'keepBoth' | 'merge', merged?: { class?: Sighting['class']; vesselId?: string | null; count?: number | null }) => Promise<void>;
}) {
  const { c, vesselName, resolve } = props;
  // Merge: each differing field taken from A or B.
  const [pick, setPick] = useState<Record<string, 'a' | 'b'>>({ class: 'a', vessel: 'a', count: 'a' });
  const side = (s: Sighting, which: 'a' | 'b') => (
    <div className="conflict-side" data-testid={`conflict-${which}`}>
      <div className="review-title">{s.author}</div>
      <div className={c.differences.includes('class') ? 'diff' : ''}>{classLabel(s.class)}</div>
      <div className={c.differences.includes('vessel') ? 'diff' : ''}>Vessel: {vesselName(s.vesselId)}</div>
      <div className={c.differences.includes('count') ? 'diff' : ''}>Count: {s.count ?? '—'}</div>
      <button className="link" onClick={() => showSighting(s.sceneId, s.id, s.geometry)}>
        Show on map
      </button>
    </div>
  );
  const mergedValues = () => ({
    class: (pick.class === 'b' ? c.b : c.a).class,
    vesselId: (pick.vessel === 'b' ? c.b : c.a).vesselId,
    count: (pick.count === 'b' ? c.b : c.a).count,
  });
  return (
    <div className="conflict" data-testid="conflict" data-differences={c.differences.join(',')}>
      <div className="muted small">
        Scene {day(props.acquired)} · {c.distanceM.toFixed(1)} m apart · differ in {c.differences.join(', ')}
      </div>
      <div className="conflict-sides">
        {side(c.a, 'a')}
        {side(c.b, 'b')}
      </div>
      <div className="review-actions">
        <button data-testid="conflict-keep-a" onClick={() => void resolve(c, 'keepA')}>
          Keep {c.a.author}’s
        </button>
        <button data-testid="conflict-keep-b" onClick={() => void resolve(c, 'keepB')}>
          Keep {c.b.author}’s
        </button>
        <button data-testid="conflict-keep-both" onClick={() => void resolve(c, 'keepBoth')}>
          Keep both
        </button>
      </div>
      <div className="review-actions">
        {c.differences.map((f) => (
          <label key={f} className="inline small">
            {f}:
            <select data-testid={`merge-${f}`} value={pick[f]} onChange={(e) => setPick({ ...pick, [f]: e.target.value as 'a' | 'b' })}>
              <option value="a">{c.a.author}’s</option>
              <option value="b">{c.b.author}’s</option>
            </select>
          </label>
        ))}
        <button data-testid="conflict-merge" onClick={() => void resolve(c, 'merge', mergedValues())}>
          Merge into {c.a.author}’s
        </button>
      </div>
    </div>
  );
}

function AgreementView() {
  const authors = useAuthors();
  const [ref, setRef] = useState(authors[0] ?? '');
  const [cmp, setCmp] = useState(authors[1] ?? '');
  const [result, setResult] = useState<AgreementResult | null>(null);
  const seq = useApp((s) => s.editSeq);
  useEffect(() => {
    if (!ref || !cmp || ref === cmp) return setResult(null);
    let live = true;
    call('reviews.agreement', { reference: ref, compared: cmp })
      .then(([r]) => live && setResult(r ?? null))
      .catch((e: Error) => useApp.getState().toast('error', e.message));
    return () => {
      live = false;
    };
  }, [ref, cmp, seq]);
  if (authors.length < 2) return <div className="review-body muted">Agreement needs the marks of two analysts: import a colleague’s package first.</div>;
  const row = (label: string, value: string, testId?: string) => (
    <tr>
      <td>{label}</td>
      <td data-testid={testId}>{value}</td>
    </tr>
  );
  return (
    <div className="review-body">
      <div className="review-filters">
        <label>
          Reference
          <select data-testid="agreement-reference" value={ref} onChange={(e) => setRef(e.target.value)}>
            {authors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Compared
          <select data-testid="agreement-compared" value={cmp} onChange={(e) => setCmp(e.target.value)}>
            {authors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
      </div>
      {result && (
        <table className="agreement" data-testid="agreement">
          <tbody>
            {row('Scenes both examined', String(result.coveredSceneIds.length), 'agreement-examined')}
            {row(`Scenes marked (${result.reference} / ${result.compared} / both)`, `${result.markedScenes.reference} / ${result.markedScenes.compared} / ${result.markedScenes.both}`, 'agreement-marked')}
            {row(`Marks (${result.reference} / ${result.compared})`, `${result.referenceSightings} / ${result.comparedSightings}`)}
            {row(`Matched (≤ ${result.distanceM} m)`, String(result.matched), 'agreement-matched')}
            {row('Precision', pct(result.precision))}
            {row('Recall', pct(result.recall))}
            {row('F1', num(result.f1), 'agreement-f1')}
            {row('Class agreement', `${result.classAgreement.agreed}/${result.classAgreement.pairs}`)}
            {row("Cohen's κ (presence per scene × zone)", num(result.presence.kappa), 'agreement-kappa')}
            {row('Vessel identity', `${result.vesselIdentity.agreed}/${result.vesselIdentity.pairs}`)}
            {row(
              'Container counts',
              `${result.containerCounts.agreed}/${result.containerCounts.pairs} exact${result.containerCounts.meanAbsDifference !== null ? `, mean |Δ| ${result.containerCounts.meanAbsDifference.toFixed(1)}` : ''}`,
            )}
          </tbody>
        </table>
      )}
      <p className="muted small" data-testid="agreement-rules">
        How these are measured: only on the scenes both analysts examined (from the first to the last scene each marked); two marks
        match when they are at most 25 m apart, nearest first, each used once. Precision: the share of the compared analyst’s marks
        that match; recall: the share of the reference analyst’s marks that match.
      </p>
    </div>
  );
}

function PackageView() {
  const info = useApp((s) => s.info);
  const projectFolder = folderOf(useApp((s) => s.summary?.project.path ?? ''));
  const [exportPath, setExportPath] = useState('');
  const [mineOnly, setMineOnly] = useState(true);
  const [importPath, setImportPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [report, setReport] = useState<PackageImportReport | null>(null);
  // The file already there, while asking whether to replace it (the path field is held still meanwhile).
  const [existing, setExisting] = useState<string | null>(null);
  const doExport = async (overwrite = false) => {
    setExisting(null);
    try {
      const r = await call('package.export', { path: exportPath, overwrite, authors: mineOnly && info ? [info.author] : undefined });
      setMessage(`Wrote ${r.path}: ${r.counts.sightings} sightings, ${r.counts.reviews} reviews.`);
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'exists' && !overwrite) {
        setMessage(null);
        setExisting(e.path ?? exportPath);
      } else setMessage((e as Error).message);
    }
  };
  const doImport = async () => {
    try {
      const r = await call('package.import', { path: importPath });
      setReport(r);
      setMessage(null);
      const current = await call('project.current', {});
      if (current) await useApp.getState().loadProject(current);
      afterEdit();
      await useReview.getState().loadQueue();
    } catch (e) {
      setReport(null);
      setMessage((e as Error).message);
    }
  };
  return (
    <div className="review-body">
      <h4>Export a sightings package</h4>
      <div className="path-row">
        <input data-testid="package-export-path" placeholder="/path/to/marks.zip" value={exportPath} disabled={existing !== null} onChange={(e) => setExportPath(e.target.value)} />
        <button
          type="button"
          data-testid="package-export-browse"
          disabled={existing !== null}
          onClick={() => void chooseFile({ mode: 'save', title: 'Export a sightings package as', types: ['package'], start: exportPath || projectFolder }).then((r) => r && setExportPath(r.path))}
        >
          Browse…
        </button>
      </div>
      <label className="inline small">
        <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} /> Only my sightings and verdicts ({info?.author ?? '…'})
      </label>
      {existing !== null ? (
        <ReplaceQuestion file={existing} onReplace={() => void doExport(true)} onCancel={() => setExisting(null)} testId="package-replace" />
      ) : (
        <button data-testid="package-export" disabled={!exportPath.trim()} onClick={() => void doExport()}>
          Export
        </button>
      )}
      <h4>Import a colleague’s package</h4>
      <div className="path-row">
        <input data-testid="package-import-path" placeholder="/path/to/colleague.zip" value={importPath} onChange={(e) => setImportPath(e.target.value)} />
        <button
          type="button"
          data-testid="package-import-browse"
          onClick={() => void chooseFile({ mode: 'open', title: 'Import a colleague’s package', types: ['package'], start: importPath || projectFolder }).then((r) => r && setImportPath(r.path))}
        >
          Browse…
        </button>
      </div>
      <button data-testid="package-import" disabled={!importPath.trim()} onClick={() => void doImport()}>
        Import
      </button>
      {message && (
        <p className="small" data-testid="package-message">
          {message}
        </p>
      )}
      {report && (
        <div className="small" data-testid="package-report">
          <p>
            {report.analysts.length ? `Sightings by ${report.analysts.join(', ')} (package from ${report.author})` : `From ${report.author}`}: {report.sightings.added} sightings added, {report.sightings.updated} updated, {report.sightings.unchanged} already here,{' '}
            {report.sightings.keptLocal} kept; {report.reviews.added} verdicts added.{report.nothingChanged ? ' Nothing new.' : ''}
          </p>
          {report.scenes.unmatched.length > 0 && (
            <>
              <p>Scenes not in this project ({report.sightings.onUnmatchedScenes} sightings not imported):</p>
              <ul data-testid="package-unmatched">
                {report.scenes.unmatched.map((u) => (
                  <li key={u.id}>
                    {day(u.acquired)} {u.itemId ?? '(local file)'} — {u.sightings} sighting(s)
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
