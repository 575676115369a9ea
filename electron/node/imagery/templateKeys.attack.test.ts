// Attacks on tile API keys through the real path (the dispatcher, the app handler's tile route, the
// tile fetch with a fake fetchTile standing in for remote servers): a template in a shared project
// whose host a placeholder turns into a look-alike (tiles.pl{a-z}net.com → plbnet.com) gets no
// key; Planet's own tiles{0-3}.planet.com gets its key on each of its four hosts; every form a
// credential can take in a URL is taken out into the keystore or refused, and no secret appears in
// the project file's bytes, an API answer, an error message or the log.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectSession } from '../session';
import { createDispatcher } from '../dispatcher';
import { createAppHandler } from '../appHandler';
import { tempDir } from '../../testing/tmp';
import { fetchTemplateTile, provideKeyStore } from './tiles';
import { openKeyStore, type KeyStore } from './apiKeys';
import { makeAvailableOffline } from './offlineCopy';
import type { Scene } from '../../../shared/domain';
import { databaseOf } from '../store/projectStore';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3c1f5c70000000049454e44ae426082', 'hex');
const PLANET_KEY = 'PLANETkey0a1b2c3d4e5f';
const BBOX: [number, number, number, number] = [130.26, 42.32, 130.29, 42.34];

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let dispatch: ReturnType<typeof createDispatcher>;
let keys: KeyStore;
let projectFile: string;
const answers: string[] = [];
const logLines: string[] = [];

beforeEach(async () => {
  tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');
  session = new ProjectSession({ dataDir, author: 'analyst', host: 'browser' });
  // The real file keystore (0600, outside the project), so the test does not depend on a keyring.
  keys = await openKeyStore(dataDir, { forceFile: true });
  provideKeyStore(dataDir, keys);
  dispatch = createDispatcher(session, (l) => logLines.push(l));
  projectFile = path.join(tmp.dir, 'Rajin.quaywatch');
  session.create(projectFile, 'Rajin');
  answers.length = 0;
  logLines.length = 0;
});
afterEach(() => {
  session.close();
  tmp.cleanup();
});

async function call(name: string, req: unknown) {
  const r = await dispatch(name, req);
  answers.push(JSON.stringify(r));
  return r;
}
async function ok<T>(name: string, req: unknown): Promise<T> {
  const r = await call(name, req);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** A remote tile server stand-in: records every URL asked for, answers a PNG. */
function fakeServers() {
  const urls: string[] = [];
  const fetchTile = async (url: string) => {
    urls.push(url);
    return new Response(new Uint8Array(PNG), { status: 200, headers: { 'Content-Type': 'image/png' } });
  };
  return { urls, fetchTile };
}

/** Puts a template in a scene row, as a project file someone else made would carry it. */
function craftTemplate(scene: Scene, template: string) {
  databaseOf(session.current!).prepare('UPDATE scene SET source = ? WHERE id = ?').run(JSON.stringify({ kind: 'xyz', template }), scene.id);
  return session.current!.scene(scene.id)!;
}

/** Every byte Quaywatch wrote for the project, after it is closed. */
function projectBytes(): Buffer {
  session.close();
  return Buffer.concat([projectFile, `${projectFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

describe('an API key goes only to the exact host it was saved for', () => {
  async function addPlanet(): Promise<Scene> {
    return ok<Scene>('scenes.addTemplate', {
      template: `https://tiles{0-3}.planet.com/basemaps/v1/planet-tiles/global_monthly_2025_01_mosaic/gmap/{z}/{x}/{y}.png?api_key=${PLANET_KEY}`,
      acquired: '2025-01-01T00:00:00Z',
      bbox: BBOX,
    });
  }

  it("Planet's tiles{0-3}.planet.com gets its key on each of its four hosts", async () => {
    const scene = await addPlanet();
    expect(['tiles0', 'tiles1', 'tiles2', 'tiles3'].map((h) => keys.get(`${h}.planet.com`))).toEqual(Array(4).fill(PLANET_KEY));
    const { urls, fetchTile } = fakeServers();
    const r = await makeAvailableOffline(session.current!, { sceneId: scene.id, bbox: BBOX, minZoom: 13, maxZoom: 14, keys, fetchTile });
    expect(r.fetched).toBeGreaterThan(4);
    for (let k = 0; k < 4; k++) await fetchTemplateTile(scene, 14, 14120 + k, 6000, keys, undefined, fetchTile);
    expect(new Set(urls.map((u) => new URL(u).hostname))).toEqual(new Set(['tiles0.planet.com', 'tiles1.planet.com', 'tiles2.planet.com', 'tiles3.planet.com']));
    for (const u of urls) expect(new URL(u).searchParams.get('api_key')).toBe(PLANET_KEY);
  });

  it('a shared project whose template a placeholder turns into look-alike hosts gets no key, and nothing is fetched', async () => {
    const planet = await addPlanet();
    // Planet's scene tiles host, without placeholders: the look-alike picks this key by 'a'.
    await ok('scenes.addTemplate', { template: `https://tiles.planet.com/data/v1/PSScene/20250114_013845_12_2461/{z}/{x}/{y}.png?api_key=${PLANET_KEY}`, acquired: '2025-01-14T00:00:00Z' });
    expect(keys.get('tiles.planet.com')).toBe(PLANET_KEY);
    const lookalikes = [
      'https://tiles.pl{a-z}net.com/basemaps/{z}/{x}/{y}.png?api_key={apiKey}', // plbnet.com, plcnet.com, …
      'https://tiles{0-3}.planet.com.evil.example/{z}/{x}/{y}.png?api_key={apiKey}',
      'https://tiles{0-3}.planet.co{s}/{z}/{x}/{y}.png?api_key={apiKey}', // planet.coa, planet.cob, …
      'https://tiles0.planet.com{s}@evil.example/{z}/{x}/{y}.png?api_key={apiKey}', // user info: the host is evil.example
      'http://tiles{0-3}.planet.com/{z}/{x}/{y}.png?api_key={apiKey}', // the right name, in clear text
      'https://{apiKey}.evil.example/{z}/{x}/{y}.png', // the key as a host name (a DNS lookup would leak it)
      'https://evil.example/{z}/{x}/{y}.png?api_key={apiKey}',
    ];
    const handler = createAppHandler({ rendererDir: tmp.dir, session });
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    globalThis.fetch = (async (u: string | URL | Request) => {
      fetched.push(String(u));
      return new Response(new Uint8Array(PNG), { status: 200 });
    }) as typeof fetch;
    try {
      for (const template of lookalikes) {
        const scene = craftTemplate(planet, template);
        // Through the tile route, as the map asks for tiles.
        const res = await handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/14/14122/6000`));
        expect({ template, status: res.status }).toEqual({ template, status: 401 });
        expect(await res.text()).toMatch(/No API key is saved for .*Keys are kept per exact host/);
        // And the fetch itself, with a fake server: never called with (or without) the key.
        const { urls, fetchTile } = fakeServers();
        await expect(fetchTemplateTile(scene, 14, 14123, 6000, keys, undefined, fetchTile)).rejects.toThrow(/No API key is saved/);
        expect(urls).toEqual([]);
      }
      expect(fetched).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
    // "Make available offline" says why, and fetches nothing.
    const { urls, fetchTile } = fakeServers();
    const scene = craftTemplate(planet, lookalikes[0]!);
    await expect(makeAvailableOffline(session.current!, { sceneId: scene.id, bbox: BBOX, minZoom: 13, maxZoom: 13, keys, fetchTile })).rejects.toThrow(/No API key is saved for https?:?\/?\/?tiles\.pl[a-z]net\.com|No API key is saved for tiles\.pl[a-z]net\.com/);
    expect(urls).toEqual([]);
  });

  it('refuses to save a key for a template whose placeholders vary more than the first label of the host, or expand absurdly', async () => {
    for (const template of [
      `https://tiles.pl{a-z}net.com/{z}/{x}/{y}.png?api_key=${PLANET_KEY}`,
      `https://tiles.{z}.example.com/{z}/{x}/{y}.png?api_key=${PLANET_KEY}`,
      `https://t{0-9}{a-z}.example.com/{z}/{x}/{y}.png?api_key=${PLANET_KEY}`,
    ]) {
      const r = await call('scenes.addTemplate', { template, acquired: '2025-01-01T00:00:00Z' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/host name may vary only in its first part|expands to more than 32 hosts/);
      expect(!r.ok && r.error.message).not.toContain(PLANET_KEY);
    }
    expect(session.current!.scenes()).toEqual([]);
    expect(fs.existsSync(path.join(tmp.dir, 'data', 'secrets', 'tile-keys.json')) ? fs.readFileSync(path.join(tmp.dir, 'data', 'secrets', 'tile-keys.json'), 'utf8') : '').not.toContain(PLANET_KEY);
  });
});

describe('every form a credential takes in a URL is taken out or refused, and never echoed', () => {
  // [template, where the key must be when a tile is fetched (null: the template is refused)]
  const stripped: [string, string, (u: URL) => string | null][] = [
    ['key=', 'https://maps.example.com/{z}/{x}/{y}.png?key=SECRETkey1aaaa', (u) => u.searchParams.get('key')],
    ['subscription-key=', 'https://atlas.example.com/map/tile?zoom={z}&x={x}&y={y}&subscription-key=SECRETsub2bbbb', (u) => u.searchParams.get('subscription-key')],
    ['X-Api-Key=', 'https://tiles.example.org/{z}/{x}/{y}.png?X-Api-Key=SECRETxak3cccc&style=dark', (u) => u.searchParams.get('X-Api-Key')],
    ['access_token=', 'https://api.example.net/v4/sat/{z}/{x}/{y}.jpg?access_token=SECRETtok4dddd', (u) => u.searchParams.get('access_token')],
    ['token=', 'https://gis.example.com/tile/{z}/{y}/{x}?token=SECRETtok5eeee', (u) => u.searchParams.get('token')],
    ['path segment', 'https://tiles.example.io/api_key/SECRETpath6ffff/{z}/{x}/{y}.png', (u) => u.pathname.split('/')[2] ?? null],
    ['Planet basemaps', 'https://tiles{0-3}.planet.com/basemaps/v1/planet-tiles/m/gmap/{z}/{x}/{y}.png?api_key=SECRETplanet7gggg', (u) => u.searchParams.get('api_key')],
  ];
  const refused: [string, string, RegExp][] = [
    ['userinfo', 'https://analyst:SECRETuser8hhhh@tiles.example.com/{z}/{x}/{y}.png', /user name or password before the host \(…@tiles\.example\.com\)/],
    ['token as user', 'https://SECRETuser9iiii@tiles.example.com/{z}/{x}/{y}.png', /user name or password before the host/],
    ['#api_key=', 'https://tiles.example.com/{z}/{x}/{y}.png#api_key=SECRETfrag10jjjj', /key after "#"/],
    ['two keys', 'https://tiles.example.com/{z}/{x}/{y}.png?api_key=SECRETtwo11kkkk&token=SECRETtwo12llll', /2 different keys \(api_key=, token=\)/],
    ['invalid, userinfo', 'https://u:SECRETbad13mmmm@tiles.example.com/{z}/{x}.png', /user name or password/],
    ['invalid, X-Api-Key', 'https://tiles.example.com/{z}/{x}.png?X-Api-Key=SECRETbad14nnnn', /"https:\/\/tiles\.example\.com\/\{z\}\/\{x\}\.png\?X-Api-Key=…" must contain \{z\}, \{x\} and \{y\}/],
    ['invalid, not a URL', 'not a url ?subscription-key=SECRETbad15oooo&{z}{x}{y}', /is not a URL template/],
    ['invalid scheme', 'ftp://tiles.example.com/{z}/{x}/{y}.png?access_token=SECRETbad16pppp', /only http and https/],
    ['invalid, path key', 'https://tiles.example.com/key/SECRETbad17qqqq/{z}/{x}.png', /"https:\/\/tiles\.example\.com\/key\/…\/\{z\}\/\{x\}\.png" must contain/],
  ];
  const secrets = [...stripped.map(([, t]) => /SECRET\w+/.exec(t)![0]), ...refused.flatMap(([, t]) => t.match(/SECRET\w+/g)!)];

  it('strips each into the keystore, sends it where it was, and stores none in the project, an answer, a message or the log', async () => {
    for (const [form, template, keyIn] of stripped) {
      const secret = /SECRET\w+/.exec(template)![0];
      const scene = await ok<Scene>('scenes.addTemplate', { template, acquired: '2025-01-01T00:00:00Z' });
      expect({ form, template: scene.source.kind === 'xyz' && scene.source.template }).toEqual({ form, template: template.replace(secret, '{apiKey}') });
      const { urls, fetchTile } = fakeServers();
      await fetchTemplateTile(scene, 14, 14122, 6000, keys, undefined, fetchTile);
      expect({ form, key: keyIn(new URL(urls[0]!)) }).toEqual({ form, key: secret });
    }
    for (const [form, template, message] of refused) {
      const r = await call('scenes.addTemplate', { template, acquired: '2025-01-01T00:00:00Z' });
      expect({ form, ok: r.ok }).toEqual({ form, ok: false });
      expect({ form, message: !r.ok && r.error.message }).toEqual({ form, message: expect.stringMatching(message) });
    }
    await ok('scenes.list', {});
    expect(session.current!.scenes()).toHaveLength(stripped.length);

    const text = answers.join('\n') + logLines.join('\n');
    const bytes = projectBytes();
    for (const secret of secrets) {
      for (const form of [secret, secret.slice(0, 12), secret.slice(-8)]) {
        expect({ secret: form, inAnswers: text.includes(form), inProject: bytes.includes(Buffer.from(form)) }).toEqual({ secret: form, inAnswers: false, inProject: false });
      }
    }
  });
});

it('never sends the page a credential an older project stored in its template', async () => {
  const scene = await ok<Scene>('scenes.addTemplate', { template: 'https://atlas.example.com/{z}/{x}/{y}.png', acquired: '2025-01-01T00:00:00Z' });
  // As an older Quaywatch stored it: subscription-key= was not taken out then.
  craftTemplate(scene, 'https://atlas.example.com/{z}/{x}/{y}.png?subscription-key=OLDsecret42abcd');
  const listed = await ok<Scene[]>('scenes.list', {});
  expect(listed[0]!.source).toEqual({ kind: 'xyz', template: 'https://atlas.example.com/{z}/{x}/{y}.png?subscription-key=…' });
  expect(answers.join('\n')).not.toContain('OLDsecret');
});

it('a key saved before keys were kept per exact host is given anew by adding the same template again', async () => {
  const template = 'https://tiles{0-3}.planet.com/basemaps/v1/planet-tiles/m/gmap/{z}/{x}/{y}.png?api_key={apiKey}';
  const scene = await ok<Scene>('scenes.addTemplate', { template, acquired: '2025-01-01T00:00:00Z' });
  keys.set('tilesa.planet.com', PLANET_KEY); // where an older Quaywatch kept it: no such host
  const { urls, fetchTile } = fakeServers();
  await expect(fetchTemplateTile(scene, 14, 14120, 6000, keys, undefined, fetchTile)).rejects.toThrow(/No API key is saved for tiles0\.planet\.com: add the scene's tile URL again with its key/);
  const again = await call('scenes.addTemplate', { template, apiKey: PLANET_KEY, acquired: '2025-01-01T00:00:00Z' });
  expect(!again.ok && again.error.message).toMatch(/is already in this project .* The API key given with it was saved\./);
  await fetchTemplateTile(scene, 14, 14120, 6000, keys, undefined, fetchTile);
  expect(new URL(urls[0]!).searchParams.get('api_key')).toBe(PLANET_KEY);
  expect(answers.join('\n')).not.toContain(PLANET_KEY);
});
