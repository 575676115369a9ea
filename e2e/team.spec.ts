// A team workspace in the app (issue 21), against a real PostgreSQL with PostGIS started here: the analyst
// joins through File → Team → Join…, marks a ship, the light goes to synced, and a colleague's replica
// (synced by sync.ts, as `quaywatch team sync` does) has the mark; a conflicting rename from the colleague
// shows in the Review panel side by side, is settled there, and after a sync both replicas agree.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { Zone } from '../shared/domain';
import { editingOf } from '../electron/node/store/editing';
import { ProjectStore } from '../electron/node/store/projectStore';
import { teamConflicts } from '../electron/node/store/teamLocal';
import { connectTeam } from '../electron/node/team/connect';
import { joinTeam, syncProject, teamKeyStore } from '../electron/node/team/sync';
import type { PgCluster } from '../electron/testing/pgCluster';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest, tempHome } from './support/host';
import { startTeamServer, twoReplicas } from './support/team';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();
let pgc: PgCluster;
let work: string;
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/team-${name}.png` });

test.beforeAll(async () => {
  pgc = await startTeamServer();
});
test.afterAll(() => pgc?.stop());

// Short pauses, so the test sees debounced syncs and retries; a long interval, so the app pulls only after
// its own edits or Sync now, and the colleague's rename lands between the two.
const TIMING = '200,800,60000,1000,4000';

const light = (page: Page) => page.getByTestId('team-light');

test('join through the dialog, a mark syncs, a colleague’s conflicting rename is settled in the Review panel, both replicas agree', async ({ page }) => {
  test.setTimeout(240_000);
  work = tempHome();
  const { mine, colleague } = await twoReplicas(work);
  process.env.QW_TEAM_SYNC_TIMING = TIMING;
  const host = await each.start();
  delete process.env.QW_TEAM_SYNC_TIMING;
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.evaluate((p) => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().openProject(p), mine);
  await expect(page.getByTestId('project-name')).toHaveText('Team port');
  await app.waitForImagery();
  await expect(light(page)).toHaveAttribute('data-light', 'none');
  await expect(light(page)).toHaveText('Not in a team');
  await shot(page, 'light-none');

  // --- the colleague, Bob, joins from his own copy (as `quaywatch team join` would)
  const bobKeys = await teamKeyStore(path.join(work, 'bob-data'), { forceFile: true });
  const bob = ProjectStore.open(colleague, { author: 'Bob' });
  try {
    await joinTeam(bob, pgc.url('bob'), 'bob-pw', bobKeys);
    await syncProject(bob, bobKeys);

    // --- File → Team → Join…: a wrong password says so and joins nothing; the right one joins
    await app.openFileMenu();
    await page.getByTestId('menu-team-join').click();
    const dialog = page.getByTestId('team-join-dialog');
    await expect(dialog).toBeVisible();
    const server = pgc.url('alice').replace('alice@', '');
    await page.getByTestId('team-server').fill(server);
    await page.getByTestId('team-login').fill('alice');
    await page.getByTestId('team-password').fill('not-her-password');
    await page.getByTestId('team-join').click();
    await expect(page.getByTestId('team-join-error')).toContainText('refused the login or password');
    await expect(page.getByTestId('team-join-error')).toContainText('Check the password');
    await shot(page, 'join-dialog-error');
    await page.getByTestId('team-password').fill('alice-pw');
    await shot(page, 'join-dialog');
    await page.getByTestId('team-join').click();
    await expect(dialog).toBeHidden();
    await expect(light(page)).toHaveAttribute('data-light', 'synced');
    await expect(light(page)).toHaveText(/^Synced \d\d:\d\d UTC$/);

    // The password is in the data folder's keystore file (no OS keystore here), never in the project file.
    for (const f of [mine, `${mine}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from('alice-pw'))).toBe(false);

    // --- a mark: the light goes through syncing to synced with nothing unsent, and Bob's replica has it
    await app.markVesselAtCentre();
    const markId = (await app.state()).sightings[0]!.id;
    await light(page).click();
    await expect(light(page)).toHaveAttribute('data-light', 'synced');
    await shot(page, 'light-synced-details');
    await light(page).click();
    // Bob's replica has it once the app's debounced sync ran (he syncs as `quaywatch team sync` would).
    await expect
      .poll(async () => (await syncProject(bob, bobKeys), bob.sightings().find((s) => s.id === markId) ?? null), { timeout: 20_000 })
      .toMatchObject({ author: 'Test Analyst', class: 'vessel' });

    // --- a sync held up at the server (another push holds the team's lock): the light says syncing, and
    // editing goes on meanwhile — a second mark is saved while the sync waits
    const holder = await connectTeam(pgc.url('postgres'), pgc.adminPassword);
    try {
      await holder.query('SELECT pg_advisory_lock(21021)');
      await page.keyboard.press('v');
      const box = (await app.map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
      await page.keyboard.press('Escape');
      await expect(light(page)).toHaveAttribute('data-light', 'syncing', { timeout: 20_000 });
      await shot(page, 'light-syncing');
      await page.keyboard.press('v');
      await page.mouse.click(box.x + (box.width * 2) / 3, box.y + box.height / 3);
      await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
      await page.keyboard.press('Escape');
      await expect(app.sightingCount()).toHaveText('3');
      await expect(light(page)).toHaveAttribute('data-light', 'syncing');
    } finally {
      await holder.query('SELECT pg_advisory_unlock(21021)').catch(() => {});
      await holder.end();
    }
    await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 20_000 });

    // --- the password changed on the server: an error that says what to do
    pgc.psql("ALTER ROLE alice PASSWORD 'changed-pw'");
    try {
      await openDetails(page);
      await page.getByTestId('team-sync-now').click();
      await expect(light(page)).toHaveAttribute('data-light', 'error');
      await expect(page.getByTestId('team-message')).toContainText('refused the login or password. Check the password');
      await shot(page, 'light-error');
    } finally {
      pgc.psql("ALTER ROLE alice PASSWORD 'alice-pw'");
    }
    await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 30_000 });

    // --- the server goes away: offline, the edit kept, retried; back: synced again
    pgc.stopServer();
    try {
      await openDetails(page);
      await page.getByTestId('team-sync-now').click();
      await expect(light(page)).toHaveAttribute('data-light', 'offline');
      await expect(page.getByTestId('team-message')).toContainText('Your edits are kept in the project');
      await shot(page, 'light-offline');
    } finally {
      pgc.startServer();
    }
    await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 30_000 });

    // --- a conflict: Bob renames the zone and reaches the team first; the analyst renames it too
    const zoneId = bob.zones()[0]!.id;
    editingOf(bob).updateZone(zoneId, { name: 'Bob’s quay' });
    await syncProject(bob, bobKeys);
    // The analyst renames it in the zone's attributes (selected as a click on its outline would).
    await page.evaluate((id) => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().selectZone(id), zoneId);
    await page.getByTestId('zone-rename').fill('My quay');
    await page.getByTestId('zone-rename').press('Enter');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await expect(light(page)).toHaveAttribute('data-light', 'conflicts', { timeout: 20_000 });
    await expect(light(page)).toHaveText('Conflicts 1');
    await shot(page, 'light-conflicts');
    await openDetails(page);
    await page.getByTestId('team-show-conflicts').click();
    const card = page.getByTestId('team-conflict');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('team-conflict-proposed')).toContainText('Name: My quay');
    await expect(card.getByTestId('team-conflict-team')).toContainText('Name: Bob’s quay');
    await expect(card.getByTestId('team-settle-proposed')).toHaveText('Keep mine');
    await expect(card.getByTestId('team-settle-team')).toHaveText('Keep theirs');
    await setTheme(page, 'dark');
    await shot(page, 'conflict-dark');
    await setTheme(page, 'light');
    await shot(page, 'conflict-light');
    // The zone shows the team's name until the conflict is settled: nothing is resolved silently.
    expect((await app.state()).zones.find((z: Zone) => z.id === zoneId)!.name).toBe('Bob’s quay');

    await card.getByTestId('team-settle-proposed').click();
    await expect(card).toHaveCount(0);
    await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 20_000 });
    await openDetails(page);
    await expect(page.getByTestId('team-unsent')).toHaveText('0 change(s)', { timeout: 20_000 });
    await syncProject(bob, bobKeys);

    // --- both replicas agree: the analyst's name for the zone, the mark, and the item settled on both
    const appState = await app.state();
    expect(appState.zones.find((z: Zone) => z.id === zoneId)!.name).toBe('My quay');
    expect(bob.zones().find((z) => z.id === zoneId)!.name).toBe('My quay');
    expect(appState.sightings.map((s) => s.id).sort()).toEqual(bob.sightings().map((s) => s.id).sort());
    expect(teamConflicts(bob).map((c) => [c.author, c.state, c.settled])).toEqual([['Test Analyst', 'settled', 'proposed']]);

    // --- leaving: the light says not joined, and the stored password is gone
    await page.getByTestId('team-leave').click();
    await expect(light(page)).toHaveAttribute('data-light', 'none');
  } finally {
    bob.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

async function openDetails(page: Page) {
  if (!(await page.getByTestId('team-details').isVisible())) await light(page).click();
  await expect(page.getByTestId('team-details')).toBeVisible();
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  for (let i = 0; i < 4 && (await page.locator('html').getAttribute('data-theme')) !== theme; i++) await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
