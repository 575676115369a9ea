// Finding a project's scenes and zones by the references analysts write in files and on the command line.
import type { Scene, Zone } from '../../../shared/domain';

/** A scene by its id or its provider item id; a string explains a miss or an ambiguity. */
export function sceneByRef(scenes: readonly Scene[], ref: string): Scene | string {
  const r = ref.trim();
  const byId = scenes.find((s) => s.id === r);
  if (byId) return byId;
  const byItem = scenes.filter((s) => s.itemId === r);
  if (byItem.length === 1) return byItem[0]!;
  if (byItem.length > 1) return `scene "${r}" matches ${byItem.length} scenes with that item id; use the scene id instead`;
  return `no scene "${r}" in this project (give a scene id or a provider item id)`;
}

/** A zone by its name (case-insensitive) or id; a string explains a miss or an ambiguity. */
export function zoneByRef(zones: readonly Zone[], ref: string): Zone | string {
  const r = ref.trim();
  const byId = zones.find((z) => z.id === r);
  if (byId) return byId;
  const byName = zones.filter((z) => z.name.toLowerCase() === r.toLowerCase());
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) return `zone "${r}" is the name of ${byName.length} zones (in different sites); use the zone id instead`;
  const known = zones.map((z) => z.name).join(', ');
  return `no zone "${r}" in this project${known ? ` (zones: ${known})` : ' (it has no zones yet: import them with `quaywatch zones import`)'}`;
}
