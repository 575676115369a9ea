// The options of a zone filter: "any zone" first, then every zone by name (reports, analysis, review).
import type { Zone } from '../../../shared/domain';

export function ZoneOptions({ zones, anyLabel }: { zones: readonly Pick<Zone, 'id' | 'name'>[]; anyLabel: string }) {
  return (
    <>
      <option value="">{anyLabel}</option>
      {zones.map((z) => (
        <option key={z.id} value={z.id}>
          {z.name}
        </option>
      ))}
    </>
  );
}
