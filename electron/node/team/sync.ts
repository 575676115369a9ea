// Joining a project to a team workspace and syncing it (issue 21). A sync pushes this project's own
// history rows the team lacks, as events (id derived from the row, so a retry after a lost answer is
// recognised and ignored by the server), then pulls the team's events after its cursor, in the server's
// order, and applies them through the one write path with origin 'team'. Laptop clocks play no part.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { entitySchemas } from '../review/packageFormat';
import { z } from 'zod';
import { settlementSchema } from '../../../shared/calls/review';
import { describeIssue, isoInstantSchema } from '../../../shared/calls/define';
import { QuaywatchError } from '../errors';
import { openKeyStore, type KeyStore } from '../imagery/apiKeys';
import type { ProjectStore } from '../store/projectStore';
import { applyTeamEvents, attachUnmatched, lastHistorySeq, markPushed, markSynced, rememberScenes, sceneKeysOf, undescribedSceneKeys, setTeamLink, teamLinkOf, unmatchedSightingCount, unpushedRows, unsentCount, withSceneId, type CheckedEvent, type TeamLink, type UnpushedRow } from '../store/teamLocal';
import { lastEventOf, publishScenes, pullEvents, pushEvents, sceneDescriptorsOf, teamValueOf, workspaceOf, TEAM_ENTITIES, type IncomingEvent, type OutgoingEvent, type SceneDescriptor } from '../store/teamServer';
import { connectTeam, parseTeamUrl, type ConnectOptions } from './connect';
import { publishTeamDerivation, type DerivedOutcome } from './derived';

const PUSH_BATCH = 500;
// Pages of 5,000 events (a few MB of JSON): fewer round trips and transactions in a catch-up.
const PULL_BATCH = 5000;

/** What the server says a team scene id stands for, as this project will keep and show it. */
const sceneDescriptorSchema = z
  .object({
    key: z.string().uuid(),
    provider: z.string().max(200),
    product: z.string().max(200),
    itemId: z.string().max(200).nullable(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    acquired: isoInstantSchema,
  })
  .strict();

/** Where team passwords are kept on this machine: the OS keystore, else a 0600 file in the data folder (apiKeys.ts). */
export function teamKeyStore(dataDir: string, opts: { forceFile?: boolean } = {}): Promise<KeyStore> {
  return openKeyStore(dataDir, { ...opts, purpose: 'team' });
}

/**
 * An event's id: a hash of the replica and the row's content and place. A retry sends the same id (the
 * server keeps it once); a copy of the project file (same replica, same row numbers) that then made a
 * different change at the same place sends a different id, so its work is never mistaken for a duplicate.
 */
export function eventIdOf(replica: string, r: UnpushedRow): string {
  const h = createHash('sha256').update(JSON.stringify([replica, r.seq, r.at, r.entity, r.entityId, r.before, r.after])).digest('hex');
  // Formatted as a UUID (version 8: application-defined) for the server's uuid column.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface JoinResult {
  url: string;
  workspace: string;
  author: string;
  role: string;
  keystore: KeyStore['backend'];
}

/**
 * Joins the project to the workspace at `url` (no password in it) with `password`: checks the login is
 * a member whose analyst name is this project's author (the database compares them on every mark),
 * stores the password in the keystore under the address, and records the workspace in the project.
 */
export async function joinTeam(store: ProjectStore, urlText: string, password: string, keys: KeyStore, opts: ConnectOptions = {}): Promise<JoinResult> {
  let { url } = parseTeamUrl(urlText);
  if (opts.caFile) {
    // Verified with a CA here: the project says so too, so a machine without that CA refuses rather than trusts.
    const u = new URL(url);
    if (!['verify-full', 'verify-ca'].includes(u.searchParams.get('sslmode') ?? '')) u.searchParams.set('sslmode', 'verify-full');
    url = u.toString();
  }
  const client = await connectTeam(url, password, opts);
  try {
    const ws = await workspaceOf(client).catch((e: Error) => {
      throw new QuaywatchError('not_found', e.message);
    });
    if (!ws.member) throw new QuaywatchError('not_found', 'This login is not a member of the workspace: ask its administrator to add it (`quaywatch team member add`). Nothing was changed.');
    if (ws.member.role !== 'reader' && ws.member.author !== store.author) {
      throw new QuaywatchError(
        'invalid_request',
        `The workspace knows this login as “${ws.member.author}”, but this project records edits as “${store.author}”: the server would refuse every mark. Set your analyst name to “${ws.member.author}” (or ask for the member to be renamed). Nothing was changed.`,
      );
    }
    keys.set(url, password);
    setTeamLink(store, { url, workspace: ws.id, replica: randomUUID(), author: ws.member.author });
    return { url, workspace: ws.id, author: ws.member.author, role: ws.member.role, keystore: keys.backend };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface SyncReport {
  /** Events the team took from this project now. */
  pushed: number;
  /** Events sent again after an interrupted sync, which the team already had (ignored there). */
  duplicates: number;
  /** Events pulled (everyone's, ours included, in the team's order). */
  pulled: number;
  /** Entities of this project that changed to the team's value. */
  changed: number;
  /** New conflict items (changes the team could not apply), now in the review queue. */
  conflicts: number;
  /** Of those, changes the workspace refused to this login (another analyst's mark): kept here as items, the team's value restored. */
  refused: number;
  /** The team's order this project has applied up to. */
  pulledThrough: number;
  /** The team's marks kept here on scenes this project does not have (attached when that imagery is imported). */
  unmatched: number;
  /** Of those waiting before, marks attached now to imagery imported since the last sync. */
  attached: number;
  /** Local changes this login may not send (a reader's): kept here, not in the team's log. */
  notSent?: number;
  /** Whether this sync published the team's visits and coverage for QGIS (derived.ts). */
  derived?: DerivedOutcome;
}

export interface SyncHooks {
  /** Test hook: called after the server committed a push and before this project recorded it. */
  afterPushCommitted?: () => void;
}

/** The link of a joined project, or a clear refusal. */
export function linkOrRefuse(store: ProjectStore): TeamLink {
  const link = teamLinkOf(store);
  if (!link || !link.active) throw new QuaywatchError('not_found', `This project ${link ? 'left its team workspace' : 'has not joined a team workspace'}: run \`quaywatch team join FILE postgres://LOGIN@HOST/DB\` (or File → Team → Join…) first.`);
  return link;
}

/** The password for a joined project's workspace: the keystore's, else the environment's. */
export function passwordFor(link: TeamLink, keys: KeyStore, fromEnv: string | undefined): string {
  const p = keys.get(link.url) ?? fromEnv;
  if (!p) throw new QuaywatchError('not_found', `No password is stored on this machine for ${link.url}: run \`quaywatch team join\` again.`);
  return p;
}

/** The schema of each entity a team shares: the package format's, and a settlement's. */
const TEAM_SCHEMAS = { ...entitySchemas, settlement: settlementSchema } as const;

/** Checks what the server sent before anything is applied: the project takes only values its own schemas accept. */
function checked(e: IncomingEvent): CheckedEvent {
  const refuse = (why: string) =>
    new QuaywatchError('invalid_request', `The team's event ${e.seq} (by ${e.author}, “${e.label}”) was refused: ${why}. Nothing from it or after it was applied.`);
  if (!(TEAM_ENTITIES as readonly string[]).includes(e.entity)) throw refuse(`it names an unknown kind of entity`);
  const raw = e.outcome === 'applied' ? e.after : e.teamValue;
  if (raw === null) return { ...e, target: null };
  const parsed = TEAM_SCHEMAS[e.entity].safeParse(raw);
  if (!parsed.success) throw refuse(`its ${e.entity} is not valid (${describeIssue(parsed.error)})`);
  if (parsed.data.id !== e.entityId) throw refuse(`its ${e.entity} has another id than the event names`);
  return { ...e, target: parsed.data };
}

/** Pushes then pulls; on any failure what was done stays done, and the next sync goes on from there. */
export async function syncTeam(store: ProjectStore, client: pg.Client, hooks: SyncHooks = {}): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, duplicates: 0, pulled: 0, changed: 0, conflicts: 0, refused: 0, pulledThrough: 0, unmatched: 0, attached: 0 };
  let link = linkOrRefuse(store);
  // Imagery imported since the last sync takes the marks that waited for it (the importer does it too).
  report.attached = attachUnmatched(store);
  for (;;) {
    const rows = unpushedRows(store, link.pushedThrough, PUSH_BATCH);
    if (!rows.length) {
      // Nothing of ours after the cursor (only the team's own rows, or entities a team does not share): move it
      // past them, so the next sync does not read the whole pulled history again to find nothing.
      markPushed(store, lastHistorySeq(store));
      break;
    }
    // Marks travel with the team's name of their scene (provider item id or content hash), never pixels.
    const keys = sceneKeysOf(store);
    const team = (entity: string, json: string | null) => (json === null ? null : withSceneId(entity, JSON.parse(json) as unknown, keys.toTeam));
    const events: OutgoingEvent[] = rows.map((r) => ({
      id: eventIdOf(link.replica, r),
      replica: link.replica,
      label: r.label,
      entity: r.entity,
      entity_id: r.entityId,
      before: team(r.entity, r.before),
      after: team(r.entity, r.after),
      made_at: r.at,
    }));
    // What the team's names of these marks' scenes stand for, so a colleague without the imagery is told which it is.
    const described = new Map<string, SceneDescriptor>();
    for (const r of rows) {
      if (r.entity !== 'sighting') continue;
      for (const json of [r.before, r.after]) {
        const d = json === null ? null : keys.describe((JSON.parse(json) as { sceneId: string }).sceneId);
        if (d) described.set(d.key, d);
      }
    }
    let answers: Awaited<ReturnType<typeof pushEvents>>;
    try {
      await publishScenes(client, [...described.values()]);
      answers = await pushEvents(client, events);
    } catch (e) {
      // A reader's login may not send (the database refuses it: insufficient_privilege). The sync still brings
      // the team's changes; the local ones stay here, unsent and counted, should the login become an analyst.
      if ((e as { code?: string }).code !== '42501') throw e;
      report.notSent = unsentCount(store, link.pushedThrough);
      break;
    }
    hooks.afterPushCommitted?.();
    const refused: CheckedEvent[] = [];
    for (const [i, a] of answers.entries()) {
      if (a.outcome === 'refused') {
        // Not in the team's log, so no pull brings it back: the item is made here, beside the team's value.
        const e = events[i]!;
        const team = await teamValueOf(client, e.entity, e.entity_id);
        const item: IncomingEvent = {
          seq: 0, id: e.id, replica: e.replica, author: link.author, label: e.label, entity: e.entity, entityId: e.entity_id,
          before: e.before, after: e.after, outcome: 'conflict', teamValue: team,
          reason: 'refused by the workspace: this login may not change it (an analyst changes only their own marks, a reviewer gives verdicts)',
        };
        refused.push(checked(item));
      } else if (a.fresh) report.pushed++;
      else report.duplicates++;
    }
    if (refused.length) {
      const r = applyTeamEvents(store, refused);
      report.refused += r.conflicts;
      report.conflicts += r.conflicts;
      report.changed += r.changed;
    }
    markPushed(store, rows[rows.length - 1]!.seq);
    link = linkOrRefuse(store);
  }
  // Up to this replica's own newest event the team's events are applied together (see applyTeamEvents);
  // after it, a batch at a time.
  const ownThrough = await lastEventOf(client, link.replica);
  // The next page is asked for before this one is checked and applied, so the server reads and sends it
  // while SQLite writes (a catch-up's time is then mostly the slower of the two, not their sum).
  const ask = (after: number) => {
    const p = pullEvents(client, after, PULL_BATCH);
    p.catch(() => {}); // awaited below; a failure while a batch is applied must not also be an unhandled rejection
    return p;
  };
  let next: Promise<IncomingEvent[]> | null = ask(link.pulledThrough);
  while (next) {
    const events: CheckedEvent[] = [];
    while (next) {
      const page: IncomingEvent[] = await next;
      // Checked page by page as they arrive (before any of the batch is applied, as before): the host answers
      // the page's calls between pages instead of checking a whole catch-up in one go.
      events.push(...page.map(checked));
      const last = events.length ? events[events.length - 1]!.seq : link.pulledThrough;
      // A short page is the end of the log as it was when asked: the next sync takes what came since.
      next = page.length < PULL_BATCH ? null : ask(last);
      if (last >= ownThrough) break;
    }
    if (!events.length) break;
    const r = applyTeamEvents(store, events);
    report.pulled += events.length;
    report.changed += r.changed;
    report.conflicts += r.conflicts;
    link = linkOrRefuse(store);
  }
  report.pulledThrough = link.pulledThrough;
  report.unmatched = unmatchedSightingCount(store);
  if (report.unmatched) {
    // What the scenes the team's marks wait for are, as the team knows them (checked: the server's word is input).
    const told = (await sceneDescriptorsOf(client, undescribedSceneKeys(store))).map((d) => sceneDescriptorSchema.safeParse(d)).flatMap((p) => (p.success ? [p.data] : []));
    rememberScenes(store, told);
  }
  markSynced(store, new Date().toISOString());
  // Caught up with the team: its visits and coverage, as this analysis sees them, go to the workspace for QGIS.
  report.derived = await publishTeamDerivation(store, client);
  return report;
}

/** Connects with the stored password and syncs; the connection is closed afterwards. */
export async function syncProject(store: ProjectStore, keys: KeyStore, opts: { passwordFromEnv?: string } & ConnectOptions & SyncHooks = {}): Promise<SyncReport> {
  const link = linkOrRefuse(store);
  const client = await connectTeam(link.url, passwordFor(link, keys, opts.passwordFromEnv), opts);
  try {
    return await syncTeam(store, client, opts);
  } finally {
    await client.end().catch(() => {});
  }
}

export { parseTeamUrl };
