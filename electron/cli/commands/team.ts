// `quaywatch team …`: a team workspace on PostgreSQL/PostGIS (issue 21). Passwords never come from the
// command line (argv is readable by every local user): from QW_TEAM_PASSWORD (QW_TEAM_MEMBER_PASSWORD for
// a new member's) or a prompt that does not echo; a joined project's password lives in the keystore.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { defaultDataDir } from '../../node/paths';
import { QuaywatchError } from '../../node/errors';
import { teamConflicts, unmatchedScenes } from '../../node/store/teamLocal';
import { addMember, createWorkspace, TEAM_ROLES, type TeamRole } from '../../node/store/teamServer';
import { checkCaFile, connectTeam, parseTeamUrl, PASSWORD_ENV } from '../../node/team/connect';
import { TeamTrustFile } from '../../node/team/trust';
import { unmatchedSceneText } from '../../../shared/teamScope';
import { joinTeam, linkOrRefuse, syncProject, teamKeyStore } from '../../node/team/sync';
import { FILE_KEYSTORE_WARNING } from '../../node/imagery/apiKeys';
import { parseCommandArgs, positionalsOf, UsageError, withProject, withProjectAsync, type Command } from '../cliIo';

const MEMBER_PASSWORD_ENV = 'QW_TEAM_MEMBER_PASSWORD';

/** A password from the environment, else typed at a prompt that does not echo; refused when neither is possible. */
async function password(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError(`no password: set ${envName} (never put a password on the command line)`);
  let muted = false;
  const out = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => rl.question(prompt, resolve));
    muted = true;
    const p = await answer;
    process.stderr.write('\n');
    if (!p) throw new UsageError('no password given');
    return p;
  } finally {
    rl.close();
  }
}

export const teamInitCommand: Command = {
  words: ['team', 'init'],
  usage: 'team init postgres://ADMIN@HOST:PORT/DB',
  details: [
    'Creates a team workspace in the database: PostGIS, the roles quaywatch_analyst, quaywatch_reviewer and',
    'quaywatch_reader, the event log and the QGIS layers, with row-level security. Needs a superuser.',
    `The password comes from ${PASSWORD_ENV} or a prompt.`,
  ],
  async run(args, io) {
    const { positionals } = parseCommandArgs(this, args, {});
    const [urlText] = positionalsOf(this, positionals, ['URL']);
    const { url } = parseTeamUrl(urlText!);
    const client = await connectTeam(url, await password(PASSWORD_ENV, 'Administrator password: '));
    try {
      const ws = await createWorkspace(client, randomUUID());
      io.out(`Created team workspace ${ws.id} (schema ${ws.schemaVersion}) at ${url}.`);
      io.out('Add members with `quaywatch team member add`.');
    } catch (e) {
      throw new QuaywatchError('invalid_request', (e as Error).message);
    } finally {
      await client.end().catch(() => {});
    }
  },
};

export const teamMemberAddCommand: Command = {
  words: ['team', 'member', 'add'],
  usage: 'team member add postgres://ADMIN@HOST:PORT/DB LOGIN --role analyst|reviewer|reader --author NAME',
  details: [
    `Creates LOGIN with the role; NAME is the analyst name their marks carry. The administrator's password comes`,
    `from ${PASSWORD_ENV}, the new member's from ${MEMBER_PASSWORD_ENV} (or prompts).`,
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { role: { type: 'string' }, author: { type: 'string' } });
    const [urlText, login] = positionalsOf(this, positionals, ['URL', 'LOGIN']);
    if (!values.role || !(TEAM_ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${TEAM_ROLES.join(', ')}. Usage: quaywatch ${this.usage}`);
    if (!values.author?.trim()) throw new UsageError(`--author NAME is required. Usage: quaywatch ${this.usage}`);
    const { url } = parseTeamUrl(urlText!);
    const adminPassword = await password(PASSWORD_ENV, 'Administrator password: ');
    const memberPassword = await password(MEMBER_PASSWORD_ENV, `Password for ${login}: `);
    const client = await connectTeam(url, adminPassword);
    try {
      await addMember(client, { login: login!, password: memberPassword, role: values.role as TeamRole, author: values.author.trim() });
    } catch (e) {
      throw new QuaywatchError('invalid_request', `Could not add ${login}: ${(e as Error).message}. Nothing was changed.`);
    } finally {
      await client.end().catch(() => {});
    }
    io.out(`Added ${login} as ${values.role} (“${values.author.trim()}”).`);
  },
};

export const teamJoinCommand: Command = {
  words: ['team', 'join'],
  usage: 'team join FILE postgres://LOGIN@HOST:PORT/DB[?sslmode=…] [--ca CA.pem]',
  details: [
    `The password comes from ${PASSWORD_ENV} or a prompt and is kept in the OS keystore, never in the project.`,
    '--ca CA.pem: the certificate authority that signed the server\'s certificate; the server is then verified',
    '(TLS, sslmode verify-full: its certificate, for the host in the address) at every connection. The CA\'s path is',
    'kept for this machine in the data folder (team-servers.json), not in the project: the project travels, the file does not.',
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { ca: { type: 'string' } });
    const [file, urlText] = positionalsOf(this, positionals, ['FILE', 'URL']);
    const { url, login } = parseTeamUrl(urlText!);
    const caFile = values.ca ? path.resolve(values.ca) : null;
    if (caFile) checkCaFile(caFile);
    const pw = await password(PASSWORD_ENV, `Password for ${login}: `);
    const keys = await teamKeyStore(defaultDataDir());
    const r = await withProjectAsync(file!, (store) => joinTeam(store, url, pw, keys, { caFile }));
    if (caFile) new TeamTrustFile(defaultDataDir()).setCa(r.url, caFile);
    io.out(`Joined workspace ${r.workspace} as ${r.role} “${r.author}” (${r.url}).`);
    if (caFile) io.out(`The server's certificate was verified against ${caFile}, and will be at every sync.`);
    if (r.keystore.kind === 'file') io.out(FILE_KEYSTORE_WARNING.replace('tile API keys are', 'the password is'));
    io.out('Run `quaywatch team sync FILE` to send your work and receive the team’s.');
  },
};

export const teamSyncCommand: Command = {
  words: ['team', 'sync'],
  usage: 'team sync FILE [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const keys = await teamKeyStore(defaultDataDir());
    const trust = new TeamTrustFile(defaultDataDir());
    const r = await withProjectAsync(file!, (store) => syncProject(store, keys, { passwordFromEnv: process.env[PASSWORD_ENV], caFile: trust.caFor(linkOrRefuse(store).url) }));
    if (values.json) return io.out(JSON.stringify(r));
    io.out(`Sent ${r.pushed} change(s)${r.duplicates ? ` (${r.duplicates} the team already had from an interrupted sync)` : ''}; received ${r.pulled} event(s), ${r.changed} change(s) here.`);
    if (r.conflicts) io.out(`${r.conflicts} new conflict(s) to review${r.refused ? ` (${r.refused} of your changes the workspace refused: not yours to change)` : ''}: \`quaywatch team conflicts ${file}\`.`);
      if (r.attached) io.out(`${r.attached} team mark(s) attached to imagery imported since the last sync.`);
    if (r.unmatched) io.out(`${r.unmatched} team mark(s) on a scene you don't have: kept, and shown as soon as you import that imagery (\`quaywatch team unmatched ${file}\`).`);
  },
};

export const teamUnmatchedCommand: Command = {
  words: ['team', 'unmatched'],
  usage: 'team unmatched FILE [--json]',
  details: [
    'The team\'s marks on scenes this project does not have, per scene: kept here (nothing is lost) and attached',
    'when imagery with the same provider item id, or the same file content (SHA-256), is imported.',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const list = withProject(file!, (store) => unmatchedScenes(store));
    if (values.json) return io.out(JSON.stringify(list));
    if (!list.length) return io.out('Every team mark is on a scene you have.');
    for (const u of list) io.out(unmatchedSceneText(u));
  },
};

export const teamConflictsCommand: Command = {
  words: ['team', 'conflicts'],
  usage: 'team conflicts FILE [--json]',
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const list = withProject(file!, (store) => teamConflicts(store));
    if (values.json) return io.out(JSON.stringify(list));
    if (!list.length) return io.out('No team conflicts.');
    for (const c of list) io.out(`#${c.seq} ${c.state}  ${c.entity} ${c.entityId}: ${c.author}'s “${c.label}” — ${c.reason}`);
  },
};
