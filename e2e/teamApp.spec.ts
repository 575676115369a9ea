// The team workspace without the command line (issue 21), against a real PostgreSQL with PostGIS serving TLS
// with a certificate signed by a CA openssl makes here: the analyst joins through File → Team → Join…,
// choosing the CA file with the app's file dialog (verify-full), and the host keeps syncing over verified TLS;
// the Analysis panel's scope switches the visits between the analyst's marks and the team's, and says whose
// and when last synced; a report through the dialog with the team's scope names the analysts; the light
// says how many team marks wait for imagery this project lacks, and which file to import.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { ApiResult } from '../shared/api';
import type { Sighting } from '../shared/domain';
import { makeGeoTiff } from '../electron/node/imagery/fixtures/build';
import { importScenes } from '../electron/node/imagery/importScenes';
import type { ProjectStore } from '../electron/node/store/projectStore';
import { joinTeam, syncProject, teamKeyStore } from '../electron/node/team/sync';
import type { PgCluster } from '../electron/testing/pgCluster';
import { openSession } from '../electron/testing/seedProject';
import { makeTestCa } from '../electron/testing/testCa';
import { AnalysisPage } from './pages/AnalysisPage';
import { FileDialogPage } from './pages/FileDialogPage';
import { OutputDialogsPage } from './pages/OutputDialogsPage';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest, tempHome } from './support/host';
import { startTeamServer, twoReplicas } from './support/team';

const each = hostPerTest();
let pgc: PgCluster;
let certs: string;
/** The CA that signed the team server's certificate. */
let caFile: string;
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/team-app-${name}.png` });

test.beforeAll(async () => {
  certs = fs.mkdtempSync(path.join(tempHome(), 'certs-'));
  const signer = makeTestCa(certs);
  caFile = signer.caFile;
  pgc = await startTeamServer({ tls: signer.serverTls });
});
test.afterAll(() => {
  pgc?.stop();
  if (certs) fs.rmSync(path.dirname(certs), { recursive: true, force: true });
});

// Short pauses, so a join's first sync and the debounced ones come quickly.
const TIMING = '200,800,60000,1000,4000';

/** Marks each vessel once on the project's first scene, inside its zone, as `author`. */
async function markVessels(dispatch: (name: string, req: unknown) => Promise<unknown>, store: ProjectStore, vesselIds: string[]) {
  const scene = store.scenes()[0]!;
  const ring = (scene.footprint as { coordinates: number[][][] }).coordinates[0]!;
  // Along the footprint's diagonal (its ring is densified: the corners are not its first points).
  const [xs, ys] = [ring.map((p) => p[0]!), ring.map((p) => p[1]!)];
  const lo = [Math.min(...xs), Math.min(...ys)];
  const hi = [Math.max(...xs), Math.max(...ys)];
  const at = (f: number) => [lo[0]! + (hi[0]! - lo[0]!) * f, lo[1]! + (hi[1]! - lo[1]!) * f];
  for (const [i, vesselId] of vesselIds.entries()) {
    const r = (await dispatch('sightings.create', { sceneId: scene.id, class: 'vessel', vesselId, geometry: { type: 'Point', coordinates: at(0.3 + 0.2 * i) } })) as ApiResult<Sighting>;
    if (!r.ok) throw new Error(r.error.message);
  }
}

const light = (page: Page) => page.getByTestId('team-light');

function centreOf(footprint: unknown): number[] {
  const ring = (footprint as { coordinates: number[][][] }).coordinates[0]!;
  return [0, 1].map((i) => (Math.min(...ring.map((p) => p[i]!)) + Math.max(...ring.map((p) => p[i]!))) / 2);
}

test('join with a CA file chosen in the dialog, sync over verified TLS; the Analysis panel, Report and the light cover my marks or the team’s', async ({ page }) => {
  test.setTimeout(240_000);
  const work = tempHome();
  const ca = path.join(each.home, 'certs', 'ca.crt');
  fs.mkdirSync(path.dirname(ca));
  fs.copyFileSync(caFile, ca);
  const { mine, colleague, vessels } = await twoReplicas(work, ['Alpha', 'Bravo', 'Charlie']);

  // --- my own marks, made before joining: Alpha and Charlie
  {
    const { session, dispatch } = openSession(path.join(work, 'me'), mine, { author: 'Test Analyst' });
    await markVessels(dispatch, session.requireProject(), [vessels[0]!.id, vessels[2]!.id]);
    session.close();
  }
  // --- the colleague, Bob, joins with the CA (as `quaywatch team join --ca` would), marks Bravo, and a ship on
  // a scene only he has; then syncs
  const bobDir = path.join(work, 'bob');
  const bobKeys = await teamKeyStore(path.join(bobDir, 'data'), { forceFile: true });
  const bob = openSession(bobDir, colleague, { author: 'Bob' });
  const bobStore = bob.session.requireProject();
  try {
    await joinTeam(bobStore, pgc.url('bob'), 'bob-pw', bobKeys, { caFile: ca });
    await markVessels(bob.dispatch, bobStore, [vessels[1]!.id]);
    const own = makeGeoTiff(path.join(bobDir, '20250122_020000_12_2461.tif'), { datetime: '2025:01:22 02:00:00' });
    expect((await importScenes(bobStore, [own])).errors).toEqual([]);
    const ownScene = bobStore.scenes().find((s) => s.acquired.startsWith('2025-01-22'))!;
    const r = (await bob.dispatch('sightings.create', { sceneId: ownScene.id, class: 'vessel', geometry: { type: 'Point', coordinates: centreOf(ownScene.footprint) } })) as ApiResult<Sighting>;
    expect(r.ok).toBe(true);
    await syncProject(bobStore, bobKeys, { caFile: ca });
  } finally {
    bob.session.close();
  }

  process.env.QW_TEAM_SYNC_TIMING = TIMING;
  const host = await each.start();
  delete process.env.QW_TEAM_SYNC_TIMING;
  // The theme follows the system here (the default), so each look is the system's colour scheme.
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  await page.evaluate((p) => (window as unknown as { __quaywatch: { store: { getState(): { openProject(p: string): Promise<void> } } } }).__quaywatch.store.getState().openProject(p), mine);
  await expect(page.getByTestId('project-name')).toHaveText('Team port');
  await expect(light(page)).toHaveAttribute('data-light', 'none');

  // --- not in a team: no scope choice, the analysis as before
  const analysis = new AnalysisPage(page);
  await analysis.open();
  await expect(page.getByTestId('analysis-live')).toContainText('2 visits');
  await expect(page.getByTestId('analysis-scope-choice')).toHaveCount(0);
  await expect(page.getByTestId('analysis-scope')).toHaveCount(0);
  await analysis.close();

  // --- File → Team → Join…: an address asking for a verified server, without the CA, is refused in the app's words
  await app.openFileMenu();
  await page.getByTestId('menu-team-join').click();
  const dialog = page.getByTestId('team-join-dialog');
  const server = pgc.url('alice').replace('alice@', '');
  await page.getByTestId('team-server').fill(`${server}?sslmode=verify-full`);
  await page.getByTestId('team-login').fill('alice');
  await page.getByTestId('team-password').fill('alice-pw');
  await page.getByTestId('team-join').click();
  const error = page.getByTestId('team-join-error');
  await expect(error).toContainText('did not prove it is the server named');
  await expect(error).toContainText('Nothing was sent to it, not your password');
  await expect(error).toContainText('choose it as the certificate authority in File → Team → Join…');
  await expect(error).not.toContainText('--ca');
  await shot(page, 'join-no-ca');

  // --- the CA chosen with the file dialog (nothing typed), then the join verifies the server
  await page.getByTestId('team-server').fill(server);
  await page.getByTestId('team-ca-choose').click();
  const files = new FileDialogPage(page);
  await expect(files.dialog).toBeVisible();
  await files.goHome();
  await files.doubleClick('certs');
  await files.doubleClick('ca.crt');
  await expect(files.dialog).toHaveCount(0);
  await expect(page.getByTestId('team-ca')).toHaveText(ca);
  await page.emulateMedia({ colorScheme: 'dark' });
  await dialog.screenshot({ path: 'artifacts/team-app-join-ca-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.screenshot({ path: 'artifacts/team-app-join-ca-light.png' });
  await page.getByTestId('team-join').click();
  await expect(dialog).toBeHidden();
  await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 20_000 });
  // The kept CA is this machine's (the data folder), never the project's.
  expect(JSON.parse(fs.readFileSync(path.join(each.home, 'team-servers.json'), 'utf8')).servers).toEqual({ [new URL(server).host]: { ca } });
  for (const f of [mine, `${mine}-wal`]) if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(ca))).toBe(false);

  // --- Bob's mark arrived over the verified connection; Sync now verifies too
  await expect.poll(async () => (await app.state()).sightings.length, { timeout: 20_000 }).toBe(3);
  await openDetails(page);
  await expect(page.getByTestId('team-verified')).toHaveText('verified with the certificate authority kept for it');
  await page.getByTestId('team-sync-now').click();
  await expect(light(page)).toHaveAttribute('data-light', 'synced', { timeout: 20_000 });
  // --- Bob's mark on a scene this project lacks: counted in the light, with the file to import
  await expect(page.getByTestId('team-unmatched')).toContainText('1 team mark on imagery you don’t have');
  // Planet's file naming gives the scene its provider item id: that is what the analyst asks their imagery for.
  await expect(page.getByTestId('team-unmatched-scene')).toHaveText(
    "Import Planet item 20250122_020000_12_2461 (GeoTIFF, taken 2025-01-22 02:00 UTC): 1 mark(s) by Bob on a scene you don't have",
  );
  await shot(page, 'light-unmatched');
  await light(page).click();

  // --- the Analysis panel: the team's visits (3), mine (2), and the sentence saying whose and when synced
  await analysis.open();
  const choice = page.getByTestId('analysis-scope-choice');
  await expect(choice).toHaveValue('team');
  await expect(page.getByTestId('analysis-live')).toContainText('3 visits');
  const scopeLine = page.getByTestId('analysis-scope');
  await expect(scopeLine).toContainText(/the team's sightings \(by Bob, Test Analyst; last synced \d{4}-\d\d-\d\d \d\d:\d\d UTC\); 1 team mark\(s\) on scenes this project does not have are not counted\./);
  await shot(page, 'analysis-team-light');
  await choice.selectOption('mine');
  await expect(page.getByTestId('analysis-live')).toContainText('2 visits');
  await expect(page.getByTestId('analysis-live')).toContainText('2 sightings');
  await expect(scopeLine).toHaveText('Scope: my sightings only (Test Analyst).');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'analysis-mine-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await choice.selectOption('team');
  await expect(page.getByTestId('analysis-live')).toContainText('3 visits');
  const teamSentence = (await scopeLine.textContent())!;
  await analysis.close();

  // --- a report through the dialog with the team's scope names the analysts, in the panel's words
  const out = new OutputDialogsPage(page);
  await out.dismissToasts();
  await out.openFromMenu('report');
  await expect(page.getByTestId('report-scope')).toHaveValue('team');
  await page.getByTestId('report-format-html').click();
  const report = path.join(each.home, 'team-report.html');
  await out.pathField('report').fill(report);
  await out.shot('report', 'team-app-report-dialog');
  await out.submit('report').click();
  await expect(out.infoToast()).toContainText('Report written', { timeout: 60_000 });
  const html = fs.readFileSync(report, 'utf8').replace(/&#0?39;|&apos;/g, "'");
  expect(html).toContain(teamSentence.replace(/^Scope: /, ''));
  expect(html).toContain('by Bob, Test Analyst');
  await out.dismissToasts();

  // --- and with "My sightings" (the choice kept from the panel's, set here in the dialog), only mine
  await out.openFromMenu('report');
  await page.getByTestId('report-scope').selectOption('mine');
  const mineReport = path.join(each.home, 'my-report.html');
  await out.pathField('report').fill(mineReport);
  await page.getByTestId('report-format-html').click();
  await out.pathField('report').fill(mineReport);
  await out.submit('report').click();
  await expect(out.infoToast()).toContainText('Report written', { timeout: 60_000 });
  expect(fs.readFileSync(mineReport, 'utf8')).toContain('my sightings only (Test Analyst)');
  fs.rmSync(work, { recursive: true, force: true });
});

async function openDetails(page: Page) {
  if (!(await page.getByTestId('team-details').isVisible())) await light(page).click();
  await expect(page.getByTestId('team-details')).toBeVisible();
}

