// What the app and `quaywatch team unmatched` tell an analyst to import for the team's marks they cannot see:
// a provider item by its id, else a file by its full SHA-256, else that nobody has described the scene yet.
import { describe, expect, it } from 'vitest';
import { unmatchedSceneText } from './teamScope';

const base = { sceneKey: 'k1', sightings: 2, authors: ['Bob', 'Dora'] };
const scene = { provider: 'Planet', product: 'PSScene', acquired: '2025-01-22T02:00:00.000Z' };

describe('unmatchedSceneText', () => {
  it('names a provider item by its id, a file by its SHA-256, and an undescribed scene as such', () => {
    expect(unmatchedSceneText({ ...base, scene: { ...scene, itemId: '20250122_020000_12_2461', sha256: 'ab'.repeat(32) } })).toBe(
      "Planet item 20250122_020000_12_2461 (PSScene, taken 2025-01-22 02:00 UTC): 2 mark(s) by Bob, Dora on a scene you don't have",
    );
    expect(unmatchedSceneText({ ...base, scene: { ...scene, itemId: null, sha256: 'ab'.repeat(32) } })).toBe(
      `the file with SHA-256 ${'ab'.repeat(32)} (PSScene, taken 2025-01-22 02:00 UTC): 2 mark(s) by Bob, Dora on a scene you don't have`,
    );
    expect(unmatchedSceneText({ ...base, scene: null })).toMatch(/^team scene k1 \(no colleague has said yet which imagery it is\): 2 mark/);
  });
});
