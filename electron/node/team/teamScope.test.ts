// Analyses, reports and exports on one analyst's or the whole team's sightings, on a real PostgreSQL with
// PostGIS: the same selection (export/projectData.ts loadProjectData, shared/teamScope.ts) for each, and
// each says which it covers (whose marks, when last synced).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { ExportResult, ReportResult } from '../../../shared/calls/export';
import { openSession } from '../../testing/seedProject';
import type { JoinedReplica } from '../../testing/teamFixture';
import { teamSuite } from '../../testing/teamSuite';
import { cli } from '../../cli/testing/cliHarness';
import { projectStats } from '../stats/projectStats';
import { teamLinkOf } from '../store/teamLocal';

const suite = teamSuite('qw-team-scope-', [
  { login: 'alice', author: 'Alice', role: 'analyst' },
  { login: 'bob', author: 'Bob', role: 'analyst' },
]);
let alice: JoinedReplica, bob: JoinedReplica;

beforeAll(async () => {
  ({ alice, bob } = suite.replicas);
  await alice.mark("Alice's tanker");
  await bob.mark("Bob's bulker");
  await bob.mark("Bob's tug");
  for (const r of [alice, bob, alice]) await r.sync();
}, 60_000);

describe('scope of analyses, reports and exports', () => {
  it("an export covers my sightings or the team's, and says which, with the last sync", async () => {
    const out = (name: string) => path.join(alice.dir, name);
    const exported = async (name: string, scope?: 'mine' | 'team') => {
      const r = await alice.call<ExportResult>('export.run', { format: 'geojson', what: 'sightings', path: out(name), ...(scope ? { scope } : {}) });
      const fc = JSON.parse(fs.readFileSync(out(name), 'utf8')) as { features: { properties: { author: string } }[]; scope: { sentence: string } };
      return { r, authors: fc.features.map((f) => f.properties.author).sort(), sentence: fc.scope.sentence };
    };
    const mine = await exported('mine.geojson', 'mine');
    expect(mine.authors).toEqual(['Alice']);
    expect(mine.sentence).toBe('Scope: my sightings only (Alice).');
    const all = await exported('team.geojson', 'team');
    expect(all.authors).toEqual(['Alice', 'Bob', 'Bob']);
    const lastSync = teamLinkOf(alice.store)!.lastSyncedAt!;
    expect(all.r.scope).toMatchObject({ scope: 'team', analysts: ['Alice', 'Bob'], lastSync, unmatched: 0 });
    expect(all.sentence).toBe(`Scope: the team's sightings (by Alice, Bob; last synced ${lastSync.slice(0, 16).replace('T', ' ')} UTC).`);
    // Left out, as before teams: every sighting in the project, said as the team's in a joined project.
    expect((await exported('default.geojson')).authors).toEqual(['Alice', 'Bob', 'Bob']);
  });

  it("a report's heading says whose sightings it rests on; the analysis (stats) counts the same selection", async () => {
    const html = path.join(alice.dir, 'mine.html');
    const r = await alice.call<ReportResult>('report.run', { format: 'html', path: html, scope: 'mine' });
    expect(r.scope.analysts).toEqual(['Alice']);
    expect(fs.readFileSync(html, 'utf8')).toContain('my sightings only (Alice)');
    const teamHtml = path.join(alice.dir, 'team.html');
    await alice.call<ReportResult>('report.run', { format: 'html', path: teamHtml, scope: 'team' });
    expect(fs.readFileSync(teamHtml, 'utf8')).toContain('the team&#39;s sightings (by Alice, Bob; last synced');

    const stats = (scope: 'mine' | 'team') => projectStats(bob.store, { minConfidence: 'possible', reviewedOnly: false, includeUnverified: true, scope });
    expect(stats('mine').scope.analysts).toEqual(['Bob']);
    expect(stats('team').scope.analysts).toEqual(['Alice', 'Bob']);
  });

  it('the command line takes --mine / --team for stats, report and export, and prints the scope', async () => {
    bob.close();
    const out = path.join(bob.dir, 'cli.geojson');
    const team = await cli('export', bob.file, '--format', 'geojson', '--what', 'sightings', '--out', out, '--team');
    expect(team.err).toEqual([]);
    expect(team.out).toMatch(/Scope: the team's sightings \(by Alice, Bob; last synced .* UTC\)\./);
    // 'mine' is the analyst the workspace knows this project's login as, whoever runs the command.
    const mine = await cli('stats', bob.file, '--mine', '--json');
    expect(JSON.parse(mine.out).scope).toMatchObject({ scope: 'mine', analysts: ['Bob'] });
    const both = await cli('report', bob.file, '--html', path.join(bob.dir, 'r.html'), '--mine', '--team');
    expect(both.code).toBe(2);
    expect(both.err.join('\n')).toMatch(/give --mine or --team, not both/);
  });

  it("'team' on a project that joined no workspace is refused in words, and nothing is written", async () => {
    const { seedProject } = await import('../../testing/seedProject');
    fs.mkdirSync(path.join(suite.dir, 'solo'));
    const solo = openSession(path.join(suite.dir, 'solo'), seedProject(path.join(suite.dir, 'solo')).file, { author: 'Solo' });
    try {
      const target = path.join(suite.dir, 'solo', 'x.geojson');
      const r = (await solo.dispatch('export.run', { format: 'geojson', what: 'sightings', path: target, scope: 'team' })) as ApiResult<ExportResult>;
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/has not joined a team workspace/);
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      solo.session.close();
    }
  });
});
