// Styles of everything drawn over the imagery: zones, sightings (points and boxes), ghosts.
// Sighting and ghost styles are shared per class/state/label: 10,000 marks of one class are drawn
// with one Style object, not 10,000 (OpenLayers also batches identical styles when it renders).
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { Observability, SightingClass } from '../../../shared/domain';

export const CLASS_COLOURS: Record<SightingClass, string> = {
  vessel: '#ff9f1c',
  container_stack: '#2ec4b6',
  aircraft: '#e71d36',
  vehicle: '#a78bfa',
  other: '#cbd5e1',
};

const label = (text: string, colour = '#e2e8f0') =>
  new Text({
    text,
    font: '600 12px system-ui, sans-serif',
    fill: new Fill({ color: colour }),
    stroke: new Stroke({ color: '#0f172a', width: 3 }),
    offsetY: -16,
    overflow: true,
  });

/** The outline just drawn while its name is asked for. */
export function pendingZoneStyle(): Style {
  return new Style({
    stroke: new Stroke({ color: '#fde047', width: 3, lineDash: [6, 4] }),
    fill: new Fill({ color: 'rgba(253,224,71,0.12)' }),
    text: label('New zone', '#fde047'),
  });
}

export function zoneStyle(name: string, obs: Observability, selected: boolean): Style {
  const blocked = obs === 'obscured' || obs === 'outside';
  return new Style({
    stroke: new Stroke({
      color: selected ? '#fde047' : blocked ? '#94a3b8' : '#38bdf8',
      width: selected ? 3 : 2,
      lineDash: blocked ? [4, 4] : [8, 4],
    }),
    fill: new Fill({ color: blocked ? 'rgba(148,163,184,0.25)' : 'rgba(56,189,248,0.06)' }),
    text: new Text({
      text: obs === 'clear' ? name : `${name} — ${obs}`,
      font: '600 12px system-ui, sans-serif',
      fill: new Fill({ color: '#e2e8f0' }),
      stroke: new Stroke({ color: '#0f172a', width: 3 }),
      overflow: true,
      // Below the zone's centre: a moored ship's mark (and its name above it) usually sits there.
      offsetY: 22,
    }),
  });
}

/** Shared styles by key; labels (vessel names, lengths) are few in practice, the bound is a safety net. */
const cache = new Map<string, Style>();
const MAX_CACHED = 20_000;
function cached(key: string, make: () => Style): Style {
  let style = cache.get(key);
  if (!style) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, (style = make()));
  }
  return style;
}

/** The style of a mark: shared by every mark of the same class, selection state and label. */
/**
 * A sighting of this scene. An unverified one (carried forward, not yet confirmed here) is drawn
 * dashed with a hollow centre and says so, so it never reads as a mark the analyst saw.
 */
export function sightingStyle(cls: SightingClass, selected: boolean, text: string, unverified = false): Style {
  return cached(`s|${cls}|${selected ? 1 : 0}|${text}|${unverified ? 1 : 0}`, () => makeSightingStyle(cls, selected, text, unverified));
}

function makeSightingStyle(cls: SightingClass, selected: boolean, text: string, unverified: boolean): Style {
  const colour = CLASS_COLOURS[cls] ?? '#fff';
  const dash = unverified ? [5, 3] : undefined;
  const shown = unverified ? (text ? `${text} · unconfirmed` : 'unconfirmed') : text;
  return new Style({
    image: new Circle({
      radius: selected ? 9 : 7,
      fill: new Fill({ color: unverified ? `${colour}55` : colour }),
      stroke: new Stroke({ color: selected ? '#fde047' : unverified ? colour : '#0f172a', width: selected ? 3 : 2, lineDash: dash }),
    }),
    stroke: new Stroke({ color: selected ? '#fde047' : colour, width: selected ? 3 : 2, lineDash: dash }),
    fill: new Fill({ color: selected ? 'rgba(253,224,71,0.18)' : unverified ? `${colour}14` : `${colour}33` }),
    text: shown ? label(shown, selected ? '#fde047' : '#e2e8f0') : undefined,
  });
}

/** A ghost is the previous scene's mark: hollow and dashed so it never reads as a mark of this scene. */
export function ghostStyle(cls: SightingClass, hovered: boolean, text: string): Style {
  // The label only shows on the hovered ghost, so the others share one style per class.
  return cached(`g|${cls}|${hovered ? 1 : 0}|${hovered ? text : ''}`, () => makeGhostStyle(cls, hovered, text));
}

function makeGhostStyle(cls: SightingClass, hovered: boolean, text: string): Style {
  const colour = CLASS_COLOURS[cls] ?? '#fff';
  const stroke = new Stroke({ color: hovered ? '#fde047' : `${colour}b0`, width: hovered ? 2.5 : 1.5, lineDash: [4, 3] });
  return new Style({
    image: new Circle({ radius: hovered ? 9 : 7, stroke, fill: new Fill({ color: hovered ? 'rgba(253,224,71,0.15)' : 'rgba(0,0,0,0)' }) }),
    stroke,
    fill: new Fill({ color: 'rgba(0,0,0,0)' }),
    text: hovered ? label(text ? `${text} — A to accept` : 'A to accept', '#fde047') : undefined,
  });
}
