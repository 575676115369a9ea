// The Method page: how every figure is derived, rendered from shared/analysis/METHOD.md so the app and the repository say the same.
import methodText from '../../../shared/analysis/METHOD.md?raw';
import { Markdown } from './markdown';

export function MethodPage() {
  return (
    <article className="an-method" data-testid="analysis-method">
      <Markdown source={methodText} />
      <h2>Reading the charts</h2>
      <ul>
        <li>
          <strong>Visits per month</strong>: beneath each count, the share of that month's days with a clear scene of the zone. A faint bar: under 10% of days seen; a
          count marked “?”: no clear scene at all that month, so zero means “could not see”, not “none came”.
        </li>
        <li>
          <strong>Visit timeline</strong>: solid from the first to the last sighting; faint where the arrival or departure lies (between the last clear scene without
          the vessel and its first sighting, and likewise after); a dashed band running to the edge is an end that was never observed (open). Click a visit to
          step through its scenes on the map.
        </li>
        <li>
          <strong>Containers</strong>: the line breaks where the zone was obscured or outside the scene: the count is unknown there, never zero. Hollow points are
          lower bounds (zone partly seen, or stacks without a count).
        </li>
        <li>
          <strong>Dwell</strong>: the share of visits still at the zone after a number of days (Turnbull estimate). Shaded spans are where the estimate can only say
          “somewhere in here”; a dashed tail is the share longer than every observed bound.
        </li>
        <li>
          <strong>Observation calendar</strong>: per zone, a row per month and a cell per UTC day, coloured and lettered by the best observation that day: O
          optical clear (examined), R radar (examined), P partly seen, U not examined yet, × obscured, empty: not imaged. Only O and R days are observed: they could
          show a ship was not there. Clicking a day opens its scene.
        </li>
        <li>
          <strong>Period comparison</strong>: the month against the mean of the months before it (dashed lines; none when no month before it had a clear
          scene, since that mean is unknown), with the share of days seen under each month and a warning wherever coverage alone could explain the change.
        </li>
      </ul>
    </article>
  );
}
