// The team status light in the top bar: not joined, synced (at…), syncing, offline (edits kept, retrying),
// conflicts N, error (what to do). A click opens the details: where, as whom, what is unsent, Sync now,
// the conflicts in the Review panel, the team's marks on imagery this project lacks (what to import), Leave workspace.
import { useEffect, useRef } from 'react';
import type { TeamStatus } from '../../../shared/calls/team';
import { unmatchedSceneText } from '../../../shared/teamScope';
import { plural } from '../../../shared/words';
import { useApp } from '../state/appStore';
import { useReview } from '../review/reviewStore';
import { useTeam, watchTeam } from './teamStore';
import './team.css';

const time = (iso: string | null) => (iso ? `${iso.slice(11, 16)} UTC` : '');

/** The light's words: short, for the bar. */
export function lightLabel(s: TeamStatus): string {
  switch (s.light) {
    case 'none':
      return 'Not in a team';
    case 'synced':
      return `Synced ${time(s.lastSyncAt)}`;
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return 'Offline';
    case 'conflicts':
      return `Conflicts ${s.conflicts}`;
    case 'error':
      return 'Sync error';
  }
}

export function TeamLight() {
  const status = useTeam((s) => s.status);
  const details = useTeam((s) => s.details);
  const unmatched = useTeam((s) => s.unmatched);
  const unmatchedCount = status?.unmatched ?? 0;
  const hasProject = useApp((s) => s.summary !== null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => watchTeam(), []);
  useEffect(() => {
    if (!details) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) useTeam.getState().setDetails(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [details]);
  // What to import is asked when the details open, and again when the count moves while they are open.
  useEffect(() => {
    if (details) void useTeam.getState().loadUnmatched();
  }, [details, unmatchedCount]);
  if (!status || !hasProject) return null;
  const { setDetails, syncNow, leave } = useTeam.getState();
  const showConflicts = () => {
    const review = useReview.getState();
    if (!review.open) review.toggle();
    review.setTab('conflicts');
    setDetails(false);
  };
  return (
    <div className="team-light-wrap" ref={ref}>
      <button
        className={`team-light ${status.light}`}
        data-testid="team-light"
        data-light={status.light}
        aria-expanded={details}
        title={status.message ?? (status.url ? `Team workspace ${status.url}` : 'This project is not in a team workspace: File → Team → Join…')}
        onClick={() => setDetails(!details)}
      >
        <span className="dot" aria-hidden />
        {lightLabel(status)}
      </button>
      {details && (
        <div className="team-details" role="dialog" aria-label="Team workspace" data-testid="team-details">
          {status.light === 'none' ? (
            <>
              <p>This project is not in a team workspace. Your work stays on this computer until you join one (or exchange sightings packages).</p>
              <div className="modal-actions">
                <button className="primary" data-testid="team-details-join" onClick={() => (setDetails(false), useApp.getState().setDialog('teamJoin'))}>
                  Join…
                </button>
              </div>
            </>
          ) : (
            <>
              <dl>
                <dt>Workspace</dt>
                <dd className="mono">{status.url}</dd>
                <dt>You are</dt>
                <dd>{status.author}</dd>
                <dt>Last sync</dt>
                <dd data-testid="team-last-sync">{status.lastSyncAt ? `${status.lastSyncAt.slice(0, 19).replace('T', ' ')} UTC` : 'not yet'}</dd>
                <dt>Not sent yet</dt>
                <dd data-testid="team-unsent">{status.unsent} change(s)</dd>
                <dt>Conflicts</dt>
                <dd>{status.conflicts} open</dd>
                <dt>Server</dt>
                <dd data-testid="team-verified">{status.verified ? 'verified with the certificate authority kept for it' : 'checked as its address’s sslmode says'}</dd>
              </dl>
              {status.unmatched > 0 && (
                <div className="team-unmatched hint" data-testid="team-unmatched">
                  {plural(status.unmatched, 'team mark')} on imagery you don’t have: kept, and shown once you import it.
                  {unmatched.length > 0 && (
                    <ul>
                      {unmatched.map((u) => (
                        <li key={u.sceneKey} data-testid="team-unmatched-scene">
                          Import {unmatchedSceneText(u)}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              {status.message && (
                <p className={status.light === 'error' ? 'error' : 'hint'} data-testid="team-message">
                  {status.message}
                </p>
              )}
              <div className="modal-actions">
                <button data-testid="team-leave" onClick={() => void leave().then(() => setDetails(false))}>
                  Leave workspace
                </button>
                {status.light === 'error' && (
                  <button data-testid="team-rejoin" onClick={() => (setDetails(false), useApp.getState().setDialog('teamJoin'))}>
                    Join again…
                  </button>
                )}
                {status.conflicts > 0 && (
                  <button data-testid="team-show-conflicts" onClick={showConflicts}>
                    Show conflicts
                  </button>
                )}
                <button className="primary" data-testid="team-sync-now" disabled={status.light === 'syncing'} onClick={() => void syncNow()}>
                  Sync now
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
