// Handlers of the team calls (shared/calls/team.ts): joining the open project to a workspace, leaving it,
// and the status light, over the host's automatic sync (team/autoSync.ts).
import type { HandlersOf } from './types';
import type { teamCalls } from '../../../shared/calls/team';
import { QuaywatchError } from '../errors';
import { leaveTeamLink, teamLinkOf, unmatchedScenes } from '../store/teamLocal';
import { teamSyncerOf } from '../team/autoSync';
import { joinTeam, teamKeyStore } from '../team/sync';
import { teamFailureError } from '../team/teamErrors';
import { TeamTrustFile } from '../team/trust';

export const teamHandlers: HandlersOf<typeof teamCalls> = {
  'team.status': (_req, s) => teamSyncerOf(s).status(),
  'team.join': async (req, s) => {
    const store = s.requireProject();
    if (store.readOnly) throw new QuaywatchError('invalid_request', 'This project is open read-only: save a copy (File → Save a copy…) and join with that. Nothing was changed.');
    const keys = await teamKeyStore(s.dataDir);
    let url: string;
    try {
      ({ url } = await joinTeam(store, req.url, req.password, keys, { caFile: req.ca ?? null }));
    } catch (e) {
      throw teamFailureError(e);
    }
    // Kept for this machine, as `team join --ca` keeps it: the automatic sync verifies the server with it too.
    if (req.ca) new TeamTrustFile(s.dataDir).setCa(url, req.ca);
    const syncer = teamSyncerOf(s);
    syncer.reset();
    // The first sync runs now, in the background: the dialog closes on the join, the light tells the rest.
    void syncer.sync();
    return syncer.status();
  },
  'team.leave': async (_req, s) => {
    const store = s.requireProject();
    const link = teamLinkOf(store);
    if (!link?.active) throw new QuaywatchError('not_found', 'This project is not in a team workspace.');
    const syncer = teamSyncerOf(s);
    // A sync under way finishes first: leaving never cuts a push in half.
    await syncer.sync().catch(() => {});
    leaveTeamLink(store);
    (await teamKeyStore(s.dataDir)).delete(link.url);
    syncer.reset();
    return syncer.status();
  },
  'team.syncNow': async (_req, s) => {
    const syncer = teamSyncerOf(s);
    if (!teamLinkOf(s.requireProject())?.active) throw new QuaywatchError('not_found', 'This project is not in a team workspace: File → Team → Join… first.');
    await syncer.sync();
    return syncer.status();
  },
  'team.unmatched': (_req, s) => unmatchedScenes(s.requireProject()),
};
